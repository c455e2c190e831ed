"""Spark benchmark: one month of a national-scale poll feed's uptime on Spark local mode.

Writes an ESB-shaped feed as the lake's Parquet parts (``status/source=esb/date=…``)
straight from NumPy, ``--ports`` ports polled every 5 minutes for ``--days`` days
of November 2018, every port listed at every poll, each status lasting
``--run-polls`` polls on average (74: the Irish file's runs); registers the ports
in a fresh warehouse; then times ``build_months(..., engine="spark")`` for the
month, which reads the parts, builds the intervals, writes them as Parquet and
puts them in the warehouse. Prints observations/s, the intervals, Spark's
driver memory setting and the peak RSS of the JVM.

    python benchmarks/spark.py                                  # 1,000 ports x 30 days
    python benchmarks/spark.py --ports 11575 --days 30          # 100M observations

Uses the embedded PostgreSQL in a temporary folder, or ``CHARGEWATCH_BENCH_DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import psutil
import pyarrow as pa
import pyarrow.parquet as pq

from chargewatch.config import Settings
from chargewatch.engines.builds import build_months
from chargewatch.engines.job import STATUS
from chargewatch.engines.parquet import schema
from chargewatch.lake import Lake
from chargewatch.warehouse import lifecycle
from chargewatch.warehouse.connect import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ingest import fresh_database, server

CODES = np.array(["in_use", "in_use", "out_of_service", "offline"])
"""The Irish file's mix, roughly: Occ and Part in use, OOS, OOC."""
START = datetime(2018, 11, 1, tzinfo=UTC)
POLL_US = 5 * 60 * 1_000_000
CHUNK_PORTS = 500


def write_parts(lake_root: Path, ports: int, days: int, run_polls: float) -> int:
    """The feed's Parquet parts, a chunk of ports at a time; returns the observations."""
    rng = np.random.default_rng(1)
    polls = days * 24 * 12
    start_us = int(START.timestamp()) * 1_000_000
    times = start_us + np.arange(polls, dtype=np.int64) * POLL_US
    day_of = np.arange(polls) // (24 * 12)
    written = 0
    for first in range(0, ports, CHUNK_PORTS):
        count = min(CHUNK_PORTS, ports - first)
        codes = _runs(rng, count, polls, run_polls)
        for day in range(days):
            columns = day_of == day
            table = _table(first, count, times[columns], codes[:, columns])
            folder = (
                lake_root / "status" / "source=esb" / f"date={START.date().replace(day=day + 1)}"
            )
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, folder / f"part-1.c{first}.parquet", compression="zstd")
            written += table.num_rows
    marker = lake_root / "status" / "source=esb" / "_loads" / "1"  # load 1's parts are all there
    marker.parent.mkdir(parents=True)
    marker.write_text(f"{written}\n")
    return written


def _runs(rng: np.random.Generator, count: int, polls: int, run_polls: float) -> np.ndarray:
    """Status codes (ports x polls): a new draw where a run ends, carried forward."""
    changes = rng.random((count, polls)) * run_polls < 1
    changes[:, 0] = True
    draws = rng.integers(0, len(CODES), size=(count, polls), dtype=np.int8)
    last = np.where(changes, np.arange(polls), 0)
    np.maximum.accumulate(last, axis=1, out=last)
    return np.take_along_axis(draws, last, axis=1)


def _table(first: int, count: int, times: np.ndarray, codes: np.ndarray) -> pa.Table:
    ports = np.repeat(np.arange(first, first + count), len(times))
    keys = np.char.add("CP:B", np.char.zfill(ports.astype(str), 6))
    at = pa.array(np.tile(times, count), pa.timestamp("us", tz="UTC"))
    rows = len(ports)
    columns = {
        "source": pa.array(["esb"] * rows), "port_key": pa.array(keys), "station_id": pa.array(keys),
        "port_id": pa.array(["CHAdeMO"] * rows), "observed_at": at, "seen_at": at,
        "poll_succeeded": pa.array(np.ones(rows, bool)), "status": pa.array(CODES[codes.ravel()]),
        "source_status": pa.array(["x"] * rows), "error_code": pa.nulls(rows, pa.string()),
        "whole_station": pa.array(np.zeros(rows, bool)), "load_id": pa.array(np.ones(rows, np.int64)),
        "line_number": pa.array(np.arange(rows, dtype=np.int64)),
    }  # fmt: skip
    return pa.table(columns).cast(schema(STATUS))


def register(settings: Settings, ports: int) -> None:
    """A load and the feed's ports in the warehouse, as a real load would leave them."""
    with connect(settings) as conn, conn.transaction():
        conn.execute(
            "insert into core.load (load_id, source, file_name, sha256, status, model, as_of_date) "
            "overriding system value values (1, 'esb', 'synthetic', repeat('0', 64), 'loaded', "
            "'port_status', '2018-11-30')"
        )
        conn.execute(
            "insert into core.port (source, port_key, station_id, port_id, first_seen, last_seen, "
            "first_load_id) select 'esb', k, k, 'CHAdeMO', %s, %s, 1 "
            "from (select 'CP:B' || lpad(n::text, 6, '0') as k from generate_series(0, %s) as n) as p",
            (START, START, ports - 1),
        )


def peak_jvm_rss(stop: threading.Event, found: list[int]) -> None:
    """Sample the RSS of this process's children (Spark's JVM) until ``stop``."""
    me = psutil.Process()
    while not stop.wait(0.5):
        total = sum(child.memory_info().rss for child in me.children(recursive=True))
        found.append(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", type=int, default=1000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--run-polls", type=float, default=74.0)
    parser.add_argument("--driver-memory", default="2g", help="spark.driver.memory")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.environ["PYSPARK_SUBMIT_ARGS"] = f"--driver-memory {args.driver_memory} pyspark-shell"
    with tempfile.TemporaryDirectory(prefix="chargewatch-spark-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            run(admin, folder, args)
        finally:
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


def run(admin: str, folder: Path, args: argparse.Namespace) -> None:
    lake_root = folder / "lake"
    started = time.perf_counter()
    rows = write_parts(lake_root, args.ports, args.days, args.run_polls)
    size = sum(f.stat().st_size for f in lake_root.rglob("*.parquet"))
    print(
        f"{rows:,} observations as Parquet ({size / 1e6:,.0f} MB) in {time.perf_counter() - started:.0f}s",
        flush=True,
    )
    settings = Settings(
        home=folder, database_url=fresh_database(admin, "bench_spark"), lake_url=str(lake_root)
    )
    register(settings, args.ports)
    samples: list[int] = []
    stop = threading.Event()
    sampler = threading.Thread(target=peak_jvm_rss, args=(stop, samples), daemon=True)
    sampler.start()
    with connect(settings) as conn:
        started = time.perf_counter()
        (built,) = build_months(
            conn, Lake(settings.lake), "esb", [date(2018, 11, 1)], engine="spark"
        )
        seconds = time.perf_counter() - started
    stop.set()
    print(
        f"Spark local[*], driver memory {args.driver_memory}: the month's {built.intervals:,} intervals "
        f"of {built.ports:,} ports in {seconds:.0f}s (session start included; {rows / seconds:,.0f} "
        f"observations/s); peak RSS of the JVM {max(samples, default=0) / 1e6:,.0f} MB",
        flush=True,
    )


if __name__ == "__main__":
    main()
