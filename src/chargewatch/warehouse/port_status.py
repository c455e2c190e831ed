"""Apply a status feed's load: its polls, ports and observations, then the status
intervals of the ports and months it changes (SPEC §4b).

The source's staging model ``core.stg_<source>__observation`` gives, per line,
``observed_at``, ``seen_at`` (when the file listed it: its poll, or the
snapshot's time), ``poll_succeeded``, ``port_key`` (null for a line that
observed no port), the port's IDs and place, ``source_status``, ``error_code``
and the canonical ``status``. Observations are idempotent per (port, observed_at), so a
file loaded twice, or files in any order, end in the same events; intervals are
rebuilt from all of them for each (port, month) a load changes, so they end the
same too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.sources.base import Source
from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import analyze_sample
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

MAX_GAP = timedelta(minutes=15)
"""How long a poll's status holds at most when no next poll comes sooner, unless the
feed's setting (core.status_feed_setting) says otherwise."""


def apply_load(conn: Connection, source: Source, load_id: int) -> int:
    """Store load ``load_id`` of status feed ``source`` and rebuild the intervals it
    changes; returns the observations it added."""
    params: dict[str, Any] = {
        "source": source.name,
        "load_id": load_id,
        "everything": False,
        "whole_ports": source.reports_contact,
        **settings(conn, source),
    }
    with timed("read observations", load_id):
        # Once: each step reads them, and the staging model works each line out again.
        conn.execute(
            sql.SQL(
                "create temporary table load_observation on commit drop as "
                "select * from {} where load_id = %(load_id)s"
            ).format(staging_view(source.name, "observation")),
            params,
        )
        conn.execute("analyze pg_temp.load_observation")
    with timed("polls and ports", load_id):
        if source.status_feed == "polls":
            conn.execute(_sql("insert_polls"), params)
        ports = conn.execute(_sql("upsert_ports"), params).fetchall()
        params["new_ports"] = [port for port, is_new in ports if is_new]
    with timed("observations", load_id):
        for (month,) in conn.execute(_sql("event_months"), params).fetchall():
            conn.execute("select core.status_event_month(%s)", (month,))
        added = conn.execute(_sql("insert_events"), params).rowcount
        _contacts(conn, source, params)
    with timed("status intervals", load_id):
        rebuild_intervals(conn, source, params)
        # The anomaly and prediction queries read these at once, before autovacuum would.
        analyze_sample(conn, sql.SQL("core.port, core.port_status_interval"))
    conn.execute("drop table pg_temp.load_observation, pg_temp.load_contact")
    return added


def _contacts(conn: Connection, source: Source, params: dict[str, Any]) -> None:
    """Store the load's messages (a feed that reports its chargers' contact) and keep
    which chargers it speaks of (``pg_temp.load_contact``) for the intervals to rebuild."""
    if source.reports_contact:
        conn.execute(_sql("insert_contacts", source), params)
        conn.execute(
            sql.SQL(
                "create temporary table load_contact on commit drop as "
                "select distinct station_id from {} where load_id = %(load_id)s"
            ).format(staging_view(source.name, "contact")),
            params,
        )
    else:
        _no_contacts(conn)


def _no_contacts(conn: Connection) -> None:
    conn.execute(
        "create temporary table load_contact on commit drop as "
        "select null::text as station_id where false"
    )


def settings(conn: Connection, source: Source) -> dict[str, timedelta | None]:
    """The feed's ``max_gap`` and ``offline_after`` (None: from each charger's heartbeat)."""
    row = conn.execute(
        "select max_gap, offline_after from core.status_feed_setting where source = %s",
        (source.name,),
    ).fetchone()
    if row is None:
        return {"max_gap": MAX_GAP, "offline_after": None}
    return {"max_gap": row[0], "offline_after": row[1]}


def check_settings(
    source: Source, max_gap: timedelta | None, offline_after: timedelta | None
) -> None:
    """``ConfigError`` when a setting is given for a source it does not apply to."""
    polled = source.model == "port_status" and source.status_feed == "polls"
    if max_gap is not None and not polled:
        raise ConfigError(f"--max-gap is for polled status feeds (esb); {source.name} is not one")
    if offline_after is not None and not source.reports_contact:
        raise ConfigError(f"--offline-after is for OCPP logs; {source.name} is not one")


def configure(
    conn: Connection,
    source: Source,
    max_gap: timedelta | None = None,
    offline_after: timedelta | None = None,
) -> bool:
    """Set how long the feed's statuses hold (SPEC §4b; None keeps the setting), and
    rebuild all its intervals if that changes them; returns whether it did. ``max_gap``
    is a polled feed's, ``offline_after`` a feed's that reports its chargers' contact."""
    check_settings(source, max_gap, offline_after)
    before = settings(conn, source)
    after = dict(before)
    if max_gap is not None:
        after["max_gap"] = max_gap
    if offline_after is not None:
        after["offline_after"] = offline_after
    if after == before:
        return False
    with conn.transaction():
        conn.execute(
            "insert into core.status_feed_setting (source, max_gap, offline_after) "
            "values (%(source)s, %(max_gap)s, %(offline_after)s) on conflict (source) do update "
            "set max_gap = excluded.max_gap, offline_after = excluded.offline_after",
            {"source": source.name, **after},
        )
        conn.execute(
            sql.SQL(
                "create temporary table load_observation on commit drop as "
                "select * from {} where false"
            ).format(staging_view(source.name, "observation"))
        )
        _no_contacts(conn)
        params: dict[str, Any] = {
            "source": source.name,
            "load_id": None,
            "new_ports": [],
            "everything": True,
            "whole_ports": source.reports_contact,
        }
        rebuild_intervals(conn, source, {**params, **after})
    return True


def rebuild_intervals(conn: Connection, source: Source, params: dict[str, Any]) -> None:
    """Rebuild the intervals of the (port, month) pairs a load changes, in the time it
    changes (``<kind>_targets``): what the feed observed there (``<kind>_spans``)
    split by month and merged into runs, joined to the runs either side."""
    kind = "poll" if source.status_feed == "polls" else "event"
    conn.execute(_sql(f"{kind}_targets"), params)
    conn.execute(_sql("cut_intervals"))
    conn.execute(_sql(f"{kind}_spans"), params)
    conn.execute(_sql("intervals_from_spans"), params)
    for at_end in (False, True):
        conn.execute(_sql("merge_edges"), {"at_end": at_end})
    conn.execute("drop table pg_temp.status_span, pg_temp.interval_target")


def _sql(step: str, source: Source | None = None) -> sql.Composed:
    """``sql/transform/status/<step>.sql``, ``{observation}`` standing for the load's
    observations from the source's staging model (``pg_temp.load_observation``) and
    ``{contact}`` for its messages (``core.stg_<source>__contact``)."""
    text = read_sql("transform", "status", f"{step}.sql")
    contact = staging_view(source.name, "contact") if source else sql.SQL("")
    return sql.SQL(text).format(
        observation=sql.Identifier("pg_temp", "load_observation"), contact=contact
    )
