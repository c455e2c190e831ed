"""The sessions page, its JSON and the report's section: the same numbers as the
commands, a heat-map cell worked by hand, and the newest forecast's band."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from chargewatch.serve.dashboard import create_app
from tests.conftest import FIXTURES, CliRunnerCall

ONE_SESSION = (
    "session_id,station_id,port_id,plug_in_at,plug_out_at,energy_kwh\n"
    "a,S,p1,2024-05-06T10:00:00Z,2024-05-06T10:30:00Z,5\n"
)


def test_the_page_and_its_json_are_the_commands(invoke: CliRunnerCall, tmp_path: Path) -> None:
    """One session, Monday 6 May 10:00-10:30 UTC on one port: its station's window is
    that one hour, so Monday 10h is 30 of 60 minutes occupied, 50%."""
    path = tmp_path / "one.csv"
    path.write_text(ONE_SESSION)
    assert (
        invoke(
            "ingest", "-q", str(path), str(FIXTURES / "ocpp" / "ocpp16_attempts.jsonl")
        ).exit_code
        == 0
    )
    client = TestClient(create_app(invoke.settings))
    api = client.get("/api/sessions", params={"by": "network"}).json()
    assert api == json.loads(invoke("sessions", "--by", "network", "--format", "json").stdout)
    attempts = client.get("/api/attempts").json()
    assert attempts == json.loads(invoke("attempts", "--format", "json").stdout)
    page = client.get("/sessions")
    assert page.status_code == 200
    cell = re.search(r'<rect [^>]*data-day="1" data-hour="10"><title>([^<]*)</title>', page.text)
    assert cell is not None and cell.group(1) == "Mon 10:00: 50.0% occupied"
    assert "5 attempts, 40.0% succeeded" in page.text
    assert "No forecast yet: make one with chargewatch forecast." in page.text
    assert client.get("/api/forecast").status_code == 404


def test_the_newest_forecast_is_shown_with_its_band(invoke: CliRunnerCall, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(ONE_SESSION)
    assert invoke("ingest", "-q", str(path)).exit_code == 0
    made = json.loads(invoke("forecast", "--horizon", "7", "--format", "json").stdout)
    client = TestClient(create_app(invoke.settings))
    stored = client.get("/api/forecast").json()
    assert stored["run_id"] == made["run_id"]
    assert [(s["key"], s["model"], s["backtest"], s["forecast"]) for s in stored["series"]] == [
        (s["key"], s["model"], s["backtest"], s["forecast"]) for s in made["series"]
    ]
    page = client.get("/sessions").text
    assert 'class="band95"' in page and 'class="band80"' in page
    assert "S · SeasonalNaive" in page
    report = tmp_path / "report.html"
    assert invoke("report", str(report)).exit_code == 0
    assert "How busy the chargers are" in report.read_text(encoding="utf-8")


def test_no_sessions_say_how_to_start(invoke: CliRunnerCall) -> None:
    client = TestClient(create_app(invoke.settings))
    page = client.get("/sessions").text
    assert "No session file loaded yet. Load one with: chargewatch ingest FILE" in page
