"""Ingest: source file → lake → warehouse, one file at a time.

This is the library entry point the CLI, the Lambda handler and tests call.
The file's source is told by its content (``sources.registry``) and its header
is checked before anything is stored, so a file no source reads leaves no trace
in the lake (its refusal is recorded as a failed load). A load that does not
commit (refused, failed, interrupted) takes the lake object it brought with it,
so the lake holds only files of loads.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import psycopg

from chargewatch.config import Settings
from chargewatch.engines.builds import after_load, check_engine
from chargewatch.errors import ConfigError, DataError, Interrupted, NotFoundError
from chargewatch.interrupts import checkpoint, held, is_interruption
from chargewatch.lake import Lake, LakeObject, file_name, open_input
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.sources import registry
from chargewatch.sources.base import ColumnMap, Reader, Source
from chargewatch.sources.container import body_of
from chargewatch.warehouse import port_status
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.load import LoadResult, load_file, loaded_before, record_failed_load

log = logging.getLogger(__name__)

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
    check_engine(engine)
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
        steps = _after_commit(conn, lake, source, max_gap, offline_after, engine,
                              spark_master, status_parquet, progress)  # fmt: skip
        try:
            landed = body_of(lambda: lake.open(obj.uri), obj.size_bytes, label)
            result = load_file(conn, source, obj, landed, reader, as_of=as_of, progress=progress)
        except BaseException as exc:
            _unland(conn, lake, source, obj, new, exc, steps)
            raise
        _run_steps(steps, result, source.name)
    return result


@dataclass(frozen=True)
class Step:
    """A step after a load's commit, and how to finish it if it is cut short."""

    what: str
    run: Callable[[LoadResult], object]
    finish: str = "run the same command again"


def _after_commit(
    conn: Connection,
    lake: Lake,
    source: Source,
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
        steps.append(Step("applying its new status settings", lambda _: _configure(
            conn, source, max_gap, offline_after, progress)))  # fmt: skip
    build = f"chargewatch status build --engine spark --source {source.name}"
    if source.model == "port_status" and engine == "spark":
        steps.append(Step("writing its observations as Parquet and building its months on "
                          "Spark", lambda result: after_load(conn, lake, result, engine=engine,
                          master=spark_master, parts=status_parquet, progress=progress),
                          f"run {build}"))  # fmt: skip
    elif source.model == "port_status" and status_parquet:
        steps.append(Step("writing its observations as Parquet", lambda result: after_load(
            conn, lake, result, parts=True, progress=progress),
            f"{build} writes the missing Parquet when it next runs"))  # fmt: skip
    if source.model == "stations":
        steps.append(Step("computing coverage again", lambda _: _refresh_coverage(conn, progress)))
    return steps


def _run_steps(steps: list[Step], result: LoadResult, source: str) -> None:
    """Run ``steps``; Ctrl-C before or in one says that the load stays and how to finish."""
    for at, step in enumerate(steps):
        try:
            checkpoint()
            with held(False):  # Ctrl-C may stop it anywhere: this says what stays
                step.run(result)
        except BaseException as exc:
            if not is_interruption(exc):
                raise
            raise Interrupted(_kept(result.file_name, result.load_id, steps[at:])) from None


def _kept(label: str, load_id: int, undone: list[Step]) -> str:
    """What Ctrl-C after a load's commit kept, and how to finish what it cut short."""
    said = f"Interrupted: {label} was loaded (load {load_id}) and stays"
    if not undone:
        return f"{said}."
    finish = "; then ".join(dict.fromkeys(step.finish for step in undone))
    return f"{said}, but {undone[0].what} was cut short. To finish, {finish}."


def _unland(
    conn: Connection, lake: Lake, source: Source, obj: LakeObject, new: bool,
    exc: BaseException, steps: list[Step],
) -> None:  # fmt: skip
    """Forget the file this call landed (if it did), unless its load committed after
    all (a second Ctrl-C can come right after the commit): then say so, or that it is
    unknown."""
    if is_interruption(exc):
        try:
            load_id = loaded_before(conn, source.name, obj.sha256)
        except psycopg.Error:
            raise Interrupted(
                f"Interrupted: whether the load of {obj.file_name} committed is unknown, so its "
                "file stays in the lake. chargewatch loads tells; running the same command "
                "again finishes it either way."
            ) from None
        if load_id is not None:
            raise Interrupted(_kept(obj.file_name, load_id, steps)) from None
    if new:
        lake.forget(obj)


def _configure(
    conn: Connection,
    source: Source,
    max_gap: timedelta | None,
    offline_after: timedelta | None,
    progress: Progress,
) -> None:
    progress.step(f"{source.name}: applying the new status settings")
    if port_status.configure(conn, source, max_gap, offline_after):
        log.info("%s: every status interval rebuilt for the new setting", source.name)


def _refresh_coverage(conn: Connection, progress: Progress) -> None:
    from chargewatch.coverage.store import refresh

    refresh(conn, progress)


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
    with held(), tempfile.TemporaryDirectory(prefix="chargewatch-pull-") as folder:
        with held(False):  # nothing commits while it downloads: Ctrl-C stops at once
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
