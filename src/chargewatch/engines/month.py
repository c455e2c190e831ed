"""A month of a status feed's intervals built from scratch, by either engine, from one
definition.

``sql/engines/shared/{poll,event}_intervals.sql`` are the definition: plain SQL that
PostgreSQL and Spark SQL both run, over four inputs each engine binds
(``cw_month``, ``cw_poll``, ``cw_port``, ``cw_observation``; times as microseconds
since 1970 UTC). PostgreSQL binds them to the warehouse's tables
(``engines.postgres``), Spark to the lake's Parquet parts (``engines.spark``).
Either way the month's intervals of the feed's ports replace those in
``core.port_status_interval`` in one transaction, so ``chargewatch uptime``, the
dashboard and Tableau read them unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from chargewatch.errors import ConfigError
from chargewatch.sources import registry
from chargewatch.warehouse import port_status
from chargewatch.warehouse.sqlfiles import read_sql

if TYPE_CHECKING:
    from chargewatch.warehouse.connect import Connection

MICROS = 1_000_000
ONE_MICROSECOND = timedelta(microseconds=1)
INTERVAL_COLUMNS = ("port_key", "starts_at", "ends_at", "status")


@dataclass(frozen=True)
class MonthJob:
    """One month of one feed: what both engines need to know."""

    source: str
    month: date
    polled: bool
    max_gap_us: int
    offline_after_us: int | None = None

    @property
    def start_us(self) -> int:
        return micros(datetime(self.month.year, self.month.month, 1, tzinfo=UTC))

    @property
    def end_us(self) -> int:
        following = date(self.month.year + self.month.month // 12, self.month.month % 12 + 1, 1)
        return micros(datetime(following.year, following.month, 1, tzinfo=UTC))

    @property
    def definition(self) -> str:
        """The shared SQL that builds this feed's month."""
        name = "poll_intervals.sql" if self.polled else "event_intervals.sql"
        return read_sql("engines", "shared", name)


def micros(moment: datetime) -> int:
    """Microseconds since 1970-01-01 UTC."""
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * MICROS + delta.microseconds


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
