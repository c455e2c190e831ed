"""The value checks in SQL: what is valid, and the same answer on every PostgreSQL."""

from __future__ import annotations

import pytest

from chargewatch.warehouse.connect import Connection
from tests.conftest import scalar

CASES = [
    ("integer", "7", True),
    ("integer", "+7", True),
    ("integer", " 7 ", True),
    ("integer", "7.5", False),
    ("integer", "seven", False),
    ("integer", "99999999999", False),
    ("double precision", "47.6", True),
    ("double precision", "4.76e1", True),
    ("double precision", "NaN", True),
    ("double precision", "north", False),
    ("double precision", "47,6", False),
    ("date", "2021-02-28", True),
    ("date", "2021-02-30", False),
    ("date", "soon", False),
    ("timestamptz", "2024-05-14 21:31:02 UTC", True),
    ("timestamptz", "2024-05-14 25:31:02 UTC", False),
]


@pytest.mark.parametrize(("type_name", "value", "castable"), CASES)
def test_can_cast_agrees_with_trying_the_cast(
    conn: Connection, type_name: str, value: str, castable: bool
) -> None:
    assert scalar(conn, "select core.can_cast(%s, %s)", value, type_name) is castable
    assert scalar(conn, "select core.can_cast_by_trying(%s, %s)", value, type_name) is castable


def test_can_cast_checks_each_type_in_one_query(conn: Connection) -> None:
    rows = conn.execute(
        "select core.can_cast(v, t) from (values ('1', 'integer'), ('2021-03-15', 'date'), "
        "('x', 'integer'), ('2021-03-15', 'integer')) as c (v, t)"
    ).fetchall()
    assert rows == [(True,), (True,), (False,), (False,)]


@pytest.mark.parametrize(
    ("function", "value", "problem"),
    [
        ("core.date_problem(%s)", "2021-3-1", "BAD_DATE"),
        ("core.date_problem(%s)", "today", "BAD_DATE"),
        ("core.date_problem(%s)", "  ", "BAD_DATE"),
        ("core.date_problem(%s)", "", None),
        ("core.timestamp_problem(%s)", "yesterday", "BAD_TIMESTAMP"),
        ("core.timestamp_problem(%s)", "2024-05-14T21:31:02Z", None),
        ("core.port_count_problem(%s)", "-1", "NEGATIVE_PORT_COUNT"),
        ("core.port_count_problem(%s)", "1.5", "NOT_AN_INTEGER"),
        ("core.coordinate_problem(%s, 90, 'LAT_OUT_OF_RANGE')", "NaN", "LAT_OUT_OF_RANGE"),
        ("core.coordinate_problem(%s, 90, 'LAT_OUT_OF_RANGE')", "-90", None),
    ],
)
def test_problem_codes(conn: Connection, function: str, value: str, problem: str | None) -> None:
    assert scalar(conn, f"select {function}", value) == problem
