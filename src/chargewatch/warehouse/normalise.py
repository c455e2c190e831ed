"""Normalise a load's raw values into the source's own spelling before they are typed.

Files reach users through Excel and pandas: dates become ``11/13/2025``, port
counts ``2.0``, empty cells ``NaN``, booleans ``TRUE``, ZIP codes lose their
leading zeros. Each column of a source has a kind (``date``, ``integer``, …)
and each kind a few rules; a rule is a shape test and a rewrite, both SQL
functions (``sql/core_objects/012_normal_values.sql``). One scan counts, per
column and rule, the values of that shape; a clean file stops there. Otherwise
one ``UPDATE`` rewrites them and the counts go to ``core.load_normalisation``,
which ``chargewatch quality`` shows: nothing is normalised silently.

Dates are read month-first or day-first per column: a first number above 12
means day-first, a second above 12 month-first; a column that cannot tell
follows the file's other date columns, else month-first (AFDC is a US source).
The choice is part of the record.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from psycopg import sql

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import one_row

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """Values of one shape and how they are rewritten; ``{v}`` stands for the column."""

    name: str
    shape: str
    rewrite: str


NULL_TOKEN = Rule("null_token", "core.is_null_token({v})", "''")
INTEGRAL_FLOAT = Rule(
    "integral_float", "core.is_integral_float({v})", "core.normal_integral_float({v})"
)
SHORT_ZIP = Rule("short_zip", "core.is_short_zip({v})", "lpad({v}, 5, '0')")
BOOLEAN_CASE = Rule("boolean_case", "core.is_capitalised_boolean({v})", "lower({v})")
DATE_SHAPE = Rule(
    "date_shape",
    "core.is_other_date_shape({v}, '____-__-__')",
    "core.normal_date({v}, {day_first})",
)
TIMESTAMP_SHAPE = Rule(
    "timestamp_shape",
    "core.is_other_date_shape({v}, '____-__-__ __:__:__ UTC')",
    "core.normal_timestamp({v}, {day_first})",
)

RULES: dict[str, tuple[Rule, ...]] = {
    "text": (NULL_TOKEN,),
    "integer": (NULL_TOKEN, INTEGRAL_FLOAT),
    "identifier": (NULL_TOKEN, INTEGRAL_FLOAT),
    "zip": (NULL_TOKEN, INTEGRAL_FLOAT, SHORT_ZIP),
    "boolean": (NULL_TOKEN, BOOLEAN_CASE),
    "date": (NULL_TOKEN, DATE_SHAPE),
    "timestamp": (NULL_TOKEN, TIMESTAMP_SHAPE),
}
"""The rules of each kind of column, tried in this order."""

DATED = (DATE_SHAPE, TIMESTAMP_SHAPE)


@dataclass(frozen=True)
class Column:
    """A column of the load: its raw column, its header as written and its kind."""

    raw: str
    header: str
    kind: str

    @property
    def rules(self) -> tuple[Rule, ...]:
        return RULES[self.kind]

    @property
    def dated(self) -> bool:
        return any(rule in DATED for rule in self.rules)


@dataclass
class Finding:
    """What the scan found in one column: values per rule, and the date order's evidence."""

    column: Column
    counts: dict[str, int]
    first_max: int | None = None
    second_max: int | None = None
    day_first: bool = False
    order_note: str = ""


def columns_of(headers: Mapping[str, str], kinds: Mapping[str, str]) -> list[Column]:
    """The columns of a file (raw column → header as written) that have a kind."""
    return [Column(raw, header, kinds[raw]) for raw, header in headers.items() if raw in kinds]


def normalise_load(
    conn: Connection, table: sql.Composable, load_id: int, columns: list[Column]
) -> int:
    """Rewrite the values of ``table`` (one load's raw rows) that a rule applies to,
    and record how many per column and rule; returns the values rewritten."""
    findings = _scan(conn, table, columns)
    to_fix = [f for f in findings if any(f.counts.values())]
    if not to_fix:
        return 0
    _decide_orders(to_fix)
    _rewrite(conn, table, to_fix)
    _record(conn, load_id, to_fix)
    total = sum(sum(f.counts.values()) for f in to_fix)
    log.info("load %s: normalised %s values in %s columns", load_id, total, len(to_fix))
    return total


def _scan(conn: Connection, table: sql.Composable, columns: list[Column]) -> list[Finding]:
    """One scan: per column and rule, the values of the rule's shape; per dated column,
    the largest first and second numbers of its day/month dates."""
    terms: list[sql.Composable] = []
    for column in columns:
        v = sql.Identifier(column.raw)
        for rule in column.rules:
            terms.append(sql.SQL("count(*) filter (where {})").format(_expr(rule.shape, v)))
        if column.dated:
            terms.extend(_order_evidence(column, v))
    row = one_row(conn, sql.SQL("select {} from {}").format(sql.SQL(", ").join(terms), table))
    return _findings(columns, list(row))


def _order_evidence(column: Column, v: sql.Identifier) -> list[sql.Composable]:
    shape = next(rule for rule in column.rules if rule in DATED).shape
    other = sql.SQL("{} and length(split_part({}, '/', 1)) <= 2").format(_expr(shape, v), v)
    return [
        sql.SQL("max((core.date_parts({})){}::integer) filter (where {})").format(
            v, sql.SQL(f"[{part}]"), other
        )
        for part in (1, 2)
    ]


def _findings(columns: list[Column], values: list[int | None]) -> list[Finding]:
    findings = []
    for column in columns:
        counts = {rule.name: int(values.pop(0) or 0) for rule in column.rules}
        finding = Finding(column, counts)
        if column.dated:
            finding.first_max, finding.second_max = values.pop(0), values.pop(0)
        findings.append(finding)
    return findings


def _decide_orders(findings: list[Finding]) -> None:
    """Day-first or month-first per dated column, and why."""
    dated = [f for f in findings if f.column.dated and f.first_max is not None]
    for f in dated:
        if (f.first_max or 0) > 12 >= (f.second_max or 0):
            f.day_first, f.order_note = True, "day-first: a first number is above 12"
        elif (f.second_max or 0) > 12:
            f.day_first, f.order_note = False, "month-first: a second number is above 12"
    decided = [f for f in dated if f.order_note]
    for f in dated:
        if f.order_note:
            continue
        if decided:
            f.day_first = decided[0].day_first
            order = "day-first" if f.day_first else "month-first"
            f.order_note = f"{order}, as {decided[0].column.header}: no number here is above 12"
        else:
            f.order_note = "month-first: no number in any date column is above 12"


def _rewrite(conn: Connection, table: sql.Composable, findings: list[Finding]) -> None:
    sets: list[sql.Composable] = []
    wheres: list[sql.Composable] = []
    for f in findings:
        v = sql.Identifier(f.column.raw)
        rules = [rule for rule in f.column.rules if f.counts[rule.name]]
        cases = sql.SQL(" ").join(
            sql.SQL("when {} then {}").format(
                _expr(rule.shape, v), _expr(rule.rewrite, v, f.day_first)
            )
            for rule in rules
        )
        sets.append(sql.SQL("{} = case {} else {} end").format(v, cases, v))
        wheres.extend(_expr(rule.shape, v) for rule in rules)
    conn.execute(
        sql.SQL("update {} set {} where {}").format(
            table, sql.SQL(", ").join(sets), sql.SQL(" or ").join(wheres)
        )
    )


def _record(conn: Connection, load_id: int, findings: list[Finding]) -> None:
    rows = [
        (load_id, f.column.header, name, count, f.order_note if name in _DATED_NAMES else None)
        for f in findings
        for name, count in f.counts.items()
        if count
    ]
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.load_normalisation (load_id, column_name, rule, value_count, detail) "
            "values (%s, %s, %s, %s, %s)",
            rows,
        )


_DATED_NAMES = {rule.name for rule in DATED}


def _expr(template: str, v: sql.Identifier, day_first: bool = False) -> sql.Composable:
    return sql.SQL(template).format(v=v, day_first=sql.Literal(day_first))
