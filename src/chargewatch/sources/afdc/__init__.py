"""The US Alternative Fuels Data Center (AFDC) station registry, in every shape users have it.

``export_csv``: the station locator's CSV export (and copies of it: the DOT's
upper-case headers, files saved from the API's field names, re-saves by Excel
or pandas), read by header name. ``api_json``: the AFDC API's JSON (``all``,
``nearest``, ``get``) and GeoJSON. ``header_aliases.csv``: the API field names
that differ from their CSV header in more than spelling. Both shapes land in
``raw.afdc_station``; which one a file is, is told by its first bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from chargewatch.sources.afdc import api_json, export_csv
from chargewatch.sources.afdc.export_csv import AfdcHeader
from chargewatch.sources.container import Body

SOURCE = "afdc"


def read_header(body: Body, label: str, columns: Mapping[str, int] | None = None) -> AfdcHeader:
    """The header of an AFDC CSV export, or the field names of an AFDC API response;
    ``DataError`` if the file is neither."""
    with body.open() as stream:
        head = stream.read(export_csv.SNIFF_BYTES)
    with body.open() as stream:
        if api_json.looks_like_json(head):
            return api_json.read_header(stream, label)
        return export_csv.read_header(stream, label, columns)
