"""The five station KPIs (operational rate, fast charging, 24/7 access, public/private,
connector diversity), read from ``reporting.station_kpi_history``.

The numbers are computed in SQL; this module only shapes them into the JSON
contract other programs rely on::

    {"as_of": "2024-05-01", "snapshots": [...], "counts": {...}, "kpis": {...}}
    {"as_of": ..., "snapshots": [...], "by": "state",
     "groups": [{"state": "WA", "as_of": "2024-05-01", "counts": {...}, "kpis": {...}}]}
    {"trend": [{"as_of": "2024-02-17", "states": [...], "states_added": [...],
                "counts": {...}, "kpis": {...}}, ...]}
    {"by": "state", "trend": [{"as_of": ..., "state": "WA", "snapshot_as_of": ...,
                               "counts": {...}, "kpis": {...}}]}

``as_of`` is the newest snapshot date a result uses; ``snapshots`` lists the
files it stands on, ``[{"source", "as_of", "states"}]``, since a state not
covered by a newer file keeps the numbers of an older one. A state's group,
and a city's, carries its own file's date. A trend row says which states it covers and
which were first loaded on its date, so new coverage is not read as growth.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.measures import (
    COUNTS,
    DIMENSIONS,
    FILTERS,
    KPIS,
    dimension_value,
    expand,
    filter_clause,
)
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql


def station_kpis(
    conn: Connection,
    by: str | None = None,
    as_of: date | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """KPIs overall, or per value of one dimension (``by``), as of the newest snapshot or
    as of ``as_of`` (the newest snapshot on or before it; its date is the report's ``as_of``),
    over every source's stations or one ``source``'s."""
    _check_dimension(by)
    snapshot = snapshot_on_or_before(conn, as_of, source)
    rows = kpi_rows(conn, by, snapshot, {"source": source}) if snapshot else []
    stamp = snapshot.isoformat() if snapshot else None
    coverage = state_snapshots(conn, snapshot, source)
    used = snapshots_used(coverage.get(snapshot, []) if snapshot else [])
    if by is None:
        row = rows[0] if rows else None
        return {"as_of": stamp, "snapshots": used, "counts": counts_of(row), "kpis": kpis_of(row)}
    dates = state_dates(coverage.get(snapshot, []) if snapshot else [])
    groups = [
        {
            by: r["dimension_value"],
            **({"as_of": _group_date(by, r["dimension_value"], dates)} if by in DATED else {}),
            "counts": counts_of(r),
            "kpis": kpis_of(r),
        }
        for r in rows
    ]
    return {"as_of": stamp, "snapshots": used, "by": by, "groups": groups}


def kpi_trend(conn: Connection, by: str | None = None, source: str | None = None) -> dict[str, Any]:
    """KPIs as of every snapshot date, oldest first: overall, or per value of ``by``
    (with ``source``, as of that source's own snapshot dates)."""
    _check_dimension(by)
    rows = kpi_rows(conn, by, None, {"source": source})
    if source is not None:
        own = {day for (day,) in conn.execute(
            "select distinct as_of_date from reporting.load where status = 'loaded' "
            "and model = 'stations' and source = %s", (source,)
        ).fetchall()}  # fmt: skip
        rows = [row for row in rows if row["as_of_date"] in own]
    coverage = state_snapshots(conn, None, source)
    changes = coverage_changes(coverage)
    trend = []
    for r in rows:
        day = r["as_of_date"]
        if by is None:
            label: dict[str, Any] = changes.get(day, {"states": [], "states_added": []})
        elif by == "state":
            snapshot = state_dates(coverage.get(day, [])).get(r["dimension_value"])
            label = {by: r["dimension_value"], "snapshot_as_of": snapshot}
        else:
            label = {by: r["dimension_value"]}
        trend.append(
            {"as_of": day.isoformat(), **label, "counts": counts_of(r), "kpis": kpis_of(r)}
        )
    return {"by": by, "trend": trend} if by else {"trend": trend}


DATED = ("state", "city")
"""Dimensions whose groups lie in one state, and so carry that state's snapshot date."""


def _group_date(by: str, value: str | None, dates: dict[str | None, str]) -> str | None:
    """A state group's date, or a city group's ("Seattle, WA") from its state's."""
    if by == "city" and value is not None:
        state = value.rpartition(", ")[2]
        return dates.get(None if state == "?" else state)
    return dates.get(value)


class StateSnapshot(NamedTuple):
    """One state's file at a snapshot date (a row of ``reporting.state_snapshot``)."""

    source: str
    state: str | None
    as_of: date
    load_id: int
    file_name: str
    first_as_of: date


def state_snapshots(
    conn: Connection, as_of: date | None, source: str | None = None
) -> dict[date, list[StateSnapshot]]:
    """Per snapshot date (all, or ``as_of`` only), the file each state stands on (of one
    ``source``, or of each)."""
    rows = conn.execute(
        "select as_of_date, source, state, snapshot_as_of_date, load_id, file_name, "
        "first_as_of_date from reporting.state_snapshot "
        "where (%(as_of)s::date is null or as_of_date = %(as_of)s) "
        "and (%(source)s::text is null or source = %(source)s) "
        "order by as_of_date, source, state nulls last",
        {"as_of": as_of, "source": source},
    ).fetchall()
    found: dict[date, list[StateSnapshot]] = {}
    for day, *rest in rows:
        found.setdefault(day, []).append(StateSnapshot(*rest))
    return found


def snapshots_used(states: list[StateSnapshot]) -> list[dict[str, Any]]:
    """``[{"source", "as_of", "states"}]``: the files a result stands on, newest first."""
    grouped: dict[tuple[str, date], list[str | None]] = {}
    for s in states:
        grouped.setdefault((s.source, s.as_of), []).append(s.state)
    return [
        {"source": source, "as_of": day.isoformat(), "states": names}
        for (source, day), names in sorted(
            grouped.items(), key=lambda item: item[0][1], reverse=True
        )
    ]


def state_dates(states: list[StateSnapshot]) -> dict[str | None, str]:
    """Each state's snapshot date (the newest over its sources), ISO."""
    dates: dict[str | None, date] = {}
    for s in states:
        dates[s.state] = max(s.as_of, dates.get(s.state, s.as_of))
    return {state: day.isoformat() for state, day in dates.items()}


def coverage_changes(coverage: dict[date, list[StateSnapshot]]) -> dict[date, dict[str, Any]]:
    """Per snapshot date, the states covered and those first loaded on that date."""
    return {
        day: {
            "states": sorted({s.state for s in states if s.state}),
            "states_added": sorted({s.state for s in states if s.state and s.first_as_of == day}),
        }
        for day, states in coverage.items()
    }


def mixed_dates_note(snapshots: list[dict[str, Any]]) -> str | None:
    """A sentence saying which states stand on which date, when a result mixes dates."""
    if len({s["as_of"] for s in snapshots}) < 2:
        return None
    named = len({s["source"] for s in snapshots}) > 1
    parts = [
        f"{s['source'] + ' ' if named else ''}{_states_label(s['states'])} as of {s['as_of']}"
        for s in snapshots
    ]
    return "Mixes snapshot dates: " + "; ".join(parts) + "."


def _states_label(states: list[str | None], shown: int = 8) -> str:
    names = [state or "(no state)" for state in states]
    extra = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + extra


def _check_dimension(by: str | None) -> None:
    if by is not None and by not in DIMENSIONS:
        raise ConfigError(f"cannot group KPIs by {by!r}; choose one of {', '.join(DIMENSIONS)}")


def kpi_rows(
    conn: Connection, by: str | None, as_of: date | None, filters: dict[str, str | None]
) -> list[dict[str, Any]]:
    """KPI rows of one snapshot date (or of every date, oldest first), per value of ``by``
    (one row a date for None), over the stations that match ``filters`` (``FILTERS``
    by name; a missing or None value matches all)."""
    query = sql.SQL(expand(read_sql("kpi", "filtered.sql"))).format(
        group=dimension_value(by), filters=filter_clause("g", FILTERS)
    )
    params = {name: filters.get(name) for name in FILTERS}
    return [row for row in dicts(conn, query, {**params, "as_of": as_of}) if row["station_count"]]


def snapshot_on_or_before(
    conn: Connection, as_of: date | None = None, source: str | None = None
) -> date | None:
    """The newest snapshot date (on or before ``as_of``; of ``source``, or of any); None
    when nothing is loaded.

    Raises ConfigError when every snapshot is newer than ``as_of``.
    """
    row = conn.execute(
        "select max(as_of_date) filter (where %(as_of)s::date is null or as_of_date <= %(as_of)s), "
        "min(as_of_date) from reporting.load where status = 'loaded' and model = 'stations' "
        "and (%(source)s::text is null or source = %(source)s)",
        {"as_of": as_of, "source": source},
    ).fetchone()
    assert row is not None
    newest, oldest = row
    if newest is None and oldest is not None:
        raise ConfigError(
            f"no snapshot on or before {as_of}: the oldest loaded snapshot is of {oldest}"
        )
    return newest if isinstance(newest, date) else None


def counts_of(row: dict[str, Any] | None) -> dict[str, int]:
    return {key: int(row[col]) if row else 0 for key, col in COUNTS.items()}


def kpis_of(row: dict[str, Any] | None) -> dict[str, float | None]:
    return {key: (None if row is None or row[key] is None else float(row[key])) for key in KPIS}
