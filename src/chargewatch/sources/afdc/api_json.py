"""AFDC API responses: the JSON of ``all``, ``nearest`` and ``get`` (every vintage since
2017), GeoJSON FeatureCollections, and a bare list of stations.

Each station object becomes a raw row like a CSV record: its field names are
matched as CSV headers are (``export_csv.raw_column``: ``ev_dc_fast_num`` is
``EV DC Fast Count``), values are written as the CSV export writes them
(``true``, ``J1772 CHADEMO``, empty for null), ``federal_agency`` is split into
its three columns and nested objects we do not model (``ev_charging_units``,
``ev_network_ids``) are kept whole in ``extra``. A record's line number is its
position in the response (1 for the first station).

The response is read as a stream: only one station is decoded at a time, so
the national ``all`` response (hundreds of MB) loads in flat memory.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from chargewatch.errors import DataError
from chargewatch.sources.afdc import export_csv
from chargewatch.sources.afdc.export_csv import AfdcHeader
from chargewatch.sources.jsonstream import JsonStream

STATION_LISTS = ("fuel_stations", "features")
"""Top-level keys whose array holds the stations (``features`` in GeoJSON)."""
ONE_STATION = "alt_fuel_station"
"""The top-level key of a ``get`` response."""
API_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
"""The API's Updated At, written as the CSV export writes it (``2025-12-12 03:48:18 UTC``)."""


def looks_like_json(head: bytes) -> bool:
    return head.lstrip(codecs.BOM_UTF8 + b" \r\n\t")[:1] in (b"{", b"[")


def read_header(stream: BinaryIO, label: str) -> AfdcHeader:
    """The field names of the first station, as a header; ``DataError`` if the response
    holds no station or its stations lack an ID or fuel type."""
    fields: list[str] = []
    first = next(stations(stream, label, fields), None)
    if first is None:
        found = ", ".join(fields[:8]) + (" …" if len(fields) > 8 else "") or "none"
        raise DataError(
            f"{label}: not an AFDC API response: no station in it (its top-level fields: "
            f"{found}; expected fuel_stations, alt_fuel_station or GeoJSON features)"
        )
    names = tuple(flatten(first))
    columns = tuple(export_csv.raw_column(name) for name in names)
    lacking = [h for h in export_csv.IDENTITY_HEADERS if export_csv.raw_column(h) not in columns]
    if lacking:
        missing = ", ".join(f'"{export_csv.column_name(h)}"' for h in lacking)
        found = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
        raise DataError(
            f"{label}: not an AFDC API response: its first station has no {missing} field "
            f"(found {found}); expected the JSON of the AFDC API's all, nearest or get"
        )
    known = [c for c in columns if c]
    if len(set(known)) < len(known):
        twice = sorted({n for n, c in zip(names, columns, strict=True) if c and known.count(c) > 1})
        raise DataError(f"{label}: fields that name one column: {', '.join(twice)}")
    return AfdcHeader(names, columns, 0, "utf-8", (), "json")


def stations(
    stream: BinaryIO, label: str, fields: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Each station object of the response, in order; the top-level field names read
    are added to ``fields``."""
    reader = JsonStream(stream, label)
    opening = reader.next_char()
    if opening == "[":
        yield from reader.array_items()
        return
    if opening != "{":
        raise DataError(f"{label}: not JSON: expected an object or a list")
    for key in reader.object_keys():
        if fields is not None:
            fields.append(key)
        if key in STATION_LISTS and reader.peek() == "[":
            reader.next_char()
            for item in reader.array_items():
                yield _feature_station(item) if key == "features" else item
        elif key == ONE_STATION:
            yield reader.value()
        else:
            reader.value()


def _feature_station(feature: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON feature's properties, with its point's coordinates when they lack them."""
    station = dict(feature.get("properties") or {})
    coordinates = (feature.get("geometry") or {}).get("coordinates") or []
    if len(coordinates) >= 2:
        station.setdefault("longitude", coordinates[0])
        station.setdefault("latitude", coordinates[1])
    return station


def flatten(station: dict[str, Any]) -> dict[str, Any]:
    """The station's fields as CSV columns: ``federal_agency`` split into its parts (null
    parts when it is null, so every station has the same columns), Updated At in the
    CSV's shape."""
    flat = dict(station)
    if "federal_agency" in flat:
        agency = flat.pop("federal_agency") or {}
        for part in ("id", "code", "name"):
            flat[f"federal_agency_{part}"] = agency.get(part)
    if isinstance(flat.get("updated_at"), str) and API_TIME.match(flat["updated_at"]):
        flat["updated_at"] = flat["updated_at"].replace("T", " ").removesuffix("Z") + " UTC"
    return flat


def csv_value(value: Any) -> str | None:
    """A JSON value as the CSV export writes it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        return " ".join(str(v) for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows(stream: BinaryIO, header: AfdcHeader, label: str) -> Iterator[list[str | int | None]]:
    """Each station as a COPY row ``[position, *known values, extra_json]``."""
    known = [(name, col) for name, col in zip(header.names, header.columns, strict=True) if col]
    for position, station in enumerate(stations(stream, label), start=1):
        flat = flatten(station)
        row: list[str | int | None] = [position]
        row.extend(csv_value(flat.pop(name, None)) for name, _ in known)
        extra = {name: value for name, value in flat.items() if value is not None}
        row.append(json.dumps(extra, ensure_ascii=False) if extra else None)
        yield row
