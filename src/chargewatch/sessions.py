"""Charging sessions summed: sessions, energy, success, plugged and charging time,
and utilization, overall and per station, port, network, state or source.

The JSON shape is a contract::

    {"by": "station", "min_kwh": 1.0,
     "totals": {"sessions", "energy_kwh", "successful", "success_rate",
                "plugged_minutes", "charging_minutes", <utilization>},
     "groups": [{"station": "5122191", "sessions", ..., <utilization>}, ...]}

A session succeeded when it delivered at least ``min_kwh`` (1 kWh by default) and has
no error code. ``charging_minutes`` is null where no source tells charging apart
from plugged-in time. The utilization fields (``UTILIZATION``) are the EV Charging
Use Data Specification's reporting metrics over ``reporting.port_day``: ``days``,
``available_minutes``, ``sessions_per_day``, ``energy_kwh_per_day``,
``occupied_utilization``, ``charging_utilization``, ``idle_utilization`` and
``capacity_factor``; per station, also ``congestion`` (``reporting.station_congestion``).
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

GROUPS = {"station": "station_id", "port": "concat_ws(' / ', station_id, nullif(port_id, ''))",
          "network": "network", "state": "state", "source": "source"}  # fmt: skip
"""Each grouping and its SQL over reporting.session and reporting.port_day (a port is
named by its station: ``station / port``)."""
FIELDS = ("sessions", "energy_kwh", "successful", "success_rate", "plugged_minutes",
          "charging_minutes")  # fmt: skip
UTILIZATION = ("days", "available_minutes", "sessions_per_day", "energy_kwh_per_day",
               "occupied_utilization", "charging_utilization", "idle_utilization",
               "capacity_factor")  # fmt: skip


def session_summary(
    conn: Connection, by: str = "station", min_kwh: float = 1.0, source: str | None = None
) -> dict[str, Any]:
    """The sessions summed overall and per ``by`` (``GROUPS``), as the JSON contract."""
    if by not in GROUPS:
        raise ConfigError(f"cannot group sessions by {by!r}; choose one of {', '.join(GROUPS)}")
    if min_kwh < 0:
        raise ConfigError(f"--min-kwh must be 0 or more, not {min_kwh:g}")
    params = {"min_kwh": min_kwh, "source": source}
    rows = dicts(conn, _query("summary.sql", by), params)
    use = {
        (r["is_total"], r["group_value"]): r
        for r in dicts(conn, _query("utilization.sql", by), params)
    }
    congestion = (
        {
            r["group_value"]: r["congestion"]
            for r in dicts(conn, _query("congestion.sql", by), params)
        }
        if by == "station"
        else {}
    )

    def fields(row: dict[str, Any] | None) -> dict[str, Any]:
        key = (True, None) if row is None or row["is_total"] else (False, row["group_value"])
        found = {**_fields(row), **_use(use.get(key))}
        return (
            {**found, "congestion": congestion.get(key[1])}
            if by == "station" and not key[0]
            else found
        )

    totals = next((fields(r) for r in rows if r["is_total"]), fields(None))
    groups = [{by: r["group_value"], **fields(r)} for r in rows if not r["is_total"]]
    return {"by": by, "min_kwh": min_kwh, "totals": totals, "groups": groups}


def _query(name: str, by: str) -> sql.Composed:
    return sql.SQL(read_sql("sessions", name)).format(group=sql.SQL(GROUPS[by]))


def _use(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return {"days": 0, **dict.fromkeys(UTILIZATION[1:])}
    return {name: row[name] for name in UTILIZATION}


def _fields(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None or not row["sessions"]:
        return {"sessions": 0, "energy_kwh": 0.0, "successful": 0, "success_rate": None,
                "plugged_minutes": 0.0, "charging_minutes": None}  # fmt: skip
    return {
        "sessions": int(row["sessions"]),
        "energy_kwh": row["energy_kwh"],
        "successful": int(row["successful"]),
        "success_rate": round(int(row["successful"]) / int(row["sessions"]), 4),
        "plugged_minutes": row["plugged_minutes"],
        "charging_minutes": row["charging_minutes"],
    }
