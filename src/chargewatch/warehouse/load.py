"""Load one file of any source from the lake into raw and core, in one transaction.

The source's reader lands the records in its raw table (``sources.base.Reader``);
everything after that is the same for every source: bookkeeping, the texts
parsed once, the snapshot's date, quarantine, stations and history through the
source's staging views (``core.stg_<source>__*``), KPI groups.

A load either lands completely (raw rows, quarantine, stations, bookkeeping)
or not at all: a crash or kill at any point rolls it back, and running it again
gives the same warehouse as one clean run. Loads of one source run one at a
time (an advisory lock per source; other sources' loads run beside them), so
the same bytes arriving twice, even at the same moment, end in exactly one load.
(The one thing committed early is a large AFDC file's second half, in a table of its
own that becomes part of raw only when the load commits; see ``sources.afdc.rawcopy``.)
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date

import psycopg
from psycopg import sql

from chargewatch.errors import DataError
from chargewatch.hours import parse_hours
from chargewatch.lake import LakeObject
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.quarantine import Problem, Reason
from chargewatch.sources.base import Landed, Reader, Source
from chargewatch.sources.container import Body
from chargewatch.timing import timed
from chargewatch.warehouse import history, port_status, sessions
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import analyze_sample, one_row
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

log = logging.getLogger(__name__)

HOURS_PARSER_VERSION = 1
SHOW_PROBLEMS = 10


@dataclass
class LoadResult:
    """What one file's load did, counted from the warehouse itself."""

    source: str
    file_name: str
    sha256: str
    lake_uri: str
    load_id: int
    already_loaded: bool = False
    as_of_date: date | None = None
    read_path: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_skipped: int = 0
    rows_quarantined: int = 0
    stations_upserted: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def load_file(
    conn: Connection,
    source: Source,
    obj: LakeObject,
    body: Body,
    reader: Reader,
    *,
    as_of: date | None = None,
    progress: Progress = NULL_PROGRESS,
) -> LoadResult:
    """Load ``obj`` (a file of ``source``, opened by ``reader``) unless it was loaded before."""
    started = time.perf_counter()
    try:
        result = _load(conn, source, obj, body, reader, as_of, progress)
    except Refusal as refusal:
        failed = record_failed_load(
            conn, source.name, obj.file_name, refusal.reason, obj, refusal.counts
        )
        raise DataError(
            f"{obj.file_name}: {refusal.reason}; nothing changed (recorded as failed load {failed})"
        ) from None
    result.seconds = time.perf_counter() - started
    log.info(
        "load %s of %s: %s rows read, %s loaded, %s skipped, %s quarantined (%s path) in %.1fs",
        result.load_id, obj.file_name, result.rows_read, result.rows_loaded, result.rows_skipped,
        result.rows_quarantined, result.read_path, result.seconds,
    )  # fmt: skip
    return result


class Refusal(Exception):
    """A load that ran but cannot stand as a snapshot: rolled back, then recorded as failed."""

    def __init__(self, reason: str, counts: dict[str, int]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.counts = counts


def _load(
    conn: Connection,
    source: Source,
    obj: LakeObject,
    body: Body,
    reader: Reader,
    as_of: date | None,
    progress: Progress,
) -> LoadResult:
    with conn.transaction():
        history.lock_source(conn, source.name)
        prior = loaded_before(conn, source.name, obj.sha256)
        if prior is not None:
            return _result(conn, source, prior, obj, already_loaded=True)
        load_id = _start_load(conn, source, obj, reader)
        landed = reader.land(conn, load_id, obj, body, progress)
        _note(conn, load_id, landed)
        if source.model == "port_status":
            upserted = _apply_status(conn, source, load_id, as_of, landed)
            if landed.counts.get("stations"):
                _transform(conn, source, load_id, as_of, progress, landed)
        elif source.model == "sessions":
            upserted = _apply_sessions(conn, source, load_id, as_of)
        else:
            upserted = _transform(conn, source, load_id, as_of, progress, landed)
        with timed("finish", load_id):
            counts = _record_counts(conn, source, load_id, landed)
            _check_snapshot(conn, source, load_id, obj.file_name, landed.rows_read, counts)
            conn.execute(
                _transform_sql("finish_load"),
                {
                    "load_id": load_id,
                    "read_path": landed.read_path,
                    "rows_read": landed.rows_read,
                    "skipped": counts[0],
                    "loaded": counts[1],
                    "quarantined": counts[2],
                    "stations_upserted": upserted,
                },
            )
            result = _result(conn, source, load_id, obj)
        committing = time.perf_counter()
    log.info("load %s: commit took %.2fs", load_id, time.perf_counter() - committing)
    return result


def _check_snapshot(
    conn: Connection,
    source: Source,
    load_id: int,
    label: str,
    rows_read: int,
    counts: tuple[int, int, int],
) -> None:
    """Refuse a file that gives no station (a search's file that only lists removals
    stands: it ends those stations), or that gives a state a second snapshot of one date."""
    skipped, loaded, quarantined = (int(n) for n in counts)
    numbers = {"rows_read": rows_read, "rows_skipped": skipped, "rows_quarantined": quarantined}
    if rows_read == 0:
        raise Refusal("it has a header but no records, so it is no snapshot", numbers)
    if source.model != "stations":
        return  # a status file of failed polls only still says the feed saw nothing
    if loaded == 0 and (source.lists_whole_states or skipped == 0):
        problems = quarantine_problems(conn, load_id, label, 1)
        first = f"; the first: {problems[0].message()}" if problems else ""
        raise Refusal(
            f"none of its {rows_read} records gave a station ({skipped} skipped as "
            f"{source.skipped_as}, {quarantined} quarantined{first})",
            numbers,
        )
    if not source.lists_whole_states:
        return  # two searches of one date may overlap: each speaks for what it lists
    clash = conn.execute(_transform_sql("same_date_clash"), {"load_id": load_id})
    row = clash.fetchone()
    if row is not None:
        other_id, other_file, day, states = row
        raise Refusal(
            f"it is a snapshot of {day} for {', '.join(states)}, which load {other_id} "
            f"({other_file}) already gives for that date; two files of one date cannot both "
            "stand for a state. If this file is newer, load it with --as-of and its own date",
            numbers,
        )


def record_failed_load(
    conn: Connection,
    source: str,
    label: str,
    reason: str,
    obj: LakeObject | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Record a refused attempt (status failed, with its reason); returns its load id."""
    numbers = counts or {}
    row = conn.execute(
        "insert into core.load (source, file_name, lake_uri, sha256, size_bytes, status, "
        "rows_read, rows_skipped, rows_quarantined, error_message, finished_at) "
        "values (%s, %s, %s, %s, %s, 'failed', %s, %s, %s, %s, clock_timestamp()) "
        "returning load_id",
        (
            source, label, obj.uri if obj else None, obj.sha256 if obj else None,
            obj.size_bytes if obj else None, numbers.get("rows_read"),
            numbers.get("rows_skipped"), numbers.get("rows_quarantined"), reason,
        ),
    ).fetchone()  # fmt: skip
    assert row is not None
    return int(row[0])


def _note(conn: Connection, load_id: int, landed: Landed) -> None:
    """Keep what the reader read another way (``core.load_normalisation``)."""
    notes = {(column, rule): detail for column, rule, detail in reversed(landed.notes)}
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.load_normalisation (load_id, column_name, rule, value_count, detail) "
            "values (%s, %s, %s, %s, %s)",
            [(load_id, c, r, landed.rows_read, d) for (c, r), d in notes.items()],
        )


def _record_counts(
    conn: Connection, source: Source, load_id: int, landed: Landed
) -> tuple[int, int, int]:
    """The load's (skipped, loaded, quarantined) records: as the reader counted them
    when nothing was quarantined, else from the records. A status feed's are its
    observations as read; stations it also gives and quarantined are in core.quarantine."""
    (quarantined,) = one_row(
        conn, "select count(*) from core.quarantine where load_id = %s", (load_id,)
    )
    if (quarantined == 0 or source.model == "port_status") and "records" in landed.counts:
        skipped = int(landed.counts["skipped"])
        return skipped, int(landed.counts["records"]) - skipped, 0
    if source.model == "sessions":
        (lines,) = one_row(
            conn,
            "select count(distinct line_number) from core.quarantine where load_id = %s",
            (load_id,),
        )
        return 0, int(landed.counts["records"]) - int(lines), int(lines)
    skipped, loaded, quarantined = one_row(
        conn, _transform_sql("count_records", source), {"load_id": load_id}
    )
    return int(skipped), int(loaded), int(quarantined)


def _transform(
    conn: Connection,
    source: Source,
    load_id: int,
    as_of: date | None,
    progress: Progress,
    landed: Landed,
) -> int:
    """Validate the load's raw rows, map distinct values, apply the snapshot; returns stations written.

    Clean files are typed and checked in one parallel pass. If any record is
    bad (a value does not cast or fails its check, an ID repeats) that work is
    rolled back, bad records are quarantined value by value, and the pass runs
    again without them.
    """
    params = {"load_id": load_id, "as_of": as_of, "id_column": source.id_column}
    with timed("map_distinct_values", load_id):
        _map_new_texts(conn, source, load_id)
        analyze_sample(conn, sql.SQL("core.hours_text, core.connector_text"))
    conn.execute(
        _transform_sql("set_as_of"), {"load_id": load_id, "as_of": as_of, "newest": landed.newest}
    )
    try:
        with timed("stations_by_casting", load_id), conn.transaction():
            return history.apply_load(conn, source.name, load_id, progress)
    except (
        psycopg.errors.DataError,
        psycopg.errors.CheckViolation,
        psycopg.errors.NotNullViolation,
        psycopg.errors.UniqueViolation,
    ) as exc:
        log.info("load %s: checking every value (%s)", load_id, str(exc).splitlines()[0])
    # Duplicates are found among records whose values passed, so flag those first.
    rules: list[tuple[str, sql.SQL | sql.Composed]] = [
        (name, sql.SQL(text)) for name, text in source.sql_files("rules")
    ]
    rules.append(("quarantine_duplicates", _transform_sql("quarantine_duplicates", source)))
    for step, rule in rules:
        with timed(step, load_id):
            conn.execute(rule, params)
            conn.execute(_transform_sql("mark_quarantined", source), params)
    with timed("stations_after_checks", load_id):
        return history.apply_load(conn, source.name, load_id, progress)


def _apply_status(
    conn: Connection, source: Source, load_id: int, as_of: date | None, landed: Landed
) -> int:
    """A status feed's load: dated by its newest poll, its observations stored and its
    ports' intervals rebuilt; returns the observations it added."""
    conn.execute(
        _transform_sql("set_as_of"), {"load_id": load_id, "as_of": as_of, "newest": landed.newest}
    )
    return port_status.apply_load(conn, source, load_id)


def _apply_sessions(conn: Connection, source: Source, load_id: int, as_of: date | None) -> int:
    """A session file's load: its sessions stored, dated by the newest session's end;
    returns the sessions written."""
    written = sessions.apply_load(conn, source, load_id)
    newest = sessions.newest_day(conn, load_id)
    conn.execute(
        _transform_sql("set_as_of"), {"load_id": load_id, "as_of": as_of, "newest": newest}
    )
    return written


def _transform_sql(step: str, source: Source | None = None) -> sql.Composed:
    """``sql/transform/load/<step>.sql``, its ``{raw}``, ``{record}`` and ``{staging}``
    standing for ``source``'s raw table and staging views."""
    text = sql.SQL(read_sql("transform", "load", f"{step}.sql"))
    if source is None:
        return text.format()
    return text.format(
        raw=sql.Identifier("raw", source.station_table or source.raw_table),
        record=staging_view(source.name, "record"),
        staging=staging_view(source.name, "station"),
    )


def loaded_before(conn: Connection, source: str, sha256: str) -> int | None:
    """The load that gave ``source`` these bytes, if one committed."""
    row = conn.execute(
        "select load_id from core.load where source = %s and sha256 = %s and status = 'loaded'",
        (source, sha256),
    ).fetchone()
    return None if row is None else int(row[0])


def _start_load(conn: Connection, source: Source, obj: LakeObject, reader: Reader) -> int:
    row = conn.execute(
        "insert into core.load (source, file_name, lake_uri, sha256, size_bytes, source_columns, "
        "absent_columns, absent_fields, model, status) "
        "values (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'running') returning load_id",
        (
            source.name, obj.file_name, obj.uri, obj.sha256, obj.size_bytes,
            list(reader.names), reader.absent,
            source.absent_fields(reader.absent) if source.model == "stations" else [],
            source.model,
        ),
    ).fetchone()  # fmt: skip
    assert row is not None
    load_id = int(row[0])
    return load_id


def _map_new_texts(conn: Connection, source: Source, load_id: int) -> None:
    """Parse each opening-hours text and normalise each connector text not seen before, once."""
    found = conn.execute(
        _transform_sql("texts_to_map", source),
        {"load_id": load_id, "parser_version": HOURS_PARSER_VERSION},
    ).fetchall()
    # In text order: loads of other sources add texts too, and inserting in one order
    # keeps two loads from each waiting on a text the other added.
    _store_hours(conn, sorted(text for kind, text in found if kind == "hours"))
    connectors = sorted(text for kind, text in found if kind == "connectors")
    conn.execute(_transform_sql("map_connectors"), {"texts": connectors})


def _store_hours(conn: Connection, texts: list[str]) -> None:
    rows = []
    for text in texts:
        schedule = parse_hours(text)
        rows.append(
            (
                text,
                schedule.known,
                schedule.is_24_7,
                schedule.open_minutes,
                schedule.to_multirange(),
                HOURS_PARSER_VERSION,
            )
        )
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.hours_text (hours_text, hours_known, is_24_7, "
            "open_minutes_per_week, schedule, parser_version) values (%s, %s, %s, %s, %s, %s) "
            "on conflict (hours_text) do update set hours_known = excluded.hours_known, "
            "is_24_7 = excluded.is_24_7, open_minutes_per_week = excluded.open_minutes_per_week, "
            "schedule = excluded.schedule, parser_version = excluded.parser_version",
            rows,
        )


def _result(
    conn: Connection,
    source: Source,
    load_id: int,
    obj: LakeObject,
    *,
    already_loaded: bool = False,
) -> LoadResult:
    row = conn.execute(
        "select as_of_date, read_path, rows_read, rows_loaded, rows_skipped, rows_quarantined, "
        "stations_upserted, lake_uri, (select count(*) from core.quarantine where load_id = %s) "
        "from core.load where load_id = %s",
        (load_id, load_id),
    ).fetchone()
    assert row is not None
    result = LoadResult(
        source=source.name,
        file_name=obj.file_name,
        sha256=obj.sha256,
        lake_uri=row[7],
        load_id=load_id,
        already_loaded=already_loaded,
        as_of_date=row[0],
        read_path=row[1],
        rows_read=row[2],
        rows_loaded=row[3],
        rows_skipped=row[4],
        rows_quarantined=row[5],
        stations_upserted=row[6],
        problem_count=row[8],
    )
    result.problems = quarantine_problems(conn, load_id, obj.file_name, SHOW_PROBLEMS)
    return result


def quarantine_problems(
    conn: Connection, load_id: int, file_name: str, limit: int | None = None
) -> list[Problem]:
    """The quarantine entries of one load, in file order."""
    rows = conn.execute(
        "select line_number, column_name, value, reason_code, detail from core.quarantine "
        "where load_id = %s order by line_number, column_name nulls first limit %s",
        (load_id, limit),
    ).fetchall()
    return [Problem(file_name, r[0], r[1], r[2], Reason(r[3]), r[4]) for r in rows]
