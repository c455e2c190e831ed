"""Reliability from the station history: who is down and for how long, how fast they recover.

Outage episodes come from ``reporting.outage`` (runs of snapshots listing a
station temporarily unavailable), capacity loss from
``reporting.capacity_loss`` (port counts that dropped between snapshots), the
operational rate trend from the KPIs of every snapshot. A station listed as
down says so as of ``last_listed_on``, the date of the newest file that listed
it: a state whose newest file is old has old news. ``min_days`` leaves
out outages shorter than that many days, open or closed.

JSON contract (``chargewatch reliability --format json``)::

    {"as_of": "2024-05-22", "min_days": 0, "by": "network",
     "outages": {"outages": 9, "open": 4, "restored": 3, "removed": 2,
                 "mean_days_to_restore": 41.5, "longest_open_days": 120},
     "outages_by": [{"network": "..", "outages": .., ...}],
     "currently_down": {"stations": 4, "top": [{"station_id": .., "station_name": ..,
                        "network": .., "state": .., "started_on": "..", "start_basis": "..",
                        "days": 120, "last_listed_on": ".."}]},
     "operational_rate_trend": [{"as_of": "..", ["network": "..",] "operational": ..,
                                 "temporarily_unavailable": .., "operational_rate": 0.9}],
     "capacity_loss": {"stations": 2, "ports_lost": 3, "top": [{"station_id": .., "as_of": ..,
                       "level2_before": 4, "level2_after": 2, ..., "ports_lost": 2}]}}
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.kpi import kpi_trend, snapshot_on_or_before
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

GROUPS = ("network", "state")
SHOWN = 20


def reliability(
    conn: Connection, *, by: str | None = None, min_days: int = 0, shown: int = SHOWN
) -> dict[str, Any]:
    """The reliability report over every loaded snapshot (``by``: network or state)."""
    if by is not None and by not in GROUPS:
        raise ConfigError(f"cannot group reliability by {by!r}; choose one of {', '.join(GROUPS)}")
    newest = snapshot_on_or_before(conn)
    report: dict[str, Any] = {"as_of": newest.isoformat() if newest else None, "min_days": min_days}
    if by:
        report["by"] = by
    report["outages"], groups = _outages(conn, by, min_days)
    if by:
        report["outages_by"] = groups
    report["currently_down"] = _top(conn, _CURRENTLY_DOWN, {"min_days": min_days}, shown)
    report["operational_rate_trend"] = _operational_rate_trend(conn, by)
    report["capacity_loss"] = _top(conn, _CAPACITY_LOSS, {}, shown)
    return report


_CURRENTLY_DOWN = """
select station_id, station_name, network, state, started_on::text, start_basis, days,
    last_listed_on::text, count(*) over () as total_stations
from reporting.outage
where is_open and days >= %(min_days)s
order by days desc, station_id
"""

_CAPACITY_LOSS = """
select station_id, station_name, network, state, as_of_date::text as as_of,
    level1_before, level1_after, level2_before, level2_after, dc_fast_before, dc_fast_after,
    ports_lost, count(*) over () as total_stations, sum(ports_lost) over () as total_ports_lost
from reporting.capacity_loss
order by ports_lost desc, as_of_date desc, station_id
"""


def _top(conn: Connection, query: str, params: dict[str, Any], shown: int) -> dict[str, Any]:
    """A query's totals over all its rows (its ``total_*`` columns), then its first ``shown`` rows."""
    cur = conn.execute(query + " limit %(shown)s", {**params, "shown": shown})
    names = [column.name for column in cur.description or []]
    totals = [name for name in names if name.startswith("total_")]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    report = {name.removeprefix("total_"): int(rows[0][name]) if rows else 0 for name in totals}
    for row in rows:
        for name in totals:
            del row[name]
    return {**report, "top": rows}


def _outages(
    conn: Connection, by: str | None, min_days: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The outage counts over all outages, and per value of ``by`` (if given)."""
    group = sql.Identifier(by) if by else sql.SQL("null::text")
    query = sql.SQL(read_sql("reliability", "outages_by.sql")).format(group=group)
    total, *rows = dicts(conn, query, {"min_days": min_days})
    counts = {k: v for k, v in total.items() if k not in ("is_total", "value")}
    groups = [{by: row["value"], **{k: row[k] for k in counts}} for row in rows] if by else []
    return counts, groups


def _operational_rate_trend(conn: Connection, by: str | None) -> list[dict[str, Any]]:
    trend = []
    for row in kpi_trend(conn, by)["trend"]:
        counts = row["counts"]
        label = {by: row[by]} if by else {}
        trend.append(
            {
                "as_of": row["as_of"],
                **label,
                "operational": counts["operational"],
                "temporarily_unavailable": counts["temporarily_unavailable"],
                "operational_rate": row["kpis"]["station_operational_rate"],
            }
        )
    return trend
