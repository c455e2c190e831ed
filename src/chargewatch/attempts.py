"""Charge attempts from OCPP logs, summed the way ChargeX and kwwhat count them: how
many attempts succeeded, and how many visits succeeded at the first attempt.

The JSON shape::

    {"by": "station", "min_kwh": 0.1, "visit_minutes": 30,
     "totals": {"attempts", "successful", "success_rate", "visits",
                "first_attempt_successful", "first_attempt_success_rate"},
     "groups": [{"station": "CP1", "attempts", ...}, ...]}

An attempt (``reporting.charge_attempt``) starts when a port turns Preparing (OCPP
1.6) or Occupied (2.0.1) and succeeds when its transaction delivered more than
``min_kwh`` and stopped normally. A visit is one driver's attempts at one charger
within ``visit_minutes`` of each other (``sql/sessions/attempts.sql``).
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

GROUPS = {"station": "station_id", "port": "station_id || ' / ' || port"}
FIELDS = ("attempts", "successful", "success_rate", "visits", "first_attempt_successful",
          "first_attempt_success_rate")  # fmt: skip


def attempt_summary(
    conn: Connection, by: str = "station", min_kwh: float = 0.1, visit_minutes: int = 30
) -> dict[str, Any]:
    """The attempts summed overall and per ``by`` (``GROUPS``), as the JSON shape."""
    if by not in GROUPS:
        raise ConfigError(f"cannot group attempts by {by!r}; choose one of {', '.join(GROUPS)}")
    if min_kwh < 0 or visit_minutes < 0:
        raise ConfigError("--min-kwh and --visit-minutes must be 0 or more")
    query = sql.SQL(read_sql("sessions", "attempts.sql")).format(group=sql.SQL(GROUPS[by]))
    rows = dicts(conn, query, {"min_kwh": min_kwh, "visit_minutes": visit_minutes})
    totals = next((_fields(r) for r in rows if r["is_total"]), _fields(None))
    groups = [{by: r["group_value"], **_fields(r)} for r in rows if not r["is_total"]]
    return {"by": by, "min_kwh": min_kwh, "visit_minutes": visit_minutes, "totals": totals,
            "groups": groups}  # fmt: skip


def _fields(row: dict[str, Any] | None) -> dict[str, Any]:
    attempts = int(row["attempts"]) if row else 0
    successful = int(row["successful"]) if row else 0
    visits = int(row["visits"]) if row else 0
    first = int(row["first_attempt_successful"]) if row else 0
    return {
        "attempts": attempts,
        "successful": successful,
        "success_rate": round(successful / attempts, 4) if attempts else None,
        "visits": visits,
        "first_attempt_successful": first,
        "first_attempt_success_rate": round(first / visits, 4) if visits else None,
    }
