"""Swiss BFE EVSE status snapshots: events at their own update time, each holding until
the EVSE's next event and the last until the newest snapshot that listed it.

The small files here are worked by hand; the real Zurich files are checked against
plain Python over them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import connect
from tests.conftest import SHARED_DATA, CliRunnerCall

ZURICH = sorted((SHARED_DATA / "status").glob("ch_bfe_evse_status_snapshot_*_zurich.csv"))
HEADER = (
    "type,id,properties_EvseID,properties_EvseStatus,properties_lastUpdate,"
    "properties_ChargingStationId\n"
)
FIRST = (
    "Feature,E1,E1,Available,2024-03-22T01:00:00Z,S1\n"
    "Feature,E2,E2,OutOfService,2024-03-21T23:00:00Z,S1\n"
    "Feature,E3,E3,Occupied,,S2\n"
    "Feature,E4,E4,Available,2024-03-22T03:00:00Z,S2\n"
)
SECOND = (
    "Feature,E1,E1,Occupied,2024-03-22T05:00:00Z,S1\n"
    "Feature,E2,E2,OutOfService,2024-03-21T23:00:00Z,S1\n"
    "Feature,E3,E3,Available,2024-03-22T04:00:00Z,S2\n"
    "Feature,E4,E4,Available,2024-03-22T06:00:00Z,S2\n"
)
MARCH = 31 * 24 * 60
# By hand. The first file is taken at 03:00 (its newest lastUpdate), the second at 06:00.
# E1 available 01:00-05:00, in use 05:00-06:00. E2 out of service from 21 March 23:00 to
# 06:00, one outage, still open. E3 (no lastUpdate: at the first file's time) in use
# 03:00-04:00, available 04:00-06:00. E4 available 03:00-06:00 (two events, one run).
EXPECTED = {
    "E1": [("01:00", "05:00", "available"), ("05:00", "06:00", "in_use")],
    "E2": [("21 23:00", "06:00", "out_of_service")],
    "E3": [("03:00", "04:00", "in_use"), ("04:00", "06:00", "available")],
    "E4": [("03:00", "06:00", "available")],
}
UPTIME = {  # port: (observed, outage, outages)
    "E1": (300.0, 0.0, 0),
    "E2": (420.0, 420.0, 1),
    "E3": (180.0, 0.0, 0),
    "E4": (180.0, 0.0, 0),
}


def _at(text: str) -> str:
    day, clock = ("21", text[3:]) if text.startswith("21 ") else ("22", text)
    return f"2024-03-{day} {clock}:00+00"


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _load(settings: Settings, *paths: Path) -> None:
    with connect(settings) as conn:
        for path in paths:
            ingest_file(conn, Lake(settings.lake), str(path))


INTERVALS = (
    "select p.port_id, i.starts_at::text, i.ends_at::text, i.status "
    "from core.port_status_interval as i join core.port as p using (port_pk) order by 1, 2"
)


@pytest.mark.parametrize("order", ["in order", "newest first"])
def test_snapshot_events_give_the_intervals_and_uptime_worked_by_hand(
    make_settings: Callable[[], Settings], tmp_path: Path, order: str
) -> None:
    settings = make_settings()
    first = _write(tmp_path, "zurich_1.csv", FIRST)
    second = _write(tmp_path, "zurich_2.csv", SECOND)
    _load(settings, *([first, second] if order == "in order" else [second, first]))
    with connect(settings) as conn:
        intervals = conn.execute(INTERVALS).fetchall()
        uptime = conn.execute(
            "select port_id, observed_minutes::float8, outage_minutes::float8, outage_count, "
            "period_minutes::float8, uptime_nevi::float8 from reporting.port_uptime_month "
            "order by 1"
        ).fetchall()
        still_down = conn.execute(
            "select port_id, is_open from reporting.port_outage order by 1"
        ).fetchall()
    assert intervals == [
        (port, _at(start), _at(end), status)
        for port, spans in EXPECTED.items()
        for start, end, status in spans
    ]
    assert uptime == [
        (port, observed, outage, count, MARCH, pytest.approx((MARCH - outage) / MARCH))
        for port, (observed, outage, count) in UPTIME.items()
    ]
    assert still_down == [("E2", True)]


STATUS = {
    "Available": "available", "Occupied": "in_use", "Reserved": "reserved",
    "OutOfService": "out_of_service", "EvseNotFound": "not_in_service", "Unknown": "unknown",
}  # fmt: skip
SEVERITY = ["unknown", "available", "not_in_service", "reserved", "in_use", "offline",
            "out_of_service"]  # fmt: skip


def _zurich_minutes() -> dict[tuple[str, str], tuple[float, float]]:
    """(EVSE, month) → (observed, outage minutes), worked from the files in plain Python:
    each line an event at its lastUpdate (the snapshot's newest when empty), holding
    until the EVSE's next event, the last until the newest snapshot listing it."""
    events: dict[str, dict[datetime, str]] = {}
    seen: dict[str, datetime] = {}
    for path in ZURICH:
        with path.open(encoding="utf-8", newline="") as f:
            records = list(csv.DictReader(f))
        stamps = [r["properties_lastUpdate"] for r in records if r["properties_lastUpdate"]]
        taken = max(datetime.fromisoformat(t.replace("Z", "+00:00")) for t in stamps)
        for r in records:
            stamp = r["properties_lastUpdate"]
            at = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else taken
            evse, status = r["properties_EvseID"], STATUS[r["properties_EvseStatus"]]
            old = events.setdefault(evse, {}).get(min(at, taken))
            if old is None or SEVERITY.index(status) > SEVERITY.index(old):
                events[evse][min(at, taken)] = status
            seen[evse] = max(seen.get(evse, taken), taken)
    minutes: dict[tuple[str, str], list[float]] = {}
    for evse, by_time in events.items():
        times = sorted(by_time)
        for start, end in zip(times, [*times[1:], seen[evse]], strict=True):
            cursor = start
            while cursor < end:  # split at month boundaries (UTC)
                month_end = datetime(
                    cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1, tzinfo=cursor.tzinfo
                )
                stop = min(end, month_end)
                sums = minutes.setdefault((evse, f"{cursor:%Y-%m}"), [0.0, 0.0])
                length = (stop - cursor).total_seconds() / 60
                sums[0] += length
                sums[1] += length if by_time[start] in ("out_of_service", "offline") else 0
                cursor = stop
    return {key: (observed, outage) for key, (observed, outage) in minutes.items() if observed}


def test_the_real_zurich_snapshots_give_the_minutes_worked_out_from_the_files(
    settings: Settings,
) -> None:
    _load(settings, *ZURICH)
    with connect(settings) as conn:
        rows = conn.execute(
            "select port_id, month, observed_minutes::float8, outage_minutes::float8 "
            "from reporting.port_uptime_month where source = 'bfe'"
        ).fetchall()
    found = {(port, month): (observed, outage) for port, month, observed, outage in rows}
    expected = _zurich_minutes()
    assert found.keys() == expected.keys()
    for key, (observed, outage) in expected.items():
        assert found[key] == (pytest.approx(observed), pytest.approx(outage)), key


def test_the_specification_csvs_carry_the_hand_worked_uptime_and_outage(
    settings: Settings, invoke: CliRunnerCall, tmp_path: Path
) -> None:
    _load(settings, _write(tmp_path, "z1.csv", FIRST), _write(tmp_path, "z2.csv", SECOND))
    uptime = invoke("export", "uptime", "--quarter", "2024Q1")
    assert uptime.exit_code == 0, uptime.output
    rows = list(csv.DictReader(uptime.stdout.splitlines()))
    assert [(r["port_id"], r["uptime_pct"], r["outage_total"]) for r in rows] == [
        ("E1", "100.0", "0.0"),
        ("E2", str(round((MARCH - 420) / MARCH * 100, 2)), "420.0"),
        ("E3", "100.0", "0.0"),
        ("E4", "100.0", "0.0"),
    ]
    assert {
        (r["report_yr_mon"], r["uptime_period_start"], r["uptime_period_end"]) for r in rows
    } == {("202403", "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z")}
    exclusions = tmp_path / "x.csv"
    exclusions.write_text(
        "station_id,port_id,start,end,reason\nS1,E2,2024-03-21T22:00Z,2024-03-23T00:00Z,Vandalism\n",
        encoding="utf-8",
    )
    assert invoke("exclusions", "import", str(exclusions)).exit_code == 0
    outages = invoke("export", "outages", "--quarter", "2024Q1")
    assert outages.stdout == (
        "outage_id,port_id,station_id,outage_start,outage_end,outage_duration,outage_cause,"
        "exempted_outage\n"
        "bfe:E2:2024-03-21T23:00:00Z,E2,S1,2024-03-21T23:00:00Z,,420.0,Vandalism,true\n"
    )
    bad = invoke("export", "uptime", "--quarter", "2024Q5")
    assert bad.exit_code == 2
    assert "Invalid value for '--quarter': '2024Q5' is not a quarter YYYYQn, e.g. 2024Q1" in (
        bad.stderr
    )


def test_trailing_twelve_months_sum_the_months_before_the_ratio(
    settings: Settings, tmp_path: Path
) -> None:
    # E9 is out of service from 28 February 2024 to the snapshot's time, 2 March:
    # two days of February (29 days) and one of March.
    _load(
        settings,
        _write(
            tmp_path,
            "leap.csv",
            "Feature,E9,E9,OutOfService,2024-02-28T00:00:00Z,S9\n"
            "Feature,E8,E8,Available,2024-03-02T00:00:00Z,S9\n",
        ),
    )
    february, march = 29 * 1440, 31 * 1440
    with connect(settings) as conn:
        rows = conn.execute(
            "select month, outage_minutes::float8, uptime_nevi::float8, uptime_nevi_12m::float8 "
            "from reporting.port_uptime_month where port_id = 'E9' order by month"
        ).fetchall()
    assert rows == [
        (
            "2024-02",
            2880.0,
            pytest.approx((february - 2880) / february),
            pytest.approx((february - 2880) / february),
        ),
        (
            "2024-03",
            1440.0,
            pytest.approx((march - 1440) / march),
            pytest.approx((february + march - 4320) / (february + march)),
        ),
    ]


def test_a_status_load_newer_than_every_registry_snapshot_leaves_the_station_kpis_alone(
    settings: Settings, invoke: CliRunnerCall, tmp_path: Path
) -> None:
    sample = Path(__file__).resolve().parents[1] / "src" / "chargewatch" / "samples"
    _load(settings, sample / "afdc_sample.csv")
    before = invoke("kpi", "--trend", "--format", "json").stdout
    _load(
        settings, _write(tmp_path, "later.csv", "Feature,E1,E1,Available,2026-01-01T00:00:00Z,S1\n")
    )
    assert invoke("kpi", "--trend", "--format", "json").stdout == before
    with connect(settings) as conn:
        models = conn.execute("select source, model from reporting.load order by 1").fetchall()
    assert models == [("afdc", "stations"), ("bfe", "port_status")]
