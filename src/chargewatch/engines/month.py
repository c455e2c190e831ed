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


BUILT = "cw_built"
"""The temporary table a month's intervals are built into before they replace the
feed's: port_key, starts_at, ends_at (microseconds since 1970 UTC), status."""


def start_month(conn: Connection) -> None:
    """An empty ``cw_built`` for this transaction's month."""
    conn.execute(
        f"create temporary table {BUILT} (port_key text, starts_at bigint, ends_at bigint, "
        "status text) on commit drop"
    )


def replace_month(conn: Connection, job: MonthJob) -> tuple[int, int]:
    """Put the month's intervals in ``cw_built`` in place of the feed's intervals of the
    month; returns (intervals, ports). Run in the caller's transaction."""
    params = {"source": job.source, "month": job.month}
    conn.execute(read_sql("engines", "delete_month.sql"), params)
    conn.execute(read_sql("engines", "insert_month.sql"), params)
    row = conn.execute(f"select count(*), count(distinct port_key) from {BUILT}").fetchone()
    conn.execute(f"drop table {BUILT}")
    return (int(row[0]), int(row[1])) if row else (0, 0)


def copy_results(conn: Connection, lake: Lake, job: MonthJob) -> int:
    """Stream the month's intervals a Spark job left as Parquet in the lake into
    ``cw_built``, a batch at a time, once they prove to be built from every load of the
    feed with the feed's settings (``DataError`` naming what differs: the job must run
    again); returns how many."""
    pa = arrow()
    where = job.results(lake.root)
    if not lake.fs.exists(f"{where}/_SUCCESS"):
        raise NotFoundError(
            f"no finished Spark results for {job.source} {job.month:%Y-%m} in "
            f"{lake.uri_for(where)}: run the Spark job (chargewatch.engines.emr_job) first"
        )
    results = pa.dataset.dataset(where, filesystem=lake.fs, format="parquet")
    first = results.head(1).to_pylist()
    if first:
        _check_provenance(conn, job, first[0], lake.uri_for(where))
    copied = 0
    options = pa.csv.WriteOptions(include_header=False)
    with conn.cursor() as cur, cur.copy(f"copy {BUILT} from stdin (format csv)") as copy:
        for batch in results.to_batches(columns=list(INTERVAL_COLUMNS)):
            sink = pa.BufferOutputStream()
            pa.csv.write_csv(batch, sink, write_options=options)
            copy.write(sink.getvalue().to_pybytes())
            copied += batch.num_rows
    return copied


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
