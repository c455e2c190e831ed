"""The data dictionary of the reporting layer, written from the database's own comments.

The comments live beside the SQL that creates each view (``sql/reporting``),
so the dictionary cannot drift from what is deployed. A view's comment starts
with its grain, one sentence "One row per …", which the dictionary shows
apart; every column's comment says what the value means, its unit and how it
is computed, for an analyst who has nothing else to read (tests/test_docs.py
fails on any column without one).
"""

from __future__ import annotations

import re
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
        "where n.nspname = 'reporting' and c.relkind in ('v', 'm', 'r', 'p', 'f') "
        "order by c.relname, a.attnum"
    ).fetchall()
    views: dict[str, View] = {}
    for name, comment, column, data_type, column_comment in rows:
        view = views.setdefault(name, View(name, comment, []))
        view.columns.append(Column(column, data_type, column_comment))
    return list(views.values())


@dataclass(frozen=True)
class Function:
    name: str
    arguments: str
    comment: str | None


def reporting_functions(conn: Connection) -> list[Function]:
    """Every reporting function (one a reader may call from custom SQL) with its
    arguments, OUT ones included, and its comment, by name."""
    rows = conn.execute(
        "select p.proname, pg_get_function_arguments(p.oid), obj_description(p.oid, 'pg_proc') "
        "from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace "
        "where n.nspname = 'reporting' order by 1, 2"
    ).fetchall()
    return [Function(name, arguments, comment) for name, arguments, comment in rows]


INTRODUCTION = """\
# chargewatch reporting layer

The `reporting` schema is the only one outside readers should use (the
`chargewatch_reader` role can read nothing else). Each view below starts with
its grain, what one row stands for, then describes every column: what the value
means, its unit and how it is computed.

Terms used throughout:

- **Snapshot**: one export file of a source, as of its snapshot date
  (`as_of_date`). A station's values change only from one snapshot to the next.
- **Status**: `operational` (AFDC status code E), `temporarily_unavailable` (T),
  `planned` (P, not open yet), `unknown` (no status given); a station that a
  later snapshot of its state no longer lists is `removed`.
- **Existing station**: every station that is neither planned nor removed. The
  station KPIs count existing stations only.
- **Access**: `public`, `private` or `unknown`.
- **DC fast station**: a station with at least one DC fast port.
- **Shares** are numbers from 0 to 1 (0.25 = 25%). To compute a KPI over several
  rows, sum the counts first, then divide; never average the rates.
"""


def as_markdown(views: list[View], functions: list[Function] | None = None) -> str:
    """The dictionary as Markdown: a short introduction and a table of the views, then per
    view its grain, its description and a table of its columns (name, type, description),
    then the functions."""
    lines = [INTRODUCTION.rstrip("\n"), *_contents(views)]
    for view in views:
        lines += _view_section(view)
    if functions:
        lines += _functions_section(functions)
    return "\n".join(lines) + "\n"


def _contents(views: list[View]) -> list[str]:
    lines = ["", "## Views", "", "| view | one row per |", "| --- | --- |"]
    for view in views:
        anchor = f"reporting{view.name}"  # how GitHub and most viewers name the heading
        lines.append(f"| [reporting.{view.name}](#{anchor}) | {_short_grain(view.comment)} |")
    return lines


def _view_section(view: View) -> list[str]:
    grain, description = split_grain(view.comment or "")
    lines = ["", f"## reporting.{view.name}", ""]
    lines += [f"**Grain:** {grain}" if grain else "(no description)", ""]
    if description:
        lines += [description, ""]
    lines += ["| column | type | description |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | {c.data_type} | {_cell(c.comment)} |" for c in view.columns]
    return lines


def _functions_section(functions: list[Function]) -> list[str]:
    lines = ["", "## Functions", "", "For custom SQL (in Tableau: New Custom SQL)."]
    for function in functions:
        lines += ["", f"### reporting.{function.name}", ""]
        lines += [f"`reporting.{function.name}({function.arguments})`", ""]
        lines.append(" ".join((function.comment or "(no description)").split()))
    return lines


def split_grain(comment: str) -> tuple[str, str]:
    """A view comment's first sentence, its grain ("One row per …", shown in lower case
    after "Grain:"), and the rest. Empty strings when there is no comment."""
    text = " ".join(comment.split())
    first, _, rest = text.partition(". ")
    if rest == "" and first.endswith("."):
        first = first[:-1]
    grain = first[:1].lower() + first[1:] + "." if first else ""
    return grain, rest


def _short_grain(comment: str | None) -> str:
    """What one row of a view stands for, in a few words: its grain up to the key or the
    colon, e.g. "charging station" for "One row per charging station (source, …): …"."""
    grain = split_grain(comment or "")[0].removeprefix("one row per ")
    short = re.split(r" \(|: ", grain, maxsplit=1)[0].rstrip(".")
    return _cell(short or None)


def _cell(text: str | None) -> str:
    """Text fit for one Markdown table cell: one line, no column separators."""
    return " ".join((text or "(no description)").split()).replace("|", "/")
