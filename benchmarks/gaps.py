"""Coverage benchmark: ``gaps`` and ``sites`` over a national network of N stations.

Builds an AFDC-shaped CSV of N stations (100,000 by default) placed near ZCTA
internal points drawn in proportion to population (jittered by up to 0.05
degree), a fifth of them with 1 to 8 DC fast ports, nine in ten available and
most public; loads it (timing the load and the coverage it keeps for reporting),
then times, in one process and one PostgreSQL:

- the stations' query alone (the baseline: what any coverage must read);
- ``gaps --by zcta`` (all 33,791 ZCTAs), ``--by county`` (3,222) and ``--by state``;
- ``sites --top 20`` at resolutions 5 and 6, within 50 and 20 miles;
- a brute-force nearest distance (NumPy, every station against every ZCTA, in
  chunks) over a sample of ZCTAs, scaled to all of them: what the index saves.

Each timing is the median of ``--repeat`` runs; ratios are against the stations'
query of the same run. Prints this process's peak RSS.

    python benchmarks/gaps.py
    python benchmarks/gaps.py --stations 20000 --repeat 1
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from chargewatch.config import Settings
from chargewatch.coverage.gaps import gaps
from chargewatch.coverage.inputs import read_areas, read_stations
from chargewatch.coverage.siting import land_cells, sites
from chargewatch.coverage.sphere import haversine
from chargewatch.coverage.store import refresh
from chargewatch.geography import area_rows
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse import lifecycle
from chargewatch.warehouse.connect import Connection, connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ingest import fresh_database, server

HEADER = [
    "Fuel Type Code", "Station Name", "City", "State", "Status Code", "Latitude", "Longitude",
    "ID", "Updated At", "EV Level2 EVSE Num", "EV DC Fast Count", "Access Days Time",
    "Access Code", "Groups With Access Code", "EV Connector Types", "EV Network",
    "Facility Type", "Owner Type Code",
]  # fmt: skip


def build_file(stations: int, folder: Path, seed: int = 14) -> Path:
    """An AFDC-shaped CSV of ``stations`` stations spread as people are."""
    rng = random.Random(seed)
    zctas = [r for r in area_rows("zcta") if r["population"] and int(r["population"]) > 0]
    weights = [int(r["population"]) for r in zctas]
    path = folder / f"national_{stations}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for n, zcta in enumerate(rng.choices(zctas, weights, k=stations), start=1):
            dc = rng.randint(1, 8) if rng.random() < 0.2 else 0
            status = rng.choices("ETP", (90, 5, 5))[0]
            access = "public" if rng.random() < 0.85 else "private"
            lat = float(zcta["latitude"]) + rng.uniform(-0.05, 0.05)
            lon = float(zcta["longitude"]) + rng.uniform(-0.05, 0.05)
            writer.writerow([
                "ELEC", f"Station {n}", "Town", zcta["state"], status, f"{lat:.6f}",
                f"{lon:.6f}", n, "2025-01-15 10:00:00 UTC", rng.randint(0, 6), dc,
                "24 hours daily", access, access.title(), "J1772 J1772COMBO", "", "", "P",
            ])  # fmt: skip
    return path


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median seconds of ``repeat`` runs, and the last run's result."""
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def newest(conn: Connection) -> date:
    day = snapshot_on_or_before(conn)
    assert day is not None, "the benchmark's file was not loaded"
    return day


def brute_force_seconds(conn: Connection, sample: int) -> float:
    """Seconds a brute-force nearest distance would take for every ZCTA, measured on
    ``sample`` of them against every DC fast station."""
    day = newest(conn)
    stations = read_stations(conn, day)
    dcfc = stations.take(stations.is_dcfc)
    areas = read_areas(conn, "zcta")
    picked = np.random.default_rng(14).choice(
        len(areas), size=min(sample, len(areas)), replace=False
    )
    started = time.perf_counter()
    for lat, lon in zip(areas.lat[picked], areas.lon[picked], strict=True):
        lats = np.full(len(dcfc), lat)
        lons = np.full(len(dcfc), lon)
        haversine(lats, lons, dcfc.lat, dcfc.lon).min()
    return (time.perf_counter() - started) * len(areas) / len(picked)


def run(settings: Settings, path: Path, repeat: int) -> None:
    with connect(settings) as conn:
        started = time.perf_counter()
        result = ingest_file(conn, Lake(settings.lake), str(path))
        load = time.perf_counter() - started
        conn.execute("truncate core.coverage_build")
        conn.commit()
        kept, _ = timed(lambda: refresh(conn), 1)
        print(f"load of {result.rows_loaded:,} stations (with the coverage it keeps): "
              f"{load:.2f}s; the kept coverage alone (counties, ZCTAs, states): {kept:.2f}s")  # fmt: skip
        day = newest(conn)
        query, stations = timed(lambda: read_stations(conn, day), repeat)
        dcfc = int(stations.is_dcfc.sum())
        print(f"stations' query (baseline): {query:.3f}s for {len(stations):,} public "
              f"stations, {dcfc:,} DC fast")  # fmt: skip
        for by in ("zcta", "county", "state"):
            seconds, report = timed(partial(gaps, conn, by=by), repeat)
            s = report["summary"]
            print(f"gaps --by {by}: {seconds:.2f}s ({seconds / query:.1f}x the stations' query); "
                  f"{s['areas']:,} areas, {s['areas_beyond']:,} beyond 50 mi "
                  f"({s['population_beyond']:,} people)")  # fmt: skip
        brute = brute_force_seconds(conn, 2000)
        print(f"brute-force nearest for every ZCTA (scaled from 2,000): {brute:.1f}s")
        for resolution in (5, 6):
            land_cells.cache_clear()
            for within in (50.0, 20.0):
                compute = partial(sites, conn, within=within, top=20, resolution=resolution)
                seconds, report = timed(compute, 1)
                served = report["sites"][-1]["population_served"] if report["sites"] else 0
                print(f"sites --top 20 --resolution {resolution} --within {within:g}: "
                      f"{seconds:.2f}s (cells and all); {len(report['sites'])} sites serve "
                      f"{served:,} of {report['unserved']['population']:,} unserved")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; medians reported")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="chargewatch-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            path = build_file(args.stations, folder)
            settings = Settings(
                home=folder,
                database_url=fresh_database(admin, "bench_gaps"),
                lake_url=str(folder / "lake"),
            )
            run(settings, path, args.repeat)
        finally:  # the server writes into the folder until it stops: stop it before removal
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


if __name__ == "__main__":
    main()
