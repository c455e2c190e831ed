"""Data quality of one load: what was quarantined and why, and how stale its stations are.

Staleness is the days from a station's Date Last Confirmed to the load's
snapshot date (as of). A station last confirmed more than ``stale_days``
before, or never, is stale. JSON contract (``chargewatch quality --format json``)::

    {"load_id": 3, "source": "afdc", "file_name": "...", "as_of": "2024-05-22",
     "stale_days": 365,
     "rows": {"read": .., "loaded": .., "skipped": .., "quarantined": ..},
     "quarantined_by_reason": [{"reason_code": "BAD_DATE", "reason": "...", "rows": 2}],
     "staleness": {"existing": .., "stale": .., "never_confirmed": .., "stale_share": 0.25},
     "staleness_by": {"network": [{"network": "..", "existing": .., ...}], "state": [...]}}
"""

from __future__ import annotations

from typing import Any

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql

STALE_DAYS = 365


def load_quality(
    conn: Connection, load_id: int | None = None, *, stale_days: int = STALE_DAYS
) -> dict[str, Any]:
    """The quality report of load ``load_id`` (default: the newest loaded one)."""
    report = _load(conn, load_id)
    staleness = _staleness(conn, report["load_id"], stale_days)
    report["stale_days"] = stale_days
    report["quarantined_by_reason"] = _quarantined_by_reason(conn, report["load_id"])
    report["staleness"] = staleness.pop("all")[0]
    report["staleness_by"] = staleness
    return report


def _load(conn: Connection, load_id: int | None) -> dict[str, Any]:
    row = conn.execute(
        "select load_id, source, file_name, as_of_date::text, "
        "rows_read, rows_loaded, rows_skipped, rows_quarantined "
        "from reporting.load where status = 'loaded' and (%(id)s::bigint is null or load_id = %(id)s) "
        "order by load_id desc limit 1",
        {"id": load_id},
    ).fetchone()
    if row is None:
        raise ConfigError(
            "no loads yet; load a file with: chargewatch ingest FILE"
            if load_id is None
            else f"there is no load {load_id}; see chargewatch loads"
        )
    keys = ("read", "loaded", "skipped", "quarantined")
    return {
        "load_id": row[0],
        "source": row[1],
        "file_name": row[2],
        "as_of": row[3],
        "rows": dict(zip(keys, row[4:], strict=True)),
    }


def _quarantined_by_reason(conn: Connection, load_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "select reason_code, reason, count(distinct line_number) from reporting.quarantine "
        "where load_id = %s group by reason_code, reason order by 3 desc, 1",
        (load_id,),
    ).fetchall()
    return [{"reason_code": r[0], "reason": r[1], "rows": r[2]} for r in rows]


def _staleness(conn: Connection, load_id: int, stale_days: int) -> dict[str, list[dict[str, Any]]]:
    rows = conn.execute(
        read_sql("quality", "staleness.sql"), {"load_id": load_id, "stale_days": stale_days}
    ).fetchall()
    found: dict[str, list[dict[str, Any]]] = {"all": [], "network": [], "state": []}
    for dimension, value, existing, stale, never in rows:
        counts = {"existing": existing, "stale": stale, "never_confirmed": never}
        share = stale / existing if existing else None
        label = {} if dimension == "all" else {dimension: value}
        found[dimension].append({**label, **counts, "stale_share": share})
    return found
