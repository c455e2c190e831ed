"""Open Charge Map (OCM): the crowd-sourced global registry of charging locations.

``poi``: its POI JSON in every shape (API verbose and compact, the data
export's JSON lines, gzipped or not) to rows of ``raw.ocm_poi``; ``tables``:
its reference lookups and how they map to canonical values; ``pull``: ``chargewatch
pull ocm`` against its API. ``sql/``: the raw table's migration, the staging
models, the quarantine rules. A file is OCM's when its JSON has OCM's
``AddressInfo`` block, whatever its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from psycopg import sql

from chargewatch.sources.base import Landed, Source
from chargewatch.sources.container import Body
from chargewatch.sources.ocm import poi, quality

if TYPE_CHECKING:
    import click

    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class OcmFile:
    """An OCM file whose first POI has an ID."""

    names: tuple[str, ...]
    label: str

    @property
    def absent(self) -> list[str]:
        return []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Each POI as a row of ``raw.ocm_poi``, counted and dated on the way."""
        statement = sql.SQL("copy raw.ocm_poi (load_id, {}) from stdin").format(
            sql.SQL(", ").join(map(sql.Identifier, poi.RAW_COLUMNS))
        )
        records = skipped = 0
        newest: date | None = None
        in_scope = poi.RAW_COLUMNS.index("in_scope")
        progress.start("loading (Open Charge Map POIs)", None)
        with body.open() as stream, conn.cursor() as cur, cur.copy(statement) as copy:
            for records, item in enumerate(poi.pois(stream, self.label), start=1):
                row = poi.row(records, item)
                copy.write_row([load_id, *row])
                day = poi.newest_date(item)
                skipped += not row[in_scope]
                if day is not None and (newest is None or day > newest):
                    newest = day
                if records % PROGRESS_EVERY == 0:
                    progress.advance(PROGRESS_EVERY)
        conn.execute("analyze raw.ocm_poi")
        counts = {"records": records, "skipped": skipped}
        return Landed("exact", records, [], newest, counts)


class Ocm(Source):
    """Open Charge Map POIs: API responses (verbose or compact) and the data export."""

    name = "ocm"
    title = "Open Charge Map (OCM)"
    raw_table = "ocm_poi"
    id_column = "ID"
    skipped_as = "removed or unpublished listings"
    lists_whole_states = False
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "name": ("AddressInfo.Title",),
        "street_address": ("AddressInfo.AddressLine1",),
        "city": ("AddressInfo.Town",),
        "state": ("AddressInfo.StateOrProvince",),
        "zip": ("AddressInfo.Postcode",),
        "country": ("AddressInfo.CountryID",),
        "latitude": ("AddressInfo.Latitude",),
        "longitude": ("AddressInfo.Longitude",),
        "status": ("StatusTypeID",),
        "expected_date": ("DatePlanned",),
        "access": ("UsageTypeID",),
        "access_detail_code": ("UsageTypeID",),
        "network": ("OperatorID",),
        "level1_port_count": ("Connections",),
        "level2_port_count": ("Connections",),
        "dc_fast_port_count": ("Connections",),
        "connector_types": ("Connections",),
        "date_last_confirmed": ("DateLastConfirmed", "DateLastVerified"),
        "updated_at": ("DateLastStatusUpdate",),
    }

    def recognises(self, head: bytes) -> bool:
        return poi.looks_like_pois(head)

    def missing_fields(
        self, conn: Connection, load_id: int, limit: int
    ) -> list[dict[str, Any]] | None:
        return quality.missing_fields(conn, load_id, limit)

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> OcmFile:
        """OCM leaves out null fields in compact mode, so a field missing from the first
        POI says nothing of the file: no field is taken as absent from its keys."""
        with body.open() as stream:
            first = poi.first_poi(stream, label)
        return OcmFile(tuple(first), label)

    def pull_command(self) -> click.Command:
        from chargewatch.sources.ocm.pull import command

        return command
