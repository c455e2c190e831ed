"""What a source is to the generic loader: how its files are told apart and read, and
where its SQL lives.

A source package (``sources/<name>/``) holds a ``Source`` and, under ``sql/``:

* ``migrations/NNN_*.sql``: its raw table(s), run once each by ``db migrate``;
* ``staging/*.sql``: functions and two views, rebuilt by ``db build``:
  ``core.stg_<name>__record`` (every raw record: ``load_id``, ``line_number``,
  ``station_id``, ``in_scope`` (false for records the source skips, e.g. other
  fuels), ``quarantined``, ``hours_text``, ``connector_text``) and
  ``core.stg_<name>__station`` (the in-scope, unquarantined records typed into
  core.station's columns, with ``is_valid``);
* ``rules/*.sql``: quarantine rules run, in name order, on a load whose records
  did not all cast or check.

The loader (``chargewatch.warehouse.load``) does the rest for every source:
lake, bookkeeping, text mapping, history, KPI groups, duplicate IDs.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from importlib import resources
from importlib.abc import Traversable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from chargewatch.sources.container import Body

if TYPE_CHECKING:
    import click

    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

FIELDS: tuple[str, ...] = (
    "name", "street_address", "city", "state", "zip", "country", "latitude", "longitude",
    "status", "expected_date", "access", "access_detail_code", "groups_with_access",
    "restricted_access", "facility_type", "owner_type", "network", "level1_port_count",
    "level2_port_count", "dc_fast_port_count", "connector_types", "hours", "open_date",
    "date_last_confirmed", "updated_at",
)  # fmt: skip
"""The canonical station fields a source may lack (``hours`` stands for the hours text
and what is parsed from it); ``station_id`` is never absent."""


@dataclass
class Landed:
    """What a reader did with one file: how it was read, its records, and what it knows
    already that the loader would otherwise count (``newest``: the date of the newest
    update; ``records``/``skipped``: counted while reading)."""

    read_path: str
    rows_read: int
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    """(column, rule, detail) for ``core.load_normalisation``: what was read another way."""
    newest: date | None = None
    counts: Mapping[str, int] = field(default_factory=dict)


class ColumnMap(Protocol):
    """``ingest --column-map``: which header gives each field of a source's CSV."""

    @property
    def source_name(self) -> str:
        """The source whose CSV the map reads."""

    def reader(self, label: str) -> Reader:
        """A reader of the file ``label`` by the map."""


class Reader(Protocol):
    """One file of a source, its header (or keys) read and checked."""

    @property
    def names(self) -> tuple[str, ...]:
        """The source's columns as the file has them (``core.load.source_columns``)."""

    @property
    def absent(self) -> list[str]:
        """The columns the source reads that this file lacks, as the source names them."""

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Write the file's records into the source's raw table for ``load_id``."""


class FileReader:
    """A reader that reads its file whole on landing (a log, a JSON document, a mapped
    CSV): its label, and no column it reads can be absent."""

    names: tuple[str, ...] = ()

    def __init__(self, label: str) -> None:
        self.label = label
        self.absent: list[str] = []


class Source(ABC):
    """A registry of stations the loader can read: its name, how to tell its files by
    their content, and how its columns give the canonical fields."""

    name: ClassVar[str]
    title: ClassVar[str]
    """For people: "the US Alternative Fuels Data Center (AFDC)"."""
    raw_table: ClassVar[str]
    """Its raw table in schema ``raw``."""
    lists_whole_states: ClassVar[bool] = True
    """A file lists every station of each state it has stations in (a state or national
    export): a station of such a state that it lacks was removed. False for a source
    whose files are searches (a box, a radius, the first N results): a file then speaks
    only for the stations it lists, and only a listing marked removed ends a station."""
    model: ClassVar[str] = "stations"
    """What its files give: ``stations`` (a registry's snapshot, applied to core.station)
    or ``port_status`` (a status feed's observations of ports, applied to
    core.status_event and the ports' status intervals; see
    ``chargewatch.warehouse.port_status``). A ``port_status`` source's staging gives
    ``core.stg_<name>__observation`` instead of ``__station``."""
    station_table: ClassVar[str] = ""
    """For a ``port_status`` source whose files also describe stations (OCPI Locations),
    their raw table; the load then also applies them to core.station as a registry
    load would (``core.stg_<name>__station`` and ``__record``). Empty for none."""
    status_feed: ClassVar[str] = "polls"
    """For a ``port_status`` source, how its observations hold (SPEC §4b): ``polls``
    (each poll of the feed observes every port it knows; a status holds until the
    next poll, at most a gap) or ``events`` (a status holds until the port's next
    event, and the last one until the newest file that listed the port)."""
    reports_contact: ClassVar[bool] = False
    """For an ``events`` feed, whether its staging also gives ``core.stg_<name>__contact``:
    each message a charger sent (``station_id``, ``said_at``, ``seen_until``,
    ``heartbeat_interval``), so that a charger that falls silent is offline."""
    skipped_as: ClassVar[str] = "out of scope"
    """Why records it skips are skipped, in "3 skipped as …"."""
    id_column: ClassVar[str]
    """The column that identifies a station, as quarantine entries name it."""
    fields: ClassVar[Mapping[str, tuple[str, ...]]]
    """Each canonical field (``FIELDS``) and the source columns that give it; a field
    is absent from a file when all of its columns are."""

    @abstractmethod
    def recognises(self, head: bytes) -> bool:
        """Whether a file starting with ``head`` (its content's first bytes) is this
        source's."""

    @abstractmethod
    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> Reader:
        """Read and check the file's header or keys; ``DataError`` if it cannot be loaded."""

    def pull_command(self) -> click.Command | None:
        """The ``chargewatch pull <name>`` command, for a source with an API."""
        return None

    def missing_fields(
        self, conn: Connection, load_id: int, limit: int
    ) -> list[dict[str, Any]] | None:
        """The columns most often empty in the load's records, most first, as
        ``{"column", "missing", "share"}`` (None: not told for this source)."""
        return None

    def absent_fields(self, absent_columns: list[str]) -> list[str]:
        """The canonical fields a file lacking ``absent_columns`` does not give: those the
        source never gives, and those whose columns are all absent."""
        missing = set(absent_columns)
        return [f for f in FIELDS if not self.fields.get(f) or missing.issuperset(self.fields[f])]

    @cached_property
    def sql_folder(self) -> Traversable:
        return resources.files(type(self).__module__).joinpath("sql")

    def sql_files(self, folder: str) -> list[tuple[str, str]]:
        """``(name, text)`` of the package's ``sql/<folder>/*.sql``, by name."""
        place = self.sql_folder.joinpath(folder)
        if not place.is_dir():
            return []
        files = sorted((f for f in place.iterdir() if f.name.endswith(".sql")), key=_name)
        return [(f.name, f.read_text(encoding="utf-8")) for f in files]


@contextmanager
def text_of(body: Body) -> Iterator[io.TextIOWrapper]:
    """The file's content as text: UTF-8 (a byte-order mark dropped), lines as written."""
    with body.open() as stream, io.TextIOWrapper(stream, encoding="utf-8-sig", newline="") as text:
        yield text


def write_raw(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    load_id: int,
    rows: Iterable[Sequence[Any]],
) -> None:
    """``rows`` (values of ``columns``, in order) into ``raw.<table>`` as load ``load_id``'s."""
    names = ", ".join(("load_id", *columns))
    with conn.cursor() as cur, cur.copy(f"copy raw.{table} ({names}) from stdin") as copy:
        for row in rows:
            copy.write_row([load_id, *row])
    conn.execute(f"analyze raw.{table}")


def day_of(moment: object) -> date | None:
    """The date of a time (a file's newest), None when there is none."""
    return moment.date() if isinstance(moment, datetime) else None


def package_table(package: str, name: str) -> list[dict[str, str]]:
    """The rows of a source package's ``tables/<name>.csv`` (status codes, lookups)."""
    text = resources.files(package).joinpath("tables", f"{name}.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def most_often_empty(
    columns: list[str], records: int, missing: tuple[int, ...], limit: int
) -> list[dict[str, Any]]:
    """``{"column", "missing", "share"}`` of the columns with empty values, most first
    (ties keep the given order), the first ``limit``: the quality report's shape."""
    found = [(c, m) for c, m in zip(columns, missing, strict=True) if m]
    found.sort(key=lambda item: -item[1])
    return [{"column": c, "missing": m, "share": m / records} for c, m in found[:limit]]


def _name(item: Traversable) -> str:
    return item.name
