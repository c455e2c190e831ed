"""Sessions benchmark: ingest of N sessions against plain COPY of the same file, then
a daily forecast of every station with its backtest.

Builds a ChargePoint-shaped CSV (the City of Palo Alto's columns) of N sessions
(10,000,000 by default) at S stations of two ports (1,000 by default) over two years:
each session resamples a real Palo Alto session's Total Duration, Charging Time,
energy and start hour (``../shared/data/sessions``), on a day drawn with the real
sessions' weekday profile; times are local with their zone's abbreviation, user IDs
one of 5,000. Then, in one process and one PostgreSQL, times

- plain ``COPY`` of the file into an all-text table (the baseline);
- chargewatch's ingest (lake, raw, typing, quarantine, upsert into core.session);
- ``chargewatch sessions --by station`` (utilization included) and ``--by network``;
- ``chargewatch forecast --by station`` (daily, 28 days, 4 folds: AutoETS, AutoTheta
  and the seasonal-naive baseline fitted 5 times per series), with the run's
  overall MASE against the baseline's.

Prints the ratio ingest / COPY, rows/s, and this process's peak RSS after each
stage (this process's, and its largest forecasting worker's).

    python benchmarks/sessions.py                           # 10M sessions, 1,000 stations
    python benchmarks/sessions.py --sessions 1000000 --stations 100
    python benchmarks/sessions.py --skip-forecast
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from chargewatch.config import Settings
from chargewatch.forecast.run import forecast
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.sessions import session_summary
from chargewatch.warehouse import lifecycle
from chargewatch.warehouse.connect import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.ingest import checkpoint, fresh_database, plain_copy, server

PALO_ALTO = (
    Path(__file__).resolve().parents[2]
    / "shared" / "data" / "sessions"
    / "sessions_paloalto_chargepoint_2011-07_to_2013-03_first10k.csv"
)  # fmt: skip
FIRST_DAY = date(2022, 1, 3)
DAYS = 730
PACIFIC = ZoneInfo("America/Los_Angeles")


def real_sessions() -> list[dict[str, str]]:
    with PALO_ALTO.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def build_file(sessions: int, stations: int, folder: Path, seed: int = 15) -> Path:
    """The ChargePoint-shaped CSV of ``sessions`` sessions at ``stations`` stations."""
    rng = random.Random(seed)
    real = real_sessions()
    header = list(real[0])
    weekday = Counter(datetime.strptime(r["Start Date"], "%m/%d/%Y %H:%M").weekday() for r in real)
    weights = [weekday[(FIRST_DAY + timedelta(days=d)).weekday()] for d in range(DAYS)]
    path = folder / f"sessions_{sessions}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        made = 0
        while made < sessions:
            chunk = min(100_000, sessions - made)
            days = rng.choices(range(DAYS), weights, k=chunk)
            likes = rng.choices(real, k=chunk)
            for n, (day, like) in enumerate(zip(days, likes, strict=True), start=made):
                writer.writerow(_session(rng, n, day, like, stations))
            made += chunk
    return path


def _session(
    rng: random.Random, n: int, day: int, like: dict[str, str], stations: int
) -> dict[str, str]:
    real_start = datetime.strptime(like["Start Date"], "%m/%d/%Y %H:%M")
    start = datetime.combine(FIRST_DAY + timedelta(days=day), real_start.time())
    hours, minutes, seconds = (int(p) for p in like["Total Duration (hh:mm:ss)"].split(":"))
    end = start + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    station = rng.randrange(stations)
    return {
        **like,
        "Station Name": f"BENCH / STATION {station}",
        "MAC Address": f"0000:{station:04X}",
        "Start Date": start.strftime("%m/%d/%Y %H:%M"),
        "Start Time Zone": _abbreviation(start),
        "End Date": end.strftime("%m/%d/%Y %H:%M"),
        "End Time Zone": _abbreviation(end),
        "Port Number": str(rng.randint(1, 2)),
        "Plug In Event Id": str(n),
        "User ID": str(rng.randrange(5000)),
    }


def _abbreviation(local: datetime) -> str:
    return local.replace(tzinfo=PACIFIC).tzname() or "PST"


def peak_mb() -> str:
    """This process's peak RSS, and the largest of its finished children's (the
    forecast's worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"{own:,.0f} MB (largest worker: {children:,.0f} MB)"


def run(admin: str, folder: Path, path: Path, with_forecast: bool) -> None:
    checkpoint(admin)
    baseline = plain_copy(fresh_database(admin, "bench_copy"), path)
    settings = Settings(
        home=folder, database_url=fresh_database(admin, "bench_sessions"),
        lake_url=str(folder / "lake"),
    )  # fmt: skip
    with connect(settings) as conn:
        checkpoint(admin)
        started = time.perf_counter()
        result = ingest_file(conn, Lake(settings.lake), str(path))
        ingest = time.perf_counter() - started
        print(f"plain COPY: {baseline:.1f}s; ingest of {result.rows_loaded:,} sessions: "
              f"{ingest:.1f}s ({result.rows_read / ingest:,.0f} rows/s), "
              f"{ingest / baseline:.1f}x the COPY; peak RSS {peak_mb()}")  # fmt: skip
        for by in ("station", "network"):
            started = time.perf_counter()
            report = session_summary(conn, by=by)
            print(f"sessions --by {by}: {time.perf_counter() - started:.1f}s, "
                  f"{len(report['groups']):,} groups")  # fmt: skip
        if with_forecast:
            started = time.perf_counter()
            run_ = forecast(conn, by="station", horizon=28, freq="D", folds=4)
            overall = run_["overall"]
            print(f"forecast --by station (daily, 28 ahead, 4 folds): "
                  f"{time.perf_counter() - started:.1f}s for {len(run_['series']):,} series; "
                  f"MASE {overall['mase']} against the baseline's {overall['baseline_mase']}; "
                  f"80%/95% coverage {overall['coverage80']}/{overall['coverage95']}; "
                  f"peak RSS {peak_mb()}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10_000_000)
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--skip-forecast", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="chargewatch-bench-") as tmp:
        folder = Path(tmp)
        admin = server(folder)
        try:
            started = time.perf_counter()
            path = build_file(args.sessions, args.stations, folder)
            print(f"built {args.sessions:,} sessions ({path.stat().st_size / 1e6:,.0f} MB) "
                  f"in {time.perf_counter() - started:.0f}s")  # fmt: skip
            run(admin, folder, path, not args.skip_forecast)
        finally:  # the server writes into the folder until it stops: stop it before removal
            if not os.environ.get("CHARGEWATCH_BENCH_DATABASE_URL"):
                lifecycle.release(folder / "pgdata")


if __name__ == "__main__":
    main()
