"""Station history on a hand-made series of five snapshots whose answers are worked out here.

Eight stations, one a month from 2024-01-01 to 2024-05-01 (2024 is a leap
year: February has 29 days):

- A (Net1): operational throughout; its 4 DC fast ports become 2 on 04-01.
- B (Net1): down 02-01, back 04-01: an outage of 60 days, restored.
- C (Net1): down from 02-01 with Expected Date 01-20 (a go-down date, not later
  than the snapshot), never back: open, 102 days to 05-01.
- D (Net2): down 02-01 with Expected Date 06-30 (a reopening date: the start is
  the snapshot), gone from 03-01 (a file covering WA), back 04-01: an outage
  of 29 days that ended by removal, then a reappearance.
- E (Net2): first listed 03-01.
- F (Net2): moves from WA to OR on 03-01; later files cover WA only, so it stays.
- G (Net2): renamed 02-01; gone from 05-01.
- H (Net2): down in the first snapshot, back 02-01: 31 days, restored.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import connect
from tests.conftest import CliRunnerCall

S1, S2, S3, S4, S5 = "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"
HEADER = [
    "Fuel Type Code", "Station Name", "Street Address", "City", "State", "ZIP", "Status Code",
    "Expected Date", "Groups With Access Code", "Access Days Time", "EV Level1 EVSE Num",
    "EV Level2 EVSE Num", "EV DC Fast Count", "EV Network", "Latitude", "Longitude",
    "Date Last Confirmed", "ID", "Updated At", "Owner Type Code", "Access Code",
    "EV Connector Types", "Facility Type",
]  # fmt: skip

# ID → name, network, latitude, Date Last Confirmed (same in every snapshot)
STATIONS = {
    "A": ("101", "Alpha", "Net1", "47.60", "2023-01-01"),  # 486 days before 05-01: stale
    "B": ("102", "Bravo", "Net1", "47.61", "2024-04-01"),
    "C": ("103", "Charlie", "Net1", "47.62", ""),  # never confirmed: stale
    "D": ("104", "Delta", "Net2", "47.63", "2024-03-15"),
    "E": ("105", "Echo", "Net2", "47.64", "2023-05-02"),  # exactly 365 days: fresh
    "F": ("106", "Foxtrot", "Net2", "47.65", "2024-01-15"),
    "G": ("107", "Golf", "Net2", "47.66", "2024-01-15"),
    "H": ("108", "Hotel", "Net2", "47.67", "2022-12-31"),  # 487 days: stale
}

# Snapshot date → station → its changes from an operational WA station.
SERIES: dict[str, dict[str, dict[str, str]]] = {
    S1: {"A": {"EV DC Fast Count": "4"}, "B": {}, "C": {}, "D": {}, "F": {}, "G": {},
         "H": {"Status Code": "T"}},
    S2: {"A": {"EV DC Fast Count": "4"}, "B": {"Status Code": "T"},
         "C": {"Status Code": "T", "Expected Date": "2024-01-20"},
         "D": {"Status Code": "T", "Expected Date": "2024-06-30"}, "F": {},
         "G": {"Station Name": "Golf Course"}, "H": {}},
    S3: {"A": {"EV DC Fast Count": "4"}, "B": {"Status Code": "T"},
         "C": {"Status Code": "T", "Expected Date": "2024-01-20"}, "E": {},
         "F": {"State": "OR", "City": "Portland", "Latitude": "45.52", "ZIP": "97201"},
         "G": {"Station Name": "Golf Course"}, "H": {}},
    S4: {"A": {"EV DC Fast Count": "2"}, "B": {},
         "C": {"Status Code": "T", "Expected Date": "2024-01-20"}, "D": {}, "E": {},
         "G": {"Station Name": "Golf Course"}, "H": {}},
    S5: {"A": {"EV DC Fast Count": "2"}, "B": {},
         "C": {"Status Code": "T", "Expected Date": "2024-01-20"}, "D": {}, "E": {}, "H": {}},
}  # fmt: skip

HISTORY = (
    "select f.file_name, h.source_station_id, h.valid_from::text, h.valid_to::text, h.ended_by, "
    "h.name, h.state, h.status, h.dc_fast_port_count, h.expected_date::text, "
    "h.date_last_confirmed::text, l.file_name, h.source_line_number "
    "from core.station_history as h "
    "join core.load as f on f.load_id = h.first_load_id "
    "join core.load as l on l.load_id = h.last_load_id "
    "order by h.source_station_id, h.valid_from"
)


def _row(station: str, changes: dict[str, str]) -> dict[str, str]:
    station_id, name, network, latitude, confirmed = STATIONS[station]
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "Fuel Type Code": "ELEC", "ID": station_id, "Station Name": name,
            "Street Address": f"{station_id} Pine St", "City": "Seattle", "State": "WA",
            "ZIP": "98101", "Status Code": "E", "Groups With Access Code": "Public",
            "Access Code": "public", "Access Days Time": "24 hours daily",
            "EV Level2 EVSE Num": "2", "EV Network": network, "Latitude": latitude,
            "Longitude": "-122.30", "Date Last Confirmed": confirmed, "Owner Type Code": "P",
            "EV Connector Types": "J1772",
        }
    )  # fmt: skip
    row.update(changes)
    return row


@pytest.fixture
def series(tmp_path: Path) -> dict[str, Path]:
    """The five snapshot files by date."""
    paths = {}
    for as_of, stations in SERIES.items():
        path = tmp_path / f"afdc_{as_of}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, HEADER)
            writer.writeheader()
            writer.writerows(_row(s, changes) for s, changes in stations.items())
        paths[as_of] = path
    return paths


def _ingest(invoke: CliRunnerCall, series: dict[str, Path], *dates: str) -> None:
    for as_of in dates:
        result = invoke("ingest", str(series[as_of]), "--as-of", as_of)
        assert result.exit_code == 0, result.output


def _json(invoke: CliRunnerCall, *args: str) -> Any:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _history(settings: Settings) -> list[tuple[object, ...]]:
    with connect(settings) as conn:
        return conn.execute(HISTORY).fetchall()


@pytest.fixture
def loaded(invoke: CliRunnerCall, series: dict[str, Path]) -> CliRunnerCall:
    _ingest(invoke, series, S1, S2, S3, S4, S5)
    return invoke


def test_versions_follow_the_series(loaded: CliRunnerCall) -> None:
    versions = [(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in _history(loaded.settings)]
    t = "temporarily_unavailable"
    assert versions == [
        ("101", S1, S4, "changed", "Alpha", "WA", "operational"),
        ("101", S4, None, None, "Alpha", "WA", "operational"),
        ("102", S1, S2, "changed", "Bravo", "WA", "operational"),
        ("102", S2, S4, "changed", "Bravo", "WA", t),
        ("102", S4, None, None, "Bravo", "WA", "operational"),
        ("103", S1, S2, "changed", "Charlie", "WA", "operational"),
        ("103", S2, None, None, "Charlie", "WA", t),
        ("104", S1, S2, "changed", "Delta", "WA", "operational"),
        ("104", S2, S3, "removed", "Delta", "WA", t),
        ("104", S4, None, None, "Delta", "WA", "operational"),
        ("105", S3, None, None, "Echo", "WA", "operational"),
        ("106", S1, S3, "changed", "Foxtrot", "WA", "operational"),
        ("106", S3, None, None, "Foxtrot", "OR", "operational"),
        ("107", S1, S2, "changed", "Golf", "WA", "operational"),
        ("107", S2, S5, "removed", "Golf Course", "WA", "operational"),
        ("108", S1, S2, "changed", "Hotel", "WA", t),
        ("108", S2, None, None, "Hotel", "WA", "operational"),
    ]


def test_each_snapshot_reports_what_it_added_changed_and_removed(loaded: CliRunnerCall) -> None:
    loads = sorted(_json(loaded, "loads"), key=lambda load: load["as_of"])
    counts = [
        (
            load["as_of"],
            load["stations_added"],
            load["stations_reappeared"],
            load["stations_changed"],
            load["stations_removed"],
        )
        for load in loads
    ]
    assert counts == [
        (S1, 7, 0, 0, 0),
        (S2, 0, 0, 5, 0),  # B, C, D and H changed status; G its name
        (S3, 1, 0, 1, 1),  # E new; F moved to OR; D missing from a file covering WA
        (S4, 0, 1, 2, 0),  # D back; A lost ports, B is back up
        (S5, 0, 0, 0, 1),  # G missing
    ]


def test_outages_and_time_to_restore(loaded: CliRunnerCall) -> None:
    report = _json(loaded, "reliability", "--by", "network")
    assert report["as_of"] == S5
    assert report["outages"] == {
        "outages": 4,
        "open": 1,
        "restored": 2,
        "removed": 1,
        "mean_days_to_restore": 45.5,  # (60 + 31) / 2
        "longest_open_days": 102,
    }
    assert report["outages_by"] == [
        {"network": "Net1", "outages": 2, "open": 1, "restored": 1, "removed": 0,
         "mean_days_to_restore": 60.0, "longest_open_days": 102},
        {"network": "Net2", "outages": 2, "open": 0, "restored": 1, "removed": 1,
         "mean_days_to_restore": 31.0, "longest_open_days": None},
    ]  # fmt: skip
    assert report["currently_down"] == {
        "stations": 1,
        "top": [
            {
                "station_id": "103",
                "station_name": "Charlie",
                "network": "Net1",
                "state": "WA",
                "started_on": "2024-01-20",
                "start_basis": "expected_date",
                "days": 102,
                "last_listed_on": S5,  # the newest file lists C down (2024-01-20 + 102 days)
            }
        ],
    }


def test_outage_episodes_in_the_reporting_view(loaded: CliRunnerCall) -> None:
    with connect(loaded.settings) as conn:
        rows = conn.execute(
            "select station_id, started_on::text, start_basis, first_listed_down::text, "
            "ended_on::text, ended_as, is_open, days from reporting.outage order by station_id"
        ).fetchall()
    assert rows == [
        ("102", S2, "snapshot", S2, S4, "operational", False, 60),
        ("103", "2024-01-20", "expected_date", S2, None, None, True, 102),
        ("104", S2, "snapshot", S2, S3, "removed", False, 29),
        ("108", S1, "snapshot", S1, S2, "operational", False, 31),
    ]


def test_min_days_leaves_out_shorter_outages(loaded: CliRunnerCall) -> None:
    report = _json(loaded, "reliability", "--min-days", "40")
    assert report["outages"] == {
        "outages": 2,
        "open": 1,
        "restored": 1,
        "removed": 0,
        "mean_days_to_restore": 60.0,
        "longest_open_days": 102,
    }


def test_operational_rate_trend(loaded: CliRunnerCall) -> None:
    trend = _json(loaded, "reliability")["operational_rate_trend"]
    assert [(t["as_of"], t["operational"], t["temporarily_unavailable"]) for t in trend] == [
        (S1, 6, 1),
        (S2, 4, 3),
        (S3, 5, 2),
        (S4, 7, 1),  # F still counts: the WA-only file says nothing about OR
        (S5, 6, 1),
    ]
    assert trend[3]["operational_rate"] == 7 / 8


def test_capacity_loss(loaded: CliRunnerCall) -> None:
    loss = _json(loaded, "reliability")["capacity_loss"]
    assert loss == {
        "stations": 1,
        "ports_lost": 2,
        "top": [
            {
                "station_id": "101",
                "station_name": "Alpha",
                "network": "Net1",
                "state": "WA",
                "as_of": S4,
                "level1_before": 0,
                "level1_after": 0,
                "level2_before": 2,
                "level2_after": 2,
                "dc_fast_before": 4,
                "dc_fast_after": 2,
                "ports_lost": 2,
            }
        ],
    }


def test_reliability_table(loaded: CliRunnerCall) -> None:
    result = loaded("reliability", "--by", "network")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Outages up to 2024-05-01: 4 (1 open, 2 restored, 1 ended by removal); "
        "mean time to restore 45.5 days"
    )
    assert "Down now: 1 stations, longest first" in lines
    assert "Capacity loss: 1 stations lost 2 ports" in lines
    assert any(line.split() == ["│", "Net2", "│", "2", "│", "0", "│", "1", "│", "1", "│",
                                "31", "│", "—", "│"] for line in lines)  # fmt: skip


def test_kpis_as_of_a_date_and_as_a_trend(loaded: CliRunnerCall) -> None:
    as_of_s3 = _json(loaded, "kpi", "--as-of", "2024-03-15")
    assert as_of_s3["as_of"] == S3
    assert as_of_s3["counts"]["stations"] == 7
    assert as_of_s3["counts"]["dc_fast"] == 1
    by_state = _json(loaded, "kpi", "--by", "state")
    assert [(g["state"], g["counts"]["stations"]) for g in by_state["groups"]] == [
        ("WA", 6),
        ("OR", 1),
    ]
    trend = _json(loaded, "kpi", "--trend")["trend"]
    assert [(t["as_of"], t["counts"]["existing"]) for t in trend] == [
        (S1, 7),
        (S2, 7),
        (S3, 7),
        (S4, 8),
        (S5, 7),
    ]
    assert trend[1]["kpis"]["station_operational_rate"] == 4 / 7


def test_kpi_as_of_before_the_first_snapshot_is_an_error(loaded: CliRunnerCall) -> None:
    result = loaded("kpi", "--as-of", "2023-12-31")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no snapshot on or before 2023-12-31: the oldest loaded snapshot is of 2024-01-01\n"
    )
    both = loaded("kpi", "--trend", "--as-of", S2)
    assert both.exit_code == 2
    assert "--trend and --as-of do not go together" in both.stderr


def test_staleness_of_the_newest_snapshot(loaded: CliRunnerCall) -> None:
    staleness = _json(loaded, "quality")["staleness"]
    # Existing in the 05-01 file: A, B, C, D, E, H; stale: A, C (never), H.
    assert staleness == {"existing": 6, "stale": 3, "never_confirmed": 1, "stale_share": 0.5}


@pytest.mark.parametrize(
    "order",
    [(S3, S5, S1, S4, S2), (S5, S4, S3, S2, S1), (S2, S1, S4, S3, S5)],
)
def test_any_load_order_and_repeats_give_the_same_history(
    make_settings: Callable[[], Settings],
    series: dict[str, Path],
    order: tuple[str, ...],
) -> None:
    in_order, shuffled = CliRunnerCall(make_settings()), CliRunnerCall(make_settings())
    _ingest(in_order, series, S1, S2, S3, S4, S5)
    _ingest(shuffled, series, *order, order[0], S3)
    assert _history(shuffled.settings) == _history(in_order.settings)
    for command in (("reliability", "--by", "state"), ("kpi", "--trend", "--by", "network")):
        assert _json(shuffled, *command) == _json(in_order, *command)


def test_status_changes_in_the_reporting_view(loaded: CliRunnerCall) -> None:
    with connect(loaded.settings) as conn:
        rows = conn.execute(
            "select as_of_date::text, station_id, from_status, to_status "
            "from reporting.status_change where as_of_date > %s order by 1, 2",
            (S1,),
        ).fetchall()
    t = "temporarily_unavailable"
    assert rows == [
        (S2, "102", "operational", t),
        (S2, "103", "operational", t),
        (S2, "104", "operational", t),
        (S2, "108", t, "operational"),
        (S3, "104", t, "removed"),
        (S3, "105", None, "operational"),
        (S4, "102", t, "operational"),
        (S4, "104", None, "operational"),
        (S5, "107", "operational", "removed"),
    ]


def test_rebuild_history_restores_what_the_loads_built(loaded: CliRunnerCall) -> None:
    built = _history(loaded.settings)
    with connect(loaded.settings) as conn:  # as a warehouse from before history had it
        conn.execute("delete from core.station_version")
        conn.execute("update core.station set valid_from = as_of_date")
    assert _history(loaded.settings) != built
    result = loaded("db", "rebuild-history")
    assert result.exit_code == 0, result.output
    assert result.stdout == "afdc: history rebuilt from 5 snapshots\n"
    assert _history(loaded.settings) == built
    assert _json(loaded, "reliability")["outages"]["outages"] == 4


def test_rebuild_history_twice_of_a_source_with_one_load(invoke: CliRunnerCall) -> None:
    """Its one snapshot builds a partition named after its load, as the one it replaces
    was: the rebuild must not meet a table of that name."""
    from tests.test_ocm import SAMPLE

    assert invoke("ingest", "-q", str(SAMPLE)).exit_code == 0
    for _ in range(2):
        result = invoke("db", "rebuild-history")
        assert (result.exit_code, result.stdout) == (0, "ocm: history rebuilt from 1 snapshots\n")
    assert invoke("kpi", "--format", "json").exit_code == 0


def test_rebuild_history_of_an_empty_warehouse(invoke: CliRunnerCall) -> None:
    result = invoke("db", "rebuild-history")
    assert (result.exit_code, result.stdout) == (0, "No loads yet; nothing to rebuild.\n")


@pytest.mark.parametrize("command", [("reliability",), ("kpi", "--trend"), ("loads",)])
def test_reports_over_snapshots_say_how_to_start_when_nothing_is_loaded(
    invoke: CliRunnerCall, command: tuple[str, ...]
) -> None:
    result = invoke(*command)
    assert (result.exit_code, result.stdout) == (
        0,
        "No loads yet. Load a file with: chargewatch ingest FILE\n",
    )


def test_an_older_snapshot_with_a_bad_value_is_checked_and_fits_in(
    make_settings: Callable[[], Settings], series: dict[str, Path]
) -> None:
    """The bad value fails the rebuild, which rolls back; the record is quarantined
    and the rebuild runs again, as an in-order load would."""
    text = series[S2].read_text(encoding="utf-8")
    series[S2].write_text(text.replace("2024-01-20", "2024-01-32"), encoding="utf-8")
    in_order, late = CliRunnerCall(make_settings()), CliRunnerCall(make_settings())
    _ingest(in_order, series, S1, S2, S3)
    _ingest(late, series, S1, S3, S2)
    assert _history(late.settings) == _history(in_order.settings)
    loads = {load["as_of"]: load for load in _json(late, "loads")}
    assert (loads[S2]["rows_quarantined"], loads[S2]["rows_loaded"]) == (1, 6)
    with connect(late.settings) as conn:
        charlie = conn.execute(
            "select valid_from::text, valid_to::text, ended_by, status from core.station_history "
            "where source_station_id = '103' order by valid_from"
        ).fetchall()
    # C's 02-01 record is set aside: not a removal, no news; C is first seen down on 03-01.
    assert charlie == [
        (S1, S3, "changed", "operational"),
        (S3, None, None, "temporarily_unavailable"),
    ]
