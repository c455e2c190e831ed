"""The five station KPIs of SPEC §4, read from ``reporting.station_kpi``.

The numbers are computed in SQL; this module only shapes them into the JSON
contract other programs rely on::

    {"as_of": "2024-05-01", "counts": {...}, "kpis": {...}}
    {"as_of": ..., "by": "state", "groups": [{"state": "WA", "counts": {...}, "kpis": {...}}]}
"""

from __future__ import annotations

from datetime import date
from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection

DIMENSIONS = ("state", "city", "network", "facility_type", "owner_type", "access")

# JSON count key → reporting.station_kpi column
COUNTS = {
    "stations": "station_count",
    "existing": "existing_count",
    "operational": "operational_count",
    "temporarily_unavailable": "temporarily_unavailable_count",
    "planned": "planned_count",
    "status_unknown": "status_unknown_count",
    "dc_fast": "dc_fast_count",
    "open_24_7": "open_24_7_count",
    "hours_unknown": "hours_unknown_count",
    "public": "public_count",
    "private": "private_count",
    "connector_types_known": "connector_types_known_count",
}
KPIS = (
    "station_operational_rate",
    "fast_charging_availability",
    "accessibility_24_7_rate",
    "public_private_ratio",
    "public_share",
    "avg_connector_diversity",
)


def station_kpis(conn: Connection, by: str | None = None) -> dict[str, Any]:
    """KPIs overall, or per value of one dimension (``by``)."""
    if by is not None and by not in DIMENSIONS:
        raise ConfigError(f"cannot group KPIs by {by!r}; choose one of {', '.join(DIMENSIONS)}")
    rows = _kpi_rows(conn, by or "all")
    as_of = _as_of(conn)
    if by is None:
        row = rows[0] if rows else None
        return {"as_of": as_of, "counts": _counts(row), "kpis": _kpis(row)}
    groups = [{by: r["dimension_value"], "counts": _counts(r), "kpis": _kpis(r)} for r in rows]
    return {"as_of": as_of, "by": by, "groups": groups}


def _kpi_rows(conn: Connection, dimension: str) -> list[dict[str, Any]]:
    columns = ["dimension_value", *COUNTS.values(), *KPIS]
    query = sql.SQL(
        "select {} from reporting.station_kpi where dimension = %s "
        "order by existing_count desc, station_count desc, dimension_value nulls last"
    ).format(sql.SQL(", ").join(map(sql.Identifier, columns)))
    with conn.cursor() as cur:
        cur.execute(query, (dimension,))
        return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def _as_of(conn: Connection) -> str | None:
    row = conn.execute(
        "select max(as_of_date) from reporting.load where status = 'loaded'"
    ).fetchone()
    value = row[0] if row else None
    return value.isoformat() if isinstance(value, date) else None


def _counts(row: dict[str, Any] | None) -> dict[str, int]:
    return {key: int(row[col]) if row else 0 for key, col in COUNTS.items()}


def _kpis(row: dict[str, Any] | None) -> dict[str, float | None]:
    return {key: (None if row is None or row[key] is None else float(row[key])) for key in KPIS}
