"""Build months of status feeds with the engine asked for: the library call behind
``chargewatch status build`` and ``CHARGEWATCH_ENGINE=spark``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from chargewatch.engines import parquet, postgres
from chargewatch.engines.job import MonthJob
from chargewatch.engines.month import (
    copy_results,
    month_job,
    months_of_feed,
    replace_month,
    start_month,
)
from chargewatch.errors import ConfigError, DataError
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import registry
from chargewatch.warehouse import history, port_status
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

if TYPE_CHECKING:
    from chargewatch.lake import Lake
    from chargewatch.warehouse.connect import Connection
    from chargewatch.warehouse.load import LoadResult

ENGINES = ("postgres", "spark")


@dataclass(frozen=True)
class MonthBuilt:
    source: str
    month: date
    engine: str
    intervals: int
    ports: int
    seconds: float


def check_engine(engine: str) -> str:
    """``engine`` if there is one by that name (``CHARGEWATCH_ENGINE`` is not checked on
    reading), else ``ConfigError``."""
    if engine not in ENGINES:
        raise ConfigError(
            f"engine {engine!r} (CHARGEWATCH_ENGINE): expected one of {', '.join(ENGINES)}"
        )
    return engine


def status_feeds(conn: Connection) -> list[str]:
    """The status feeds with a load that stood, by name."""
    rows = conn.execute(
        "select distinct source from core.load where model = 'port_status' and status = 'loaded' "
        "order by 1"
    ).fetchall()
    return [row[0] for row in rows]


def build_months(
    conn: Connection,
    lake: Lake,
    source: str,
    months: list[date] | None = None,
    *,
    engine: str = "postgres",
    master: str | None = None,
    progress: Progress = NULL_PROGRESS,
) -> list[MonthBuilt]:
    """Build ``months`` (default: every month the feed's intervals reach) of ``source``
    from scratch with ``engine`` and put them in the warehouse, a month per transaction."""
    check_engine(engine)
    month_job(conn, source, date.today())  # a feed this build does not cover is refused first
    jobs = [month_job(conn, source, m) for m in (months or months_of_feed(conn, source))]
    spark = _spark(conn, lake, source, master, progress) if engine == "spark" else None
    built = []
    for job in jobs:
        progress.step(f"{source} {job.month:%Y-%m}: building on {engine}")
        started = time.perf_counter()
        with conn.transaction():
            history.lock_source(conn, source)  # no load of the feed runs beside the month
            start_month(conn)
            _run(conn, lake, spark, job)
            intervals, ports = replace_month(conn, job)
        seconds = time.perf_counter() - started
        built.append(MonthBuilt(source, job.month, engine, intervals, ports, seconds))
    return built


def load_results(conn: Connection, lake: Lake, source: str, month: date) -> MonthBuilt:
    """Put the month's intervals a Spark job left in the lake (``engines.emr_job``) in
    the warehouse, in one transaction."""
    job = month_job(conn, source, month)
    started = time.perf_counter()
    with conn.transaction():
        history.lock_source(conn, source)
        start_month(conn)
        if not copy_results(conn, lake, job):
            raise DataError(
                f"the Spark job built no interval for {source} {month:%Y-%m}; nothing replaced"
            )
        intervals, ports = replace_month(conn, job)
    seconds = time.perf_counter() - started
    return MonthBuilt(source, job.month, "spark", intervals, ports, seconds)


def months_of_load(conn: Connection, source: str, load_id: int) -> list[date]:
    """The months whose intervals load ``load_id`` of a status feed can change."""
    gap = port_status.settings(conn, registry.source(source))["max_gap"] or timedelta(0)
    query = read_sql("engines", "load_months.sql").format(
        observation=staging_view(source, "observation").as_string(conn)
    )
    rows = conn.execute(query, {"load_id": load_id, "max_gap": gap}).fetchall()
    return [row[0] for row in rows]


def after_load(
    conn: Connection,
    lake: Lake,
    result: LoadResult,
    *,
    engine: str = "postgres",
    master: str | None = None,
    parts: bool = False,
    progress: Progress = NULL_PROGRESS,
) -> list[MonthBuilt]:
    """What a status load leaves to do outside its transaction: with the Spark engine or
    ``parts``, its observations as Parquet in the lake; with the Spark engine, the months
    it changed built again on Spark. Nothing otherwise (the default's loads stay as fast
    as they were; ``build_months`` on Spark writes the parts a load lacks), for another
    source, or for a file loaded before."""
    check_engine(engine)
    source = registry.source(result.source)
    if source.model != "port_status" or result.already_loaded:
        return []
    if engine == "spark" or parts:
        progress.step(f"{source.name}: writing load {result.load_id}'s observations as Parquet")
        parquet.write_load(conn, lake, source.name, result.load_id)
    if engine != "spark":
        return []
    months = months_of_load(conn, source.name, result.load_id)
    return build_months(
        conn, lake, source.name, months, engine=engine, master=master, progress=progress
    )


def _run(conn: Connection, lake: Lake, spark: Any, job: MonthJob) -> int:
    """Build the month into ``cw_built`` on the engine ``spark`` says; returns how many."""
    if spark is None:
        return postgres.build(conn, job)
    from chargewatch.engines import spark as on_spark

    on_spark.build(spark, spark_root(lake), job)
    return copy_results(conn, lake, job)


def spark_root(lake: Lake) -> str:
    """The lake's root as Spark reads it: a local folder as it is, an object store's with
    its scheme (``s3a://`` for S3, which Spark's Hadoop S3A connector reads)."""
    protocol = lake.fs.protocol if isinstance(lake.fs.protocol, str) else lake.fs.protocol[0]
    if protocol in ("file", "local"):
        return str(lake.root)
    return f"{'s3a' if protocol in ('s3', 's3a') else protocol}://{lake.root}"


def _spark(
    conn: Connection, lake: Lake, source: str, master: str | None, progress: Progress
) -> Any:
    """A Spark session, once every load of the feed has its Parquet parts in the lake."""
    from chargewatch.engines import spark as on_spark

    progress.step("starting Spark")
    session = on_spark.session(master)  # says first what is missing: PySpark, Java
    missing = [n for n in _loads(conn, source) if n not in parquet.loads_written(lake, source)]
    for load_id in missing:
        progress.step(f"{source}: writing load {load_id}'s observations as Parquet")
        parquet.write_load(conn, lake, source, load_id)
    return session


def _loads(conn: Connection, source: str) -> list[int]:
    rows = conn.execute(
        "select load_id from core.load where source = %s and status = 'loaded' order by 1",
        (source,),
    ).fetchall()
    return [int(row[0]) for row in rows]
