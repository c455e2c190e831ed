"""Port uptime as the dashboard's page and API and the report's section show it: the
month's share of ports at 97%, its uptime bands and worst ports, against the Ireland
file worked out in plain Python (``test_port_status_esb.expected_uptime``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chargewatch.serve.dashboard import create_app
from tests.conftest import CliRunnerCall
from tests.test_port_status_esb import IRELAND, NOVEMBER_MINUTES, expected_uptime

BANDS = ((0.0, 0.80), (0.80, 0.90), (0.90, 0.95), (0.95, 0.97), (0.97, 0.99), (0.99, 2.0))


@pytest.fixture
def client(invoke: CliRunnerCall) -> TestClient:
    assert invoke("ingest", "-q", str(IRELAND)).exit_code == 0
    return TestClient(create_app(invoke.settings))


def _nevi() -> list[float]:
    return [
        (NOVEMBER_MINUTES - outage) / NOVEMBER_MINUTES
        for _, outage, _ in expected_uptime(IRELAND).values()
    ]


def test_the_overview_counts_ports_at_97_and_bands_as_worked_out_from_the_file(
    client: TestClient,
) -> None:
    nevi = _nevi()
    overview = client.get("/api/uptime/overview").json()
    assert overview["month"] == "2018-11"
    assert overview["ports"] == len(nevi) == 599
    assert overview["at_bar"] == sum(1 for v in nevi if v >= 0.97)
    assert [band["ports"] for band in overview["distribution"]] == [
        sum(1 for v in nevi if low <= v < high) for low, high in BANDS
    ]
    assert overview["worst"][0]["uptime_nevi"] == pytest.approx(min(nevi))
    # Two days of a month observed: every port rests on too little of it.
    assert overview["low_coverage"] == 599
    assert overview["timeline"], "the stations down longest have outages to draw"


def test_the_page_shows_the_month_and_warns_of_low_coverage(client: TestClient) -> None:
    page = client.get("/uptime?month=2018-11")
    assert page.status_code == 200
    assert "Port uptime in 2018-11 (23 CFR 680.116(b))" in page.text
    text = " ".join(page.text.split())
    assert "Coverage is low: 599 ports were observed for less than 50% of the month" in text
    assert page.text.count('class="outage ') == len(
        client.get("/api/uptime/overview").json()["timeline"]
    )
    bad = client.get("/api/uptime?month=2018-13")
    assert (bad.status_code, bad.json()["detail"]) == (
        422,
        "'2018-13' is not a month YYYY-MM, e.g. 2024-03",
    )


def test_the_api_gives_what_the_cli_gives(client: TestClient, invoke: CliRunnerCall) -> None:
    for by in ("port", "station", "network"):
        cli = json.loads(invoke("uptime", "--by", by, "--format", "json").stdout)
        assert client.get(f"/api/uptime?by={by}").json() == cli


def test_the_report_has_the_uptime_section(invoke: CliRunnerCall, tmp_path: Path) -> None:
    assert invoke("ingest", "-q", str(IRELAND)).exit_code == 0
    path = tmp_path / "report.html"
    result = invoke("report", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "report as of — (no station snapshot), 0 stations on the map, port uptime of 2018-11 "
        f"(599 ports), {path.stat().st_size / 1024:,.0f} KiB\n"
    )
    html = path.read_text(encoding="utf-8")
    at_bar = sum(1 for v in _nevi() if v >= 0.97)
    assert f"{at_bar} of 599 ports" in html
    assert "Port status feeds only: no station snapshot is loaded yet." in html
