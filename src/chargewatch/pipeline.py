"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The header is checked before anything is stored, so a file that is not an
AFDC export leaves no trace in the lake (its refusal is recorded as a failed
load). A load that does not commit (refused, failed, interrupted) takes the
lake object it brought with it, so the lake holds only files of loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from chargewatch.errors import ConfigError, DataError, NotFoundError
from chargewatch.lake import Lake, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import afdc_csv, afdc_json
from chargewatch.sources.afdc_csv import AfdcHeader
from chargewatch.sources.container import Body, body_of
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.load import LoadResult, load_afdc, record_failed_load


def ingest_file(
    conn: Connection,
    lake: Lake,
    url: str,
    *,
    as_of: date | None = None,
    columns: Mapping[str, int] | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Check, land and load one AFDC CSV export or API JSON response; ``DataError`` if it
    is neither or gives no station.

    ``columns`` picks, by header name, the 1-based position of the column to read
    where several columns hold one field and their values differ.
    """
    check_as_of(as_of)
    label = file_name(url)
    try:
        body = body_of(lambda: open_input(url, lake.options), None, label)
        header = read_header(body, label, columns)
    except DataError as exc:
        if isinstance(exc, NotFoundError):
            raise
        failed = record_failed_load(conn, label, str(exc))
        raise DataError(f"{exc} (recorded as failed load {failed})") from exc
    progress.step(f"storing {label} in the lake")
    obj, new = lake.land(url, afdc_csv.SOURCE)
    try:
        landed = body_of(lambda: lake.open(obj.uri), obj.size_bytes, label)
        return load_afdc(conn, obj, landed, header, as_of=as_of, progress=progress)
    except BaseException:
        if new:
            lake.forget(obj)
        raise


def read_header(body: Body, label: str, columns: Mapping[str, int] | None = None) -> AfdcHeader:
    """The header of an AFDC CSV export, or the field names of an AFDC API JSON response."""
    with body.open() as stream:
        head = stream.read(afdc_csv.SNIFF_BYTES)
    with body.open() as stream:
        if afdc_json.looks_like_json(head):
            return afdc_json.read_header(stream, label)
        return afdc_csv.read_header(stream, label, columns)


def check_as_of(as_of: date | None) -> None:
    """A snapshot date cannot be in the future: ``ConfigError`` if it is."""
    if as_of is not None and as_of > date.today():
        raise ConfigError(
            f"--as-of {as_of} is in the future (today is {date.today()}); "
            "give the date the file was exported"
        )
