"""What looks wrong now: the detectors' findings (``reporting.anomaly``) listed and
counted per kind."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from typing import Any

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts, with_iso_times
from chargewatch.warehouse.sqlfiles import read_sql

KINDS = ("stuck_status", "silent_failure", "flapping", "degradation", "feed_outage",
         "session_energy", "future_clock")  # fmt: skip
"""The detectors, as ``reporting.anomaly.kind`` names them."""

FIELDS = ("kind", "reason_code", "source", "station_id", "port_id", "port_key", "session_id",
          "started_at", "ended_at", "is_open", "score", "evidence", "port_count", "latitude",
          "longitude")  # fmt: skip


def anomaly_list(
    conn: Connection, since: date | None = None, kinds: tuple[str, ...] = (),
    source: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The anomalies going on at or after ``since`` (all when None), of ``kinds`` (all
    when empty), newest first, with a count per kind."""
    params = {
        "since": datetime.combine(since, time(), tzinfo=UTC) if since else None,
        "kinds": list(kinds) or None, "source": source,
    }  # fmt: skip
    found = with_iso_times(dicts(conn, read_sql("anomalies", "list.sql"), params))
    counts = Counter(a["kind"] for a in found)
    return {
        "since": since.isoformat() if since else None,
        "kinds": list(kinds or KINDS),
        "counts": {kind: counts.get(kind, 0) for kind in (kinds or KINDS)},
        "anomalies": found,
    }
