"""Monthly port uptime (23 CFR 680.116(b)) by port, station, network, state or source,
from the status feeds (``reporting.port_uptime_month``).

Other programs read ``port_uptime``'s shape (``chargewatch uptime --format
json``): ``{"month": "YYYY-MM", "by": "port", "groups": [{"source",
"station_id", "port_id", "latitude", "longitude", "period_minutes",
"observed_minutes", "outage_minutes", "excluded_minutes", "uptime_nevi",
"uptime_observed", "outage_count"}, …], "feed_outages": [{"source", "started_at",
"ended_at", "is_open", "moments", "port_count", "station_count", "watched_count",
"minutes"}, …]}``; grouped otherwise, the port's fields
(and the station's) are left out and the minutes summed; a network or state the
feed does not give is null.
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts, with_iso_times
from chargewatch.warehouse.sqlfiles import read_sql

GROUPS: dict[str, tuple[str, ...]] = {
    "port": ("source", "station_id", "port_id", "port_key", "latitude", "longitude"),
    "station": ("source", "station_id"),
    "network": ("network",),
    "state": ("state",),
    "source": ("source",),
}
"""What ``--by`` groups ports by, and the columns that name a group."""
HIDDEN = ("port_key",)
"""Grouped on, not shown: the source's full identity of a port."""
NEVI_UPTIME = 0.97
"""The share of time a port must be up, by 23 CFR 680.116(b)."""


def newest_month(conn: Connection) -> str | None:
    """The newest month any port was observed in, ``YYYY-MM``."""
    row = conn.execute("select max(month) from reporting.port_uptime_month").fetchone()
    return None if row is None else row[0]


def status_loads(conn: Connection) -> int:
    """Status feed loads that stood (a feed can be loaded and yet have observed no time:
    every poll failed)."""
    row = conn.execute(
        "select count(*) from reporting.load where model = 'port_status' and status = 'loaded'"
    ).fetchone()
    return 0 if row is None else int(row[0])


def nothing_to_show(conn: Connection) -> str:
    """Why no month has uptime, and what to do about it."""
    if status_loads(conn) == 0:
        return "No status feed loaded yet. Load one with: chargewatch ingest FILE"
    return (
        "The status feeds loaded observed no time yet (every poll failed, or no status "
        "had a time). See what each load read with: chargewatch loads"
    )


def port_uptime(
    conn: Connection, month: str | None = None, by: str = "port", below: float | None = None
) -> dict[str, Any]:
    """Uptime of ``month`` (default: the newest observed) per group, worst first;
    ``below`` keeps the groups whose NEVI uptime is under it."""
    month = month or newest_month(conn)
    keys = GROUPS[by]
    query = sql.SQL(read_sql("uptime", "groups.sql")).format(
        keys=sql.SQL(", ").join(sql.Identifier("u", key) for key in keys)
    )
    groups = dicts(conn, query, {"month": month, "below": below}) if month else []
    for group in groups:
        for key in HIDDEN:
            group.pop(key, None)
    return {"month": month, "by": by, "groups": groups, "feed_outages": feed_outages(conn, month)}


def feed_outages(conn: Connection, month: str | None) -> list[dict[str, Any]]:
    """The month's feed (back-end) outages: many ports down in one minute. Their
    minutes count in uptime as the rule says; they are listed apart so that a reader
    can tell the network's failure from the chargers'."""
    if month is None:
        return []
    return with_iso_times(dicts(conn, read_sql("uptime", "feed_outages.sql"), {"month": month}))


LOW_OBSERVED = 0.5
"""A port-month observed for less than this share of its period is flagged: its uptime
rests on too little."""


def uptime_overview(
    conn: Connection, month: str | None = None, worst: int = 10, stations: int = 6
) -> dict[str, Any]:
    """One month at a glance: ports, the share at the NEVI bar, observed share and the
    ports observed too little, uptime bands, the ``worst`` ports, the outages of the
    ``stations`` stations down longest, the month's feed outages and the anomalies of its
    ports (for the dashboard and the report)."""
    month = month or newest_month(conn)
    if month is None:
        return {"month": None}
    params = {"month": month, "bar": NEVI_UPTIME, "low": LOW_OBSERVED, "stations": stations}
    (summary,) = dicts(conn, read_sql("uptime", "overview.sql"), params)
    ports = port_uptime(conn, month)["groups"][:worst]
    for port in ports:
        period = port["period_minutes"]
        port["observed_share"] = port["observed_minutes"] / period if period else 0.0
    return {
        "month": month,
        **summary,
        "bar": NEVI_UPTIME,
        "low_observed": LOW_OBSERVED,
        "distribution": dicts(conn, read_sql("uptime", "distribution.sql"), params),
        "worst": ports,
        "timeline": dicts(conn, read_sql("uptime", "timeline.sql"), params),
        "feed_outages": feed_outages(conn, month),
        "anomalies": with_iso_times(dicts(conn, read_sql("uptime", "anomalies.sql"), params)),
    }


def port_outages(
    conn: Connection, *, open_only: bool = False, min_minutes: float = 0
) -> dict[str, Any]:
    """``{"outages": [...]}``: the ports' outages, newest first, times in ISO 8601."""
    params = {"open_only": open_only, "min_minutes": min_minutes}
    return {"outages": with_iso_times(dicts(conn, read_sql("uptime", "outages.sql"), params))}
