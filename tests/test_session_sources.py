"""Session sources other than EV-ChART and ChargePoint (Caltech ACN-Data, OCPI Sessions
and CDRs, a session CSV by field names or --column-map), each summed against a
plain-Python pass over its file; utilization, congestion and capacity factor worked
by hand; and OCPP charge attempts and visits counted by hand."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from chargewatch.warehouse.connect import Connection
from tests.conftest import FIXTURES, SHARED_DATA, CliRunnerCall

ACN_PAGE = FIXTURES / "acn" / "sessions_page.json"
ACN_ARRAY = FIXTURES / "acn" / "sessions_array.json"
OCPI_SESSION = SHARED_DATA / "ocpi" / "ocpi221_session_short_finished.json"
OCPI_CDR = SHARED_DATA / "ocpi" / "ocpi221_cdr_example.json"
OCPI_LOCATION = SHARED_DATA / "ocpi" / "ocpi221_location_example.json"


def _report(invoke: CliRunnerCall, *args: str) -> dict[str, Any]:
    result = invoke("sessions", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _acn_pass(*paths: Path) -> dict[str, dict[str, float]]:
    """Per EVSE: sessions, kWh, successes (1 kWh), plugged and charging minutes; records
    whose disconnectTime is not a date are left out, as the load quarantines them."""
    sums: dict[str, dict[str, float]] = {}
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        for record in document["_items"] if isinstance(document, dict) else document:
            try:
                end = parsedate_to_datetime(record["disconnectTime"])
            except ValueError:
                continue
            start = parsedate_to_datetime(record["connectionTime"])
            done = record["doneChargingTime"]
            charged_to = min(end, parsedate_to_datetime(done)) if done else end
            s = sums.setdefault(record["stationID"], dict.fromkeys(
                ("sessions", "energy_kwh", "successful", "plugged", "charging"), 0.0))  # fmt: skip
            s["sessions"] += 1
            s["energy_kwh"] += record["kWhDelivered"]
            s["successful"] += record["kWhDelivered"] >= 1
            s["plugged"] += (end - start).total_seconds() / 60
            s["charging"] += (charged_to - start).total_seconds() / 60
    return sums


def test_acn_pages_and_arrays_sum_as_a_plain_python_pass(invoke: CliRunnerCall) -> None:
    result = invoke("ingest", str(ACN_PAGE), str(ACN_ARRAY))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  3 rows read: 3 loaded, 0 skipped (not sessions), 0 quarantined"
    )
    assert result.stdout.splitlines()[3:5] == [
        "  3 rows read: 2 loaded, 0 skipped (not sessions), 1 quarantined",
        '  sessions_array.json line 3, column "disconnectTime": \'Mon, 07 Jan 2019 not a '
        "time' is not a time (expected an RFC 1123 date, e.g. Wed, 25 Apr 2018 11:08:04 GMT) "
        "(quarantined as BAD_TIME)",
    ]
    expected = _acn_pass(ACN_PAGE, ACN_ARRAY)
    report = _report(invoke, "--source", "acn")
    assert {g["station"] for g in report["groups"]} == set(expected)
    for group in report["groups"]:
        want = expected[group["station"]]
        assert group["sessions"] == want["sessions"]
        assert abs(group["energy_kwh"] - want["energy_kwh"]) < 0.001
        assert group["successful"] == want["successful"]
        assert abs(group["plugged_minutes"] - want["plugged"]) < 0.001
        assert abs(group["charging_minutes"] - want["charging"]) < 0.001


def test_acn_users_are_hashed_from_user_id_or_user_inputs(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", "-q", str(ACN_PAGE)).exit_code == 0
    rows: dict[str, str | None] = dict(
        conn.execute("select session_id, user_hash from reporting.session").fetchall()
    )
    hashes = {
        "2_39_78_362_2018-04-25 11:08:04.400812": None,  # no userID, no userInputs
        "2_39_95_27_2018-04-25 13:45:09.617470": _sha256("000000741"),
        "2_39_79_380_2018-04-25 14:37:06.457211": _sha256("1377"),  # from userInputs
    }
    assert rows == hashes
    text = " ".join(str(v) for v in conn.execute("select * from raw.acn_session").fetchall())
    assert "000000741" not in text and "1377" not in text.replace(_sha256("1377"), "")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_ocpi_sessions_and_cdrs_sum_as_a_plain_python_pass(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    session = json.loads(OCPI_SESSION.read_text(encoding="utf-8"))
    cdr = json.loads(OCPI_CDR.read_text(encoding="utf-8"))
    active = {**session, "id": "102", "status": "ACTIVE", "end_date_time": None}
    envelope = tmp_path / "sessions_page.json"
    envelope.write_text(json.dumps({"data": [session, active], "status_code": 1000}))
    result = invoke("ingest", str(envelope), str(OCPI_CDR))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  2 rows read: 1 loaded, 1 skipped (sessions not COMPLETED), 0 quarantined"
    )
    report = _report(invoke, "--by", "source")
    minutes = [
        (_utc(r["end_date_time"]) - _utc(r["start_date_time"])).total_seconds() / 60
        for r in (session, cdr)
    ]
    assert report["totals"]["sessions"] == 2
    assert abs(report["totals"]["energy_kwh"] - (session["kwh"] + cdr["total_energy"])) < 0.001
    assert abs(report["totals"]["plugged_minutes"] - sum(minutes)) < 0.001
    # Only the CDR tells charging time: total_time less parking time, in hours.
    assert report["totals"]["charging_minutes"] == round(cdr["total_time"] * 60, 3)
    assert report["groups"][0]["source"] == "ocpi_sessions"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_cdr_loaded_after_its_session_replaces_it(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    session = json.loads(OCPI_SESSION.read_text(encoding="utf-8"))
    cdr = json.loads(OCPI_CDR.read_text(encoding="utf-8"))
    cdr_path = tmp_path / "cdr.json"
    cdr_path.write_text(json.dumps({**cdr, "session_id": session["id"]}))
    assert invoke("ingest", "-q", str(OCPI_SESSION), str(cdr_path)).exit_code == 0
    rows = conn.execute("select session_id, energy_kwh from reporting.session").fetchall()
    assert rows == [("BE*BEC*101", cdr["total_energy"])]


MAP = ("session_id=Txn,station_id=Site,port_id=Plug,plug_in_at=Start,plug_out_at=End,"
       "energy_kwh=kWh,user_id=Driver,time_zone=Zone,rated_kw=Rated,error_code=Fault")  # fmt: skip


def test_a_session_csv_by_column_map_reads_local_times_in_their_zone(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "charges.csv"
    path.write_text(
        "Txn,Site,Plug,Start,End,kWh,Driver,Zone,Rated,Fault\n"
        "t1,S,1,2024-03-01 08:00,2024-03-01 09:30,12.5,u1,America/Chicago,7.2,\n"
        "t2,S,1,2024-03-01T16:00:00Z,2024-03-01T16:20:00Z,0.4,,,7.2,NoError\n"
        "t3,S,2,2024-03-01 11:00,2024-03-01 12:00,5,u1,,7.2,\n"
        "t4,S,2,2024-03-01T18:00:00-06:00,2024-03-01T19:00:00-06:00,6,u2,,7.2,E42\n"
    )
    result = invoke("ingest", str(path), "--column-map", MAP)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "  4 rows read: 3 loaded, 0 skipped (not sessions), 1 quarantined",
        "  charges.csv line 4, column \"plug_in_at\": '2024-03-01 11:00' is not a time "
        "(expected ISO 8601 with its offset (2024-01-21T02:51:19Z), or a local time "
        "(2024-01-21 08:51) with the line's time_zone (America/Chicago)) (quarantined as "
        "BAD_TIME)",
    ]
    rows = conn.execute(
        "select session_id, plug_in_at::text, error_code, user_hash is not null from "
        "reporting.session order by 1"
    ).fetchall()
    assert rows == [
        ("t1", "2024-03-01 14:00:00+00", None, True),  # 08:00 CST is 14:00 UTC
        ("t2", "2024-03-01 16:00:00+00", None, False),  # NoError is no error
        ("t4", "2024-03-02 00:00:00+00", "E42", True),
    ]
    report = _report(invoke)
    assert report["totals"]["successful"] == 1  # t2 is under 1 kWh, t4 has an error


def test_a_session_csv_with_chargewatch_field_names_needs_no_map(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(
        "session_id,station_id,plug_in_at,plug_out_at,energy_kwh\n"
        "a,X,2024-03-02T08:00:00Z,2024-03-02T09:00:00Z,10\n"
    )
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("plain.csv → load 1")
    assert _report(invoke)["totals"]["energy_kwh"] == 10.0


def test_a_session_map_refuses_status_words_and_unknown_fields(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a\n1\n")
    mixed = invoke("ingest", str(path), "--column-map", MAP, "--status-map", "Free=available")
    assert (mixed.exit_code, mixed.stderr.splitlines()[-1]) == (
        2, "Error: --status-map is for status feeds; this --column-map is sessions'"
    )  # fmt: skip
    wrong = invoke("ingest", str(path), "--column-map", "session_id=a,kwh=b")
    assert (wrong.exit_code, wrong.stderr) == (1, (
        "Error: --column-map: kwh is not a session field; the fields are session_id, "
        "station_id, port_id, network, state, plug_in_at, plug_out_at, charge_start_at, "
        "charge_end_at, charging_minutes, energy_kwh, peak_kw, rated_kw, error_code, ended_by, "
        "payment_method, time_zone, status_source, user_id\n"
    ))  # fmt: skip


UTILIZATION = (
    "session_id,station_id,port_id,plug_in_at,plug_out_at,charge_start_at,charge_end_at,"
    "energy_kwh,rated_kw\n"
    "a,S,p1,2024-05-06T22:00:00Z,2024-05-07T02:00:00Z,2024-05-06T22:00:00Z,"
    "2024-05-07T01:00:00Z,21,7\n"
    "b,S,p2,2024-05-07T00:00:00Z,2024-05-07T01:30:00Z,2024-05-07T00:00:00Z,"
    "2024-05-07T00:30:00Z,3.5,7\n"
    "c,S,p2,2024-05-07T12:00:00Z,2024-05-07T13:00:00Z,2024-05-07T12:00:00Z,"
    "2024-05-07T13:00:00Z,7,7\n"
)


def test_utilization_congestion_and_capacity_factor_worked_by_hand(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Station S (UTC), ports p1 and p2, days 6 and 7 May (its first plug-in, its last
    plug-out): 2 ports x 2 days x 1440 = 5,760 available minutes.

    a (p1) 22:00-02:00, charging to 01:00: 6 May 120 occupied, 120 charging; 7 May 120
    occupied, 60 charging, 60 idle. b (p2) 00:00-01:30 on 7 May, charging 30: 90
    occupied, 60 idle. c (p2) 12:00-13:00 charging throughout.
    Occupied 120 + 120 + 90 + 60 = 390 of 5,760 = 0.0677; charging 120 + 60 + 30 + 60
    = 270, 0.0469; idle 120, 0.0208. Capacity factor 31.5 kWh / (7 kW x 96 h) =
    0.0469. Both ports were occupied from 00:00 to 01:30 on 7 May: 90 of 2,880 station
    minutes = 0.0313. Sessions per day: 3 over 2 days."""
    path = tmp_path / "use.csv"
    path.write_text(UTILIZATION)
    assert invoke("ingest", "-q", str(path)).exit_code == 0
    days = conn.execute(
        "select port_id, day::text, sessions, occupied_minutes, charging_minutes, idle_minutes,"
        " available_minutes from reporting.port_day order by port_id, day"
    ).fetchall()
    assert days == [
        ("p1", "2024-05-06", 1, 120.0, 120.0, 0.0, 1440.0),
        ("p1", "2024-05-07", 0, 120.0, 60.0, 60.0, 1440.0),
        ("p2", "2024-05-06", 0, 0.0, 0.0, 0.0, 1440.0),
        ("p2", "2024-05-07", 2, 150.0, 90.0, 60.0, 1440.0),
    ]
    station = _report(invoke)["groups"][0]
    assert station["station"] == "S"
    assert (station["days"], station["available_minutes"]) == (2, 5760.0)
    assert _near(station["occupied_utilization"], 390 / 5760)
    assert _near(station["charging_utilization"], 270 / 5760)
    assert _near(station["idle_utilization"], 120 / 5760)
    assert _near(station["capacity_factor"], 31.5 / (7 * 96))
    assert _near(station["congestion"], 90 / 2880)
    assert (station["sessions_per_day"], station["energy_kwh_per_day"]) == (1.5, 15.75)


def _near(got: float | None, want: float) -> bool:
    """Equal to 4 decimals, as the report rounds (half away from zero)."""
    return got is not None and abs(got - want) <= 0.00005 + 1e-12


def test_an_ocpi_location_gives_its_sessions_a_rated_power(invoke: CliRunnerCall) -> None:
    """The CDR names Location LOC1's EVSE 3256, whose connectors the Locations example
    rates at 220 V x 16 A on 3 phases (10.56 kW): its one day of 24 hours gives a
    capacity factor of 15.342 kWh / (10.56 kW x 24 h)."""
    assert invoke("ingest", "-q", str(OCPI_LOCATION), str(OCPI_CDR)).exit_code == 0
    location = json.loads(OCPI_LOCATION.read_text(encoding="utf-8"))
    evse = next(e for e in location["evses"] if e["uid"] == "3256")
    power = (
        max(
            c["max_voltage"] * c["max_amperage"] * (3 if c["power_type"] == "AC_3_PHASE" else 1)
            for c in evse["connectors"]
        )
        / 1000
    )
    cdr = json.loads(OCPI_CDR.read_text(encoding="utf-8"))
    station = _report(invoke)["groups"][0]
    assert _near(station["capacity_factor"], cdr["total_energy"] / (power * 24))


GARAGE = SHARED_DATA / "ocpi" / "ocpi221_location_parking_garage_opening_hours.json"


def test_opening_hours_of_the_named_location_limit_available_time(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """The garage Location is open 07:00-18:00 every day (its regular_hours): 660 of a
    day's 1,440 minutes. A CDR at its EVSE on Monday 6 March 2017, 05:00-08:00 (UTC, as
    OCPI gives it): 180 occupied of 660 available. By hour of the week, Monday 05h and
    06h are closed (no available time), 07h is 60 of 60 occupied."""
    garage = json.loads(GARAGE.read_text(encoding="utf-8"))
    hours = garage["opening_times"]["regular_hours"]
    monday = next(h for h in hours if h["weekday"] == 1)
    begin, end = (
        int(t[:2]) * 60 + int(t[3:]) for t in (monday["period_begin"], monday["period_end"])
    )
    cdr = {
        "country_code": garage["country_code"], "party_id": garage["party_id"], "id": "g1",
        "start_date_time": "2017-03-06T05:00:00Z", "end_date_time": "2017-03-06T08:00:00Z",
        "total_energy": 9.0, "auth_method": "WHITELIST",
        "cdr_location": {"id": garage["id"], "evse_uid": garage["evses"][0]["uid"]},
    }  # fmt: skip
    path = tmp_path / "cdr.json"
    path.write_text(json.dumps(cdr))
    assert invoke("ingest", "-q", str(GARAGE), str(path)).exit_code == 0
    day = conn.execute(
        "select occupied_minutes, closed_minutes, available_minutes from reporting.port_day"
    ).fetchall()
    assert day == [(180.0, 1440.0 - (end - begin), float(end - begin))]
    cells = dict(
        ((h, (a, u)) for h, a, u in conn.execute(
            "select hour_of_day, available_minutes, occupied_utilization "
            "from reporting.station_hour_of_week where iso_day_of_week = 1"
        ).fetchall())
    )  # fmt: skip
    assert cells == {5: (0.0, None), 6: (0.0, None), 7: (60.0, 1.0), 8: (60.0, 0.0)}
    assert _report(invoke)["totals"]["occupied_utilization"] == round(180 / (end - begin), 4)


def test_charge_attempts_and_first_attempt_visits_counted_by_hand(
    invoke: CliRunnerCall,
) -> None:
    """CPA (OCPP 1.6). Port 1: 09:00 Preparing, driver A refused (Authorize Invalid), no
    transaction; 09:10 Preparing, A's transaction 501, 12.5 kWh, EVDisconnected. Port 2:
    11:00 B's 502, 20 kWh but PowerLoss; 11:50 B's 503, 15 kWh, no reason (Local).
    14:00 C's 504 on port 1 with no Preparing, 0.05 kWh, Local.
    Attempts 5; successful 501 and 503 (504 is under 0.1 kWh). Visits: A's two (09:10
    is within 30 minutes of 09:03), B's two (11:50 within 30 of 11:40), C's one: 3, no
    first attempt succeeding. With --min-kwh 0.01, C's 504 succeeds: 3 of 5, and 1 of
    3 visits."""
    log = FIXTURES / "ocpp" / "ocpp16_attempts.jsonl"
    assert invoke("ingest", "-q", str(log)).exit_code == 0
    report = json.loads(invoke("attempts", "--format", "json").stdout)
    assert report["totals"] == {
        "attempts": 5, "successful": 2, "success_rate": 0.4, "visits": 3,
        "first_attempt_successful": 0, "first_attempt_success_rate": 0.0,
    }  # fmt: skip
    looser = json.loads(invoke("attempts", "--min-kwh", "0.01", "--format", "json").stdout)
    assert (looser["totals"]["successful"], looser["totals"]["first_attempt_successful"]) == (3, 1)
    apart = json.loads(invoke("attempts", "--visit-minutes", "5", "--format", "json").stdout)
    assert apart["totals"]["visits"] == 5  # 7 and 10 minutes apart: every attempt its own
    by_port = json.loads(invoke("attempts", "--by", "port", "--format", "json").stdout)
    assert [(g["port"], g["attempts"]) for g in by_port["groups"]] == [
        ("CPA / 1", 3), ("CPA / 2", 2)
    ]  # fmt: skip


def test_ocpp_201_attempts_read_meter_units_and_stop_reasons(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    """CS9 (OCPP 2.0.1), EVSE 1. 10:00 Occupied, tx-1 from 12.0 kWh to 20.5 kWh (a
    phase's 4.0 and a power reading ignored): 8.5 kWh, EVDisconnected, succeeded.
    12:00 Occupied, tx-2 from 20.5 Wh x 10^3 to 20,600 Wh: 0.1 kWh, and a GroundFault:
    failed. 13:00 Occupied, no transaction: failed. 3 attempts, 1 successful; three
    visits (two drivers, and the attempt with none)."""
    log = FIXTURES / "ocpp" / "ocpp201_attempts.jsonl"
    assert invoke("ingest", "-q", str(log)).exit_code == 0
    rows = conn.execute(
        "select transaction_id, energy_kwh, stop_reason, stopped_normally "
        "from reporting.charge_attempt order by started_at"
    ).fetchall()
    assert rows == [
        ("tx-1", 8.5, "EVDisconnected", True),
        ("tx-2", 0.1, "GroundFault", False),
        (None, None, None, None),
    ]
    totals = json.loads(invoke("attempts", "--format", "json").stdout)["totals"]
    assert (totals["attempts"], totals["successful"], totals["visits"]) == (3, 1, 3)


def test_a_session_after_its_cdr_does_not_replace_it(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """In one file the CDR comes first and its Session second; in another load the
    Session comes again: the CDR stays, and the Session line is the one set aside."""
    session = json.loads(OCPI_SESSION.read_text(encoding="utf-8"))
    cdr = {**json.loads(OCPI_CDR.read_text(encoding="utf-8")), "session_id": session["id"]}
    both = tmp_path / "both.json"
    both.write_text(json.dumps([cdr, session]))
    result = invoke("ingest", str(both), str(OCPI_SESSION))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  2 rows read: 1 loaded, 0 skipped (sessions not COMPLETED), 1 quarantined"
    )
    assert "both.json line 2, column \"id\": 'BE*BEC*101' repeats the session ID" in result.stdout
    assert result.stdout.splitlines()[3].endswith("load 2 (as of 2015-06-29)")
    rows = conn.execute("select session_id, energy_kwh from reporting.session").fetchall()
    assert rows == [("BE*BEC*101", cdr["total_energy"])]


def test_a_time_zone_postgresql_does_not_know_is_dropped_not_fatal(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "zones.csv"
    path.write_text(
        "session_id,station_id,plug_in_at,plug_out_at,energy_kwh,time_zone\n"
        "a,S,2024-03-02T08:00:00Z,2024-03-02T09:00:00Z,10,Central\n"
        "b,S,2024-03-02 10:00,2024-03-02 11:00,10,Central\n"
    )
    result = invoke("ingest", str(path))
    assert result.stdout.splitlines()[1] == (
        "  2 rows read: 1 loaded, 0 skipped (not sessions), 1 quarantined"
    )
    assert conn.execute("select time_zone from reporting.session").fetchall() == [(None,)]
    assert _report(invoke)["totals"]["occupied_utilization"] == round(60 / 1440, 4)


def test_attempts_without_ocpp_logs_say_how_to_start(invoke: CliRunnerCall) -> None:
    result = invoke("attempts")
    assert (result.exit_code, result.stdout) == (
        0, "No charge attempt in the OCPP logs loaded. Load one with: chargewatch ingest LOG\n"
    )  # fmt: skip
