"""Charging sessions in CSV: one line per session, columns found by name.

A session source declares its ``SessionLayout`` (its raw table and which header
gives each raw column) and how its header is recognised; ``SessionFile`` lands
every line as text, and the source's staging model
``core.stg_<name>__session`` types it into core.session's columns
(``chargewatch.warehouse.sessions`` applies it).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source, text_of, write_raw
from chargewatch.sources.container import Body

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection


Derive = Callable[[Mapping[str, str], str, int], Sequence[str]]
"""A source's values worked out from a line (by header) before it is written: its
``derived`` raw columns, in order, given the file's label and the line number."""


@dataclass(frozen=True)
class SessionLayout:
    """How a source's session files are laid out: each raw column and its header;
    ``required`` headers must all be present; ``derived`` raw columns are worked out
    from the line by the source (times put into ISO 8601, a user ID hashed)."""

    raw_table: str
    columns: Mapping[str, str]
    required: tuple[str, ...]
    derived: tuple[str, ...] = ()

    @property
    def raw_columns(self) -> tuple[str, ...]:
        return ("line_number", *self.columns, *self.derived)


def _nothing(_record: Mapping[str, str], _label: str, _line: int) -> Sequence[str]:
    return ()


@dataclass(frozen=True)
class SessionFile:
    """A session file of a source with this layout, its header checked on landing."""

    layout: SessionLayout
    label: str
    derive: Derive = _nothing

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.layout.columns.values())

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each line as a row of the layout's raw table, as text."""
        progress.start(f"loading ({self.label})", None)
        headers = list(self.layout.columns.values())
        with text_of(body) as text:
            reader = csv.DictReader(text)
            missing = [h for h in self.layout.required if h not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{self.label}: the header lacks {', '.join(missing)}")
            found = [
                [
                    reader.line_num,
                    *((record.get(h) or "").strip() for h in headers),
                    *self.derive(record, self.label, reader.line_num),
                ]
                for record in reader
            ]
        write_raw(conn, self.layout.raw_table, self.layout.raw_columns, load_id, found)
        return Landed("exact", len(found), [], None, {"records": len(found), "skipped": 0})


class SessionSource(Source):
    """A source of charging sessions in CSV: a subclass declares its ``layout``, name,
    title, ID column and how its header is recognised."""

    layout: ClassVar[SessionLayout]
    lists_whole_states = False
    model = "sessions"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> SessionFile:
        return SessionFile(self.layout, label, self.derive)

    def derive(self, record: Mapping[str, str], label: str, line: int) -> Sequence[str]:
        """The layout's ``derived`` values of a line (none by default)."""
        return ()
