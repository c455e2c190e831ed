"""Any other status feed as CSV: ``ingest --column-map`` says which header gives each
field and ``--status-map`` what its status words mean.

Fields: ``station_id``, ``port_id``, ``status``, ``observed_at`` (ISO 8601 with a
time zone), and optionally ``latitude``, ``longitude``, ``network``, ``state``,
``connector``, ``power_kw``. A station-level feed gives ``available`` and
``total`` (and optionally ``out_of_service``) counts instead of ``port_id`` and
``status``: its station then has ports ``#1`` … ``#total``, the first
``available`` of them available, the next ``out_of_service`` out of service and
the rest in use.

Each line is an event at its ``observed_at``; a file watches every port it lists
up to its newest ``observed_at`` (as the snapshot feeds do). A status word the
map does not name (the canonical names always count) is a problem; every line
is checked, and a file with problems names them and loads nothing.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from chargewatch.errors import ConfigError, DataError, ProblemsError
from chargewatch.sources.base import FileReader, Landed, Source, day_of, text_of, write_raw
from chargewatch.sources.container import Body
from chargewatch.sources.snapshots import update_time

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

STATUSES = ("available", "in_use", "reserved", "out_of_service", "offline", "not_in_service",
            "unknown")  # fmt: skip
FIELDS = ("station_id", "port_id", "status", "observed_at", "available", "total",
          "out_of_service", "latitude", "longitude", "network", "state", "connector",
          "power_kw")  # fmt: skip
RAW_COLUMNS = ("line_number", "station_id", "port_id", "status_text", "observed_text",
               "latitude", "longitude", "network", "state", "connector", "power_kw",
               "observed_at", "taken_at", "status")  # fmt: skip


@dataclass(frozen=True)
class FeedMap:
    """Which header gives each field, and what each status word means."""

    columns: Mapping[str, str]
    statuses: Mapping[str, str] = field(default_factory=dict)
    source_name: ClassVar[str] = "status_csv"

    def reader(self, label: str) -> MappedFile:
        return MappedFile(label, self)

    @property
    def counts(self) -> bool:
        """A station-level feed: counts of available and total ports per line."""
        return "available" in self.columns

    def status(self, word: str) -> str | None:
        key = word.strip().lower()
        return self.statuses.get(key) or (key if key in STATUSES else None)


def parse_pairs(text: str, option: str) -> dict[str, str]:
    """``A=B,C=D`` as a mapping (``ConfigError`` naming the option when it is not)."""
    pairs: dict[str, str] = {}
    for part in next(csv.reader([text], skipinitialspace=True), []):
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ConfigError(f"{option}: {part!r} is not NAME=VALUE (e.g. {_EXAMPLE[option]})")
        pairs[name.strip()] = value.strip()
    return pairs


_EXAMPLE = {"--column-map": '"port_id=EVSE,status=State"', "--status-map": '"Free=available"'}


def feed_map(column_map: str, status_map: str | None) -> FeedMap:
    """The feed's map from the two options' text, checked."""
    columns = parse_pairs(column_map, "--column-map")
    unknown = [name for name in columns if name not in FIELDS]
    if unknown:
        raise ConfigError(
            f"--column-map: {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a "
            f"field; the fields are {', '.join(FIELDS)}"
        )
    counts = "available" in columns or "total" in columns
    needed = ("station_id", "observed_at", "available", "total") if counts else (
        "station_id", "port_id", "status", "observed_at")  # fmt: skip
    missing = [name for name in needed if name not in columns]
    if missing:
        kind = "a station-level feed" if counts else "a feed"
        raise ConfigError(
            f"--column-map lacks {', '.join(missing)} ({kind} needs {', '.join(needed)})"
        )
    words = parse_pairs(status_map, "--status-map") if status_map else {}
    wrong = [f"{w}={s}" for w, s in words.items() if s not in STATUSES]
    if wrong:
        raise ConfigError(
            f"--status-map: {', '.join(wrong)}: a status is one of {', '.join(STATUSES)}"
        )
    return FeedMap(columns, {w.lower(): s for w, s in words.items()})


class MappedFile(FileReader):
    """A CSV of statuses read by its feed map."""

    def __init__(self, label: str, mapping: FeedMap) -> None:
        super().__init__(label)
        self.mapping = mapping
        self.names = tuple(mapping.columns.values())

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each line (each port of a station-level line) as a row of ``raw.status_csv``."""
        progress.start(f"loading ({self.label})", None)
        with text_of(body) as text:
            rows = self._rows(text)
        write_raw(conn, "status_csv", RAW_COLUMNS, load_id, rows)
        day = day_of(rows[0][-2])
        return Landed("exact", len(rows), [], day, {"records": len(rows), "skipped": 0})

    def _rows(self, text: io.TextIOBase) -> list[list[Any]]:
        first = text.readline()
        delimiter = max((",", ";", "\t"), key=first.count)
        reader = csv.DictReader(itertools.chain([first], text), delimiter=delimiter)
        headers = reader.fieldnames or []
        lacking = [h for h in self.mapping.columns.values() if h not in headers]
        if lacking:
            raise DataError(
                f"{self.label}: the header lacks {', '.join(lacking)} (named by --column-map); "
                f"it has {', '.join(headers) or 'nothing'}"
            )
        problems: list[str] = []
        rows = [row for record in reader for row in self._lines(record, reader.line_num, problems)]
        if problems:
            raise ProblemsError(self.label, problems)
        if not rows:
            raise DataError(f"{self.label}: the file has a header but no lines")
        taken = max(row[-3] for row in rows)
        for row in rows:
            row[-2] = taken
        return rows

    def _lines(
        self, record: Mapping[str, str | None], line: int, problems: list[str]
    ) -> Iterator[list[Any]]:
        get = {name: (record.get(h) or "").strip() for name, h in self.mapping.columns.items()}
        before = len(problems)
        at = None
        try:
            at = update_time(
                get["observed_at"], self.label, line, self.mapping.columns["observed_at"]
            )
        except DataError as error:
            problems.append(str(error))
        if at is None and len(problems) == before:
            problems.append(self._problem(line, "observed_at", "", "a time with a time zone"))
        if not get["station_id"]:
            problems.append(self._problem(line, "station_id", "", "the station's ID"))
        ports = self._ports(get, line, problems)
        power = _number(get.get("power_kw"))
        if get.get("power_kw") and power is None:
            problems.append(self._problem(line, "power_kw", get["power_kw"], "a number of kW"))
        if len(problems) > before:
            return
        extra = [get.get(name) or None for name in ("latitude", "longitude", "network", "state",
                                                    "connector")]  # fmt: skip
        for port_id, word, status in ports:
            yield [line, get["station_id"], port_id, word, get["observed_at"], *extra, power, at,
                   None, status]  # fmt: skip

    def _ports(
        self, get: Mapping[str, str], line: int, problems: list[str]
    ) -> list[tuple[str, str, str]]:
        """The line's ports: (port ID, status as written, canonical status)."""
        if not self.mapping.counts:
            status = self.mapping.status(get["status"])
            if status is None:
                problems.append(self._problem(line, "status", get["status"], _known(self.mapping)))
                return []
            if not get["port_id"]:
                problems.append(self._problem(line, "port_id", "", "the port's ID"))
            return [(get["port_id"], get["status"], status)]
        counts = {
            name: get.get(name, "") or "0" for name in ("available", "total", "out_of_service")
        }
        bad = [name for name, value in counts.items() if not value.isdigit()]
        for name in bad:
            problems.append(self._problem(line, name, counts[name], "a count of ports (0, 1, 2 …)"))
        if bad:
            return []
        available, total, down = (int(counts[n]) for n in ("available", "total", "out_of_service"))
        if available + down > total:
            problems.append(
                self._problem(
                    line,
                    "total",
                    counts["total"],
                    f"at least available + out_of_service = {available + down}",
                )
            )
            return []
        statuses = ["available"] * available + ["out_of_service"] * down
        statuses += ["in_use"] * (total - len(statuses))
        return [(f"#{n}", f"{available}/{total}", s) for n, s in enumerate(statuses, 1)]

    def _problem(self, line: int, name: str, value: str, expected: str) -> str:
        header = self.mapping.columns.get(name, name)
        return f"{self.label}, line {line}, {header}: {value!r}; expected {expected}"


def _known(mapping: FeedMap) -> str:
    words = ", ".join(sorted(mapping.statuses)) or "none"
    return f"a status --status-map names ({words}) or one of {', '.join(STATUSES)}"


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


class StatusCsv(Source):
    """A status feed in any CSV, read by ``--column-map`` and ``--status-map``."""

    name = "status_csv"
    title = "a status CSV read by --column-map"
    raw_table = "status_csv"
    lists_whole_states = False
    model = "port_status"
    status_feed = "events"
    id_column = "station_id"
    skipped_as = "lines without a status"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def recognises(self, head: bytes) -> bool:
        return False  # only ever chosen by --column-map

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> MappedFile:
        raise ConfigError(f"{label}: a status CSV is read with --column-map (and --status-map)")
