"""The five station KPIs (operational rate, fast charging, 24/7 access, public/private,
connector diversity), read from ``reporting.station_kpi_history``.

The numbers are computed in SQL; this module only shapes them into the JSON
contract other programs rely on::

    {"as_of": "2024-05-01", "counts": {...}, "kpis": {...}}
    {"as_of": ..., "by": "state", "groups": [{"state": "WA", "counts": {...}, "kpis": {...}}]}
    {"trend": [{"as_of": "2024-02-17", "counts": {...}, "kpis": {...}}, ...]}
    {"by": "state", "trend": [{"as_of": ..., "state": "WA", "counts": {...}, "kpis": {...}}]}
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


def station_kpis(
    conn: Connection, by: str | None = None, as_of: date | None = None
) -> dict[str, Any]:
    """KPIs overall, or per value of one dimension (``by``), as of the newest snapshot or
    as of ``as_of`` (the newest snapshot on or before it; its date is the report's ``as_of``)."""
    dimension = _dimension(by)
    snapshot = snapshot_on_or_before(conn, as_of)
    rows = _kpi_rows(conn, dimension, snapshot) if snapshot else []
    stamp = snapshot.isoformat() if snapshot else None
    if by is None:
        row = rows[0] if rows else None
        return {"as_of": stamp, "counts": counts_of(row), "kpis": kpis_of(row)}
    groups = [{by: r["dimension_value"], "counts": counts_of(r), "kpis": kpis_of(r)} for r in rows]
    return {"as_of": stamp, "by": by, "groups": groups}


def kpi_trend(conn: Connection, by: str | None = None) -> dict[str, Any]:
    """KPIs as of every snapshot date, oldest first: overall, or per value of ``by``."""
    rows = _kpi_rows(conn, _dimension(by), None)
    trend = []
    for r in rows:
        label = {by: r["dimension_value"]} if by else {}
        stamp = r["as_of_date"].isoformat()
        trend.append({"as_of": stamp, **label, "counts": counts_of(r), "kpis": kpis_of(r)})
    return {"by": by, "trend": trend} if by else {"trend": trend}


def _dimension(by: str | None) -> str:
    if by is not None and by not in DIMENSIONS:
        raise ConfigError(f"cannot group KPIs by {by!r}; choose one of {', '.join(DIMENSIONS)}")
    return by or "all"


def _kpi_rows(conn: Connection, dimension: str, as_of: date | None) -> list[dict[str, Any]]:
    """``reporting.station_kpi_history`` rows of one snapshot date, or of all (oldest first)."""
    columns = ["as_of_date", "dimension_value", *COUNTS.values(), *KPIS]
    query = sql.SQL(
        "select {} from reporting.station_kpi_history "
        "where dimension = %(dimension)s and (%(as_of)s::date is null or as_of_date = %(as_of)s) "
        "order by as_of_date, existing_count desc, station_count desc, dimension_value nulls last"
    ).format(sql.SQL(", ").join(map(sql.Identifier, columns)))
    with conn.cursor() as cur:
        cur.execute(query, {"dimension": dimension, "as_of": as_of})
        return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def snapshot_on_or_before(conn: Connection, as_of: date | None = None) -> date | None:
    """The newest snapshot date (on or before ``as_of``); None when nothing is loaded.

    Raises ConfigError when every snapshot is newer than ``as_of``.
    """
    row = conn.execute(
        "select max(as_of_date) filter (where %(as_of)s::date is null or as_of_date <= %(as_of)s), "
        "min(as_of_date) from reporting.load where status = 'loaded'",
        {"as_of": as_of},
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
