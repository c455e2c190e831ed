"""Any status feed in CSV, read by --column-map and --status-map: port-level lines and
station-level counts, with intervals, uptime and uptime by network and state worked out
by hand."""

from __future__ import annotations

import json
from pathlib import Path

from chargewatch.warehouse.connect import connect
from tests.conftest import CliRunnerCall

PORTS = (
    "Site;EVSE;State;Time;Operator;Region\n"
    "S1;E1;Free;2024-03-01T00:00:00Z;NetA;CA\n"
    "S1;E2;Broken;2024-03-01T00:00:00Z;NetA;CA\n"
    "S1;E1;Busy;2024-03-01T01:00:00Z;NetA;CA\n"
    "S2;E1;free;2024-03-01T00:30:00Z;NetB;NV\n"
    "S1;E2;Free;2024-03-01T02:00:00Z;NetA;CA\n"
)
PORT_MAP = (
    "station_id=Site,port_id=EVSE,status=State,observed_at=Time,network=Operator,state=Region"
)
WORDS = "Free=available,Busy=in_use,Broken=out_of_service"
COUNTS = (
    "station,avail,total,down,time\n"
    "X,1,3,1,2024-03-01T00:00:00Z\n"
    "X,3,3,0,2024-03-01T00:20:00Z\n"
    "X,0,3,0,2024-03-01T00:40:00Z\n"
)
COUNT_MAP = "station_id=station,available=avail,total=total,out_of_service=down,observed_at=time"
INTERVALS = (
    "select p.station_id, p.port_id, to_char(i.starts_at at time zone 'UTC', 'HH24:MI'), "
    "to_char(i.ends_at at time zone 'UTC', 'HH24:MI'), i.status "
    "from core.port_status_interval as i join core.port as p using (port_pk) order by 1, 2, 3"
)
MARCH = 31 * 1440


def _file(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_port_lines_give_the_intervals_and_uptime_by_network_worked_by_hand(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = _file(tmp_path, "feed.csv", PORTS)
    result = invoke("ingest", "-q", path, "--column-map", PORT_MAP, "--status-map", WORDS)
    assert result.exit_code == 0, result.output
    with connect(invoke.settings) as conn:
        # The file's time is its newest line, 02:00: E2's Free then starts nothing yet.
        assert conn.execute(INTERVALS).fetchall() == [
            ("S1", "E1", "00:00", "01:00", "available"),
            ("S1", "E1", "01:00", "02:00", "in_use"),
            ("S1", "E2", "00:00", "02:00", "out_of_service"),
            ("S2", "E1", "00:30", "02:00", "available"),
        ]
    by_network = json.loads(invoke("uptime", "--by", "network", "--format", "json").stdout)
    assert by_network == {
        "month": "2024-03",
        "by": "network",
        "groups": [
            {"network": "NetA", "period_minutes": 2.0 * MARCH, "observed_minutes": 240.0,
             "outage_minutes": 120.0, "excluded_minutes": 0.0,
             "uptime_nevi": (2 * MARCH - 120) / (2 * MARCH), "uptime_observed": 0.5,
             "outage_count": 1},
            {"network": "NetB", "period_minutes": 1.0 * MARCH, "observed_minutes": 90.0,
             "outage_minutes": 0.0, "excluded_minutes": 0.0, "uptime_nevi": 1.0,
             "uptime_observed": 1.0, "outage_count": 0},
        ],
        "feed_outages": [],
    }  # fmt: skip
    by_state = invoke("uptime", "--by", "state", "--format", "csv").stdout.splitlines()
    assert [line.split(",")[:2] for line in by_state] == [
        ["month", "state"],
        ["2024-03", "CA"],
        ["2024-03", "NV"],
    ]


def test_station_counts_become_ports_worked_by_hand(invoke: CliRunnerCall, tmp_path: Path) -> None:
    path = _file(tmp_path, "counts.csv", COUNTS)
    result = invoke("ingest", "-q", path, "--column-map", COUNT_MAP)
    assert result.exit_code == 0, result.output
    # Three ports: the first `available` available, the next `down` out of service, the
    # rest in use; the file ends at 00:40.
    with connect(invoke.settings) as conn:
        assert conn.execute(INTERVALS).fetchall() == [
            ("X", "#1", "00:00", "00:40", "available"),
            ("X", "#2", "00:00", "00:20", "out_of_service"),
            ("X", "#2", "00:20", "00:40", "available"),
            ("X", "#3", "00:00", "00:20", "in_use"),
            ("X", "#3", "00:20", "00:40", "available"),
        ]


def test_a_mapped_file_with_bad_lines_or_maps_names_them(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = _file(
        tmp_path,
        "bad.csv",
        "Site;EVSE;State;Time\nS1;E1;Gone;2024-03-01T00:00:00Z\nS1;E2;Free;yesterday\n;E3;Free;\n",
    )
    result = invoke("ingest", path, "--column-map", "station_id=Site,port_id=EVSE,status=State,"
                    "observed_at=Time", "--status-map", WORDS)  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: bad.csv: 4 problem(s); nothing loaded:\n"
        "  bad.csv, line 2, State: 'Gone'; expected a status --status-map names (broken, busy, "
        "free) or one of available, in_use, reserved, out_of_service, offline, not_in_service, "
        "unknown\n"
        "  bad.csv, line 3, Time: 'yesterday' is not a time with a time zone (expected ISO "
        "8601, e.g. 2024-03-22T03:15:09.716Z or 2022-12-02T15:10:31+01:00)\n"
        "  bad.csv, line 4, Time: ''; expected a time with a time zone\n"
        "  bad.csv, line 4, Site: ''; expected the station's ID\n"
    )
    lacking = invoke("ingest", path, "--column-map", "station_id=Site,status=State")
    assert lacking.exit_code == 1
    assert lacking.stderr == (
        "Error: --column-map lacks port_id, observed_at (a feed needs station_id, port_id, "
        "status, observed_at)\n"
    )
    wrong = invoke("ingest", path, "--column-map", PORT_MAP, "--status-map", "Free=fine")
    assert wrong.stderr == (
        "Error: --status-map: Free=fine: a status is one of available, in_use, reserved, "
        "out_of_service, offline, not_in_service, unknown\n"
    )
