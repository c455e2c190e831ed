"""Swiss federal energy office (BFE) EVSE status: the national feed behind
ich-tanke-strom.ch, as snapshots of every EVSE's ``EvseStatus`` and the
``lastUpdate`` it took it.

A snapshot file is the feed's GeoJSON flattened to CSV (``properties_EvseID``,
``properties_EvseStatus``, ``properties_lastUpdate``, …, columns found by
name). Each line is an event at its ``lastUpdate`` (at the snapshot's time when
that is empty), and the snapshot observes every EVSE it lists up to its own
time: its newest ``lastUpdate``. ``tables/status.csv`` maps the statuses (the
OICP EvseStatus codes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, ClassVar

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source
from chargewatch.sources.container import Body

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

COLUMNS = {
    "evse_id": "properties_EvseID",
    "evse_status": "properties_EvseStatus",
    "last_update": "properties_lastUpdate",
    "charging_station_id": "properties_ChargingStationId",
    "operator_id": "properties_OperatorID",
    "plugs": "properties_Plugs",
    "latitude": "properties_GeoCoordinates_DecimalDegree_Latitude",
    "longitude": "properties_GeoCoordinates_DecimalDegree_Longitude",
    "city": "properties_Address_City",
}
"""Raw column → the file's header for it."""
REQUIRED = ("evse_id", "evse_status", "last_update")
RAW_COLUMNS = ("line_number", *COLUMNS, "updated_at", "taken_at", "status")


@cache
def status_codes() -> dict[str, str]:
    """The feed's EvseStatus codes → canonical port statuses (``tables/status.csv``)."""
    text = resources.files(__name__).joinpath("tables", "status.csv").read_text("utf-8")
    return {row["code"]: row["status"] for row in csv.DictReader(io.StringIO(text))}


def _time(value: str, label: str, line: int) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise DataError(
            f"{label}, line {line}, properties_lastUpdate: {value!r} is not a time with a "
            "time zone (expected ISO 8601, e.g. 2024-03-22T03:15:09.716Z)"
        )
    return moment


def rows(stream: io.TextIOBase, label: str) -> list[list[object]]:
    """Every line as a row of ``raw.bfe_evse_status`` (``RAW_COLUMNS``); the snapshot is
    dated by its newest lastUpdate, so the lines are read before any is written."""
    reader = csv.DictReader(stream)
    missing = [COLUMNS[c] for c in REQUIRED if COLUMNS[c] not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{label}: the header lacks {', '.join(missing)}")
    codes = status_codes()
    found: list[list[object]] = []
    for record in reader:
        values = [(record.get(header) or "").strip() for header in COLUMNS.values()]
        updated = _time(values[2], label, reader.line_num)
        found.append([reader.line_num, *values, updated, None, codes.get(values[1], "unknown")])
    times = [row[-3] for row in found if isinstance(row[-3], datetime)]
    if not times:
        raise DataError(f"{label}: no line has a lastUpdate, so the snapshot has no time")
    taken = max(times)
    for row in found:
        row[-2] = taken
    return found


@dataclass(frozen=True)
class BfeFile:
    """A BFE status snapshot whose header has the EVSE ID, status and lastUpdate."""

    label: str
    names: tuple[str, ...] = tuple(COLUMNS.values())

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each EVSE line as a row of ``raw.bfe_evse_status``."""
        progress.start("loading (BFE EVSE status)", None)
        with (
            body.open() as raw_stream,
            io.TextIOWrapper(raw_stream, encoding="utf-8-sig", newline="") as text,
        ):
            found = rows(text, self.label)
        columns = ", ".join(("load_id", *RAW_COLUMNS))
        with (
            conn.cursor() as cur,
            cur.copy(f"copy raw.bfe_evse_status ({columns}) from stdin") as copy,
        ):
            for row in found:
                copy.write_row([load_id, *row])
        conn.execute("analyze raw.bfe_evse_status")
        skipped = sum(1 for row in found if not row[1])
        newest = found[0][-2] if found else None
        day: date | None = newest.date() if isinstance(newest, datetime) else None
        return Landed("exact", len(found), [], day, {"records": len(found), "skipped": skipped})


class Bfe(Source):
    """Swiss BFE EVSE status snapshots: each EVSE's status and when it took it."""

    name = "bfe"
    title = "Swiss federal energy office (BFE) EVSE status"
    raw_table = "bfe_evse_status"
    id_column = "properties_EvseID"
    skipped_as = "lines without an EVSE ID"
    lists_whole_states = False
    model = "port_status"
    status_feed = "events"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"properties_EvseStatus" in first and b"properties_EvseID" in first

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> BfeFile:
        return BfeFile(label)
