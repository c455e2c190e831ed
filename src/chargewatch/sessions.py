"""Charging sessions summed: sessions, energy, success, plugged and charging time,
overall and per station, port, network or source.

The JSON shape is a contract::

    {"by": "station", "min_kwh": 1.0,
     "totals": {"sessions", "energy_kwh", "successful", "success_rate",
                "plugged_minutes", "charging_minutes"},
     "groups": [{"station": "5122191", "sessions", ...}, ...]}

A session succeeded when it delivered at least ``min_kwh`` (1 kWh by default) and has
no error code. ``charging_minutes`` is null where no source tells charging apart
from plugged-in time.
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

GROUPS = {"station": "station_id", "port": "port_id", "network": "network", "source": "source"}
FIELDS = ("sessions", "energy_kwh", "successful", "success_rate", "plugged_minutes",
          "charging_minutes")  # fmt: skip


def session_summary(
    conn: Connection, by: str = "station", min_kwh: float = 1.0, source: str | None = None
) -> dict[str, Any]:
    """The sessions summed overall and per ``by`` (``GROUPS``), as the JSON contract."""
    if by not in GROUPS:
        raise ConfigError(f"cannot group sessions by {by!r}; choose one of {', '.join(GROUPS)}")
    if min_kwh < 0:
        raise ConfigError(f"--min-kwh must be 0 or more, not {min_kwh:g}")
    query = sql.SQL(read_sql("sessions", "summary.sql")).format(group=sql.Identifier(GROUPS[by]))
    rows = dicts(conn, query, {"min_kwh": min_kwh, "source": source})
    totals = next((_fields(r) for r in rows if r["is_total"]), _fields(None))
    groups = [{by: r["group_value"], **_fields(r)} for r in rows if not r["is_total"]]
    return {"by": by, "min_kwh": min_kwh, "totals": totals, "groups": groups}


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
