"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The header is checked before anything is stored, so a file that is not an
AFDC export leaves no trace in the lake (its refusal is recorded as a failed
load). A load that does not commit (refused, failed, interrupted) takes the
lake object it brought with it, so the lake holds only files of loads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from chargewatch.config import Settings
from chargewatch.errors import ConfigError, DataError, NotFoundError
from chargewatch.lake import Lake, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import afdc
from chargewatch.sources.afdc import api_pull
from chargewatch.sources.afdc.api_pull import StationQuery
from chargewatch.sources.container import body_of
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
        header = afdc.read_header(body, label, columns)
    except DataError as exc:
        if isinstance(exc, NotFoundError):
            raise
        failed = record_failed_load(conn, label, str(exc))
        raise DataError(f"{exc} (recorded as failed load {failed})") from exc
    progress.step(f"storing {label} in the lake")
    obj, new = lake.land(url, afdc.SOURCE)
    try:
        landed = body_of(lambda: lake.open(obj.uri), obj.size_bytes, label)
        return load_afdc(conn, obj, landed, header, as_of=as_of, progress=progress)
    except BaseException:
        if new:
            lake.forget(obj)
        raise


def pull_afdc(
    conn: Connection,
    lake: Lake,
    settings: Settings,
    query: StationQuery,
    *,
    as_of: date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Pull the AFDC API's stations for ``query`` and load them as one snapshot (dated
    ``as_of``, else by their newest Updated At); the response is kept in the lake like
    any file."""
    check_as_of(as_of)
    with tempfile.TemporaryDirectory(prefix="chargewatch-pull-") as folder:
        path = api_pull.download(
            query,
            Path(folder),
            key=settings.afdc_api_key,
            base_url=settings.afdc_api_url,
            progress=progress,
        )
        return ingest_file(conn, lake, str(path), as_of=as_of, progress=progress)


def check_as_of(as_of: date | None) -> None:
    """A snapshot date cannot be in the future: ``ConfigError`` if it is."""
    if as_of is not None and as_of > date.today():
        raise ConfigError(
            f"--as-of {as_of} is in the future (today is {date.today()}); "
            "give the date the file was exported"
        )
