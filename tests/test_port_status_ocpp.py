"""OCPP logs as a status feed: StatusNotifications as connector events, connector 0 (1.6)
and EVSE 0 (2.0.1) applying to every connector of the charger, and a charger that says
nothing for too long offline from its last message until it speaks again.

The two logs in ``fixtures/ocpp`` were written by hand from the OCPP 1.6 and 2.0.1
specifications; every interval and minute below is worked out by hand from them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import connect
from tests.conftest import FIXTURES, CliRunnerCall

OCPP16 = FIXTURES / "ocpp" / "ocpp16_cp1.jsonl"
OCPP201 = FIXTURES / "ocpp" / "ocpp201_cs2.csv"
INTERVALS = (
    "select p.station_id, p.port_id, to_char(i.starts_at at time zone 'UTC', 'HH24:MI'), "
    "to_char(i.ends_at at time zone 'UTC', 'HH24:MI'), i.status "
    "from core.port_status_interval as i join core.port as p using (port_pk) order by 1, 2, 3"
)
UPTIME = (
    "select station_id, port_id, observed_minutes::float8, outage_minutes::float8, "
    "outage_count from reporting.port_uptime_month order by 1, 2"
)
# OCPP 1.6, charger CP1 on 1 May 2024 (UTC). Its BootNotification is accepted with a
# 600 s heartbeat, so it is offline after 30 silent minutes. Connectors 1 and 2 are
# available from 00:01; connector 1 charges from 00:19 (the payload's time, not the
# line's 00:20). Connector 0 Faulted at 00:40 and Available at 01:00 apply to both.
# The charger's last message before a silence is its answer to the central system's
# TriggerMessage at 01:25 (the central system's own call at 01:55 is not the charger
# speaking), so both are offline 01:25-02:00, then as before; connector 2 Unavailable
# from 02:10. The log ends at 02:30.
CP1 = [
    ("CP1", "1", "00:01", "00:19", "available"),
    ("CP1", "1", "00:19", "00:40", "in_use"),
    ("CP1", "1", "00:40", "01:00", "out_of_service"),
    ("CP1", "1", "01:00", "01:25", "available"),
    ("CP1", "1", "01:25", "02:00", "offline"),
    ("CP1", "1", "02:00", "02:30", "available"),
    ("CP1", "2", "00:01", "00:40", "available"),
    ("CP1", "2", "00:40", "01:00", "out_of_service"),
    ("CP1", "2", "01:00", "01:25", "available"),
    ("CP1", "2", "01:25", "02:00", "offline"),
    ("CP1", "2", "02:00", "02:10", "available"),
    ("CP1", "2", "02:10", "02:30", "out_of_service"),
]
# OCPP 2.0.1, charging station CS2 (CSV log), no BootNotification: its Heartbeats, five
# minutes apart at the shortest, make it offline after 15 silent minutes. EVSE 1 and 2
# (connector 1 each) available from 10:00; EVSE 1 occupied from 10:10 (payload time;
# logged 10:10:30). Silent 10:20-11:00: offline. EVSE 0 Unavailable at 11:00 applies
# to both; EVSE 2 available again at 11:30; the log ends at 11:40.
CS2 = [
    ("CS2", "1/1", "10:00", "10:10", "available"),
    ("CS2", "1/1", "10:10", "10:20", "in_use"),
    ("CS2", "1/1", "10:20", "11:00", "offline"),
    ("CS2", "1/1", "11:00", "11:40", "out_of_service"),
    ("CS2", "2/1", "10:00", "10:20", "available"),
    ("CS2", "2/1", "10:20", "11:00", "offline"),
    ("CS2", "2/1", "11:00", "11:30", "out_of_service"),
    ("CS2", "2/1", "11:30", "11:40", "available"),
]
# (observed, outage minutes, outages): an offline run straight into an out-of-service
# one is one outage.
MINUTES = [
    ("CP1", "1", 149.0, 20.0 + 35.0, 2),
    ("CP1", "2", 149.0, 20.0 + 35.0 + 20.0, 3),
    ("CS2", "1/1", 100.0, 40.0 + 40.0, 1),
    ("CS2", "2/1", 100.0, 40.0 + 30.0, 1),
]


def _load(settings: Settings, *paths: Path) -> None:
    with connect(settings) as conn:
        for path in paths:
            ingest_file(conn, Lake(settings.lake), str(path))


def _rows(settings: Settings, query: str) -> list[tuple[object, ...]]:
    with connect(settings) as conn:
        return conn.execute(query).fetchall()


def test_ocpp_16_and_201_logs_give_the_intervals_and_uptime_worked_by_hand(
    settings: Settings,
) -> None:
    _load(settings, OCPP16, OCPP201)
    assert _rows(settings, INTERVALS) == CP1 + CS2
    assert _rows(settings, UPTIME) == MINUTES


def _halves(folder: Path) -> tuple[Path, Path]:
    """The 1.6 log cut in two at the charger's silence: the second half alone knows
    nothing of the silence that starts at the first half's end."""
    lines = OCPP16.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if "01:55:00" in line)
    first, second = folder / "cp1_a.jsonl", folder / "cp1_b.jsonl"
    first.write_text("".join(lines[:cut]), encoding="utf-8")
    second.write_text("".join(lines[cut:]), encoding="utf-8")
    return first, second


@pytest.mark.parametrize("order", ["in order", "second half first", "twice"])
def test_a_log_in_parts_in_any_order_or_twice_gives_the_same_intervals(
    make_settings: Callable[[], Settings], tmp_path: Path, order: str
) -> None:
    settings = make_settings()
    first, second = _halves(tmp_path)
    files = {
        "in order": [first, second],
        "second half first": [second, first],
        "twice": [OCPP16, first, second, OCPP16],
    }[order]
    _load(settings, *files)
    assert _rows(settings, INTERVALS) == CP1


def test_a_log_with_bad_lines_names_each_and_loads_nothing(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"timestamp": "2024-05-01T00:00:00Z", "charger_id": "CP9", "message": '
        '[2, "s1", "StatusNotification", {"connectorId": 1, "status": "Broken", '
        '"errorCode": "NoError"}]}\n'
        '{"timestamp": "yesterday", "charger_id": "CP9", "message": [2, "h1", "Heartbeat", {}]}\n'
        '{"timestamp": "2024-05-01T00:02:00Z", "charger_id": "CP9", "message": "[5, 1]"}\n'
        "not json\n",
        encoding="utf-8",
    )
    result = invoke("ingest", str(bad))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: bad.jsonl: 4 problem(s); nothing loaded:\n"
        "  bad.jsonl, line 1, message: status: 'Broken' is not one of ['Available', "
        "'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', "
        "'Unavailable', 'Faulted'] (OCPP 1.6 StatusNotification)\n"
        "  bad.jsonl, line 2, timestamp: 'yesterday'; expected a time (ISO 8601)\n"
        "  bad.jsonl, line 3, message: '[5, 1]'; expected an OCPP-J frame ([2, id, action, "
        "{…}], [3, id, {…}] or [4, …])\n"
        "  bad.jsonl, line 4: not JSON (Expecting value); expected an object\n"
    )
    assert "→ load" not in result.output
    cut = tmp_path / "rotated.jsonl"  # a log rotated in the middle of a line
    cut.write_text('arger_id": "CP9"}\n' + OCPP16.read_text(encoding="utf-8"), encoding="utf-8")
    rotated = invoke("ingest", str(cut))
    assert rotated.exit_code == 1
    assert rotated.stderr == (
        "Error: rotated.jsonl: 1 problem(s); nothing loaded:\n"
        "  rotated.jsonl, line 1: not JSON (Expecting value); expected an object\n"
    )


def test_a_longer_offline_after_lets_the_silence_pass_for_every_port(
    settings: Settings, invoke: CliRunnerCall
) -> None:
    _load(settings, OCPP16)
    result = invoke("ingest", "--offline-after", "40m", str(OCPP16))
    assert result.exit_code == 0, result.output
    # The 35-minute silence from 01:25 is no longer offline: what held before it holds on.
    assert [row for row in _rows(settings, INTERVALS) if row[1] == "1"] == [
        ("CP1", "1", "00:01", "00:19", "available"),
        ("CP1", "1", "00:19", "00:40", "in_use"),
        ("CP1", "1", "00:40", "01:00", "out_of_service"),
        ("CP1", "1", "01:00", "02:30", "available"),
    ]
    polled_only = invoke("ingest", "--max-gap", "10m", str(OCPP16))
    assert polled_only.exit_code == 1
    assert (
        polled_only.stderr == "Error: --max-gap is for polled status feeds (esb); ocpp is not one\n"
    )
    bad = invoke("ingest", "--offline-after", "soon", str(OCPP16))
    assert bad.exit_code == 2
    assert (
        "Invalid value for '--offline-after': 'soon' is not a duration (e.g. 15m, 90s, 1h30m)"
        in bad.stderr
    )


def _log(folder: Path, name: str, lines: list[tuple[str, str, list[object]]]) -> Path:
    """A JSON-lines log of (time, charger, frame) lines."""
    path = folder / name
    path.write_text(
        "".join(
            json.dumps({"timestamp": at, "charger_id": charger, "message": frame}) + "\n"
            for at, charger, frame in lines
        ),
        encoding="utf-8",
    )
    return path


def _status(connector: int, status: str, at: str | None = None) -> list[object]:
    payload: dict[str, object] = {
        "connectorId": connector,
        "status": status,
        "errorCode": "NoError",
    }
    if at:
        payload["timestamp"] = at
    return [2, f"s-{connector}-{status}", "StatusNotification", payload]


@pytest.mark.parametrize("order", ["in order", "the later log first"])
def test_a_later_log_that_holds_only_the_central_systems_calls_watches_a_silent_charger(
    make_settings: Callable[[], Settings], tmp_path: Path, order: str
) -> None:
    settings = make_settings()
    boot = [2, "b", "BootNotification", {"chargePointVendor": "V", "chargePointModel": "M"}]
    accepted = [3, "b", {"status": "Accepted", "currentTime": "2024-05-01T00:00:00Z",
                         "interval": 300}]  # fmt: skip
    first = _log(tmp_path, "cp7_a.jsonl", [
        ("2024-05-01T00:00:00Z", "CP7", boot), ("2024-05-01T00:00:00Z", "CP7", accepted),
        ("2024-05-01T00:00:00Z", "CP7", _status(1, "Available")),
        ("2024-05-01T00:05:00Z", "CP7", [2, "h1", "Heartbeat", {}]),
        ("2024-05-01T00:10:00Z", "CP7", [2, "h2", "Heartbeat", {}]),
    ])  # fmt: skip
    later = _log(tmp_path, "cp7_b.jsonl", [
        ("2024-05-01T00:40:00Z", "CP7", [2, "t", "TriggerMessage", {"requestedMessage": "Heartbeat"}]),
    ])  # fmt: skip
    _load(settings, *([first, later] if order == "in order" else [later, first]))
    # Heartbeats every 300 s: offline after 15 silent minutes. The central system's call at
    # 00:40, unanswered, watches the charger until then, silent since 00:10.
    assert _rows(settings, INTERVALS) == [
        ("CP7", "1", "00:00", "00:10", "available"),
        ("CP7", "1", "00:10", "00:40", "offline"),
    ]


def test_without_a_boot_the_heartbeats_give_the_interval_and_a_clock_never_set_gives_way(
    settings: Settings, tmp_path: Path
) -> None:
    path = _log(tmp_path, "cp8.jsonl", [
        ("2024-05-01T00:00:00Z", "CP8", _status(1, "Available", "1970-01-01T00:00:00Z")),
        ("2024-05-01T00:01:00Z", "CP8", [2, "h1", "Heartbeat", {}]),
        ("2024-05-01T00:02:00Z", "CP8", [2, "h2", "Heartbeat", {}]),
        ("2024-05-01T00:03:00Z", "CP8", [2, "h3", "Heartbeat", {}]),
        ("2024-05-01T00:10:00Z", "CP8", [2, "h4", "Heartbeat", {}]),
    ])  # fmt: skip
    _load(settings, path)
    # A minute between Heartbeats at the shortest: offline after three silent minutes. The
    # status dated 1970 (a clock never set) counts from its line's time, 00:00.
    assert _rows(settings, INTERVALS) == [
        ("CP8", "1", "00:00", "00:03", "available"),
        ("CP8", "1", "00:03", "00:10", "offline"),
    ]
    assert _rows(settings, "select column_name, rule, detail from core.load_normalisation") == [
        ("timestamp", "clock", "a StatusNotification time more than a day from its line's: "
         "the line's time used"),
    ]  # fmt: skip
