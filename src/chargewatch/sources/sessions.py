"""Charging sessions, one record per session, whatever the file's shape.

A session source declares its ``SessionLayout`` (its raw table and which field of a
record gives each raw column), how its files are recognised, and how a file's
records are read: lines of a CSV by header (the default) or the objects of a JSON
document, flattened to dotted keys (``json_records``). ``SessionFile`` lands every
record it keeps as text, and the source's staging model ``core.stg_<name>__session``
types it into core.session's columns (``chargewatch.warehouse.sessions`` applies it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source, text_of, write_raw
from chargewatch.sources.container import Body

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection


Record = Mapping[str, str]
"""A session's fields by name (a CSV header, or a JSON key path such as
``cdr_location.evse_uid``), as text."""


@dataclass(frozen=True)
class SessionLayout:
    """How a source's session records are laid out: each raw column and the field
    that gives it; ``required`` fields must be in the file; ``derived`` raw columns
    are worked out from the record by the source (times put into ISO 8601, a user
    ID hashed); ``user`` is the field of the driver's ID, whose hash is the last raw
    column, ``user_hash`` (the ID itself is never kept)."""

    raw_table: str
    columns: Mapping[str, str]
    required: tuple[str, ...]
    derived: tuple[str, ...] = ()
    user: str = ""

    @property
    def raw_columns(self) -> tuple[str, ...]:
        hashed = ("user_hash",) if self.user else ()
        return ("line_number", *self.columns, *self.derived, *hashed)


def user_hash(user: str) -> str:
    """The SHA-256 of a user ID (empty when there is none): the ID itself is never
    kept, yet one driver's sessions still go together."""
    user = user.strip()
    return hashlib.sha256(user.encode()).hexdigest() if user else ""


def check_fields(label: str, found: Iterable[str], required: Sequence[str], lacks: str) -> None:
    """``DataError`` naming the required fields the file lacks (``lacks``: "the header
    lacks", "no record gives")."""
    have = set(found)
    missing = [name for name in required if name not in have]
    if missing:
        raise DataError(f"{label}: {lacks} {', '.join(missing)}")


@dataclass
class _Tally:
    records: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class SessionFile:
    """A session file of ``source``, read with ``layout`` (the source's own, or one
    a column map made)."""

    source: SessionSource
    layout: SessionLayout
    label: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.layout.columns.values())

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each record the source keeps as a row of the layout's raw table, as text;
        the others counted as skipped."""
        progress.start(f"loading ({self.label})", None)
        tally = _Tally()
        with self.source.records(body, self.label, self.layout) as records:
            rows = self._rows(records, tally)
            write_raw(conn, self.layout.raw_table, self.layout.raw_columns, load_id, rows)
        if tally.records == tally.skipped:
            raise DataError(f"{self.label}: no finished session in it")
        counts = {"records": tally.records, "skipped": tally.skipped}
        return Landed("exact", tally.records, [], None, counts)

    def _rows(self, records: Iterable[tuple[int, Record]], tally: _Tally) -> Iterator[list[Any]]:
        fields = tuple(self.layout.columns.values())
        user = self.layout.user
        for line, record in records:
            tally.records += 1
            if not self.source.keeps(record):
                tally.skipped += 1
                continue
            yield [
                line,
                *((record.get(f) or "").strip() for f in fields),
                *self.source.derive(record, self.label, line),
                *((user_hash(record.get(user) or ""),) if user else ()),
            ]


class SessionSource(Source):
    """A source of charging sessions: a subclass declares its ``layout``, name, title,
    ID field and how its files are recognised; CSV by header unless it reads its
    records otherwise."""

    layout: ClassVar[SessionLayout]
    lists_whole_states = False
    model = "sessions"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    names: ClassVar[tuple[str, str, str, str]] = (
        "session_id", "session_start", "session_end", "energy_kwh")  # fmt: skip
    """How its files name a session's ID, start, end and energy, for quarantine entries."""
    time_format: ClassVar[str] = "expected ISO 8601 with its offset, e.g. 2024-01-21T02:51:19Z"
    """What a time in its files looks like, said of a time that is not one."""

    def quarantine_terms(self) -> dict[str, str]:
        """The words its quarantine entries use (``sql/transform/sessions/quarantine.sql``)."""
        keys = ("id_name", "start_name", "end_name", "energy_name")
        return {**dict(zip(keys, self.names, strict=True)), "time_format": self.time_format}

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> SessionFile:
        return SessionFile(self, self.layout, label)

    @contextmanager
    def records(
        self, body: Body, label: str, layout: SessionLayout
    ) -> Iterator[Iterable[tuple[int, Record]]]:
        """The file's lines by header, the header checked for the required fields."""
        with text_of(body) as text:
            reader = csv.DictReader(text)
            check_fields(label, reader.fieldnames or [], layout.required, "the header lacks")
            yield ((reader.line_num, {k: v or "" for k, v in r.items() if k}) for r in reader)

    def keeps(self, record: Record) -> bool:
        """Whether the record is a finished session to load (all, by default)."""
        return True

    def derive(self, record: Record, label: str, line: int) -> Sequence[str]:
        """The layout's ``derived`` values of a record (none by default)."""
        return ()


class JsonSessionSource(SessionSource):
    """A session source whose files are JSON documents: a subclass says where in a
    document its session objects are (``items``), and may complete a record."""

    def items(self, document: Any, label: str) -> list[Any]:
        """The document's session objects; ``DataError`` when it holds none."""
        raise NotImplementedError

    def record(self, record: dict[str, str]) -> Record:
        """A flattened record as the layout reads it (as it is, by default)."""
        return record

    @contextmanager
    def records(
        self, body: Body, label: str, layout: SessionLayout
    ) -> Iterator[Iterable[tuple[int, Record]]]:
        found = json_records(self.items(json_document(body, label), label), label, layout)
        yield ((n, self.record(dict(r))) for n, r in found)


def is_json(head: bytes) -> bool:
    """Whether a file's first bytes open a JSON object or array."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def json_document(body: Body, label: str) -> Any:
    """The file's JSON, whole; ``DataError`` naming the line and column where it breaks."""
    with body.open() as stream:
        try:
            return json.load(io.TextIOWrapper(stream, encoding="utf-8-sig"))
        except json.JSONDecodeError as e:
            raise DataError(
                f"{label}, line {e.lineno}, column {e.colno}: not JSON ({e.msg})"
            ) from None
        except UnicodeDecodeError as e:
            raise DataError(f"{label}: JSON that is not UTF-8 ({e.reason})") from None


def json_records(items: list[Any], label: str, layout: SessionLayout) -> list[tuple[int, Record]]:
    """A JSON array's objects flattened (``flatten``) and numbered from 1, checked: each
    item an object, each required field in at least one."""
    bad = [n for n, item in enumerate(items, 1) if not isinstance(item, dict)]
    if bad:
        raise DataError(
            f"{label}: record {bad[0]} is not a JSON object"
            + (f" (nor are {len(bad) - 1} more)" if len(bad) > 1 else "")
        )
    records: list[tuple[int, Record]] = [(n, flatten(item)) for n, item in enumerate(items, 1)]
    present = {key for _, record in records for key, value in record.items() if value != ""}
    check_fields(label, present, layout.required, "no record gives")
    return records


def flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A JSON object's values as text by key path (``cdr_token.uid``): null as empty,
    numbers as JSON writes them, arrays as JSON text."""
    flat: dict[str, str] = {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(flatten(item, f"{path}."))
        elif item is None:
            flat[path] = ""
        elif isinstance(item, str):
            flat[path] = item
        else:
            flat[path] = json.dumps(item)
    return flat
