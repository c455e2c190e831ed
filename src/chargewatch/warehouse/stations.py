"""Write a load's stations: build the source's next ``core.station`` partition and swap it in.

``core.station`` is partitioned by source. Rather than updating and inserting
stations one by one, a load builds the source's whole next partition with one
``create table … as`` (which PostgreSQL runs in parallel), indexes it, gives
it the parent's constraints in one pass and swaps it for the current one, all
in the load's transaction. Readers see the old stations until the load commits.
The versions it supersedes move to ``core.station_version`` on the way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from psycopg import sql

from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import analyze_sample, one_row, planner_setting, table_columns
from chargewatch.warehouse.sqlfiles import read_sql

RECORD_CHECKS = (
    "is_valid and source_station_id <> '' "
    "and core.in_range(latitude, 90) and core.in_range(longitude, 180)"
)
"""What every written station must pass beyond core.station's constraints (and the
source's own ``is_valid``): checked on typed values, in the pass that adds the key."""


def build_partition(conn: Connection, source: str, load_id: int, as_of: date) -> int:
    """Apply load ``load_id``, a snapshot of ``as_of``, to ``source``'s stations and swap them
    in; returns the stations it wrote.

    The load must be the newest snapshot applied so far (``history`` sees to
    it). Bad records must have been quarantined already, else the build fails:
    a value that does not cast with ``psycopg.errors.DataError``, a failed
    check with ``psycopg.errors.CheckViolation``, a repeated station ID with
    ``psycopg.errors.UniqueViolation``. A clean load tries that first.
    """
    current = current_partition(conn, source)
    name = f"station_{source}_l{load_id}"
    nxt = sql.Identifier("core", name)
    with timed("build stations", load_id):
        # The planner underestimates the load's records a hundredfold and would look each
        # up in the current stations' key; hashing them is three times faster.
        (absent,) = one_row(
            conn,
            "select coalesce(absent_fields, '{}') from core.load where load_id = %s",
            (load_id,),
        )
        params: dict[str, Any] = {
            "load_id": load_id,
            "absent": list(absent),
            "source": source,
            "as_of": as_of,
        }
        with planner_setting(conn, "enable_nestloop", "off"):
            written = _run(conn, source, "build_station_partition", nxt, current, params)
        params["covered"] = covered = _covered_states(conn, nxt, current, load_id)
        params["whole_states"] = whole_states = _lists_whole_states(source)
        _run(conn, source, "keep_current_stations", nxt, current, params)
        # Else the KPI count reads the new table through its key, not in parallel.
        analyze_sample(conn, nxt)
    if covered or not whole_states:
        with timed("end superseded versions", load_id):
            _run(conn, source, "close_versions", nxt, current, {"as_of": as_of})
    with timed("key and constrain stations", load_id):
        _add_parent_constraints(conn, name, source)
    with timed("swap partitions", load_id):
        conn.execute(sql.SQL("alter table core.station detach partition {}").format(current))
        conn.execute(sql.SQL("drop table {}").format(current))
        conn.execute(
            sql.SQL("alter table core.station attach partition {} for values in ({})").format(
                nxt, sql.Literal(source)
            )
        )
    return written


def _lists_whole_states(source: str) -> bool:
    from chargewatch.sources.registry import source as registered

    return registered(source).lists_whole_states


def _covered_states(
    conn: Connection, nxt: sql.Identifier, current: sql.Identifier, load_id: int
) -> list[str]:
    """The states the load's file covers ('' for none), kept on core.load; [] when nothing
    is current yet, since then no station can be missing from the file (and the
    first load of a large file need not spend the pass)."""
    if conn.execute(sql.SQL("select from {} limit 1").format(current)).fetchone() is None:
        return []
    query = sql.SQL(
        "update core.load set covered_states = (select array_agg(distinct coalesce(state, '')) "
        "from {}) where load_id = %s returning covered_states"
    ).format(nxt)
    return list(one_row(conn, query, (load_id,))[0] or [])


def _run(
    conn: Connection,
    source: str,
    step: str,
    nxt: sql.Identifier,
    current: sql.Identifier,
    params: dict[str, Any],
) -> int:
    """Run ``sql/transform/load/<step>.sql``; returns the rows it wrote. ``{columns}``
    in it stands for core.station's columns by name (``{c_columns}``: of alias ``c``)."""
    text = read_sql("transform", "load", f"{step}.sql")
    names = table_columns(conn, "core.station")
    query = sql.SQL(text).format(
        next=nxt,
        current=current,
        staging=staging_view(source, "station"),
        record=staging_view(source, "record"),
        columns=sql.SQL(", ").join(map(sql.Identifier, names)),
        c_columns=sql.SQL(", ").join(sql.Identifier("c", name) for name in names),
    )
    return conn.execute(query, params).rowcount


def staging_view(source: str, entity: str) -> sql.Identifier:
    """A source's staging model of an entity: ``core.stg_<source>__<entity>``."""
    return sql.Identifier("core", f"stg_{source}__{entity}")


def refresh_station_groups(conn: Connection, source: str, as_of: date) -> None:
    """Recount the KPI counts of ``source``'s snapshot of ``as_of`` (core.station_group_history).

    Counted with a parallel select (an INSERT … SELECT would run serially) and
    copied back. Hash aggregation is forced for the one query: the planner
    multiplies the six dimensions' distinct counts, expects far more groups
    than there are and would sort every station instead.
    """
    with planner_setting(conn, "enable_sort", "off"):
        cur = conn.execute("select * from core.station_groups_at(%s, %s)", (source, as_of))
        rows = cur.fetchall()
        names = ["source", "as_of_date", *(column.name for column in cur.description or [])]
    conn.execute(
        "delete from core.station_group_history where source = %s and as_of_date = %s",
        (source, as_of),
    )
    statement = sql.SQL("copy core.station_group_history ({}) from stdin").format(
        sql.SQL(", ").join(map(sql.Identifier, names))
    )
    with conn.cursor() as copying, copying.copy(statement) as copy:
        for row in rows:
            copy.write_row((source, as_of, *row))


def rebuild_station_groups(conn: Connection) -> None:
    """Recount the KPI counts of every loaded snapshot, from the stations' history."""
    snapshots = conn.execute(
        "select distinct source, as_of_date from core.load where status = 'loaded' order by 1, 2"
    ).fetchall()
    conn.execute("delete from core.station_group_history")
    for source, as_of in snapshots:
        refresh_station_groups(conn, source, as_of)


def key_station_names(conn: Connection, source: str | None = None) -> None:
    """Key the names of current stations that have no key yet, of ``source`` or of every
    source (core.station_name_key): site siblings and duplicates compare names by them."""
    conn.execute(read_sql("transform", "station_name_key.sql"), {"source": source})


def rekey_station_names(conn: Connection) -> None:
    """Key every current station name afresh, after the key functions may have changed."""
    conn.execute("truncate core.station_name_key")
    key_station_names(conn)


def current_partition(conn: Connection, source: str) -> sql.Identifier:
    """The partition of ``core.station`` that holds ``source``'s stations (made, empty,
    for a source's first load)."""
    row = conn.execute(
        "select n.nspname, c.relname from pg_inherits as i "
        "join pg_class as c on c.oid = i.inhrelid "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where i.inhparent = 'core.station'::regclass "
        "and pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%%L)', %s::text)",
        (source,),
    ).fetchone()
    if row is None:
        first = sql.Identifier("core", f"station_{source}")
        conn.execute(
            sql.SQL("create table {} partition of core.station for values in ({})").format(
                first, sql.Literal(source)
            )
        )
        return first
    return sql.Identifier(row[0], row[1])


def _add_parent_constraints(conn: Connection, name: str, source: str) -> None:
    """Give the table core.station's key, NOT NULL and CHECK constraints and the partition bound.

    One ALTER checks them all, and RECORD_CHECKS, in one pass over the rows, so
    attaching the table checks nothing.
    """
    not_null = conn.execute(
        "select attname from pg_attribute where attrelid = 'core.station'::regclass "
        "and attnum > 0 and not attisdropped and attnotnull order by attnum"
    ).fetchall()
    checks = conn.execute(
        "select conname, pg_get_constraintdef(oid) from pg_constraint "
        "where conrelid = 'core.station'::regclass and contype = 'c' order by conname"
    ).fetchall()
    actions: list[sql.Composable] = [
        sql.SQL("add constraint {} check ({})").format(
            sql.Identifier(f"{name}_checked"), sql.SQL(RECORD_CHECKS)
        )
    ]
    actions += [
        sql.SQL("alter column {} set not null").format(sql.Identifier(column))
        for (column,) in not_null
    ]
    actions += [
        sql.SQL("add constraint {} {}").format(sql.Identifier(check), sql.SQL(definition))
        for check, definition in checks
    ]
    actions.append(
        sql.SQL("add constraint {} check (source = {})").format(
            sql.Identifier(f"{name}_bound"),
            sql.Literal(source),
        )
    )
    # A primary key like the parent's, not a bare unique index: attaching matches constraints.
    (key,) = one_row(
        conn,
        "select pg_get_constraintdef(oid) from pg_constraint "
        "where conrelid = 'core.station'::regclass and contype = 'p'",
    )
    actions.append(
        sql.SQL("add constraint {} {}").format(sql.Identifier(f"{name}_pkey"), sql.SQL(key))
    )
    table = sql.Identifier("core", name)
    conn.execute(sql.SQL("alter table {} {}").format(table, sql.SQL(", ").join(actions)))
    conn.execute(
        sql.SQL("alter table {} drop constraint {}, drop column is_valid").format(
            table, sql.Identifier(f"{name}_checked")
        )
    )
