"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The header is checked before anything is stored, so a file that is not an
AFDC export leaves no trace in the lake (its refusal is recorded as a failed
load). A load that does not commit (refused, failed, interrupted) takes the
lake object it brought with it, so the lake holds only files of loads.
"""

from __future__ import annotations

from datetime import date

from chargewatch.errors import ConfigError, DataError, NotFoundError
from chargewatch.lake import Lake, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import afdc_csv
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.load import LoadResult, load_afdc, record_failed_load


def ingest_file(
    conn: Connection,
    lake: Lake,
    url: str,
    *,
    as_of: date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Check, land and load one AFDC CSV; ``DataError`` if it is not one or gives no station."""
    check_as_of(as_of)
    label = file_name(url)
    with open_input(url, lake.options) as stream:
        try:
            header = afdc_csv.read_header(stream, label)
        except DataError as exc:
            if isinstance(exc, NotFoundError):
                raise
            failed = record_failed_load(conn, label, str(exc))
            raise DataError(f"{exc} (recorded as failed load {failed})") from exc
    progress.step(f"storing {label} in the lake")
    obj, new = lake.land(url, afdc_csv.SOURCE)
    try:
        return load_afdc(
            conn, obj, lambda: lake.open(obj.uri), header, as_of=as_of, progress=progress
        )
    except BaseException:
        if new:
            lake.forget(obj)
        raise


def check_as_of(as_of: date | None) -> None:
    """A snapshot date cannot be in the future: ``ConfigError`` if it is."""
    if as_of is not None and as_of > date.today():
        raise ConfigError(
            f"--as-of {as_of} is in the future (today is {date.today()}); "
            "give the date the file was exported"
        )
