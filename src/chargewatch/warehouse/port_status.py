"""Apply a status feed's load: its polls, ports and observations, then the status
intervals of the ports and months it changes (SPEC §4b).

The source's staging model ``core.stg_<source>__observation`` gives, per line,
``observed_at``, ``poll_succeeded``, ``port_key`` (null for a line that observed
no port), the port's IDs and place, ``source_status``, ``error_code`` and the
canonical ``status``. Observations are idempotent per (port, observed_at), so a
file loaded twice, or files in any order, end in the same events; intervals are
rebuilt from all of them for each (port, month) a load changes, so they end the
same too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from psycopg import sql

from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

MAX_GAP = timedelta(minutes=15)
"""How long a poll's status holds at most when no next poll comes sooner."""


def apply_load(conn: Connection, source: str, load_id: int, max_gap: timedelta = MAX_GAP) -> int:
    """Store load ``load_id`` of status feed ``source`` and rebuild the intervals it
    changes; returns the observations it added."""
    params: dict[str, Any] = {"source": source, "load_id": load_id, "max_gap": max_gap}
    with timed("polls and ports", load_id):
        conn.execute(_sql("insert_polls", source), params)
        ports = conn.execute(_sql("upsert_ports", source), params).fetchall()
        new_ports = [port for port, is_new in ports if is_new]
    with timed("observations", load_id):
        for (month,) in conn.execute(
            sql.SQL(
                "select distinct date_trunc('month', observed_at at time zone 'UTC')::date "
                "from {} where load_id = %s and port_key is not null order by 1"
            ).format(staging_view(source, "observation")),
            (load_id,),
        ).fetchall():
            conn.execute("select core.status_event_month(%s)", (month,))
        added = conn.execute(_sql("insert_events", source), params).rowcount
    with timed("status intervals", load_id):
        rebuild_intervals(conn, source, load_id, new_ports, max_gap)
    return added


def rebuild_intervals(
    conn: Connection, source: str, load_id: int, new_ports: list[int], max_gap: timedelta
) -> None:
    """Rebuild the intervals of the (port, month) pairs load ``load_id`` changes."""
    params = {"source": source, "load_id": load_id, "new_ports": new_ports, "max_gap": max_gap}
    conn.execute(_sql("interval_targets", source), params)
    conn.execute(
        "delete from core.port_status_interval as i using pg_temp.interval_target as t "
        "where i.port_pk = t.port_pk and i.month = t.month"
    )
    conn.execute(_sql("rebuild_poll_intervals", source), params)
    conn.execute("drop table pg_temp.interval_target")


def _sql(step: str, source: str) -> sql.Composed:
    """``sql/transform/status/<step>.sql``, ``{observation}`` standing for the source's
    staging model of observations."""
    text = read_sql("transform", "status", f"{step}.sql")
    return sql.SQL(text).format(observation=staging_view(source, "observation"))
