"""COPY one AFDC file's records into its load's raw partition.

The load's partition ``raw.afdc_station_l<id>`` is split by line number. A
file is read the fast way (its bytes streamed to COPY, Python only numbering
records) unless COPY rejects it or it has columns the tool does not know;
then row by row. A large file read the fast way is copied in two halves at
once, the second over a second connection: PostgreSQL parses CSV on one core
per COPY. That half is committed by its own connection into a table the load
attaches; if the load does not finish, the next load drops it.
"""

from __future__ import annotations

import csv
import io
import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from chargewatch.errors import TransientError
from chargewatch.lake import LakeObject
from chargewatch.progress import Progress
from chargewatch.quarantine import Reason
from chargewatch.sources.afdc import api_json, export_csv, lines, rawparts
from chargewatch.sources.afdc.export_csv import AfdcHeader, BadRecord, NotUtf8
from chargewatch.sources.container import Body
from chargewatch.warehouse.connect import Connection

log = logging.getLogger(__name__)

SPLIT_MIN_BYTES = 32 << 20
"""Bodies smaller than this are copied in one piece: a second connection costs more."""

Opener = Callable[[], BinaryIO]


def copy_records(
    conn: Connection,
    load_id: int,
    header: AfdcHeader,
    obj: LakeObject,
    body: Body,
    progress: Progress,
) -> tuple[str, int, str]:
    """COPY every record into the load's raw partition; returns (path, records read,
    encoding). A file that turns out not to be UTF-8 is read again as Windows-1252."""
    try:
        with conn.transaction():
            return (*_copy_either(conn, load_id, header, obj, body, progress), header.encoding)
    except NotUtf8 as exc:
        log.info("%s is not UTF-8 (%s); reading it as Windows-1252", obj.file_name, exc)
    conn.execute(sql.SQL("drop table if exists {}").format(rawparts.partition(load_id, "b")))
    cp1252 = replace(header, encoding=export_csv.FALLBACK_ENCODING)
    return (*_copy_either(conn, load_id, cp1252, obj, body, progress), cp1252.encoding)


def _copy_either(
    conn: Connection,
    load_id: int,
    header: AfdcHeader,
    obj: LakeObject,
    body: Body,
    progress: Progress,
) -> tuple[str, int]:
    if header.format == "json":
        return "exact", _copy_json(conn, load_id, header, obj, body, progress)
    if not header.needs_exact:
        try:
            with conn.transaction():
                return "fast", _copy_fast(conn, load_id, header, body, progress)
        except psycopg.errors.CharacterNotInRepertoire as exc:
            if header.encoding == "utf-8":
                raise NotUtf8(str(exc).splitlines()[0]) from exc
            raise
        except psycopg.errors.DataError as exc:
            log.info("fast path rejected %s (%s); reading it exactly", obj.file_name, exc)
            conn.execute(
                sql.SQL("drop table if exists {}").format(rawparts.partition(load_id, "b"))
            )
    rawparts.create_partition(conn, load_id)
    rawparts.create_part(conn, load_id, "a", None)
    raw_rows, bad = _copy_exact(conn, load_id, header, obj, body, progress)
    _quarantine_bad_records(conn, load_id, bad, len(header.names))
    return "exact", raw_rows + len(bad)


@dataclass(frozen=True)
class _Columns:
    """The raw columns a COPY fills, and the encoding of the bytes it is given."""

    names: list[str]
    encoding: str = "utf-8"


def _end(body: Body) -> int:
    """Where the content ends, for reading up to it: its size, or anywhere if unknown."""
    return body.size if body.size is not None else sys.maxsize


@dataclass(frozen=True)
class _Span:
    """Bytes ``start``..``end`` of the file, whose first line is line ``first_line``."""

    start: int
    end: int
    first_line: int


def _copy_fast(
    conn: Connection, load_id: int, header: AfdcHeader, body: Body, progress: Progress
) -> int:
    columns = _Columns(["line_number", *header.known_columns], header.encoding)
    open_stream = body.open
    whole = _Span(header.byte_length, _end(body), 2)
    halves = None if body.compression else _split(open_stream, whole)
    progress.start("loading", body.size and body.size - header.byte_length)
    if halves is None:
        rawparts.create_partition(conn, load_id)
        rawparts.create_part(conn, load_id, "a", None)
        return _copy_span(
            conn,
            rawparts.part_name(load_id, "a"),
            columns,
            open_stream,
            whole,
            progress,
            freeze=True,
        )
    first, second = halves
    worker = _SecondHalf(conn, load_id, columns, open_stream, second, progress)
    # Before this transaction locks raw.afdc_station, which the second half's table is modelled on.
    worker.create_table()
    try:
        rawparts.create_partition(conn, load_id)
        rawparts.create_part(conn, load_id, "a", second.first_line)
        worker.start()
        rows = _copy_span(
            conn,
            rawparts.part_name(load_id, "a"),
            columns,
            open_stream,
            first,
            progress,
            freeze=True,
        )
    finally:
        worker.finish()
    rows += worker.result()
    conn.execute(
        sql.SQL("alter table {} attach partition {} for values from ({}) to (maxvalue)").format(
            rawparts.partition(load_id),
            rawparts.partition(load_id, "b"),
            sql.Literal(second.first_line),
        )
    )
    return rows


def _split(open_stream: Opener, whole: _Span) -> tuple[_Span, _Span] | None:
    """Two spans that meet at the first record boundary after the middle, if worth it.

    A newline ends a record when the quotes before it are even, the rule
    ``lines`` and PostgreSQL's CSV parser follow.
    """
    if whole.end - whole.start < SPLIT_MIN_BYTES:
        return None
    middle = whole.start + (whole.end - whole.start) // 2
    quotes = newlines = 0
    with open_stream() as stream:
        stream.seek(whole.start)
        for block in _blocks(stream, middle - whole.start):
            quotes += block.count(b'"')
            newlines += block.count(b"\n")
        for line in iter(stream.readline, b""):
            quotes += line.count(b'"')
            newlines += 1
            if line.endswith(b"\n") and quotes % 2 == 0:
                cut = stream.tell()
                if cut >= whole.end:
                    return None
                second = _Span(cut, whole.end, whole.first_line + newlines)
                return _Span(whole.start, cut, whole.first_line), second
    return None


def _blocks(stream: BinaryIO, length: int) -> Iterator[bytes]:
    while length > 0 and (block := stream.read(min(export_csv.CHUNK_BYTES, length))):
        length -= len(block)
        yield block


class _SecondHalf(threading.Thread):
    """Copies the second half over its own connection and commits it as a table."""

    def __init__(
        self,
        conn: Connection,
        load_id: int,
        columns: _Columns,
        open_stream: Opener,
        span: _Span,
        progress: Progress,
    ) -> None:
        super().__init__(name=f"copy-l{load_id}-b", daemon=True)
        self._conninfo = _same_server(conn)
        self._load_id = load_id
        self._columns = columns
        self._open_stream = open_stream
        self._span = span
        self._progress = progress
        self._table = rawparts.partition(load_id, "b")
        self._conn: psycopg.Connection[Any] | None = None
        self._rows = 0
        self._error: BaseException | None = None

    def create_table(self) -> None:
        """Create and commit the (empty) table for the second half."""
        try:
            self._conn = psycopg.connect(self._conninfo, application_name="chargewatch")
        except psycopg.OperationalError as exc:
            raise TransientError(
                f"could not open a second connection to copy the file's second half ({exc}); "
                "run the command again"
            ) from exc
        with self._conn.transaction():
            self._conn.execute(
                sql.SQL("create table {} (like raw.afdc_station including defaults)").format(
                    self._table
                )
            )
            self._conn.execute(
                sql.SQL(
                    "alter table {} alter column load_id set default {}, "
                    "add check (load_id = {} and line_number >= {})"
                ).format(
                    self._table,
                    sql.Literal(self._load_id),
                    sql.Literal(self._load_id),
                    sql.Literal(self._span.first_line),
                )
            )

    def run(self) -> None:
        assert self._conn is not None, "create_table() first"
        try:
            with self._conn as conn, conn.transaction():
                # Truncated in the same transaction as the COPY, the table's rows skip the WAL
                conn.execute(sql.SQL("truncate {}").format(self._table))
                self._rows = _copy_span(
                    conn,
                    rawparts.part_name(self._load_id, "b"),
                    self._columns,
                    self._open_stream,
                    self._span,
                    self._progress,
                    freeze=True,
                )
        except BaseException as exc:  # re-raised in the loading thread by result()
            self._error = exc

    def finish(self) -> None:
        """Wait for the copy, if it started; the connection is closed either way."""
        if self.is_alive():
            self.join()
        if self._conn is not None:
            self._conn.close()

    def result(self) -> int:
        if self._error is not None:
            raise self._error
        return self._rows


def _same_server(conn: Connection) -> str:
    """Connection parameters for another session like ``conn`` (password included)."""
    params = {o.keyword.decode(): o.val.decode() for o in conn.pgconn.info if o.val is not None}
    return make_conninfo(**params)


def _copy_span(
    conn: psycopg.Connection[Any],
    name: str,
    columns: _Columns,
    open_stream: Opener,
    span: _Span,
    progress: Progress,
    *,
    freeze: bool = False,
) -> int:
    """Stream bytes ``span`` of the file into table ``raw.<name>``, each record with the
    line it starts on: from a sequence the table's default draws on, set again where
    the count jumps, or as a first field where Python numbers them (see ``lines``)."""
    table = sql.Identifier("raw", name)
    sequence = f"raw.{name}_line"
    conn.execute(
        sql.SQL("create sequence {} cache 1000").format(sql.Identifier("raw", f"{name}_line"))
    )
    conn.execute(
        sql.SQL("alter table {} alter column line_number set default nextval({})").format(
            table, sql.Literal(sequence)
        )
    )
    with open_stream() as stream:
        stream.seek(span.start)
        limited = io.BufferedReader(_Counting(stream, span.end - span.start, progress))
        statements = {
            numbered: _copy_statement(table, names, columns.encoding, freeze=freeze)
            for numbered, names in ((True, columns.names), (False, columns.names[1:]))
        }
        rows = _copy_pieces(conn, statements, sequence, lines.pieces(limited, span.first_line))
    conn.execute(sql.SQL("alter table {} alter column line_number drop default").format(table))
    conn.execute(sql.SQL("drop sequence {}").format(sql.Identifier("raw", f"{name}_line")))
    return rows


def _copy_pieces(
    conn: psycopg.Connection[Any],
    statements: dict[bool, sql.Composed],
    sequence: str,
    pieces: Iterable[lines.Piece],
) -> int:
    """One COPY per run of pieces of one mode, the sequence set between them where a
    piece says; returns the rows copied."""
    rows = 0
    with conn.cursor() as cur, ExitStack() as running:
        copy: psycopg.Copy | None = None
        numbered = False
        for piece in pieces:
            if copy is None or piece.numbered != numbered or piece.line is not None:
                if copy is not None:
                    running.close()
                    rows += cur.rowcount
                if piece.line is not None:
                    conn.execute("select setval(%s, %s, false)", (sequence, piece.line))
                numbered = piece.numbered
                copy = running.enter_context(cur.copy(statements[numbered]))
            copy.write(piece.data)
        if copy is not None:
            running.close()
            rows += cur.rowcount
    return rows


def _copy_exact(
    conn: Connection,
    load_id: int,
    header: AfdcHeader,
    obj: LakeObject,
    body: Body,
    progress: Progress,
) -> tuple[int, list[BadRecord]]:
    bad: list[BadRecord] = []
    columns = _Columns(["line_number", *header.known_columns, "extra"])
    span = _Span(header.byte_length, _end(body), 2)

    def batches(stream: BinaryIO) -> Iterable[str]:
        return _csv_batches(export_csv.exact_rows(stream, header, obj.file_name), bad)

    progress.start("loading (row by row)", body.size and body.size - header.byte_length)
    rows = _copy_into(
        conn, rawparts.partition(load_id, "a"), columns, body.open, span, progress, batches
    )
    return rows, bad


def _copy_json(
    conn: Connection,
    load_id: int,
    header: AfdcHeader,
    obj: LakeObject,
    body: Body,
    progress: Progress,
) -> int:
    """Each station of an API response as a row, its position in the response as its line."""
    rawparts.create_partition(conn, load_id)
    rawparts.create_part(conn, load_id, "a", None)
    columns = _Columns(["line_number", *header.known_columns, "extra"])

    def batches(stream: BinaryIO) -> Iterable[str]:
        return _csv_batches(api_json.rows(stream, header, obj.file_name), [])

    progress.start("loading (JSON)", body.size)
    return _copy_into(
        conn,
        rawparts.partition(load_id, "a"),
        columns,
        body.open,
        _Span(0, _end(body), 1),
        progress,
        batches,
    )


def _copy_into(
    conn: psycopg.Connection[Any],
    table: sql.Identifier,
    columns: _Columns,
    open_stream: Opener,
    span: _Span,
    progress: Progress,
    chunks: Callable[[BinaryIO], Iterable[bytes] | Iterable[str]],
    *,
    freeze: bool = False,
) -> int:
    """Stream bytes ``span`` of the file, turned into CSV ``chunks``, into ``table``.

    ``freeze`` writes rows already frozen, for a table this transaction created
    or truncated: otherwise the first query to read rows another transaction
    committed marks each one, which costs that query as much again.
    """
    statement = _copy_statement(table, columns.names, columns.encoding, freeze=freeze)
    with conn.cursor() as cur, open_stream() as stream:
        stream.seek(span.start)
        limited = _Counting(stream, span.end - span.start, progress)
        with cur.copy(statement) as copy:
            for chunk in chunks(io.BufferedReader(limited)):
                copy.write(chunk)
        return cur.rowcount


def _copy_statement(
    table: sql.Identifier, names: list[str], encoding: str, *, freeze: bool = False
) -> sql.Composed:
    return sql.SQL("copy {} ({}) from stdin (format csv{}{})").format(
        table,
        sql.SQL(", ").join(map(sql.Identifier, names)),
        sql.SQL(", freeze") if freeze else sql.SQL(""),
        sql.SQL(", encoding 'WIN1252'") if encoding == "cp1252" else sql.SQL(""),
    )


def _csv_batches(
    rows: Iterable[list[str | int | None] | BadRecord], bad: list[BadRecord]
) -> Iterable[str]:
    """CSV text for COPY in batches; ``BadRecord`` items are set aside in ``bad``."""
    buffer = io.StringIO()
    # "\r\n" makes csv quote fields holding a lone \r, which COPY would reject
    writer = csv.writer(buffer, lineterminator="\r\n")
    pending = 0
    for row in rows:
        if isinstance(row, BadRecord):
            bad.append(row)
            continue
        writer.writerow(row)
        pending += 1
        if pending >= export_csv.ROW_BATCH:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue()


def _quarantine_bad_records(
    conn: Connection, load_id: int, bad: list[BadRecord], expected: int
) -> None:
    if not bad:
        return
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.quarantine (load_id, line_number, value, reason_code, detail) "
            "values (%s, %s, %s, %s, %s)",
            [
                (
                    load_id,
                    record.line_number,
                    record.text[:1000],
                    Reason.WRONG_FIELD_COUNT.value,
                    f"{record.field_count} fields, expected {expected}",
                )
                for record in bad
            ],
        )


class _Counting(io.RawIOBase):
    """A read-only view of the next ``length`` bytes of a stream, reported to a ``Progress``."""

    def __init__(self, inner: BinaryIO, length: int, progress: Progress) -> None:
        self._inner = inner
        self._left = length
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        self._left -= len(data)
        self._progress.advance(len(data))
        return len(data)
