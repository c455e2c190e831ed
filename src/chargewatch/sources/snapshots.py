"""Status snapshots in CSV: a file lists ports (EVSEs) with their status and the time
each took it, as the Swiss BFE and Paris Belib feeds publish them.

A source declares its ``Layout`` (its raw table, which header gives each raw
column, the delimiter, its status table); ``SnapshotFile`` reads any such file.
Each line is an event at its own update time (at the snapshot's time when it has
none), and the snapshot observes every port it lists up to its own time: its
newest update time. The lines are read before any is written, since the
snapshot's time is their newest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source, day_of, package_table, text_of, write_raw
from chargewatch.sources.container import Body
from chargewatch.times import iso_time

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection


@dataclass(frozen=True)
class Layout:
    """How a source's snapshot files are laid out. ``columns`` maps each raw column to
    its header; the first three are the port's ID, its status and its update time."""

    raw_table: str
    columns: Mapping[str, str]
    package: str
    delimiter: str = ","

    @property
    def raw_columns(self) -> tuple[str, ...]:
        return ("line_number", *self.columns, "updated_at", "taken_at", "status")

    def statuses(self) -> dict[str, str]:
        """The feed's status labels → canonical port statuses (its ``tables/status.csv``)."""
        return {row["code"]: row["status"] for row in package_table(self.package, "status")}


def update_time(value: str, label: str, line: int, header: str) -> datetime | None:
    """An update time in ISO 8601 with a time zone; None when empty."""
    if not value:
        return None
    moment = iso_time(value)
    if moment is None or moment.tzinfo is None:
        raise DataError(
            f"{label}, line {line}, {header}: {value!r} is not a time with a time zone "
            "(expected ISO 8601, e.g. 2024-03-22T03:15:09.716Z or 2022-12-02T15:10:31+01:00)"
        )
    return moment


def rows(layout: Layout, stream: io.TextIOBase, label: str) -> list[list[object]]:
    """Every line as a row of the layout's raw table, dated by the snapshot's time."""
    reader = csv.DictReader(stream, delimiter=layout.delimiter)
    headers = list(layout.columns.values())
    missing = [h for h in headers[:3] if h not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{label}: the header lacks {', '.join(missing)}")
    statuses = layout.statuses()
    found: list[list[object]] = []
    for record in reader:
        values = [(record.get(header) or "").strip() for header in headers]
        updated = update_time(values[2], label, reader.line_num, headers[2])
        found.append([reader.line_num, *values, updated, None, statuses.get(values[1], "unknown")])
    times = [row[-3] for row in found if isinstance(row[-3], datetime)]
    if not times:
        raise DataError(f"{label}: no line has a {headers[2]}, so the snapshot has no time")
    taken = max(times)
    for row in found:
        row[-2] = taken
    return found


@dataclass(frozen=True)
class SnapshotFile:
    """A snapshot file of a source with this layout, its header checked on landing."""

    layout: Layout
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
        """Each line as a row of the layout's raw table."""
        progress.start(f"loading ({self.label})", None)
        with text_of(body) as text:
            found = rows(self.layout, text, self.label)
        write_raw(conn, self.layout.raw_table, self.layout.raw_columns, load_id, found)
        skipped = sum(1 for row in found if not row[1])
        day = day_of(found[0][-2] if found else None)
        return Landed("exact", len(found), [], day, {"records": len(found), "skipped": skipped})


class SnapshotSource(Source):
    """A status feed published as snapshots in CSV: a subclass declares its ``layout``,
    name, title, ID column and how its header is recognised."""

    layout: ClassVar[Layout]
    lists_whole_states = False
    model = "port_status"
    status_feed = "events"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> SnapshotFile:
        return SnapshotFile(self.layout, label)
