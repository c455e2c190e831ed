"""Charging sessions (``chargewatch sessions``): the real EV-ChART sample against a
plain-Python pass over the file, and hand-made lines whose quarantine reasons and
flags are worked out below."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chargewatch.warehouse.connect import Connection
from tests.conftest import SHARED_DATA, CliRunnerCall

EVCHART = SHARED_DATA / "sessions" / "evchart_sessions_Se_01_2024_HEAD84ROWS.csv"
HEADER = (
    "session_id,charger_id,port_id,provider_id,session_start,session_end,session_error,energy_kwh"
)
FIELDS = ("sessions", "energy_kwh", "successful", "success_rate", "plugged_minutes",
          "charging_minutes")  # fmt: skip
UTILIZATION = ("days", "available_minutes", "sessions_per_day", "energy_kwh_per_day",
               "occupied_utilization", "charging_utilization", "idle_utilization",
               "capacity_factor")  # fmt: skip


def _plain_python(path: Path, min_kwh: float = 1.0) -> dict[str, dict[str, Any]]:
    """Sessions, kWh, successes and plugged minutes per charger and overall."""
    sums: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"sessions": 0, "energy_kwh": 0.0, "successful": 0, "plugged_minutes": 0.0}
    )
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            start = datetime.fromisoformat(row["session_start"])
            end = datetime.fromisoformat(row["session_end"])
            energy = float(row["energy_kwh"])
            for key in ("all", row["station_id"] or row["charger_id"]):
                s = sums[key]
                s["sessions"] += 1
                s["energy_kwh"] += energy
                s["successful"] += energy >= min_kwh and not row["session_error"]
                s["plugged_minutes"] += (end - start).total_seconds() / 60
    return sums


def test_the_evchart_sample_sums_as_a_plain_python_pass(invoke: CliRunnerCall) -> None:
    result = invoke("ingest", str(EVCHART))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  84 rows read: 84 loaded, 0 skipped (not sessions), 0 quarantined"
    )
    report = json.loads(invoke("sessions", "--format", "json").stdout)
    expected = _plain_python(EVCHART)
    assert report["by"] == "station" and report["min_kwh"] == 1.0
    assert set(report["totals"]) == set(FIELDS) | set(UTILIZATION)
    for key, got in [("all", report["totals"]), *((g["station"], g) for g in report["groups"])]:
        want = expected[key]
        assert got["sessions"] == want["sessions"], key
        assert abs(got["energy_kwh"] - want["energy_kwh"]) < 0.001, key
        assert got["successful"] == want["successful"], key
        assert got["success_rate"] == round(want["successful"] / want["sessions"], 4)
        assert abs(got["plugged_minutes"] - want["plugged_minutes"]) < 0.001, key
        assert got["charging_minutes"] is None  # EV-ChART gives no charging time
    assert len(report["groups"]) == len(expected) - 1
    looser = json.loads(invoke("sessions", "--min-kwh", "0", "--format", "json").stdout)
    assert looser["totals"]["successful"] == 84


def _write(path: Path, lines: list[str]) -> str:
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_impossible_lines_are_quarantined_and_warnings_flagged(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Lines 2-10: a good session; one ending before it starts; one ending as it
    starts; negative energy; a start that is no time; no ID; an end in the future;
    a 40-second session (flagged UNDER_1_MINUTE and UNDER_0_5_KWH, kept); a session ID
    that line 11 repeats (the later line is loaded); line 11 that one, with 300 kWh
    (flagged OVER_250_KWH)."""
    path = _write(tmp_path / "hand.csv", [
        "s1,c1,p1,Net,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,,20",
        "s2,c1,p1,Net,2024-01-01T12:00:00Z,2024-01-01T11:00:00Z,,5",
        "s3,c1,p1,Net,2024-01-01T12:00:00Z,2024-01-01T12:00:00Z,,5",
        "s4,c1,p1,Net,2024-01-01T13:00:00Z,2024-01-01T14:00:00Z,,-3",
        "s5,c1,p1,Net,yesterday,2024-01-01T14:00:00Z,,3",
        ",c1,p1,Net,2024-01-01T15:00:00Z,2024-01-01T16:00:00Z,,3",
        "s7,c1,p1,Net,2024-01-01T15:00:00Z,2999-01-01T16:00:00Z,,3",
        "s8,c2,p9,Net,2024-01-02T08:00:00Z,2024-01-02T08:00:40Z,,0.2",
        "s9,c2,p9,Net,2024-01-02T09:00:00Z,2024-01-02T10:00:00Z,E1,4",
        "s9,c2,p9,Net,2024-01-02T09:00:00Z,2024-01-02T12:00:00Z,,300",
        "s9,c2,p9,Net,2024-01-02T09:00:00Z,2024-01-02T08:00:00Z,,9",
    ])  # fmt: skip
    result = invoke("ingest", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  11 rows read: 3 loaded, 0 skipped (not sessions), 8 quarantined"
    )
    reasons = conn.execute(
        "select line_number, column_name, value, reason_code from core.quarantine "
        "order by line_number"
    ).fetchall()
    assert reasons == [
        (3, "session_end", "2024-01-01T11:00:00Z", "END_BEFORE_START"),
        (4, "session_end", "2024-01-01T12:00:00Z", "ZERO_DURATION"),
        (5, "energy_kwh", "-3", "NEGATIVE_ENERGY"),
        (6, "session_start", "yesterday", "BAD_TIME"),
        (7, "session_id", "", "MISSING_SESSION_ID"),
        (8, "session_end", "2999-01-01T16:00:00Z", "FUTURE_TIME"),
        (10, "session_id", "s9", "DUPLICATE_SESSION_ID"),
        (12, "session_end", "2024-01-02T08:00:00Z", "END_BEFORE_START"),
    ]
    kept = conn.execute(
        "select session_id, energy_kwh, flags, plugged_minutes from reporting.session "
        "order by session_id"
    ).fetchall()
    assert kept == [
        ("s1", 20.0, "", 60.0),
        ("s8", 0.2, "UNDER_1_MINUTE UNDER_0_5_KWH", round(40 / 60, 3)),
        ("s9", 300.0, "OVER_250_KWH", 180.0),
    ]
    assert result.stdout.splitlines()[2] == (
        "  hand.csv line 3, column \"session_end\": '2024-01-01T11:00:00Z' is before the "
        "session's start (quarantined as END_BEFORE_START)"
    )
    quality = invoke("quality").stdout.splitlines()
    assert quality[2] == (
        "  sessions: 3 from 2024-01-01T10:00:00+00:00 to 2024-01-02T12:00:00+00:00; "
        "2 flagged by the specification's warnings (chargewatch sessions)"
    )


def test_a_session_loaded_again_is_one_session_with_the_last_loaded_values(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    first = _write(tmp_path / "jan.csv", [
        "s1,c1,p1,Net,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,,20",
        "s2,c1,p1,Net,2024-01-02T10:00:00Z,2024-01-02T11:00:00Z,,10",
    ])  # fmt: skip
    second = _write(tmp_path / "jan_revised.csv", [
        "s2,c1,p1,Net,2024-01-02T10:00:00Z,2024-01-02T11:30:00Z,,12",
        "s3,c2,p1,Net,2024-01-03T10:00:00Z,2024-01-03T11:00:00Z,E7,0.3",
    ])  # fmt: skip
    for path in (first, second):
        assert invoke("ingest", "-q", path).exit_code == 0
    rows = conn.execute(
        "select session_id, energy_kwh, plugged_minutes from reporting.session order by 1"
    ).fetchall()
    assert rows == [("s1", 20.0, 60.0), ("s2", 12.0, 90.0), ("s3", 0.3, 60.0)]
    report = json.loads(invoke("sessions", "--by", "network", "--format", "json").stdout)
    assert [{k: g[k] for k in ("network", *FIELDS)} for g in report["groups"]] == [
        {"network": "Net", "sessions": 3, "energy_kwh": 32.3, "successful": 2,
         "success_rate": 0.6667, "plugged_minutes": 210.0, "charging_minutes": None}
    ]  # fmt: skip


def test_sessions_without_any_say_how_to_start(invoke: CliRunnerCall) -> None:
    result = invoke("sessions")
    assert (result.exit_code, result.stdout) == (
        0, "No session file loaded yet. Load one with: chargewatch ingest FILE\n"
    )  # fmt: skip
    as_json = invoke("sessions", "--format", "json")
    assert json.loads(as_json.stdout)["totals"]["sessions"] == 0


PALO_ALTO = (
    SHARED_DATA / "sessions" / "sessions_paloalto_chargepoint_2011-07_to_2013-03_first10k.csv"
)


def _minutes(text: str) -> float:
    hours, minutes, seconds = (int(part) for part in text.split(":"))
    return hours * 60 + minutes + seconds / 60


def test_the_palo_alto_sessions_sum_as_a_plain_python_pass(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    """Times are local with their zone's abbreviation; a session lasts its Total
    Duration and charged for its Charging Time; a session is MAC address + event ID."""
    result = invoke("ingest", str(PALO_ALTO))
    assert result.exit_code == 0, result.output
    with PALO_ALTO.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert result.stdout.splitlines()[1] == (
        f"  {len(rows)} rows read: {len(rows)} loaded, 0 skipped (not sessions), 0 quarantined"
    )
    report = json.loads(invoke("sessions", "--by", "station", "--format", "json").stdout)
    totals = report["totals"]
    assert totals["sessions"] == len({(r["MAC Address"], r["Plug In Event Id"]) for r in rows})
    assert abs(totals["energy_kwh"] - sum(float(r["Energy (kWh)"]) for r in rows)) < 0.01
    assert totals["successful"] == sum(float(r["Energy (kWh)"]) >= 1 for r in rows)
    plugged = sum(_minutes(r["Total Duration (hh:mm:ss)"]) for r in rows)
    charging = sum(_minutes(r["Charging Time (hh:mm:ss)"]) for r in rows)
    assert abs(totals["plugged_minutes"] - plugged) < 0.5
    assert abs(totals["charging_minutes"] - charging) < 0.5
    by_station: dict[str, int] = defaultdict(int)
    for r in rows:
        by_station[r["Station Name"]] += 1
    assert {g["station"]: g["sessions"] for g in report["groups"]} == by_station
    # The first line: 7/29/2011 20:17 PDT for 3:03:32, user 3284 (kept only hashed).
    first = conn.execute(
        "select plug_in_at::text, plug_out_at::text, time_zone, user_hash "
        "from reporting.session where session_id = '000D:6F00:015A:9D76/3'"
    ).fetchone()
    assert first == (
        "2011-07-30 03:17:00+00", "2011-07-30 06:20:32+00", "America/Los_Angeles",
        hashlib.sha256(b"3284").hexdigest(),
    )  # fmt: skip
    winter = next(r for r in rows if r["Start Time Zone"] == "PST")
    session = f"{winter['MAC Address']}/{winter['Plug In Event Id']}"
    start = datetime.strptime(winter["Start Date"], "%m/%d/%Y %H:%M")
    (hours,) = conn.execute(
        "select extract(hour from plug_in_at at time zone 'UTC') from reporting.session "
        "where session_id = %s",
        (session,),
    ).fetchone() or (None,)
    assert hours == (start.hour + 8) % 24  # PST is UTC-8


LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _palo_alto_use(rows: list[dict[str, str]], station: str) -> dict[str, tuple[float, float]]:
    """Per port of ``station``: (occupied minutes, available minutes) in plain Python.
    A session runs from its local start (offset by its zone's abbreviation) for its
    Total Duration; each port is available every local day (23 or 25 hours when the
    clocks change) from the station's first plug-in day to its last plug-out day."""
    spans: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for r in rows:
        if r["Station Name"] == station:
            hours = -7 if r["Start Time Zone"] == "PDT" else -8
            start = datetime.strptime(r["Start Date"], "%m/%d/%Y %H:%M").replace(
                tzinfo=timezone(timedelta(hours=hours))
            )
            end = start + timedelta(minutes=_minutes(r["Total Duration (hh:mm:ss)"]))
            spans[r["Port Number"]].append((start, end))
    everything = [span for port in spans.values() for span in port]
    first = min(s for s, _ in everything).astimezone(LOS_ANGELES).date()
    last = (max(e for _, e in everything) - timedelta(microseconds=1)).astimezone(LOS_ANGELES)
    days = [first + timedelta(days=n) for n in range((last.date() - first).days + 1)]
    bounds = [(_midnight(d), _midnight(d + timedelta(days=1))) for d in days]
    available = sum((b - a).total_seconds() / 60 for a, b in bounds)
    return {
        port: (sum((e - s).total_seconds() / 60 for s, e in sessions), available)
        for port, sessions in spans.items()
    }


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=LOS_ANGELES)


def test_palo_alto_occupied_utilization_per_port_as_a_plain_python_pass(
    invoke: CliRunnerCall,
) -> None:
    assert invoke("ingest", "-q", str(PALO_ALTO)).exit_code == 0
    with PALO_ALTO.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    report = json.loads(invoke("sessions", "--by", "port", "--format", "json").stdout)
    groups = {g["port"]: g for g in report["groups"]}
    for station in ("PALO ALTO CA / HAMILTON #1", "PALO ALTO CA / BRYANT #2"):
        for port, (occupied, available) in _palo_alto_use(rows, station).items():
            got = groups[f"{station} / {port}"]
            assert abs(got["available_minutes"] - available) < 0.001, (station, port)
            assert abs(got["occupied_utilization"] - occupied / available) <= 0.00005


def test_a_chargepoint_time_in_an_unknown_zone_is_quarantined(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    header = (
        "Station Name,MAC Address,Start Date,Start Time Zone,End Date,End Time Zone,"
        "Total Duration (hh:mm:ss),Energy (kWh),Plug In Event Id"
    )
    path = tmp_path / "cp.csv"
    path.write_text(
        header + "\n"
        "A #1,00:01,1/5/2013 9:00,PST,1/5/2013 10:00,PST,1:00:00,5,1\n"
        "A #1,00:01,1/5/2013 11:00,XYZ,1/5/2013 12:00,XYZ,1:00:00,5,2\n",
        encoding="utf-8",
    )
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "  2 rows read: 1 loaded, 0 skipped (not sessions), 1 quarantined",
        "  cp.csv line 3, column \"Start Date\": '1/5/2013 11:00 XYZ' is not a time (expected "
        "M/D/YYYY H:MM and a zone abbreviation that tables/time_zones.csv lists, e.g. "
        "7/29/2011 20:17 PDT) (quarantined as BAD_TIME)",
    ]


def test_occupied_utilization_by_hour_of_week_worked_by_hand(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Charger c1 (UTC), ports p1 and p2: Monday 1 January 10:30-12:15 on p1, Monday
    8 January 10:00-10:30 on p2. Its window runs from 1 January 10:00 to 8 January
    10:00, so Monday 10h comes twice, Monday 11h and 12h once. Occupied: Monday 10h
    30 + 30 minutes of 2 * 60 * 2 port-minutes = 0.25; 11h 60 of 120 = 0.5; 12h 15 of
    120 = 0.125; Tuesday 10h none of 120."""
    path = _write(tmp_path / "weeks.csv", [
        "a,c1,p1,Net,2024-01-01T10:30:00Z,2024-01-01T12:15:00Z,,20",
        "b,c1,p2,Net,2024-01-08T10:00:00Z,2024-01-08T10:30:00Z,,5",
    ])  # fmt: skip
    assert invoke("ingest", "-q", path).exit_code == 0
    rows = conn.execute(
        "select iso_day_of_week, hour_of_day, ports, hours, occupied_minutes, "
        "occupied_utilization from reporting.station_hour_of_week where station_id = 'c1' "
        "and (iso_day_of_week, hour_of_day) in ((1, 10), (1, 11), (1, 12), (2, 10)) "
        "order by 1, 2"
    ).fetchall()
    assert rows == [
        (1, 10, 2, 2, 60.0, 0.25),
        (1, 11, 2, 1, 60.0, 0.5),
        (1, 12, 2, 1, 15.0, 0.125),
        (2, 10, 2, 1, 0.0, 0.0),
    ]
    total = conn.execute(
        "select count(*), sum(hours) from reporting.station_hour_of_week where station_id = 'c1'"
    ).fetchone()
    assert total == (168, 7 * 24 + 1)  # every hour of the week; 1 Jan 10h to 8 Jan 10h
