"""Write a load's stations: build the source's next ``core.station`` partition and swap it in.

``core.station`` is partitioned by source. Rather than updating and inserting
stations one by one, a load builds the source's whole next partition with one
``create table … as`` (which PostgreSQL runs in parallel), indexes it, gives
it the parent's constraints in one pass and swaps it for the current one, all
in the load's transaction. Readers see the old stations until the load commits.
"""

from __future__ import annotations

from psycopg import sql

from chargewatch.errors import ChargewatchError
from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql


class NotPlain(ChargewatchError):
    """Some accepted value is not in its plain form: the load needs the value-by-value checks."""


def build_partition(conn: Connection, source: str, load_id: int, *, require_plain: bool) -> int:
    """Build and swap in ``source``'s stations after load ``load_id``; returns stations it wrote.

    With ``require_plain``, raises ``NotPlain`` when a value was typed by a cast
    the strict checks were not run for. A repeated station ID fails the primary
    key with ``psycopg.errors.UniqueViolation``.
    """
    current = current_partition(conn, source)
    name = f"station_{source}_l{load_id}"
    nxt = sql.Identifier("core", name)
    build = read_sql("transform", source, "build_station_partition.sql")
    with timed("build stations", load_id):
        conn.execute(sql.SQL(build).format(next=nxt, current=current), {"load_id": load_id})
    if require_plain and _has_plain_failures(conn, nxt):
        raise NotPlain(f"load {load_id} has values that need checking one by one")
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
    with timed("refresh KPI groups", load_id):
        conn.execute("select core.refresh_station_group()")
    row = conn.execute(
        sql.SQL("select count(*) from {} where last_load_id = %s").format(nxt), (load_id,)
    ).fetchone()
    assert row is not None
    return int(row[0])


def current_partition(conn: Connection, source: str) -> sql.Identifier:
    """The partition of ``core.station`` that holds ``source``'s stations."""
    row = conn.execute(
        "select n.nspname, c.relname from pg_inherits as i "
        "join pg_class as c on c.oid = i.inhrelid "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where i.inhparent = 'core.station'::regclass "
        "and pg_get_expr(c.relpartbound, c.oid) = format('FOR VALUES IN (%%L)', %s::text)",
        (source,),
    ).fetchone()
    if row is None:
        raise ChargewatchError(f"core.station has no partition for source {source!r}")
    return sql.Identifier(row[0], row[1])


def _has_plain_failures(conn: Connection, table: sql.Identifier) -> bool:
    row = conn.execute(
        sql.SQL("select exists (select from {} where not is_plain)").format(table)
    ).fetchone()
    return bool(row and row[0])


def _add_parent_constraints(conn: Connection, name: str, source: str) -> None:
    """Give the table core.station's key, NOT NULL and CHECK constraints and the partition bound.

    One ALTER checks them all in one pass over the rows, so attaching the table checks nothing.
    """
    not_null = conn.execute(
        "select attname from pg_attribute where attrelid = 'core.station'::regclass "
        "and attnum > 0 and not attisdropped and attnotnull order by attnum"
    ).fetchall()
    checks = conn.execute(
        "select conname, pg_get_constraintdef(oid) from pg_constraint "
        "where conrelid = 'core.station'::regclass and contype = 'c' order by conname"
    ).fetchall()
    actions: list[sql.Composable] = [sql.SQL("drop column is_plain")]
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
    # A primary key, not a bare unique index: attaching matches constraints, not indexes.
    actions.append(
        sql.SQL("add constraint {} primary key (source, source_station_id)").format(
            sql.Identifier(f"{name}_pkey")
        )
    )
    table = sql.Identifier("core", name)
    conn.execute(sql.SQL("alter table {} {}").format(table, sql.SQL(", ").join(actions)))
