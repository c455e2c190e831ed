"""The US Alternative Fuels Data Center (AFDC) station registry, in every shape users have it.

``export_csv``: the station locator's CSV export (and copies of it: the DOT's
upper-case headers, files saved from the API's field names, re-saves by Excel
or pandas), read by header name. ``api_json``: the AFDC API's JSON (``all``,
``nearest``, ``get``) and GeoJSON. ``header_aliases.csv``: the API field names
that differ from their CSV header in more than spelling. Both shapes land in
``raw.afdc_station`` (``land``: ``rawcopy`` COPYs into the load's partition,
``rawparts``, and ``normalise`` rewrites what Excel or pandas respelt); which
one a file is, is told by its first bytes. ``sql/``: its staging models, its
quarantine rules, the normalising queries and those that date a load by its
newest Updated At.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from chargewatch.sources.afdc import api_json, export_csv, quality
from chargewatch.sources.afdc.export_csv import AfdcHeader
from chargewatch.sources.afdc.land import AfdcFile
from chargewatch.sources.base import Source
from chargewatch.sources.container import Body

if TYPE_CHECKING:
    import click

    from chargewatch.warehouse.connect import Connection

SOURCE = "afdc"


class Afdc(Source):
    """The AFDC station registry: CSV exports and API responses (JSON, GeoJSON)."""

    name = SOURCE
    title = "the US Alternative Fuels Data Center (AFDC)"
    raw_table = "afdc_station"
    id_column = "ID"
    skipped_as = "other fuels"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "name": ("Station Name",),
        "street_address": ("Street Address",),
        "city": ("City",),
        "state": ("State",),
        "zip": ("ZIP",),
        "country": ("Country",),
        "latitude": ("Latitude",),
        "longitude": ("Longitude",),
        "status": ("Status Code",),
        "expected_date": ("Expected Date",),
        "access": ("Access Code", "Groups With Access Code"),
        "access_detail_code": ("Access Detail Code",),
        "groups_with_access": ("Groups With Access Code",),
        "restricted_access": ("Restricted Access",),
        "facility_type": ("Facility Type",),
        "owner_type": ("Owner Type Code",),
        "network": ("EV Network",),
        "level1_port_count": ("EV Level1 EVSE Num",),
        "level2_port_count": ("EV Level2 EVSE Num",),
        "dc_fast_port_count": ("EV DC Fast Count",),
        "connector_types": ("EV Connector Types",),
        "hours": ("Access Days Time",),
        "open_date": ("Open Date",),
        "date_last_confirmed": ("Date Last Confirmed",),
        "updated_at": ("Updated At",),
    }

    def recognises(self, head: bytes) -> bool:
        """Any text file: the AFDC reader is the one that explains what a CSV lacks, so
        it is asked last (see the registry)."""
        return True

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> AfdcFile:
        return AfdcFile(read_header(body, label, columns))

    def missing_fields(
        self, conn: Connection, load_id: int, limit: int
    ) -> list[dict[str, Any]] | None:
        return quality.missing_fields(conn, load_id, limit)

    def pull_command(self) -> click.Command:
        from chargewatch.sources.afdc.pull import command

        return command


def read_header(body: Body, label: str, columns: Mapping[str, int] | None = None) -> AfdcHeader:
    """The header of an AFDC CSV export, or the field names of an AFDC API response;
    ``DataError`` if the file is neither."""
    with body.open() as stream:
        head = stream.read(export_csv.SNIFF_BYTES)
    with body.open() as stream:
        if api_json.looks_like_json(head):
            return api_json.read_header(stream, label)
        return export_csv.read_header(stream, label, columns)
