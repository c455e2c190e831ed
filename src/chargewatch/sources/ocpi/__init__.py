"""OCPI 2.2.1/2.3.0 Locations as a status feed: each EVSE's status is an event at its
``last_updated``, and a file watched every EVSE it lists up to its own time.

Files come from a CPO's ``GET /locations`` (``chargewatch pull ocpi``,
``sources.ocpi.pull``), from pushes to ``chargewatch serve --ocpi``
(``serve.ocpi``), or from anywhere as Location JSON (``sources.ocpi.locations``
reads every shape). ``tables/status.csv`` maps the EVSE statuses. Every EVSE is
checked before any is stored: a file with bad ones names them and loads nothing.
Locations that describe their place are stations too (``sources.ocpi.stations``):
each load applies them to ``core.station`` (source ``ocpi``) as a search of a
registry is applied, speaking only for the Locations it lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

import click

from chargewatch.errors import DataError, ProblemsError
from chargewatch.sources.base import FileReader, Landed, Source, day_of, write_raw
from chargewatch.sources.container import Body
from chargewatch.sources.ocpi.locations import ROW_COLUMNS, evse_rows
from chargewatch.sources.ocpi.stations import LOCATION_COLUMNS, location_rows
from chargewatch.sources.sessions import json_document

if TYPE_CHECKING:
    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection


class LocationsFile(FileReader):
    """A file of OCPI Locations, read whole on landing."""

    names: tuple[str, ...] = ("id", "evses", "uid", "status", "last_updated")

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each EVSE as a row of ``raw.ocpi_evse``, each Location that describes its place
        as one of ``raw.ocpi_location``."""
        progress.start(f"loading ({self.label})", None)
        document = json_document(body, self.label)
        problems: list[str] = []
        rows = evse_rows(document, self.label, problems)
        if problems:
            raise ProblemsError(self.label, problems)
        if not rows:
            raise DataError(f"{self.label}: no Location in it has an EVSE")
        write_raw(conn, "ocpi_evse", ROW_COLUMNS, load_id, rows)
        places = location_rows(document)
        if places:
            write_raw(conn, "ocpi_location", LOCATION_COLUMNS, load_id, places)
        day = day_of(rows[0][15])
        counts = {"records": len(rows), "skipped": 0, "stations": len(places)}
        return Landed("exact", len(rows), [], day, counts)


class Ocpi(Source):
    """OCPI Locations (2.2.1, 2.3.0): EVSE statuses as events, pulled or pushed."""

    name = "ocpi"
    title = "OCPI Locations (2.2.1, 2.3.0)"
    raw_table = "ocpi_evse"
    station_table = "ocpi_location"
    lists_whole_states = False
    model = "port_status"
    status_feed = "events"
    id_column = "id"
    skipped_as = "EVSEs without a status"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def recognises(self, head: bytes) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        locations = b'"evses"' in head and (b'"coordinates"' in head or b'"uid"' in head)
        return start in (b"{", b"[") and locations

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> LocationsFile:
        return LocationsFile(label)

    def pull_command(self) -> click.Command | None:
        from chargewatch.sources.ocpi.pull import command

        return command
