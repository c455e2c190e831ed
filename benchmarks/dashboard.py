"""Dashboard benchmark: first paint and filter response at 100k stations.

Builds an AFDC-shaped file from the real NY export (unique IDs; about 97% are
ELEC, so 103,000 rows give some 100,000 stations), ingests it into a fresh
embedded warehouse, serves the dashboard in this process and measures, over
``--repeat`` runs (medians printed with every run):

- the server's time for the page, unfiltered and filtered by network, against
  a baseline in the same process: fetching the mapped stations' coordinates
  with one plain query (the least any map of them must read);
- the map's data (``/api/stations?format=compact``, which the page fetches after
  it is shown): server time, and its size as sent (gzip) and unpacked;
- in headless Chromium: first contentful paint of the page, and the time from
  choosing a filter to the filtered page's load event; then when the map has
  drawn its stations (from navigation, and from choosing the filter).

    python benchmarks/dashboard.py [--rows 103000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser import start_browser
from tests.s3server import free_port

from benchmarks.ingest import build_file, fresh_database, server
from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.serve.dashboard import create_app
from chargewatch.warehouse.connect import connect


def seconds(action: object, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        runs.append(time.perf_counter() - started)
    return runs


def fetch(url: str, gzipped: bool = False) -> bytes:
    headers = {"Accept-Encoding": "gzip"} if gzipped else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        return bytes(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=103_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = fresh_database(server(folder), "bench_dashboard")
        settings = Settings(home=folder / "home", database_url=url, lake_url=str(folder / "lake"))
        with connect(settings) as conn:
            result = ingest_file(conn, Lake(settings.lake), str(build_file(args.rows, folder)))
            network = conn.execute(
                "select network from reporting.station where network is not null "
                "group by 1 order by count(*) desc offset 1 limit 1"
            ).fetchone()[0]  # type: ignore[index]
            baseline = seconds(lambda: conn.execute(
                "select longitude, latitude, status from reporting.station where is_existing"
            ).fetchall(), args.repeat)  # fmt: skip
        print(f"{result.rows_loaded:,} stations loaded")
        port = free_port()
        app = uvicorn.Server(uvicorn.Config(create_app(settings), port=port, log_level="warning"))
        threading.Thread(target=app.run, daemon=True).start()
        while not app.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}/"
        fetch(base)
        page = seconds(lambda: fetch(base), args.repeat)
        quoted = urllib.parse.quote_plus(network)
        filtered = seconds(lambda: fetch(f"{base}?network={quoted}"), args.repeat)
        report("page, unfiltered", page, baseline)
        report(f"page, network = {network}", filtered, baseline)
        map_data(base, args.repeat, baseline)
        browser_figures(base, network, args.repeat)
        app.should_exit = True


def report(label: str, runs: list[float], baseline: list[float]) -> None:
    median, base = statistics.median(runs), statistics.median(baseline)
    print(f"{label}: median {median * 1000:,.0f} ms, {median / base:.1f}x the baseline query "
          f"({base * 1000:,.0f} ms); runs {', '.join(f'{r * 1000:,.0f}' for r in runs)} ms")  # fmt: skip


def map_data(base: str, repeat: int, baseline: list[float]) -> None:
    """The map's stations: server time and bytes, when this version has the compact form."""
    url = base + "api/stations?format=compact"
    sent = fetch(url, gzipped=True)
    unpacked = gzip.decompress(sent) if sent[:2] == b"\x1f\x8b" else sent
    if b'"columns"' not in unpacked:
        print(f"map data: no compact /api/stations in this version ({len(sent):,} bytes)")
        return
    runs = seconds(lambda: fetch(url, gzipped=True), repeat)
    report("map data (compact, gzip)", runs, baseline)
    print(f"map data size: {len(sent):,} bytes sent, {len(unpacked):,} unpacked")


_MAP_READY = """
const done = arguments[arguments.length - 1];
const wait = () => {
  const map = window.chargewatchMap;
  if (!map) { done(null); } else if (map.ready || map.error) { done(map.readyAt || null); }
  else { setTimeout(wait, 20); }
};
wait();
"""
"""When the map had drawn its stations, in ms from navigation (null: no such map)."""


_PAINTED = """
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const page = performance.getEntriesByType('navigation')[0];
return paint ? paint.startTime : page.domContentLoadedEventEnd;
"""
"""First contentful paint, or where headless Chromium does not report paints, the end of
DOMContentLoaded (the page is server-rendered: it paints then), in ms from navigation."""


_CHOOSE = """
sessionStorage.setItem("chosenAt", String(performance.timeOrigin + performance.now()));
const select = document.getElementById("filter-network");
select.value = arguments[0];
select.dispatchEvent(new Event("change"));
"""
"""Choose a network the way a user does (the select's change event submits the filters),
noting the moment in the page, so the time is measured by the browser's own clock."""

_LOADED = """
const end = performance.timing.loadEventEnd;
const chosen = Number(sessionStorage.getItem("chosenAt"));
return end > 0 && chosen > 0 ? end - chosen : null;
"""
"""Milliseconds from choosing the filter to the filtered page's load event (null until then).
(Polling from Python instead measured WebDriverWait's half-second poll as much as the page.)"""


def browser_figures(base: str, network: str, repeat: int) -> None:
    browser = start_browser()
    browser.set_script_timeout(120)
    paints, filters, maps, filtered_maps = [], [], [], []
    try:
        for _ in range(repeat):
            browser.get(base)
            paints.append(browser.execute_script(_PAINTED))
            maps.append(browser.execute_async_script(_MAP_READY))
            started = time.perf_counter()
            browser.execute_script(_CHOOSE, network)
            WebDriverWait(browser, 120, poll_frequency=0.01).until(
                lambda b: "network=" in b.current_url and b.execute_script(_LOADED) is not None
            )
            filters.append(browser.execute_script(_LOADED))
            if browser.execute_async_script(_MAP_READY) is not None:
                filtered_maps.append((time.perf_counter() - started) * 1000)
    finally:
        browser.quit()
    print(f"Chromium first paint (or DOMContentLoaded): median {statistics.median(paints):,.0f} ms "
          f"(runs {', '.join(f'{p:,.0f}' for p in paints)})")  # fmt: skip
    print(f"Chromium filter to loaded page: median {statistics.median(filters):,.0f} ms "
          f"(runs {', '.join(f'{f:,.0f}' for f in filters)})")  # fmt: skip
    if all(m is not None for m in maps):
        print(f"Chromium map drawn, from navigation: median {statistics.median(maps):,.0f} ms "
              f"(runs {', '.join(f'{m:,.0f}' for m in maps)})")  # fmt: skip
    if filtered_maps:
        print(f"Chromium filter to map drawn: median {statistics.median(filtered_maps):,.0f} ms "
              f"(runs {', '.join(f'{m:,.0f}' for m in filtered_maps)})")  # fmt: skip


if __name__ == "__main__":
    main()
