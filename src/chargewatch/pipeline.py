"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The file's source is told by its content (``sources.registry``) and its header
is checked before anything is stored, so a file no source reads leaves no trace
in the lake (its refusal is recorded as a failed load). A load that does not
commit (refused, failed, interrupted) takes the lake object it brought with it,
so the lake holds only files of loads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from chargewatch.config import Settings
from chargewatch.engines.builds import after_load
from chargewatch.errors import ConfigError, DataError, Interrupted, NotFoundError
from chargewatch.interrupts import checkpoint, held, is_interruption
from chargewatch.lake import Lake, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import registry
from chargewatch.sources.base import ColumnMap, Reader, Source
from chargewatch.sources.container import body_of
from chargewatch.warehouse import port_status
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.load import LoadResult, load_file, record_failed_load

Download = Callable[[Settings, Path, Progress], Path]
"""Writes an API's response into the given folder; returns the file's path."""


def ingest_file(
    conn: Connection,
    lake: Lake,
    url: str,
    *,
    as_of: date | None = None,
    columns: Mapping[str, int] | None = None,
    max_gap: timedelta | None = None,
    offline_after: timedelta | None = None,
    column_map: ColumnMap | None = None,
    engine: str = "postgres",
    spark_master: str | None = None,
    status_parquet: bool = False,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Check, land and load one file of any registered source (an AFDC CSV export or API
    response, …); ``DataError`` if no source reads it or it gives no station.

    ``columns`` picks, by header name, the 1-based position of the column to read
    where several columns hold one field and their values differ. ``max_gap`` and
    ``offline_after`` set how long a status feed's statuses hold
    (``port_status.configure``): once the file is loaded, for all the feed holds
    (``ConfigError`` if the file's source is not a feed they apply to).
    ``column_map`` reads the file as the CSV its map describes (a status feed's or
    sessions').
    A station file's load computes coverage again (``coverage.store``).
    With ``engine`` ``spark`` (or ``status_parquet``), a status feed's load then keeps
    its observations as Parquet in the lake; with ``spark`` it builds the months it
    changed again on Spark (``engines.builds.after_load``).
    """
    check_as_of(as_of)
    label = file_name(url)
    source = registry.SOURCES[-1]
    try:
        body = body_of(lambda: open_input(url, lake.options), None, label)
        if column_map is not None:
            source = registry.source(column_map.source_name)
            reader: Reader = column_map.reader(label)
        else:
            source = registry.recognise(body)
            reader = source.open(body, label, columns)
    except DataError as exc:
        if isinstance(exc, NotFoundError):
            raise
        failed = record_failed_load(conn, source.name, label, str(exc))
        raise DataError(f"{exc} (recorded as failed load {failed})") from exc
    port_status.check_settings(source, max_gap, offline_after)
    with held():
        progress.step(f"storing {label} in the lake")
        obj, new = lake.land(url, source.name, progress)
        try:
            landed = body_of(lambda: lake.open(obj.uri), obj.size_bytes, label)
            result = load_file(conn, source, obj, landed, reader, as_of=as_of, progress=progress)
        except BaseException:
            if new:
                lake.forget(obj)
            raise
        steps = _after_commit(conn, lake, source, result, max_gap, offline_after, engine,
                              spark_master, status_parquet, progress)  # fmt: skip
        _run_steps(steps, f"{label} was loaded (load {result.load_id}) and stays", source.name)
    return result


@dataclass(frozen=True)
class Step:
    """A step after a load's commit; ``again``: the same command run again does it (it
    does for a file loaded before, which a Spark build skips)."""

    what: str
    run: Callable[[], object]
    again: bool = True


def _after_commit(
    conn: Connection,
    lake: Lake,
    source: Source,
    result: LoadResult,
    max_gap: timedelta | None,
    offline_after: timedelta | None,
    engine: str,
    spark_master: str | None,
    status_parquet: bool,
    progress: Progress,
) -> list[Step]:
    """What a load leaves to do once it has committed, each step in its own
    transaction: new status settings, Parquet and a Spark build, coverage."""
    steps: list[Step] = []
    if max_gap or offline_after:
        steps.append(Step("applying its new status settings", lambda: _configure(
            conn, source, max_gap, offline_after, progress)))  # fmt: skip
    if source.model == "port_status" and (engine == "spark" or status_parquet):
        spark = " and building its months on Spark" if engine == "spark" else ""
        steps.append(Step(f"writing its observations as Parquet{spark}", lambda: after_load(
            conn, lake, result, engine=engine, master=spark_master, parts=status_parquet,
            progress=progress), again=False))  # fmt: skip
    if source.model == "stations":
        from chargewatch.coverage.store import refresh

        steps.append(Step("computing coverage again", lambda: refresh(conn, progress)))
    return steps


def _run_steps(steps: list[Step], kept: str, source: str) -> None:
    """Run ``steps``; Ctrl-C before or in one says what ``kept`` and how to finish the rest."""
    for at, step in enumerate(steps):
        try:
            checkpoint()
            step.run()
        except BaseException as exc:
            if not is_interruption(exc):
                raise
            rerun = _rerun(steps[at:], source)
            raise Interrupted(
                f"Interrupted: {kept}, but {step.what} was cut short. {rerun}"
            ) from None


def _rerun(undone: list[Step], source: str) -> str:
    """How to finish what a committed load left undone."""
    spark = f"chargewatch status build --engine spark --source {source}"
    if all(step.again for step in undone):
        return "Run the same command again to finish it."
    if not any(step.again for step in undone):
        return f"Run {spark} to finish it."
    return f"Run the same command again, then {spark}, to finish it."


def _configure(
    conn: Connection,
    source: Source,
    max_gap: timedelta | None,
    offline_after: timedelta | None,
    progress: Progress,
) -> None:
    if port_status.configure(conn, source, max_gap, offline_after):
        progress.step(f"{source.name}: every status interval rebuilt for the new setting")


def pull_file(
    conn: Connection,
    lake: Lake,
    settings: Settings,
    download: Download,
    *,
    as_of: date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Download an API's response with ``download`` and load it as one snapshot (dated
    ``as_of``, else as its source dates a file); the response is kept in the lake like
    any file."""
    check_as_of(as_of)
    with tempfile.TemporaryDirectory(prefix="chargewatch-pull-") as folder:
        path = download(settings, Path(folder), progress)
        return ingest_file(
            conn, lake, str(path), as_of=as_of, engine=settings.engine,
            spark_master=settings.spark_master, status_parquet=settings.status_parquet,
            progress=progress,
        )  # fmt: skip


def check_as_of(as_of: date | None) -> None:
    """A snapshot date cannot be in the future: ``ConfigError`` if it is."""
    if as_of is not None and as_of > date.today():
        raise ConfigError(
            f"--as-of {as_of} is in the future (today is {date.today()}); "
            "give the date the file was exported"
        )
