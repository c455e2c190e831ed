"""The loads a warehouse has: one per raw file, with its snapshot date and counts.

Read from ``reporting.load``; the CLI's ``chargewatch loads`` and any program
that wants to know what a number is based on call ``list_loads``.
"""

from __future__ import annotations

from typing import Any

from chargewatch.warehouse.connect import Connection

FIELDS = (
    "load_id",
    "source",
    "file_name",
    "as_of",
    "status",
    "rows_read",
    "rows_loaded",
    "rows_skipped",
    "rows_quarantined",
    "stations_written",
    "started_at",
    "finished_at",
    "duration_seconds",
    "sha256",
    "lake_uri",
)
"""The keys of each load, in order: the JSON and CSV contract of ``chargewatch loads``."""

_QUERY = """
select
    load_id, source, file_name, as_of_date::text, status,
    rows_read, rows_loaded, rows_skipped, rows_quarantined, stations_upserted,
    to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    round(duration_seconds::numeric, 1)::float8,
    sha256, lake_uri
from reporting.load
where (%(source)s::text is null or source = %(source)s)
order by as_of_date desc nulls last, load_id desc
limit %(limit)s
"""


def list_loads(
    conn: Connection, *, source: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Loads newest snapshot first (then newest load), as dicts keyed by ``FIELDS``."""
    rows = conn.execute(_QUERY, {"source": source, "limit": limit}).fetchall()
    return [dict(zip(FIELDS, row, strict=True)) for row in rows]
