"""A month of a status feed's intervals built from scratch, by either engine, from one
definition (``engines.job``), and put in the warehouse.

PostgreSQL binds the definition's inputs to the warehouse's tables
(``engines.postgres``), Spark to the lake's Parquet parts (``engines.spark``).
Either way the month's intervals of the feed's ports replace those in
``core.port_status_interval`` in one transaction, so ``chargewatch uptime``, the
dashboard and Tableau read them unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from chargewatch.engines.job import INTERVAL_COLUMNS, ONE_MICROSECOND, MonthJob
from chargewatch.engines.parquet import arrow
from chargewatch.errors import ConfigError, DataError, NotFoundError
from chargewatch.sources import registry
from chargewatch.warehouse import port_status
from chargewatch.warehouse.sqlfiles import read_sql

if TYPE_CHECKING:
    from chargewatch.lake import Lake
    from chargewatch.warehouse.connect import Connection


def month_job(conn: Connection, source_name: str, month: date) -> MonthJob:
    """The month's job for a loaded status feed; ``ConfigError`` for a source that is not
    a status feed."""
    source = registry.source(source_name)
    if source.model != "port_status":
        raise ConfigError(f"{source_name} is not a status feed; status build builds feeds only")
    held = port_status.settings(conn, source)
    gap, offline = held["max_gap"], held["offline_after"]
    return MonthJob(
        source_name,
        month.replace(day=1),
        source.status_feed == "polls",
        gap // ONE_MICROSECOND if gap is not None else 0,
        offline // ONE_MICROSECOND if offline is not None else None,
        source.reports_contact,
    )


def months_of_feed(conn: Connection, source: str) -> list[date]:
    """Every month the feed's intervals reach, oldest first."""
    rows = conn.execute(
        "select distinct i.month from core.port_status_interval as i "
        "join core.port as p using (port_pk) where p.source = %s order by 1",
        (source,),
    ).fetchall()
    return [row[0] for row in rows]


def replace_month(conn: Connection, job: MonthJob, intervals: list[tuple[object, ...]]) -> int:
    """Put ``intervals`` (``INTERVAL_COLUMNS``, times in microseconds) in place of the
    feed's intervals of the month; returns how many. Run in the caller's transaction."""
    conn.execute(
        "create temporary table cw_built (port_key text, starts_at bigint, ends_at bigint, "
        "status text) on commit drop"
    )
    with conn.cursor() as cur, cur.copy("copy cw_built from stdin") as copy:
        for row in intervals:
            copy.write_row(row)
    params = {"source": job.source, "month": job.month}
    conn.execute(read_sql("engines", "delete_month.sql"), params)
    conn.execute(read_sql("engines", "insert_month.sql"), params)
    conn.execute("drop table cw_built")
    return len(intervals)


def read_results(conn: Connection, lake: Lake, job: MonthJob) -> list[tuple[object, ...]]:
    """The month's intervals a Spark job left as Parquet in the lake, once they prove to
    be built from every load of the feed with the feed's settings (``DataError`` naming
    what differs: the job must run again)."""
    pa = arrow()
    where = job.results(lake.root)
    if not lake.fs.exists(f"{where}/_SUCCESS"):
        raise NotFoundError(
            f"no finished Spark results for {job.source} {job.month:%Y-%m} in "
            f"{lake.uri_for(where)}: run the Spark job (chargewatch.engines.emr_job) first"
        )
    table = pa.parquet.read_table(where, filesystem=lake.fs)
    if table.num_rows:
        _check_provenance(conn, job, table.slice(0, 1).to_pylist()[0], lake.uri_for(where))
    columns = [table.column(name).to_pylist() for name in INTERVAL_COLUMNS]
    return list(zip(*columns, strict=True))


def _check_provenance(conn: Connection, job: MonthJob, first: dict[str, Any], where: str) -> None:
    rows = conn.execute(
        "select load_id from core.load where source = %s and status = 'loaded' order by 1",
        (job.source,),
    ).fetchall()
    loaded = ",".join(str(row[0]) for row in rows)
    built = (first["loads"], first["max_gap_us"], first["offline_after_us"])
    wanted = (loaded, job.max_gap_us, job.offline_after_us)
    if built != wanted:
        raise DataError(
            f"{where}: built from loads {built[0] or 'none'} with max gap {built[1]} µs and "
            f"offline-after {built[2]} µs, but the warehouse has loads {loaded or 'none'} with "
            f"{wanted[1]} µs and {wanted[2]} µs; run the Spark job again (after a Spark-engine "
            "load or status build has written every load's Parquet parts)"
        )
