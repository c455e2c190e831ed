"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The header is checked before anything is stored, so a file that is not an
AFDC export leaves no trace in the lake or the warehouse.
"""

from __future__ import annotations

from datetime import date

from chargewatch.lake import Lake, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import afdc_csv
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.load import LoadResult, load_afdc


def ingest_file(
    conn: Connection,
    lake: Lake,
    url: str,
    *,
    as_of: date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Check, land and load one AFDC CSV; ``DataError`` if it is not one."""
    label = file_name(url)
    with open_input(url, lake.options) as stream:
        header = afdc_csv.read_header(stream, label)
    progress.step(f"storing {label} in the lake")
    obj = lake.land(url, afdc_csv.SOURCE)
    return load_afdc(conn, obj, lambda: lake.open(obj.uri), header, as_of=as_of, progress=progress)
