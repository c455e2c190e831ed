"""The raw partitions of loads: one per load (``raw.afdc_station_l<id>``), split by line
number into parts (``_a``, and ``_b`` for a large file's second half), created, replaced
and dropped here."""

from __future__ import annotations

import logging
from collections.abc import Callable

from psycopg import sql

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import planner_setting, table_columns

log = logging.getLogger(__name__)


def partition(load_id: int, part: str = "") -> sql.Identifier:
    """The load's raw partition, or one of its parts (``a``, ``b``)."""
    return sql.Identifier("raw", part_name(load_id, part))


def part_name(load_id: int, part: str = "") -> str:
    """The name, in schema raw, of the load's raw partition or one of its parts."""
    return f"afdc_station_l{load_id}" + (f"_{part}" if part else "")


def create_partition(conn: Connection, load_id: int) -> None:
    conn.execute(
        sql.SQL(
            "create table {} partition of raw.afdc_station for values in ({}) "
            "partition by range (line_number)"
        ).format(partition(load_id), sql.Literal(load_id))
    )


def replace_rows(
    conn: Connection, load_id: int, select: Callable[[list[str]], sql.Composable]
) -> None:
    """Replace the load's raw rows by those ``select(columns)`` gives (the load's rows,
    rewritten; ``columns`` are the raw table's, in order, and the select names them), in
    a table that takes the old parts' place. Writing a new table costs less than
    updating every row: no dead rows, no WAL for a table created in the transaction
    when ``wal_level`` is minimal, and ``create table … as`` reads in parallel.
    The planner would copy the rows in one process (it prices passing wide rows
    between processes above reading them); forming each rewritten row is most of
    the cost, and two workers halve it.
    """
    columns = table_columns(conn, "raw.afdc_station")
    new = partition(load_id, "n")
    with planner_setting(conn, "parallel_tuple_cost", "0"):
        conn.execute(sql.SQL("create table {} as {}").format(new, select(columns)))
    conn.execute(
        sql.SQL("alter table {} {}").format(new, sql.SQL(", ").join(_constraints(conn, load_id)))
    )
    for part in _parts(conn, load_id):
        conn.execute(sql.SQL("drop table {}").format(sql.Identifier("raw", part)))
    conn.execute(
        sql.SQL("alter table {} rename to {}").format(
            new, sql.Identifier(f"afdc_station_l{load_id}_a")
        )
    )
    conn.execute(
        sql.SQL(
            "alter table {} attach partition {} for values from (minvalue) to (maxvalue)"
        ).format(partition(load_id), partition(load_id, "a"))
    )


def _constraints(conn: Connection, load_id: int) -> list[sql.Composable]:
    """The raw table's NOT NULLs and defaults, and a check of the load's ID (so attaching
    the table need not scan it): one ALTER, one pass."""
    rows = conn.execute(
        "select a.attname, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
        "from pg_attribute as a left join pg_attrdef as d "
        "on d.adrelid = a.attrelid and d.adnum = a.attnum "
        "where a.attrelid = 'raw.afdc_station'::regclass and a.attnum > 0 "
        "and not a.attisdropped and (a.attnotnull or d.adbin is not null)"
    ).fetchall()
    actions: list[sql.Composable] = []
    for name, not_null, default in rows:
        column = sql.Identifier(name)
        if not_null:
            actions.append(sql.SQL("alter column {} set not null").format(column))
        if default is not None:
            actions.append(
                sql.SQL("alter column {} set default {}").format(column, sql.SQL(default))
            )
    actions.append(sql.SQL("add check (load_id = {})").format(sql.Literal(load_id)))
    return actions


def _parts(conn: Connection, load_id: int) -> list[str]:
    rows = conn.execute(
        "select c.relname from pg_inherits as i join pg_class as c on c.oid = i.inhrelid "
        "where i.inhparent = %s::regclass",
        (f"raw.afdc_station_l{load_id}",),
    ).fetchall()
    return [name for (name,) in rows]


def drop_abandoned_parts(conn: Connection) -> None:
    """Drop second halves committed by loads that then failed (none attached them)."""
    rows = conn.execute(
        "select c.relname from pg_class as c "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname = 'raw' and c.relname like 'afdc\\_station\\_l%\\_b' "
        "and not exists (select from pg_inherits as i where i.inhrelid = c.oid)"
    ).fetchall()
    for (name,) in rows:
        log.info("dropping raw.%s, left by a load that did not finish", name)
        conn.execute(sql.SQL("drop table {}").format(sql.Identifier("raw", name)))


def create_part(conn: Connection, load_id: int, part: str, below_line: int | None) -> None:
    bound = sql.SQL("maxvalue") if below_line is None else sql.Literal(below_line)
    conn.execute(
        sql.SQL(
            "create table {} partition of {} (load_id default {}) "
            "for values from (minvalue) to ({})"
        ).format(partition(load_id, part), partition(load_id), sql.Literal(load_id), bound)
    )
