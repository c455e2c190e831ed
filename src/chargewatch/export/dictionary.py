"""The data dictionary of the reporting layer, written from the database's own comments.

The comments live beside the SQL that creates each view (``sql/reporting``),
so the dictionary cannot drift from what is deployed.
"""

from __future__ import annotations

from dataclasses import dataclass

from chargewatch.warehouse.connect import Connection


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    comment: str | None


@dataclass(frozen=True)
class View:
    name: str
    comment: str | None
    columns: list[Column]


def reporting_views(conn: Connection) -> list[View]:
    """Every reporting view with its comment and its columns (type, comment), by name."""
    rows = conn.execute(
        "select c.relname, obj_description(c.oid, 'pg_class'), a.attname, "
        "format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum) "
        "from pg_class as c join pg_namespace as n on n.oid = c.relnamespace "
        "join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
        "where n.nspname = 'reporting' and c.relkind in ('v', 'm', 'r') "
        "order by c.relname, a.attnum"
    ).fetchall()
    views: dict[str, View] = {}
    for name, comment, column, data_type, column_comment in rows:
        view = views.setdefault(name, View(name, comment, []))
        view.columns.append(Column(column, data_type, column_comment))
    return list(views.values())


def as_markdown(views: list[View]) -> str:
    """The dictionary as Markdown: one section per view, a table of its columns."""
    lines = [
        "# chargewatch reporting layer",
        "",
        "The `reporting` schema is the only one outside readers should use "
        "(the `chargewatch_reader` role can read nothing else).",
    ]
    for view in views:
        lines += ["", f"## reporting.{view.name}", "", view.comment or "(no description)", ""]
        lines += ["| column | type | meaning |", "| --- | --- | --- |"]
        lines += [
            f"| `{c.name}` | {c.data_type} | {(c.comment or '').replace('|', '/')} |"
            for c in view.columns
        ]
    return "\n".join(lines) + "\n"
