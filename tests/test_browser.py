"""The dashboard and the report in a real headless Chromium: numbers, filters, no outside requests.

Screenshots land in build/screenshots/ as test artifacts.
"""

from __future__ import annotations

import csv
import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from chargewatch.serve.dashboard import ReaderConnection, create_app
from chargewatch.serve.projection import project
from tests.browser import SCREENSHOTS, requested_urls, screenshot, start_browser
from tests.conftest import AFDC_DIR, CliRunnerCall
from tests.s3server import free_port
from tests.test_dates import newest_update

FILES = sorted(AFDC_DIR.glob("*.csv"))  # every real AFDC export


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chrome = start_browser()
    yield chrome
    chrome.quit()


@pytest.fixture
def loaded(invoke: CliRunnerCall) -> CliRunnerCall:
    assert invoke("ingest", *map(str, FILES)).exit_code == 0
    return invoke


@pytest.fixture
def dashboard(loaded: CliRunnerCall) -> Iterator[str]:
    """The dashboard of the loaded warehouse, served on a free loopback port."""
    port = free_port()
    config = uvicorn.Config(create_app(loaded.settings), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _tiles(browser: webdriver.Chrome) -> dict[str, float | None]:
    tiles = browser.find_elements(By.CSS_SELECTOR, "[data-kpi]")
    return {
        t.get_attribute("data-kpi") or "": float(v)
        if (v := t.get_attribute("data-value"))
        else None
        for t in tiles
    }


def _kpi_json(invoke: CliRunnerCall, *args: str) -> Any:
    return json.loads(invoke("kpi", *args, "--format", "json").stdout)


def _expected(kpis: dict[str, float | None]) -> dict[str, float | None]:
    shown = ("station_operational_rate", "fast_charging_availability", "accessibility_24_7_rate",
             "public_share", "avg_connector_diversity")  # fmt: skip
    return {key: kpis[key] for key in shown}


def test_the_dashboard_shows_the_cli_numbers_and_its_filters_change_them(
    browser: webdriver.Chrome, dashboard: str, loaded: CliRunnerCall
) -> None:
    requested_urls(browser)
    started = time.perf_counter()
    browser.get(dashboard + "/")
    first_load = time.perf_counter() - started
    overall = _kpi_json(loaded)
    assert _tiles(browser) == _expected(overall["kpis"])
    assert browser.find_element(By.ID, "existing").text == f"{overall['counts']['existing']:,}"

    Select(browser.find_element(By.ID, "filter-state")).select_by_value("VA")
    WebDriverWait(browser, 20).until(lambda b: "state=VA" in b.current_url)
    by_state = {g["state"]: g["kpis"] for g in _kpi_json(loaded, "--by", "state")["groups"]}
    assert _tiles(browser) == _expected(by_state["VA"])
    assert browser.find_element(By.ID, "existing").text == "117"
    _map_ready(browser)
    assert browser.find_element(By.ID, "map-count").text == "117"
    # every station is in view, in a cluster or as a dot
    assert browser.execute_script("return window.chargewatchMap.shown") == 117

    trend = [row.get_attribute("data-as-of") for row in browser.find_elements(
        By.CSS_SELECTOR, "#kpi-trend tr[data-as-of]")]  # fmt: skip
    # One state's trend has a point per file of that state: VA has one file.
    assert trend == [newest_update(AFDC_DIR / "afdc_VA_elec_2022-04-25.csv")]
    assert browser.find_element(By.CSS_SELECTOR, "header p").text.startswith(f"As of {trend[0]}")

    urls = requested_urls(browser)
    assert urls and all(url.startswith("http://127.0.0.1:") for url in urls), urls
    screenshot(browser, "dashboard-va")
    browser.get(dashboard + "/")
    _map_ready(browser)
    screenshot(browser, "dashboard")
    trend = [row.get_attribute("data-as-of") for row in browser.find_elements(
        By.CSS_SELECTOR, "#kpi-trend tr[data-as-of]")]  # fmt: skip
    assert trend == [row["as_of"] for row in _kpi_json(loaded, "--trend")["trend"]]
    assert first_load < 30


def _map_ready(browser: webdriver.Chrome) -> None:
    WebDriverWait(browser, 60).until(
        lambda b: b.execute_script(
            "return window.chargewatchMap && (window.chargewatchMap.ready"
            " || window.chargewatchMap.error)"
        )
    )
    assert browser.execute_script("return window.chargewatchMap.error") is None


def _zoom_into_a_cluster(browser: webdriver.Chrome) -> None:
    """Click a cluster, as a user would, and wait for the map to zoom in."""
    zoom_now = "return window.chargewatchMap.map.getZoom()"
    before = browser.execute_script(zoom_now)
    cluster = browser.find_element(By.CSS_SELECTOR, ".leaflet-marker-icon.cluster")
    browser.execute_script("arguments[0].click()", cluster)
    WebDriverWait(browser, 10).until(lambda b: b.execute_script(zoom_now) > before)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return !window.chargewatchMap.map._animatingZoom")
    )


def _names(path: Path, state: str) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.DictReader(f)
        return {r["Station Name"].strip() for r in rows if r["State"] == state}


def test_the_map_clusters_the_stations_and_a_dot_names_its_station(
    browser: webdriver.Chrome, dashboard: str
) -> None:
    requested_urls(browser)
    browser.get(dashboard + "/")
    _map_ready(browser)
    clusters = browser.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon.cluster")
    assert len(clusters) >= 3  # national scale: clusters, not thousands of dots
    counts = [
        int(c.text.replace(".", "").replace("k", "00")) for c in clusters if "k" not in c.text
    ]
    assert sum(counts) <= browser.execute_script("return window.chargewatchMap.shown")
    assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")  # the states

    browser.set_window_size(1400, 1000)
    browser.get(dashboard + "/?state=VA")
    _map_ready(browser)
    for _ in range(12):  # zoom into a cluster until single stations show
        if browser.find_elements(By.CSS_SELECTOR, "path.station-dot"):
            break
        _zoom_into_a_cluster(browser)
    dot = browser.find_element(By.CSS_SELECTOR, "path.station-dot")
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", dot
    )
    popup = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".leaflet-popup-content .station-tip")
    )
    # textContent, not .text: the popup may still be opening (and so not yet "visible")
    name = popup.find_element(By.TAG_NAME, "b").get_attribute("textContent")
    assert name in _names(AFDC_DIR / "afdc_VA_elec_2022-04-25.csv", "VA"), name
    content = popup.get_attribute("textContent") or ""
    assert "ports" in content and "AFDC ID" in content
    screenshot(browser, "dashboard-va-popup")
    urls = requested_urls(browser)
    assert urls and all(url.startswith("http://127.0.0.1:") for url in urls), urls


def test_the_maps_projection_in_javascript_is_the_reports(
    browser: webdriver.Chrome, dashboard: str
) -> None:
    browser.get(dashboard + "/")
    _map_ready(browser)
    places = [(-74.0, 40.7), (-149.9, 61.2), (173.0, 52.9), (-157.86, 21.3), (-66.1, 18.45)]
    for lon, lat in places:
        xy = browser.execute_script(f"return window.chargewatchMap.project({lon}, {lat})")
        assert xy == pytest.approx(list(project(lon, lat)), abs=0.01)


def test_the_page_fits_a_phone(browser: webdriver.Chrome, dashboard: str) -> None:
    browser.set_window_size(390, 844)
    try:
        browser.get(dashboard + "/")
        _map_ready(browser)
        inner, scroll = browser.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
        assert inner <= 390 and scroll <= inner
        width = browser.execute_script("return document.getElementById('map').offsetWidth")
        assert 300 <= width <= inner
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SCREENSHOTS / "dashboard-phone.png"))  # the first screen
        browser.execute_script("document.getElementById('map').scrollIntoView()")
        browser.save_screenshot(str(SCREENSHOTS / "dashboard-phone-map.png"))
    finally:
        browser.set_window_size(1400, 1000)


def test_the_api_is_described_by_openapi(dashboard: str) -> None:
    with urllib.request.urlopen(dashboard + "/openapi.json", timeout=30) as response:
        paths = set(json.load(response)["paths"])
    assert paths == {"/api/kpis", "/api/kpis/by-state", "/api/kpis/trend", "/api/stations",
                     "/api/down", "/api/stale", "/api/loads", "/api/reliability",
                     "/api/quality", "/api/uptime", "/api/uptime/overview", "/api/gaps",
                     "/api/sites", "/api/sessions", "/api/attempts", "/api/forecast",
                     "/api/anomalies", "/api/maintenance"}  # fmt: skip


def test_the_api_gives_the_numbers_of_the_page(
    browser: webdriver.Chrome, dashboard: str, loaded: CliRunnerCall
) -> None:
    browser.get(dashboard + "/api/kpis?state=WA")
    api = json.loads(browser.find_element(By.TAG_NAME, "body").text)
    by_state = {g["state"]: g for g in _kpi_json(loaded, "--by", "state")["groups"]}
    assert api["kpis"] == by_state["WA"]["kpis"] and api["counts"] == by_state["WA"]["counts"]


def test_the_report_opens_from_disk_with_no_request_and_the_cli_numbers(
    browser: webdriver.Chrome, loaded: CliRunnerCall, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    assert loaded("report", str(path)).exit_code == 0
    requested_urls(browser)
    browser.get(path.as_uri())
    assert _tiles(browser) == _expected(_kpi_json(loaded)["kpis"])
    assert requested_urls(browser) == [path.as_uri()]
    screenshot(browser, "report")


def test_the_dashboard_reads_as_the_reader_role(loaded: CliRunnerCall) -> None:
    with ReaderConnection(loaded.settings).use() as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from core.station")
        conn.rollback()
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("create temporary table scratch (x int)")


def test_the_map_says_why_when_a_filter_value_is_unknown(
    browser: webdriver.Chrome, dashboard: str
) -> None:
    browser.get(dashboard + "/?network=Nowhere%20Network")
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return window.chargewatchMap.error")
    )
    message = browser.find_element(By.CSS_SELECTOR, "#map .map-status").text
    assert message.startswith("unknown network 'Nowhere Network': no station has it; one of ")


def _file_dates() -> dict[str, str]:
    """Each state's newest file date, from the CSVs alone (a file's newest Updated At)."""
    dates: dict[str, str] = {}
    for path in FILES:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["Fuel Type Code"] == "ELEC"]
        day = newest_update(path)
        for state in {r["State"] for r in rows}:
            dates[state] = max(day, dates.get(state, day))
    return dates


def _dates_on_page(browser: webdriver.Chrome) -> tuple[str, dict[str, str], dict[str, str]]:
    note = browser.find_element(By.ID, "mixed-dates").text
    by_state = {
        r.get_attribute("data-state") or "": r.find_elements(By.TAG_NAME, "td")[1].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#by-state tr[data-state]")
    }
    coverage = {
        r.get_attribute("data-as-of") or "": r.find_element(By.CSS_SELECTOR, "td.coverage").text
        for r in browser.find_elements(By.CSS_SELECTOR, "#kpi-trend tr[data-as-of]")
    }
    return note, by_state, coverage


def test_the_page_and_the_report_say_which_date_each_state_stands_on(
    browser: webdriver.Chrome, dashboard: str, loaded: CliRunnerCall, tmp_path: Path
) -> None:
    dates = _file_dates()
    ny_first = newest_update(AFDC_DIR / "afdc_NY_allfuels_2025-02.csv")
    report = tmp_path / "report.html"
    assert loaded("report", str(report)).exit_code == 0
    for url, name in ((dashboard, "dashboard-dates"), (report.as_uri(), "report-dates")):
        browser.get(url)
        note, by_state, coverage = _dates_on_page(browser)
        assert note.startswith("Mixes snapshot dates: ")
        for state, day in dates.items():
            assert f"{state} as of {day}" in note
        assert by_state == dates
        assert coverage[ny_first] == "NY first loaded"
        assert "NY first loaded" in browser.find_element(By.CSS_SELECTOR, "svg.chart").text
        screenshot(browser, name)


def _county_fills(browser: webdriver.Chrome) -> dict[str, str]:
    paths = browser.find_elements(By.CSS_SELECTOR, "svg.county-map path.county.judged")
    return {p.get_attribute("data-geoid") or "": p.get_attribute("fill") or "" for p in paths}


def test_the_coverage_map_is_legible_for_the_country_and_for_one_state(
    browser: webdriver.Chrome, dashboard: str, loaded: CliRunnerCall, tmp_path: Path
) -> None:
    from chargewatch.serve.county_map import colour

    expected = json.loads(loaded("gaps", "--format", "json").stdout)
    browser.get(f"{dashboard}/gaps")
    fills = _county_fills(browser)
    assert fills == {g["geoid"]: colour(g["nearest_dcfc_miles"]) for g in expected["groups"]}
    box = browser.find_element(By.CSS_SELECTOR, "svg.county-map").rect
    assert box["width"] > 800 and box["height"] > 350  # the whole country, readable
    summary = browser.find_element(By.CSS_SELECTOR, ".gaps .summary").text
    assert f"{expected['summary']['population']:,} people" in summary
    screenshot(browser, "gaps-us")
    browser.get(f"{dashboard}/gaps?state=WA")
    washington = _county_fills(browser)
    assert len(washington) == 39 and all(g.startswith("53") for g in washington)
    county = browser.find_element(By.CSS_SELECTOR, 'path.county[data-geoid="53033"]').rect
    assert county["width"] > 40  # King County is drawn large enough to see, not a speck
    sites = json.loads(loaded("sites", "--state", "WA", "--top", "10", "--format", "json").stdout)
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.county-map g.site")) == len(
        sites["sites"]
    )
    screenshot(browser, "gaps-wa")
    path = tmp_path / "report.html"
    assert loaded("report", str(path)).exit_code == 0
    browser.get(path.as_uri())
    assert _county_fills(browser) == fills
    screenshot(browser, "report-gaps")
