"""The Spark job as ``spark-submit`` runs it on a cluster (EMR Serverless, Glue, …):
one month of one feed from the lake's Parquet to its intervals as Parquet in the
lake, touching nothing else. It needs PySpark and the standard library only, so
the package ships as a zip of ``src/chargewatch`` (``--py-files``).

    spark-submit --py-files chargewatch.zip emr_job.py \\
        --lake s3://bucket/lake --source esb --feed polls --month 2024-05

The intervals land in ``<lake>/results/intervals/source=<feed>/month=<YYYY-MM>/``;
its ``_SUCCESS`` marker is what the Lambda function (``chargewatch.aws``) loads
into the warehouse, in one transaction (``chargewatch status load-results`` does
the same by hand). Without ``--month``: the month before this one.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta, timezone

from chargewatch.engines import spark
from chargewatch.engines.job import ONE_MICROSECOND, MonthJob


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def job_from(argv: list[str] | None = None) -> tuple[str, MonthJob]:
    """The lake's root and the month's job from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lake", required=True, help="The lake's root, e.g. s3://bucket/lake.")
    parser.add_argument("--source", required=True, help="The status feed, e.g. esb.")
    parser.add_argument("--feed", required=True, choices=("polls", "events"))
    parser.add_argument("--month", help="YYYY-MM (default: the month before this one).")
    parser.add_argument("--max-gap-minutes", type=float, default=15.0)
    parser.add_argument("--offline-after-minutes", type=float)
    parser.add_argument(
        "--contacts", action="store_true", help="The chargers' messages count (OCPP logs)."
    )
    args = parser.parse_args(argv)
    month = (
        date(int(args.month[:4]), int(args.month[5:7]), 1)
        if args.month
        else previous_month(datetime.now(timezone.utc).date())
    )
    offline = args.offline_after_minutes
    return args.lake, MonthJob(
        args.source,
        month,
        args.feed == "polls",
        timedelta(minutes=args.max_gap_minutes) // ONE_MICROSECOND,
        timedelta(minutes=offline) // ONE_MICROSECOND if offline is not None else None,
        args.contacts,
    )


def main(argv: list[str] | None = None) -> None:
    root, job = job_from(argv)
    on_cluster = spark.session(check_java=False)  # the cluster brings its own Java
    print(
        f"{job.source} {job.month:%Y-%m}: intervals written to {spark.build(on_cluster, root, job)}"
    )


if __name__ == "__main__":
    main()
