"""The month build on PostgreSQL: the shared definition over the warehouse's own tables.

The inputs (``sql/engines/postgres``) are temporary tables read from core.status_poll,
core.port and core.status_event; the shared SQL then runs as it does on Spark.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from chargewatch.engines.job import INTERVAL_COLUMNS, MonthJob, micros
from chargewatch.engines.month import BUILT
from chargewatch.warehouse.sqlfiles import sql_files

if TYPE_CHECKING:
    from chargewatch.warehouse.connect import Connection

EVER = micros(datetime.min.replace(tzinfo=UTC))
"""A time before any feed's first observation (year 1), in microseconds."""


def build(conn: Connection, job: MonthJob) -> int:
    """Build the month's intervals into ``cw_built`` (``month.start_month``), in the
    caller's transaction; returns how many."""
    params = {
        "source": job.source,
        "start": job.start_us,
        "end": job.end_us,
        "max_gap": job.max_gap_us,
        "offline_after": job.offline_after_us,
        "read_from": job.start_us - job.max_gap_us if job.polled else EVER,
    }
    for _, text in sql_files("engines/postgres"):
        conn.execute(text, params)
    *steps, (_, last) = job.steps
    for name, text in steps:
        conn.execute(f"create temporary table {name} on commit drop as {text}")
    columns = ", ".join(INTERVAL_COLUMNS)
    built = conn.execute(f"insert into {BUILT} ({columns}) select {columns} from ({last}) as b")
    bound = ("cw_month", "cw_poll", "cw_port", "cw_observation", "cw_contact")
    conn.execute(f"drop table {', '.join([*bound, *(name for name, _ in steps)])}")
    return built.rowcount
