"""The dashboard's numbers under its filters: source, state, network, facility type,
access (``measures.FILTERS``) and status.

KPIs come from ``reporting.station_group`` summed over the matching
dimensions and turned into KPIs by ``reporting.kpi_values``, the definition every
KPI view uses, so unfiltered they equal ``chargewatch kpi``. The status
filter applies to the stations listed and mapped (a KPI such as the
operational rate is about status, so it is not filtered by it). Everything
here reads the reporting schema only: the dashboard runs as the reader role.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from psycopg import sql

from chargewatch.kpi import (
    counts_of,
    coverage_changes,
    kpi_rows,
    kpis_of,
    mixed_dates_note,
    snapshot_on_or_before,
    snapshots_used,
    state_dates,
    state_snapshots,
)
from chargewatch.measures import FILTERS, filter_clause
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

NAMES = (*FILTERS, "status")
SHOWN = 15


@dataclass(frozen=True)
class Filters:
    """Each filter's value, or None for any."""

    source: str | None = None
    state: str | None = None
    network: str | None = None
    facility_type: str | None = None
    access: str | None = None
    status: str | None = None

    def params(self) -> dict[str, str | None]:
        return asdict(self)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


def filtered_kpis(
    conn: Connection, filters: Filters, *, by_state: bool = False, newest: bool = True
) -> list[dict[str, Any]]:
    """KPI rows ``{"as_of", ["state",] "counts", "kpis"}``: of the newest snapshot date
    (or of every date, oldest first), overall or per state."""
    as_of = snapshot_on_or_before(conn, None, filters.source) if newest else None
    rows = kpi_rows(conn, "state" if by_state else None, as_of, filters.params())
    covered = state_snapshots(conn, as_of, filters.source).get(as_of, []) if as_of else []
    dates = state_dates(covered) if by_state else {}
    return [
        {
            "as_of": dates.get(row["dimension_value"], row["as_of_date"].isoformat())
            if by_state
            else row["as_of_date"].isoformat(),
            **({"state": row["dimension_value"]} if by_state else {}),
            "counts": counts_of(row),
            "kpis": kpis_of(row),
        }
        for row in rows
    ]


def coverage(conn: Connection, filters: Filters) -> dict[str, Any]:
    """What the page's numbers stand on: the files of the newest date (under the source
    and state filters), a sentence when they mix dates, the dates states were first loaded and,
    with a state chosen, the dates of that state's own files (``state_dates``)."""
    newest = snapshot_on_or_before(conn, None, filters.source)
    found = state_snapshots(conn, None, filters.source)
    picked = (
        [s for s in found.get(newest, []) if filters.state in (None, s.state)] if newest else []
    )
    changes = coverage_changes(found)
    first_loaded = [
        (day.isoformat(), ", ".join(change["states_added"]) + " first loaded")
        for day, change in sorted(changes.items())
        if change["states_added"] and day != min(changes)
        and (filters.state is None or filters.state in change["states_added"])
    ]  # fmt: skip
    used = snapshots_used(picked)
    own_dates = sorted(
        {
            s.as_of.isoformat()
            for states in found.values()
            for s in states
            if s.state == filters.state
        }
    )
    return {
        "snapshots": used,
        "note": mixed_dates_note(used),
        "first_loaded": first_loaded,
        "state_dates": own_dates if filters.state else None,
    }


_WHERE = filter_clause("s", NAMES)


def stations(conn: Connection, filters: Filters) -> list[tuple[float, float, str]]:
    """Existing stations with coordinates that match, as (longitude, latitude, status)."""
    query = sql.SQL(
        "select s.longitude, s.latitude, s.status from reporting.station as s where "
        "s.is_existing and s.latitude is not null and s.longitude is not null and {}"
    ).format(_WHERE)
    rows = conn.execute(query, filters.params()).fetchall()
    return [(float(lon), float(lat), status) for lon, lat, status in rows]


def down_stations(conn: Connection, filters: Filters, limit: int = SHOWN) -> list[dict[str, Any]]:
    """Stations in an open outage, longest first.

    The current stations that match and are down come first (a cheap read);
    only their outages are then read, by station ID, which the outage view's
    windows can filter on: reading every station's history for a handful of
    outages was most of the page's time.
    """
    query = sql.SQL(
        "select s.source, s.station_id from reporting.station as s "
        "where s.status = 'temporarily_unavailable' and {}"
    ).format(_WHERE)
    down = conn.execute(query, filters.params()).fetchall()
    if not down:
        return []
    rows = dicts(
        conn,
        "select o.source, o.station_id, o.station_name, o.network, o.state, o.started_on::text, "
        "o.days, o.last_listed_on::text from reporting.outage as o "
        "where o.is_open and o.station_id = any(%(ids)s) and o.source = any(%(sources)s) "
        "order by o.days desc, o.station_id",
        {"ids": [i for _, i in down], "sources": sorted({s for s, _ in down})},
    )
    wanted = set(down)
    return [
        {k: v for k, v in row.items() if k != "source"}
        for row in rows
        if (row["source"], row["station_id"]) in wanted
    ][:limit]


def stale_stations(
    conn: Connection, filters: Filters, stale_days: int = 365, limit: int = SHOWN
) -> dict[str, Any]:
    """Existing stations not confirmed in more than ``stale_days`` days (or never) before
    their snapshot: how many, and the longest unconfirmed (one scan: the count is a window
    over the same rows)."""
    query = sql.SQL(
        "select s.station_id, s.station_name, s.network, s.state, "
        "s.date_last_confirmed::text, s.as_of_date - s.date_last_confirmed as days, "
        "count(*) over () as stale_count "
        "from reporting.station as s where s.is_existing and (s.date_last_confirmed is null "
        "or s.as_of_date - s.date_last_confirmed > %(stale_days)s) and {} "
        "order by s.date_last_confirmed nulls first, s.station_id limit %(limit)s"
    ).format(_WHERE)
    top = dicts(conn, query, {**filters.params(), "stale_days": stale_days, "limit": limit})
    count = int(top[0]["stale_count"]) if top else 0
    for row in top:
        del row["stale_count"]
    return {"stations": count, "stale_days": stale_days, "top": top}


def options(conn: Connection) -> dict[str, list[str]]:
    """The values each filter can take, from the current stations."""
    found: dict[str, list[str]] = {name: [] for name in NAMES}
    for name, value in conn.execute(read_sql("serve", "filter_options.sql")).fetchall():
        found[name].append(str(value))
    return found
