"""Normalise a load's raw values into the source's own spelling before they are typed.

Files reach users through Excel and pandas: dates become ``11/13/2025``, port
counts ``2.0``, empty cells ``NaN``, booleans ``TRUE``, ZIP codes lose their
leading zeros. Each column a source reads has a kind (``date``, ``integer``, …);
the rules of each kind, their shapes and their rewrites are SQL
(``sql/normalise`` here, ``sql/core_objects/012_normal_values.sql`` for the value rules).

One scan of the load runs a cheap test per typed column (``core.is_suspect``:
dates, counts, IDs, ZIP codes, booleans); a clean file stops there. Otherwise
each distinct suspect value is classified and rewritten once, in a small table,
and the rows pass through it into a new table that takes the old rows' place
(``rawparts.replace_rows``). Text columns (names, codes, networks) are searched
for words for "no value" (``nan``, ``None``, ``NULL``) only when the typed
columns hold such words: a tool writes its word for every missing value, and
an AFDC file always has missing dates and counts; this keeps a clean file's
cost to one light scan. The counts per column and rule go to
``core.load_normalisation``, which ``chargewatch quality`` shows: nothing is
normalised silently.

Dates are read month-first or day-first per column: a first number above 12
means day-first, a second above 12 month-first; a column that cannot tell
follows the file's other date columns, else month-first (AFDC is a US source).
The choice is part of the record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from psycopg import sql

from chargewatch.sources.afdc import rawparts
from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import one_row
from chargewatch.warehouse.sqlfiles import read_package_sql

log = logging.getLogger(__name__)

KINDS = ("text", "integer", "identifier", "zip", "boolean", "date", "timestamp")
ROWS = "rows"
"""The key of the rows counted by the normalising scan in ``Normalised.also``."""
FEW_ROWS = 20
"""Fewer than one row in this many to rewrite: update them in place, not the whole part."""


@dataclass(frozen=True)
class Column:
    """A column of the load: its raw column, its header as written and its kind."""

    raw: str
    header: str
    kind: str


@dataclass(frozen=True)
class DateOrder:
    """Whether a column's dates are day-first, and why."""

    column: str
    day_first: bool
    note: str


def columns_of(headers: Mapping[str, str], kinds: Mapping[str, str]) -> list[Column]:
    """The columns of a file (raw column → header as written) that have a kind."""
    return [Column(raw, header, kinds[raw]) for raw, header in headers.items() if raw in kinds]


@dataclass(frozen=True)
class Normalised:
    """What normalising a load found: the newest value of each timestamp column in the
    source's own shape once rewritten (known from the scan and the map, so no later step
    reads the rows for it; a column whose values a rule could not all read is missing),
    and the ``also`` aggregates."""

    newest: dict[str, str | None]
    also: dict[str, Any]


def normalise_load(
    conn: Connection,
    table: sql.Composable,
    load_id: int,
    columns: list[Column],
    also: Mapping[str, sql.Composable] | None = None,
) -> Normalised:
    """Rewrite the values of ``table`` (one load's raw rows) that a rule applies to,
    and record how many per column and rule. ``also`` names aggregates over the rows as
    they were before rewriting, computed by the same scan (``Normalised.also``)."""
    typed = [c for c in columns if c.kind != "text"]
    with timed("normalise: look for values to rewrite", load_id):
        suspect, newest, found = _scan(conn, table, typed, also or {})
    if not suspect:
        return Normalised(newest, found)
    conn.execute(
        "create temporary table normal_value (column_name text, header text, kind text, "
        "old text, rows bigint, rule text, new text) on commit drop"
    )
    _classify(conn, table, load_id, suspect)
    (worded_empty,) = one_row(
        conn, "select exists (select from pg_temp.normal_value where rule = 'null_token')"
    )
    if worded_empty:
        with timed("normalise: look for words for empty in text columns", load_id):
            worded, _, _ = _scan(conn, table, [c for c in columns if c.kind == "text"], {})
        _classify(conn, table, load_id, worded)
        suspect += worded
    _rewrite(conn, table, load_id, suspect, int(found[ROWS]))
    for column in (c for c in suspect if c.raw in newest):
        try:
            newest[column.raw] = _newest_after(conn, column, newest[column.raw])
        except KeyError:
            del newest[column.raw]
    conn.execute("drop table pg_temp.normal_value")
    return Normalised(newest, found)


def _classify(conn: Connection, table: sql.Composable, load_id: int, columns: list[Column]) -> None:
    """The distinct suspect values of ``columns``, each with the rule it falls under."""
    if columns:
        with timed("normalise: distinct values", load_id):
            conn.execute(_distinct_values(table, columns))
        conn.execute(_sql("classify"))


def _rewrite(
    conn: Connection, table: sql.Composable, load_id: int, suspect: list[Column], rows: int
) -> None:
    """Rewrite the classified values (dates in the order chosen per column), then the rows:
    all of them into a new part when many change, in place when few do (a stray ``nan``),
    none when no value could be read (they are quarantined as written)."""
    evidence = sorted(conn.execute(_sql("date_order_evidence")).fetchall())
    orders = decide_orders(evidence, suspect)
    day_first = [order.column for order in orders if order.day_first]
    conn.execute(_sql("rewrite"), {"day_first": day_first})
    conn.execute("analyze pg_temp.normal_value")
    (changing,) = one_row(conn, _sql("changing_rows"))
    with timed("normalise: rewrite rows", load_id):
        if changing * FEW_ROWS >= rows:
            rawparts.replace_rows(conn, load_id, _rewritten_rows(conn, table, suspect))
        elif changing:
            for column in suspect:
                conn.execute(_update_in_place(table, column))
    notes = {order.column: order.note for order in orders}
    conn.execute(_sql("record"), {"load_id": load_id, "notes": json.dumps(notes)})


def _scan(
    conn: Connection,
    table: sql.Composable,
    columns: list[Column],
    also: Mapping[str, sql.Composable],
) -> tuple[list[Column], dict[str, str | None], dict[str, Any]]:
    """In one scan of cheap tests: the columns with a value a rule may apply to, the
    newest AFDC-shaped value of each timestamp column (its text order is time order)
    and the ``also`` aggregates (with the rows counted, under ``ROWS``)."""
    timestamps = [c for c in columns if c.kind == "timestamp"]
    terms: list[sql.Composable] = [sql.SQL("count(*)")]
    terms += [sql.SQL("count(*) filter (where {})").format(_suspect(c)) for c in columns]
    terms += [
        sql.SQL("max({v} collate \"C\") filter (where {v} <> '' and not {s})").format(
            v=sql.Identifier(c.raw), s=_suspect(c)
        )
        for c in timestamps
    ]
    terms += list(also.values())
    query = sql.SQL("select {} from {}").format(sql.SQL(", ").join(terms), table)
    rows, *found = one_row(conn, query)
    counts, rest = found[: len(columns)], found[len(columns) :]
    suspect = [column for column, count in zip(columns, counts, strict=True) if count]
    newest = dict(zip((c.raw for c in timestamps), rest[: len(timestamps)], strict=True))
    return suspect, newest, {**dict(zip(also, rest[len(timestamps) :], strict=True)), ROWS: rows}


def _suspect(column: Column) -> sql.Composable:
    return sql.SQL("core.is_suspect({}, {})").format(
        sql.Identifier(column.raw), sql.Literal(column.kind)
    )


def _distinct_values(table: sql.Composable, columns: list[Column]) -> sql.Composed:
    """Each suspect column's distinct suspect values with their row counts, in one scan."""
    names = [sql.Identifier(c.raw) for c in columns]
    which = sql.SQL(" ").join(
        sql.SQL("when grouping({}) = 0 then {}").format(v, sql.Literal(i))
        for i, v in enumerate(names)
    )
    described = sql.SQL(", ").join(
        sql.SQL("({}, {}, {}, {})").format(
            sql.Literal(i), sql.Literal(c.raw), sql.Literal(c.header), sql.Literal(c.kind)
        )
        for i, c in enumerate(columns)
    )
    return sql.SQL(
        "insert into pg_temp.normal_value (column_name, header, kind, old, rows) "
        "select c.column_name, c.header, c.kind, d.old, d.rows from ("
        "select case {which} end as position, coalesce({names}) as old, count(*) as rows "
        "from {table} where {any} group by grouping sets ({sets})"
        ") as d inner join (values {described}) as c (position, column_name, header, kind) "
        "using (position) where core.is_suspect(d.old, c.kind)"
    ).format(
        which=which,
        names=sql.SQL(", ").join(names),
        table=table,
        any=sql.SQL(" or ").join(_suspect(c) for c in columns),
        sets=sql.SQL(", ").join(sql.SQL("({})").format(v) for v in names),
        described=described,
    )


def decide_orders(
    evidence: list[tuple[str, int | None, int | None]], columns: list[Column]
) -> list[DateOrder]:
    """Day-first or month-first for each column with day/month dates, and why."""
    header = {c.raw: c.header for c in columns}
    decided: list[DateOrder] = []
    for column, first_max, second_max in evidence:
        if (first_max or 0) > 12 >= (second_max or 0):
            decided.append(DateOrder(column, True, "day-first: a first number is above 12"))
        elif (second_max or 0) > 12:
            decided.append(DateOrder(column, False, "month-first: a second number is above 12"))
    orders = list(decided)
    for column, _, _ in evidence:
        if any(order.column == column for order in decided):
            continue
        if decided:
            day_first, source = decided[0].day_first, header[decided[0].column]
            order = "day-first" if day_first else "month-first"
            note = f"{order}, as {source}: no number here is above 12"
            orders.append(DateOrder(column, day_first, note))
        else:
            note = "month-first: no number in any date column is above 12"
            orders.append(DateOrder(column, False, note))
    return orders


def _rewritten_rows(
    conn: Connection, table: sql.Composable, columns: list[Column]
) -> Callable[[list[str]], sql.Composable]:
    """The rows of ``table`` with the rewritten columns' values passed through the map:
    each column's map is one jsonb constant in the query, so the rows pass no join and
    the query may run in parallel (a temporary table would keep it to one process)."""
    maps: dict[str, str] = dict(
        conn.execute(
            "select column_name, jsonb_object_agg(old, new)::text from pg_temp.normal_value "
            "where column_name = any(%s) and old is not null and new is distinct from old "
            "group by column_name",
            ([c.raw for c in columns],),
        ).fetchall()
    )

    def value(name: str) -> sql.Composable:
        v = sql.Identifier(name)
        if name not in maps:
            return sql.SQL("r.{}").format(v)
        return sql.SQL("coalesce({}::jsonb ->> r.{}, r.{})").format(sql.Literal(maps[name]), v, v)

    def select(names: list[str]) -> sql.Composable:
        return sql.SQL("select {} from {} as r").format(
            sql.SQL(", ").join(
                sql.SQL("{} as {}").format(value(name), sql.Identifier(name)) for name in names
            ),
            table,
        )

    return select


def _update_in_place(table: sql.Composable, column: Column) -> sql.Composed:
    return sql.SQL(
        "update {table} as r set {v} = m.new from pg_temp.normal_value as m "
        "where m.column_name = {name} and m.old = r.{v} and m.new is distinct from m.old"
    ).format(table=table, v=sql.Identifier(column.raw), name=sql.Literal(column.raw))


def _newest_after(conn: Connection, column: Column, before: str | None) -> str | None:
    """The newest AFDC-shaped value of a rewritten timestamp column; ``KeyError`` when a
    value no rule could read leaves it unknown."""
    readable, mapped = one_row(conn, _sql("newest_rewritten"), {"column": column.raw})
    if not readable:
        raise KeyError(column.raw)
    return max((v for v in (before, mapped) if v is not None), default=None)


def _sql(step: str) -> str:
    return read_package_sql("chargewatch.sources.afdc", "normalise", f"{step}.sql")
