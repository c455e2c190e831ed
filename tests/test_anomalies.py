"""The detectors on a generated network whose anomalies are known by construction
(``tests/feedgen.py``): each finds exactly what was planted, and nothing else."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from psycopg.conninfo import make_conninfo

from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.serve.dashboard import create_app
from tests import feedgen
from tests.conftest import TEMPLATE, CliRunnerCall, settings_env

pytestmark = pytest.mark.slow


def _load(invoke: CliRunnerCall, folder: Path, net: feedgen.Network, *, sessions: bool) -> None:
    files: list[tuple[str, str, str | None]] = [
        ("status.csv", net.status_csv(), feedgen.COLUMN_MAP)
    ]
    if sessions:
        files += [("sessions.csv", net.session_csv(), None),
                  ("future.csv", net.future_csv(), feedgen.COLUMN_MAP)]  # fmt: skip
    for name, text, column_map in files:
        (folder / name).write_text(text, encoding="utf-8")
        args = ["ingest", str(folder / name)]
        result = invoke(*args, *(["--column-map", column_map] if column_map else []))
        assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def loaded(
    server_url: str, template_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[CliRunnerCall, feedgen.Network]]:
    """One database with the generated network loaded, shared by this module's tests
    (which only read it)."""
    name = f"chargewatch_anomalies_{os.getpid()}"
    folder = tmp_path_factory.mktemp("anomalies")
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {TEMPLATE}")
    settings = Settings(home=folder / "home", database_url=make_conninfo(server_url, dbname=name),
                        lake_url=str(folder / "lake"))  # fmt: skip
    invoke = CliRunnerCall(settings)
    net = feedgen.generate(datetime.now(UTC))
    _load(invoke, folder, net, sessions=True)
    yield invoke, net
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def _found(invoke: CliRunnerCall, *args: str) -> list[dict[str, Any]]:
    result = invoke("anomalies", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.output)["anomalies"]
    return found


def _last_end_before(net: feedgen.Network, key: tuple[str, str], day: int) -> datetime:
    """When the port last turned available before ``day``: where a run of it began."""
    return max(t for t, s, p, status in net.events
               if (s, p) == key and status == "available" and t < feedgen.at(day, 0))  # fmt: skip


def test_each_detector_finds_exactly_what_was_planted(
    loaded: tuple[CliRunnerCall, feedgen.Network],
) -> None:
    invoke, net = loaded
    midnight = feedgen.at
    impossible = next(
        row[0] for row in net.sessions if row[0].startswith(feedgen.impossible_session())
    )
    expected = {
        ("STUCK_IN_USE", "S061", "P1", midnight(20, 480)),
        ("STUCK_AVAILABLE", "S062", "P2", _last_end_before(net, feedgen.STUCK_AVAILABLE, 10)),
        ("SILENT_FAILURE", "S002", "P1", midnight(30, 0)),
        ("FLAPPING", "S004", "P3", midnight(40, 60)),
        ("DEGRADATION", "S006", "P1", midnight(50, 0)),
        ("FEED_OUTAGE", None, None, feedgen.FEED_OUTAGE_AT),
        ("FEED_OUTAGE", None, None, feedgen.GLITCH_AT),
        ("IMPOSSIBLE_ENERGY", "S020", "P1", datetime.fromisoformat(impossible.split("-P1-")[1])),
        ("FUTURE_SESSION_TIME", None, None, None),
        ("FUTURE_STATUS_TIME", "CLOCK-AHEAD", None, net.now + timedelta(hours=3)),
    }
    found = _found(invoke)
    seen = {
        (a["reason_code"], a["station_id"], a["port_id"],
         None if a["reason_code"] == "FUTURE_SESSION_TIME" else _time(a["started_at"]))
        for a in found
    }  # fmt: skip
    assert len(found) == len(expected)
    assert _rounded(seen) == _rounded(expected)
    by_code = {a["reason_code"]: a for a in found}
    feeds = sorted((a["started_at"], a["port_count"], a["evidence"]) for a in found
                   if a["kind"] == "feed_outage")  # fmt: skip
    assert [f[:2] for f in feeds] == [(feedgen.FEED_OUTAGE_AT.isoformat(), 300),
                                      (feedgen.GLITCH_AT.isoformat(), 12)]  # fmt: skip
    assert feeds[1][2] == ("12 ports (of 360 watched) went down together 5 times from "
                           "2025-02-10 05:21 to 2025-02-10 05:53 UTC")  # fmt: skip
    assert by_code["DEGRADATION"]["is_open"] is True
    assert by_code["IMPOSSIBLE_ENERGY"]["session_id"] == impossible
    assert all(a["score"] > 1 for a in found if a["kind"] != "future_clock")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _rounded(items: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    """Times to the minute (the future lines are written to the second)."""
    return {(*item[:3], item[3].replace(second=0, microsecond=0) if item[3] else None)
            for item in items}  # fmt: skip


def test_a_back_end_outage_of_300_ports_is_one_event_and_no_charger_fault(
    loaded: tuple[CliRunnerCall, feedgen.Network],
) -> None:
    invoke, _ = loaded
    feed = _found(invoke, "--kind", "feed_outage", "--since", "2025-01-01")
    assert [(a["started_at"], a["port_count"]) for a in feed][-1] == (
        feedgen.FEED_OUTAGE_AT.isoformat(), 300)  # fmt: skip
    outages = json.loads(invoke("outages", "--format", "json").output)["outages"]
    at_once = [o for o in outages if o["started_at"] == feedgen.FEED_OUTAGE_AT.isoformat()]
    assert len(at_once) == 300 and all(o["is_feed_outage"] for o in at_once)
    glitches = [o for o in outages if o["is_feed_outage"] and o not in at_once]
    assert len(glitches) == 5 * 12 and {o["station_id"] for o in glitches} == {
        s for s, _ in feedgen.GLITCH_PORTS}  # fmt: skip
    uptime = json.loads(invoke("uptime", "--month", "2025-01", "--format", "json").output)
    assert [
        (e["started_at"], e["port_count"], e["station_count"]) for e in uptime["feed_outages"]
    ] == [(feedgen.FEED_OUTAGE_AT.isoformat(), 300, 105)]
    table = invoke("uptime", "--month", "2025-01", "--limit", "1").output
    assert "1 feed (back-end) outage this month took down up to 300 ports at once" in table


def test_anomalies_since_a_day_and_of_one_kind(
    loaded: tuple[CliRunnerCall, feedgen.Network],
) -> None:
    invoke, _ = loaded
    later = _found(invoke, "--since", "2025-02-20", "--kind", "flapping", "--kind", "degradation")
    assert [a["reason_code"] for a in later] == ["DEGRADATION"]
    csv_lines = invoke("anomalies", "--kind", "flapping", "--format", "csv").output.splitlines()
    assert csv_lines[0].startswith("kind,reason_code,source,station_id,port_id,port_key")
    assert len(csv_lines) == 2 and csv_lines[1].startswith("flapping,FLAPPING,status_csv,S004,P3,")
    none = invoke("anomalies", "--since", "2030-01-01", "--kind", "flapping")
    assert none.exit_code == 0
    assert none.output == (
        "No anomaly found. (Status feeds and session files are what the detectors read: load "
        "one with: chargewatch ingest FILE)\n"
    )


def test_anomalies_rejects_an_unknown_kind() -> None:
    result = CliRunner().invoke(cli, ["anomalies", "--kind", "broken"])
    assert result.exit_code == 2
    assert "'broken' is not one of 'stuck_status', 'silent_failure', 'flapping'" in result.output


def test_the_reporting_view_says_the_same(
    loaded: tuple[CliRunnerCall, feedgen.Network],
) -> None:
    invoke, _ = loaded
    url = settings_env(invoke.settings)["CHARGEWATCH_DATABASE_URL"]
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select kind, count(*) from reporting.anomaly group by kind order by kind"
        ).fetchall()
    assert rows == [("degradation", 1), ("feed_outage", 2), ("flapping", 1),
                    ("future_clock", 2), ("session_energy", 1), ("silent_failure", 1),
                    ("stuck_status", 2)]  # fmt: skip


def test_the_dashboard_shows_the_anomalies_and_the_morning_list(
    loaded: tuple[CliRunnerCall, feedgen.Network], tmp_path: Path
) -> None:
    invoke, _ = loaded
    client = TestClient(create_app(invoke.settings))
    assert client.get("/api/anomalies").json() == json.loads(
        invoke("anomalies", "--format", "json").output
    )
    wrong = client.get("/api/anomalies", params={"kind": "bogus"})
    assert (wrong.status_code, wrong.json()["detail"]) == (422, (
        "'bogus' is not a kind; the kinds are stuck_status, silent_failure, flapping, "
        "degradation, feed_outage, session_energy, future_clock"))  # fmt: skip
    missing = client.get("/api/maintenance")
    assert (missing.status_code, missing.json()["detail"]) == (
        404, "no morning list yet; make one with: chargewatch predict maintenance")  # fmt: skip
    made = invoke("predict", "maintenance", "--date", "2025-03-01", "--format", "json")
    listed = json.loads(made.output)
    served = client.get("/api/maintenance").json()
    assert (served["run_id"], served["day"]) == (listed["run_id"], "2025-03-01")
    assert [(p["station_id"], p["port_id"], p["probability"]) for p in served["ports"]] == [
        (p["station_id"], p["port_id"], p["probability"]) for p in listed["ports"]
    ]
    page = client.get("/maintenance").text
    assert "Morning list for 2025-03-01" in page and 'class="map points"' in page
    assert ("Anomalies (2 stuck status, 1 silent failure, 1 flapping, 1 degradation, "
            "2 feed outage, 1 session energy, 2 future clock)") in page  # fmt: skip
    assert page.count('r="8" class="listed"') == 10
    uptime = client.get("/uptime", params={"month": "2025-01"}).text
    assert 'class="feed-outage"' in uptime
    assert "300 ports of status_csv at 2025-01-31 03:17 UTC" in uptime
    assert invoke("report", str(tmp_path / "report.html")).exit_code == 0
    assert 'id="maintenance"' in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_maintenance_page_without_data_says_how_to_start(invoke: CliRunnerCall) -> None:
    page = TestClient(create_app(invoke.settings)).get("/maintenance").text
    assert (
        "No anomaly and no morning list yet: load a status feed (chargewatch ingest FILE), "
        "then make a list with: chargewatch predict maintenance"
    ) in page
