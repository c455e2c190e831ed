"""Small read helpers shared by the report modules."""

from __future__ import annotations

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
