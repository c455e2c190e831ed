"""The loads a warehouse has: one per raw file, with its snapshot date and counts.

Read from ``reporting.load``, with what each snapshot changed from the one
before (``reporting.snapshot_change``: stations added, back after removal,
changed, removed; shared by loads of one date). The CLI's ``chargewatch loads`` and any program
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
    "stations_added",
    "stations_reappeared",
    "stations_changed",
    "stations_removed",
    "started_at",
    "finished_at",
    "duration_seconds",
    "sha256",
    "lake_uri",
    "error_message",
)
"""The keys of each load, in order: the JSON and CSV contract of ``chargewatch loads``."""

_QUERY = """
select
    l.load_id, l.source, l.file_name, l.as_of_date::text, l.status,
    l.rows_read, l.rows_loaded, l.rows_skipped, l.rows_quarantined, l.stations_upserted,
    c.added, c.reappeared, c.changed, c.removed,
    to_char(l.started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    to_char(l.finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    round(l.duration_seconds::numeric, 1)::float8,
    l.sha256, l.lake_uri, l.error_message
from reporting.load as l
left join reporting.snapshot_change as c
    on c.source = l.source and c.as_of_date = l.as_of_date and l.status = 'loaded'
where (%(source)s::text is null or l.source = %(source)s)
order by l.as_of_date desc nulls last, l.load_id desc
limit %(limit)s
"""


def list_loads(
    conn: Connection, *, source: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Loads newest snapshot first (then newest load), as dicts keyed by ``FIELDS``."""
    rows = conn.execute(_QUERY, {"source": source, "limit": limit}).fetchall()
    return [dict(zip(FIELDS, row, strict=True)) for row in rows]
