"""Apply a session source's load: its impossible lines quarantined with their reasons
(no ID, a time that is not one, an end not after the start, negative energy, an end in
the future, a repeated ID), the rest upserted into core.session per (source, session
ID), so a file loaded twice, or overlapping exports, end in the same sessions."""

from __future__ import annotations

from datetime import date

from psycopg import sql

from chargewatch.sources.base import Source
from chargewatch.sources.sessions import SessionSource
from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import analyze_sample
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

STAGED = sql.Identifier("pg_temp", "staged_session")
"""The load's lines as the source's staging model types them, typed once for both steps."""


def _sql(name: str) -> sql.Composed:
    return sql.SQL(read_sql("transform", "sessions", f"{name}.sql")).format(staging=STAGED)


def apply_load(conn: Connection, source: Source, load_id: int) -> int:
    """Quarantine, then upsert load ``load_id``'s sessions; returns the sessions written."""
    params = {"source": source.name, "load_id": load_id}
    told = source.quarantine_terms() if isinstance(source, SessionSource) else {}
    with timed("type sessions", load_id):
        conn.execute(sql.SQL("drop table if exists {}").format(STAGED))
        conn.execute(
            sql.SQL(
                "create temp table {} on commit drop as select * from {} where load_id = %s"
            ).format(STAGED, staging_view(source.name, "session")),
            (load_id,),
        )
        conn.execute(sql.SQL("analyze {}").format(STAGED))
    with timed("quarantine sessions", load_id):
        conn.execute(_sql("quarantine"), {**params, **told})
    with timed("upsert sessions", load_id):
        written = conn.execute(_sql("upsert"), params).rowcount
        analyze_sample(conn, sql.SQL("core.session"))
        return written


def newest_day(conn: Connection, load_id: int) -> date | None:
    """The date (UTC) of the newest session end the load gave, of its lines not
    quarantined (a line kept out by a final record still dates it): its as-of date."""
    query = sql.SQL(
        "select max(s.plug_out_at)::date from {} as s where not exists ("
        "select from core.quarantine as q where q.load_id = %s and q.line_number = s.line_number)"
    ).format(STAGED)
    row = conn.execute(query, (load_id,)).fetchone()
    return None if row is None else row[0]
