"""Small helpers shared by the warehouse and report modules."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from psycopg import sql

from chargewatch.warehouse.connect import Connection


def dicts(
    conn: Connection, query: str | sql.Composed, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of ``query`` as dicts keyed by column name."""
    cur = conn.execute(query, params)
    names = [column.name for column in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def with_iso_times(
    rows: list[dict[str, Any]], keys: tuple[str, ...] = ("started_at", "ended_at")
) -> list[dict[str, Any]]:
    """``rows`` with the times under ``keys`` as ISO 8601 text (None stays None): what
    JSON output needs."""
    for row in rows:
        for key in keys:
            if row[key] is not None:
                row[key] = row[key].isoformat()
    return rows


def one_row(
    conn: Connection, query: str | sql.SQL | sql.Composed, params: Any = None
) -> tuple[Any, ...]:
    """The single row ``query`` returns (an aggregate, an UPDATE … RETURNING)."""
    row = conn.execute(query, params).fetchone()
    assert row is not None, "the query returns one row"
    return tuple(row)


def table_columns(conn: Connection, table: str) -> list[str]:
    """The columns of ``table`` (``schema.name``) in order, from the catalogue: statements
    that copy rows between tables name them rather than rely on column order."""
    rows = conn.execute(
        "select attname from pg_attribute where attrelid = %s::regclass "
        "and attnum > 0 and not attisdropped order by attnum",
        (table,),
    ).fetchall()
    return [str(name) for (name,) in rows]


def analyze_sample(conn: Connection, tables: sql.Composable) -> None:
    """Planner statistics for tables just filled, from a small sample.

    Without them the planner guesses row counts and selectivity: it sorts
    where it should hash, types serially, reads a fresh table through its key.
    A tenth of the default sample gives row counts and common values, in a
    tenth of the time.
    """
    conn.execute("set default_statistics_target = 10")
    try:
        conn.execute(sql.SQL("analyze {}").format(tables))
    finally:
        conn.execute("reset default_statistics_target")


@contextmanager
def planner_setting(conn: Connection, name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` for the statements inside, then back to what it was.

    Set for the transaction only: if a statement inside fails, rolling back
    (to a savepoint) restores the setting.
    """
    row = conn.execute("select current_setting(%s)", (name,)).fetchone()
    assert row is not None
    conn.execute("select set_config(%s, %s, true)", (name, value))
    yield
    conn.execute("select set_config(%s, %s, true)", (name, row[0]))
