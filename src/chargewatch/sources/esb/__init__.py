"""ESB ecars charge point status (Ireland): the national network's status polls.

Every few minutes the feed lists the charge points that are not fully
available, one tab-separated line per connector, no header, CRLF:
``YYYYMMDD``, ``HHMM`` (zero-padded or not), charge point ID, connector type,
status code (``Occ``, ``Part``, ``OOS``, ``OOC``; ``NA`` alone for a poll that
failed), ``"lon,lat"``, address, longitude, latitude. Times are Irish local
time. A port it knows and a successful poll does not list was available
(``chargewatch.warehouse.port_status``). ``tables/status.csv`` maps the codes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo

from chargewatch.errors import DataError
from chargewatch.sources.base import Landed, Source
from chargewatch.sources.container import Body

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

IRISH_TIME = ZoneInfo("Europe/Dublin")
FAILED = "NA"
FIELDS = 9
RAW_COLUMNS = (
    "line_number", "poll_date", "poll_time", "charge_point", "connector_type", "status_code",
    "coordinates", "address", "longitude", "latitude", "polled_at", "status",
)  # fmt: skip
PROGRESS_EVERY = 10_000
_FIRST_LINE = re.compile(rb"^\d{8}\t\d{1,4}\t[^\t\r\n]*\t[^\t\r\n]*\t[^\t\r\n]*\t")


@cache
def status_codes() -> dict[str, str]:
    """The feed's status codes → canonical port statuses (``tables/status.csv``)."""
    text = resources.files(__name__).joinpath("tables", "status.csv").read_text("utf-8")
    return {row["code"]: row["status"] for row in csv.DictReader(io.StringIO(text))}


def polled_at(day: str, hhmm: str, label: str, line: int) -> datetime:
    """The poll's time: ``YYYYMMDD`` and ``HHMM`` (``5`` is 00:05), Irish local time."""
    try:
        clock = int(hhmm)
        moment = datetime.combine(
            datetime.strptime(day, "%Y%m%d").date(), time(clock // 100, clock % 100)
        )
    except ValueError:
        raise DataError(
            f"{label}, line {line}: poll date {day!r} and time {hhmm!r} are not a date "
            "YYYYMMDD and a time HHMM"
        ) from None
    return moment.replace(tzinfo=IRISH_TIME)


def rows(stream: io.TextIOBase, label: str) -> Iterator[list[object]]:
    """Each line as a row of ``raw.esb_status`` (``RAW_COLUMNS``)."""
    codes = status_codes()
    for line, fields in enumerate(csv.reader(stream, delimiter="\t"), start=1):
        if not fields:
            continue
        if len(fields) != FIELDS:
            raise DataError(
                f"{label}, line {line}: {len(fields)} tab-separated fields, expected {FIELDS} "
                "(date, time, charge point, connector, status, lon,lat, address, lon, lat)"
            )
        day, hhmm, code = fields[0], fields[1], fields[4]
        status = None if code == FAILED else codes.get(code, "unknown")
        yield [line, *fields, polled_at(day, hhmm, label, line), status]


@dataclass(frozen=True)
class EsbFile:
    """An ESB status file whose first line has the feed's shape."""

    label: str
    names: tuple[str, ...] = RAW_COLUMNS[1:10]

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each line as a row of ``raw.esb_status``, counted on the way."""
        records = skipped = 0
        newest: date | None = None
        progress.start("loading (ESB status polls)", None)
        columns = ", ".join(("load_id", *RAW_COLUMNS))
        with (
            body.open() as raw_stream,
            io.TextIOWrapper(raw_stream, encoding="utf-8", errors="replace", newline="") as text,
            conn.cursor() as cur,
            cur.copy(f"copy raw.esb_status ({columns}) from stdin") as copy,
        ):
            for row in rows(text, self.label):
                copy.write_row([load_id, *row])
                records += 1
                skipped += row[-1] is None
                moment = row[-2]
                assert isinstance(moment, datetime)
                newest = max(newest or moment.date(), moment.date())
                if records % PROGRESS_EVERY == 0:
                    progress.advance(PROGRESS_EVERY)
        conn.execute("analyze raw.esb_status")
        return Landed("exact", records, [], newest, {"records": records, "skipped": skipped})


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
