"""The month build on Spark: the shared definition over the lake's Parquet parts.

Spark reads ``status/source=<feed>/date=…`` (``engines.parquet``), pruned to the
month's days (and the max gap before it) for what was observed, and the whole
feed, one column, for its ports. It binds the shared SQL's inputs as views, runs
the definition, and writes the month's intervals as Parquet under
``results/intervals/source=<feed>/month=<YYYY-MM>`` in the lake, from where they
replace the warehouse's. Local mode (``local[*]``) unless ``--master`` or
Spark's own configuration says otherwise. Needs ``chargewatch[spark]`` and Java 17.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from chargewatch.engines.month import INTERVAL_COLUMNS, MonthJob
from chargewatch.engines.parquet import CONTACT, arrow, part_folder
from chargewatch.errors import ConfigError

if TYPE_CHECKING:
    from chargewatch.lake import Lake

JAVA_HINT = (
    "Spark needs Java 17 or newer: on Debian or Ubuntu, "
    "apt-get install openjdk-17-jre-headless (or set JAVA_HOME)"
)
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.ui.showConsoleProgress": "false",
    "spark.log.level": "ERROR",
}
"""Defaults a cluster's own configuration can override (``spark-defaults.conf``)."""


def java_version() -> int:
    """The major version of the ``java`` Spark would start; ``ConfigError`` if none."""
    java = shutil.which("java")
    if java is None:
        raise ConfigError(f"no java found. {JAVA_HINT}")
    shown = subprocess.run([java, "-version"], check=False, capture_output=True, text=True).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    major = int(found.group(1)) if found else 0
    return int(found.group(2) or 0) if major == 1 and found else major


def session(master: str | None = None) -> Any:
    """A Spark session (``local[*]`` unless ``master``); ``ConfigError`` naming what is
    missing when PySpark or Java is not there."""
    try:
        # PySpark's note on the pandas it finds, which the build does not use.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "the Spark engine needs PySpark: pip install 'chargewatch[spark]'"
        ) from None
    if java_version() < 17:
        raise ConfigError(f"java is older than 17. {JAVA_HINT}")
    builder = SparkSession.builder.appName("chargewatch status build")
    if master:
        builder = builder.master(master)
    elif not _configured_master():
        builder = builder.master("local[*]")
    for key, value in SETTINGS.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _configured_master() -> bool:
    """Whether Spark's own configuration (spark-submit, EMR) already names a master."""
    from pyspark import SparkConf

    return SparkConf().contains("spark.master")


def build(spark: Any, lake: Lake, job: MonthJob) -> list[tuple[object, ...]]:
    """The month's intervals (``month.INTERVAL_COLUMNS``), also left as Parquet in the lake."""
    parts = spark.read.parquet(_spark_path(lake, part_folder(lake, job.source)))
    _bind_observations(parts, job)
    _bind_ports(parts)
    _bind_contacts(spark, lake, job.source)
    spark.createDataFrame(
        [(job.start_us, job.end_us, job.max_gap_us, job.offline_after_us)],
        "month_start long, month_end long, max_gap long, offline_after long",
    ).createOrReplaceTempView("cw_month")
    built = spark.sql(job.definition)
    target = (
        f"{lake.root.rstrip('/')}/results/intervals/source={job.source}/month={job.month:%Y-%m}"
    )
    built.write.mode("overwrite").parquet(_spark_path(lake, target))
    return _read_back(lake, target)


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
    """``cw_port``: every port the feed's parts name, with its newest listing."""
    from pyspark.sql import functions as f

    parts.where(f.col("port_key").isNotNull()).groupBy("port_key").agg(
        f.min("station_id").alias("station_id"),
        (f.max(f.col("whole_station").cast("int")) == 1).alias("whole_station"),
        f.max(f.unix_micros(f.col("seen_at"))).alias("until_at"),
    ).createOrReplaceTempView("cw_port")


def _bind_contacts(spark: Any, lake: Lake, source: str) -> None:
    """``cw_contact``: the chargers' messages, once per (station, time) however many logs
    hold them (none for a feed without them)."""
    from pyspark.sql import functions as f

    folder = part_folder(lake, source, CONTACT)
    if not lake.fs.exists(folder):
        spark.createDataFrame(
            [],
            "station_id string, said_at long, seen_until long, heartbeat_interval long, "
            "spoke boolean",
        ).createOrReplaceTempView("cw_contact")
        return
    contacts = spark.read.parquet(_spark_path(lake, folder))
    contacts.groupBy("station_id", f.unix_micros(f.col("said_at")).alias("said_at")).agg(
        f.max(f.unix_micros(f.col("seen_until"))).alias("seen_until"),
        f.min("heartbeat_us").alias("heartbeat_interval"),
        (f.max(f.col("spoke").cast("int")) == 1).alias("spoke"),
    ).createOrReplaceTempView("cw_contact")


def _day(moment_us: int) -> str:
    """The UTC day of a time in microseconds, as the parts' ``date=`` folders name it."""
    return f"{datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=moment_us):%Y-%m-%d}"


def _spark_path(lake: Lake, path: str) -> str:
    """A lake path as Spark reads it: a local folder as it is, an object store's with
    its scheme (``s3a://`` for S3, which the Hadoop S3A connector reads)."""
    protocol = lake.fs.protocol if isinstance(lake.fs.protocol, str) else lake.fs.protocol[0]
    if protocol in ("file", "local"):
        return path
    return f"{'s3a' if protocol in ('s3', 's3a') else protocol}://{path}"


def _read_back(lake: Lake, target: str) -> list[tuple[object, ...]]:
    pa = arrow()
    table = pa.parquet.read_table(target, filesystem=lake.fs)
    columns = [table.column(name).to_pylist() for name in INTERVAL_COLUMNS]
    return list(zip(*columns, strict=True))
