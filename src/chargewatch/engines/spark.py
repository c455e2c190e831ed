"""The month build on Spark: the shared definition over the lake's Parquet parts.

Spark reads ``status/source=<feed>/date=…`` (``engines.parquet``), pruned to the
month's days (and the max gap before it) for what was observed, and the whole
feed, a few columns, for its ports; a feed's chargers' messages from
``contact/source=<feed>``. It binds the shared SQL's inputs as views, runs the
definition and writes the month's intervals as Parquet under
``results/intervals/source=<feed>/month=<YYYY-MM>`` in the lake. Only PySpark and
the standard library are needed here, so the same code runs on EMR Serverless
(``engines.emr_job``). Local mode (``local[*]``) unless ``--master`` or Spark's own
configuration says otherwise; Java 17 or newer.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from chargewatch.engines.job import CONTACT, STATUS, MonthJob
from chargewatch.errors import ConfigError

JAVA_HINT = (
    "Spark needs Java 17 or newer: on Debian or Ubuntu, "
    "apt-get install openjdk-17-jre-headless (or set JAVA_HOME)"
)
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "64",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "ERROR",
}
"""Defaults; a cluster's own configuration (``spark-defaults.conf``, EMR's) wins."""


def java_version() -> int:
    """The major version of the ``java`` Spark would start; ``ConfigError`` if none."""
    home = os.environ.get("JAVA_HOME")
    beside = os.path.join(home, "bin", "java") if home else ""
    java = beside if beside and os.access(beside, os.X_OK) else shutil.which("java")
    if java is None:
        raise ConfigError(f"no java found. {JAVA_HINT}")
    shown = subprocess.run([java, "-version"], check=False, capture_output=True, text=True).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    major = int(found.group(1)) if found else 0
    return int(found.group(2) or 0) if major == 1 and found else major


def session(master: str | None = None, *, check_java: bool = True) -> Any:
    """A Spark session (``local[*]`` unless ``master`` or Spark's configuration names
    one); ``ConfigError`` naming what is missing when PySpark or Java is not there."""
    try:
        # PySpark's note on the pandas it finds, which the build does not use.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "the Spark engine needs PySpark: pip install 'chargewatch[spark]'"
        ) from None
    if check_java and java_version() < 17:
        raise ConfigError(f"java is older than 17. {JAVA_HINT}")
    builder = SparkSession.builder.appName("chargewatch status build")
    configured = SparkConf()
    if master or not configured.contains("spark.master"):
        builder = builder.master(master or "local[*]")
    for key, value in SETTINGS.items():
        if not configured.contains(key):
            builder = builder.config(key, value)
    return _keeping_ctrl_c(builder.getOrCreate)


def _keeping_ctrl_c(start: Callable[[], Any]) -> Any:
    """Start Spark without its Ctrl-C handler, which raises wherever Python is, inside
    the database driver too; chargewatch's own (``interrupts``) stays."""
    handler = signal.getsignal(signal.SIGINT)
    try:
        return start()
    finally:
        if handler is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, handler)


def build(spark: Any, root: str, job: MonthJob) -> str:
    """Build the month from the parts under the lake's ``root`` (a path or URL Spark
    reads) and write its intervals there as Parquet; returns where."""
    parts = spark.read.parquet(STATUS.folder(root, job.source))
    _bind_observations(parts, job)
    _bind_ports(parts)
    _bind_contacts(spark, CONTACT.folder(root, job.source) if job.contacts else None)
    spark.createDataFrame(
        [(job.start_us, job.end_us, job.max_gap_us, job.offline_after_us)],
        "month_start long, month_end long, max_gap long, offline_after long",
    ).createOrReplaceTempView("cw_month")
    target = job.results(root)
    *steps, (_, last) = job.steps
    for name, text in steps:
        spark.sql(text).createOrReplaceTempView(name)
    _with_provenance(spark.sql(last), parts, job).write.mode("overwrite").parquet(target)
    return target


def _with_provenance(built: Any, parts: Any, job: MonthJob) -> Any:
    """The intervals with what they were built from on every row (the loads read and the
    feed's settings), so that whoever loads them can check it against the warehouse."""
    from pyspark.sql import functions as f

    loads = ",".join(
        str(row[0]) for row in parts.select("load_id").distinct().orderBy("load_id").collect()
    )
    return (
        built.withColumn("loads", f.lit(loads))
        .withColumn("max_gap_us", f.lit(job.max_gap_us).cast("long"))
        .withColumn("offline_after_us", f.lit(job.offline_after_us).cast("long"))
    )


def _bind_observations(parts: Any, job: MonthJob) -> None:
    """``cw_observation`` and ``cw_poll``: what was observed from the month's read start
    (its max gap before it for a polled feed, else the beginning) to its end, read from
    those days' folders only."""
    from pyspark.sql import functions as f

    read_from = job.start_us - job.max_gap_us if job.polled else None
    days = parts.where(f.col("date") <= _day(job.end_us))
    if read_from is not None:
        days = days.where(f.col("date") >= _day(read_from))
    at = f.unix_micros(f.col("observed_at"))
    window = days.where(at < job.end_us)
    if read_from is not None:
        window = window.where(at >= read_from)
    observed = window.select("port_key", at.alias("observed_at"), "status", "poll_succeeded")
    listed = observed.where(f.col("port_key").isNotNull())
    listed.select("port_key", "observed_at", "status").createOrReplaceTempView("cw_observation")
    succeeded = f.max(f.when(f.col("poll_succeeded"), 1).otherwise(0)) == 1
    observed.groupBy(f.col("observed_at").alias("polled_at")).agg(
        succeeded.alias("succeeded")
    ).createOrReplaceTempView("cw_poll")


def _bind_ports(parts: Any) -> None:
    """``cw_port``: every port the feed's parts name, with its newest listing, spread by
    port over the shuffle's partitions (a few thousand rows, but each meets every poll
    of the month: kept in one task, that product alone would fill its memory)."""
    from pyspark.sql import functions as f

    spread = int(parts.sparkSession.conf.get("spark.sql.shuffle.partitions"))
    parts.where(f.col("port_key").isNotNull()).groupBy("port_key").agg(
        f.min("station_id").alias("station_id"),
        (f.max(f.col("whole_station").cast("int")) == 1).alias("whole_station"),
        f.max(f.unix_micros(f.col("seen_at"))).alias("until_at"),
    ).repartition(spread, "port_key").createOrReplaceTempView("cw_port")


def _bind_contacts(spark: Any, folder: str | None) -> None:
    """``cw_contact``: the chargers' messages in ``folder``, once per (station, time) however
    many logs hold them; none for a feed without them (``folder`` None)."""
    from pyspark.sql import functions as f

    if folder is None:
        spark.createDataFrame(
            [],
            "station_id string, said_at long, seen_until long, heartbeat_interval long, "
            "spoke boolean",
        ).createOrReplaceTempView("cw_contact")
        return
    contacts = spark.read.parquet(folder)
    contacts.groupBy("station_id", f.unix_micros(f.col("said_at")).alias("said_at")).agg(
        f.max(f.unix_micros(f.col("seen_until"))).alias("seen_until"),
        f.min("heartbeat_us").alias("heartbeat_interval"),
        (f.max(f.col("spoke").cast("int")) == 1).alias("spoke"),
    ).createOrReplaceTempView("cw_contact")


def _day(moment_us: int) -> str:
    """The UTC day of a time in microseconds, as the parts' ``date=`` folders name it."""
    return (
        f"{datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=moment_us):%Y-%m-%d}"
    )
