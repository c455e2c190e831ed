"""Anomalies and maintenance benchmark: the detectors and the prediction over a
generated network, against plain COPY of its status file.

Builds the test suite's generated network (``tests/feedgen.py``: sessions in the
day, outages at night, recurring faults, every planted anomaly) with S stations of
three ports (600 by default) over nine weeks, as a status CSV of events and a session
CSV for half the stations. Then, in one process and one PostgreSQL, times

- plain ``COPY`` of the status file into an all-text table (the baseline);
- chargewatch's ingest of the status file (intervals built) and of the sessions;
- ``chargewatch anomalies`` (every detector, ``reporting.anomaly``);
- ``chargewatch predict evaluate`` (fit on six weeks, test on three) and
  ``predict maintenance`` (fit on all, score one day).

Prints each stage's seconds and its ratio to the COPY, and this process's peak RSS.

    python benchmarks/anomalies.py                  # 600 stations, 1,800 ports
    python benchmarks/anomalies.py --stations 120   # the test suite's network
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from chargewatch.anomalies import anomaly_list
from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.predict.run import evaluate, morning_list
from chargewatch.sources.status_csv import feed_map
from chargewatch.warehouse.connect import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import feedgen

from benchmarks.ingest import bench_server, checkpoint, fresh_database, plain_copy

T = TypeVar("T")


def peak_mb() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"


def build(folder: Path, stations: int) -> tuple[Path, Path]:
    net = feedgen.generate(datetime.now(UTC), stations)
    status, sessions = folder / "status.csv", folder / "sessions.csv"
    status.write_text(net.status_csv(), encoding="utf-8")
    sessions.write_text(net.session_csv(), encoding="utf-8")
    print(f"built {len(net.events):,} status events ({status.stat().st_size / 1e6:,.0f} MB) and "
          f"{len(net.sessions):,} sessions at {stations * 3:,} ports")  # fmt: skip
    return status, sessions


def timed(label: str, baseline: float, step: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = step()
    spent = time.perf_counter() - started
    print(f"{label}: {spent:.1f}s, {spent / baseline:.1f}x the COPY; peak RSS {peak_mb()}")
    return result


def run(admin: str, folder: Path, status: Path, sessions: Path) -> None:
    checkpoint(admin)
    baseline = plain_copy(fresh_database(admin, "bench_copy"), status)
    print(f"plain COPY of the status file: {baseline:.1f}s")
    settings = Settings(home=folder, database_url=fresh_database(admin, "bench_care"),
                        lake_url=str(folder / "lake"))  # fmt: skip
    mapping = feed_map(feedgen.COLUMN_MAP, None)
    with connect(settings) as conn:
        lake = Lake(settings.lake)
        checkpoint(admin)
        timed("ingest status", baseline,
              lambda: ingest_file(conn, lake, str(status), column_map=mapping))  # fmt: skip
        timed("ingest sessions", baseline, lambda: ingest_file(conn, lake, str(sessions)))
        found = timed("anomalies", baseline, lambda: anomaly_list(conn))
        print("  found:", dict(Counter(a["reason_code"] for a in found["anomalies"])))
        report = timed("predict evaluate (train 6 weeks, test 3)", baseline,
                       lambda: evaluate(conn, date(2025, 2, 17), date(2025, 3, 10)))  # fmt: skip
        print(f"  {report['test_rows']:,} test port-days, {report['positives']:,} positives; "
              f"PR-AUC {report['model']['pr_auc']:.3f} (persistence "
              f"{report['baselines']['persistence']['pr_auc']:.3f}, historical rate "
              f"{report['baselines']['historical_rate']['pr_auc']:.3f})")  # fmt: skip
        timed("predict maintenance (one day)", baseline,
              lambda: morning_list(conn, date(2025, 3, 9)))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=600)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with bench_server() as (folder, admin):
        status, sessions = build(folder, args.stations)
        run(admin, folder, status, sessions)


if __name__ == "__main__":
    main()
