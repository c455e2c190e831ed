"""ESB ecars charge point status (Ireland): the national network's status polls.

Every few minutes the feed lists the charge points that are not fully
available, one tab-separated line per connector, no header, CRLF:
``YYYYMMDD``, ``HHMM`` (zero-padded or not), charge point ID, connector type,
status code (``Occ``, ``Part``, ``OOS``, ``OOC``; ``NA`` alone for a poll that
failed), ``"lon,lat"``, address, longitude, latitude. Times are Irish local
time. A port it knows and a successful poll does not list was available
(``chargewatch.warehouse.port_status``). ``tables/status.csv`` maps the codes.

A file is copied straight into ``raw.esb_status``, Python only numbering its
lines; the staging model works out each poll's time and status. A file COPY
refuses (a line with the wrong number of fields, bytes that are not UTF-8) is
read line by line instead, which names the line at fault.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, BinaryIO, ClassVar
from zoneinfo import ZoneInfo

import psycopg

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source, package_table
from chargewatch.sources.container import Body
from chargewatch.warehouse.sqlfiles import read_package_sql

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

IRISH_TIME = ZoneInfo("Europe/Dublin")
FAILED = "NA"
FIELDS = 9
RAW_COLUMNS = (
    "line_number", "poll_date", "poll_time", "charge_point", "connector_type", "status_code",
    "coordinates", "address", "longitude", "latitude",
)  # fmt: skip
CHUNK_BYTES = 1 << 20
WINDOWS_1252 = ("", "encoding", "the bytes are not UTF-8; read as Windows-1252 (cp1252)")
_FIRST_LINE = re.compile(rb"^\d{8}\t\d{1,4}\t[^\t\r\n]*\t[^\t\r\n]*\t[^\t\r\n]*\t")
_COPY = f"copy raw.esb_status (load_id, {', '.join(RAW_COLUMNS)}) from stdin"
_AS_IS = " (format csv, delimiter E'\\t', quote E'\\x01', encoding '{}')"
"""Every line one record: no field is quoted (the quote is a byte the feed never writes)."""
_BAD_TIME = """
select line_number, poll_date, poll_time from raw.esb_status
where load_id = %s and not (
    poll_date ~ '^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$'
    and core.can_cast(poll_date, 'date')
    and case
        when poll_time ~ '^[0-9]{1,4}$'
            then poll_time::integer / 100 < 24 and poll_time::integer %% 100 < 60
        else false
    end
)
order by line_number limit 1
"""


@cache
def status_codes() -> dict[str, str]:
    """The feed's status codes → canonical port statuses (``tables/status.csv``)."""
    return {row["code"]: row["status"] for row in package_table(__name__, "status")}


def polled_at(day: str, hhmm: str, label: str, line: int) -> datetime:
    """The poll's time: ``YYYYMMDD`` and ``HHMM`` (``5`` is 00:05), Irish local time."""
    try:
        clock = int(hhmm)
        moment = datetime.combine(
            datetime.strptime(day, "%Y%m%d").date(), time(clock // 100, clock % 100)
        )
    except ValueError:
        raise _bad_time(label, line, day, hhmm) from None
    return moment.replace(tzinfo=IRISH_TIME)


def _bad_time(label: str, line: int, day: str, hhmm: str) -> DataError:
    return DataError(
        f"{label}, line {line}: poll date {day!r} and time {hhmm!r} are not a date "
        "YYYYMMDD and a time HHMM"
    )


def rows(
    stream: io.TextIOBase, label: str, footer: list[tuple[int, str]]
) -> Iterator[list[object]]:
    """Each line as a row of ``raw.esb_status`` (``RAW_COLUMNS``), checked one by one.

    Lines without a tab after the last record (a note such as ``source: …`` that
    people append to a saved feed) are a footer: collected in ``footer`` as (line,
    text), not rows. A record after such a line is refused at that line.
    """
    lines = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
    for line, fields in enumerate(lines, start=1):
        if not fields:
            continue
        if len(fields) == 1:
            footer.append((line, fields[0]))
            continue
        if len(fields) != FIELDS or footer:
            at, found = (footer[0][0], 1) if footer else (line, len(fields))
            raise DataError(
                f"{label}, line {at}: {found} tab-separated fields, expected {FIELDS} "
                "(date, time, charge point, connector, status, lon,lat, address, lon, lat)"
            )
        polled_at(fields[0], fields[1], label, line)
        yield [line, *fields]


def numbered(
    stream: BinaryIO, load_id: int, footer: list[tuple[int, str]] | None = None
) -> Iterable[bytes]:
    """The file's lines for COPY, each prefixed with the load and its line number;
    blank lines dropped (they keep their numbers). With ``footer``, lines without a
    tab at the very end (in the last block read) are left out and put there instead."""
    prefix = b"%d\t" % load_id + b"%d\t"
    number = 1
    tail = b""
    held: list[bytes] = []
    while block := stream.read(CHUNK_BYTES):
        chunk = tail + block
        cut = chunk.rfind(b"\n") + 1
        lines, tail = chunk[:cut].split(b"\n")[:-1], chunk[cut:]
        if held:
            yield _numbered(held, number - len(held), prefix)
        held = lines
        number += len(lines)
    if tail.strip():
        held, number = [*held, tail], number + 1
    kept = _without_footer(held, number - len(held), footer) if footer is not None else held
    if kept:
        yield _numbered(kept, number - len(held), prefix)


def _without_footer(lines: list[bytes], first: int, footer: list[tuple[int, str]]) -> list[bytes]:
    end = len(lines)
    while end and b"\t" not in lines[end - 1]:
        end -= 1
    for at, line in enumerate(lines[end:], start=first + end):
        if line.strip():
            footer.append((at, line.decode("utf-8", "replace").strip()))
    return lines[:end]


def footer_note(footer: list[tuple[int, str]]) -> list[tuple[str, str, str]]:
    """The load's note of the lines it left out as a footer (none when there were none)."""
    lines = "; ".join(f"line {line}: {text[:60]!r}" for line, text in footer)
    detail = f"{len(footer)} line(s) after the last record are not records; ignored: {lines}"
    return [("", "footer", detail)] if footer else []


def _numbered(lines: list[bytes], first: int, prefix: bytes) -> bytes:
    out = [b""] * (3 * len(lines))
    out[0::3] = map(prefix.__mod__, range(first, first + len(lines)))
    out[1::3] = lines
    out[2::3] = [b"\n"] * len(lines)
    if b"" in lines or b"\r" in lines:
        for at, line in enumerate(lines):
            if line in (b"", b"\r"):
                out[3 * at : 3 * at + 3] = [b"", b"", b""]
    return b"".join(out)


@dataclass(frozen=True)
class EsbFile:
    """An ESB status file whose first line has the feed's shape."""

    label: str
    names: tuple[str, ...] = RAW_COLUMNS[1:]

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """The file's lines as rows of ``raw.esb_status``; its codes' meanings kept in
        ``core.port_status_code``."""
        with conn.cursor() as cur:
            cur.executemany(
                "insert into core.port_status_code (source, code, status) values ('esb', %s, %s) "
                "on conflict (source, code) do update set status = excluded.status",
                sorted(status_codes().items()),
            )
        progress.start("loading (ESB status polls)", body.size)
        path, notes = self._copy_either(conn, load_id, body, progress)
        records, skipped, oldest, newest = conn.execute(
            "select count(*), count(*) filter (where status_code = %s), min(poll_date), "
            "max(poll_date) from raw.esb_status where load_id = %s",
            (FAILED, load_id),
        ).fetchone() or (0, 0, None, None)
        day = datetime.strptime(newest, "%Y%m%d").date() if newest else None
        if oldest and day:
            _mark_first_passes(conn, load_id, datetime.strptime(oldest, "%Y%m%d").date(), day)
        conn.execute("analyze raw.esb_status")
        counts = {"records": records, "skipped": skipped}
        return Landed(path, records, notes, day, counts)

    def _copy_either(
        self, conn: Connection, load_id: int, body: Body, progress: Progress
    ) -> tuple[str, list[tuple[str, str, str]]]:
        """Fast as UTF-8, else fast as Windows-1252 (the feed's few other bytes, noted on
        the load), else line by line."""
        for encoding, notes in (("UTF8", []), ("WIN1252", [WINDOWS_1252])):
            footer: list[tuple[int, str]] = []
            try:
                with conn.transaction():
                    path = self._copy(conn, load_id, body, progress, encoding, footer)
                    return path, notes + footer_note(footer)
            except psycopg.errors.CharacterNotInRepertoire:
                continue
            except psycopg.errors.DataError:
                break
        return self._copy_rows(conn, load_id, body)

    def _copy(
        self,
        conn: Connection,
        load_id: int,
        body: Body,
        progress: Progress,
        encoding: str,
        footer: list[tuple[int, str]],
    ) -> str:
        """COPY the bytes as they are, numbered, but for a footer; checks every poll's
        date and time."""
        statement = _COPY + _AS_IS.format(encoding)
        with body.open() as stream, conn.cursor() as cur, cur.copy(statement) as copy:
            for data in numbered(stream, load_id, footer):
                copy.write(data)
                progress.advance(len(data))
        bad = conn.execute(_BAD_TIME, (load_id,)).fetchone()
        if bad is not None:
            raise _bad_time(self.label, *bad)
        return "fast"

    def _copy_rows(
        self, conn: Connection, load_id: int, body: Body
    ) -> tuple[str, list[tuple[str, str, str]]]:
        """Line by line, each checked: names the line COPY refused; a footer is noted."""
        footer: list[tuple[int, str]] = []
        with (
            body.open() as raw_stream,
            io.TextIOWrapper(raw_stream, encoding="utf-8", errors="replace", newline="") as text,
            conn.cursor() as cur,
            cur.copy(_COPY) as copy,
        ):
            for row in rows(text, self.label, footer):
                copy.write_row([load_id, *row])
        return "exact", footer_note(footer)


def _mark_first_passes(conn: Connection, load_id: int, first: date, last: date) -> None:
    """Tell the two passes of the hour the clocks repeat apart, on each such day."""
    for day, hour_from, hour_to in clock_backs(first, last):
        params = {"load_id": load_id, "day": f"{day:%Y%m%d}"}
        conn.execute(
            read_package_sql(__name__, "land", "first_pass.sql"),
            {**params, "hour_from": hour_from, "hour_to": hour_to},
        )


def clock_backs(first: date, last: date) -> Iterator[tuple[date, int, int]]:
    """Each day from ``first`` to ``last`` on which Irish clocks go back, with the first
    and last HHMM of the local times that day has twice."""
    day = first
    while day <= last:
        start = datetime.combine(day, time(0), IRISH_TIME)
        end = datetime.combine(day + timedelta(days=1), time(0), IRISH_TIME)
        before, after = start.utcoffset(), end.utcoffset()
        if before is not None and after is not None and after < before:
            yield day, *_repeated_clock(start, before - after)
        day += timedelta(days=1)


def _repeated_clock(midnight: datetime, shift: timedelta) -> tuple[int, int]:
    """HHMM of the first and last minute the clock shows twice on ``midnight``'s day."""
    instant = midnight.astimezone(UTC)
    while (instant + timedelta(hours=1)).astimezone(IRISH_TIME).utcoffset() == midnight.utcoffset():
        instant += timedelta(hours=1)
    back = (instant + timedelta(hours=1)).astimezone(IRISH_TIME)  # the first instant after
    repeat_end = back + shift - timedelta(minutes=1)
    return back.hour * 100 + back.minute, repeat_end.hour * 100 + repeat_end.minute


class Esb(Source):
    """ESB ecars status polls: which Irish charge points were in use, down or out of
    contact, every few minutes."""

    name = "esb"
    title = "ESB ecars charge point status (Ireland)"
    raw_table = "esb_status"
    id_column = "charge point"
    skipped_as = "failed polls (NA)"
    lists_whole_states = False
    model = "port_status"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def recognises(self, head: bytes) -> bool:
        return _FIRST_LINE.match(head) is not None

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> EsbFile:
        return EsbFile(label)
