"""Open Charge Map POIs (points of interest: one charging location each) → raw rows.

Three shapes are read, told apart by content: the API's verbose JSON (nested
``AddressInfo.Country``, ``OperatorInfo``, ``StatusType`` …), its compact JSON
(only IDs: ``StatusTypeID``, ``CountryID``, ``OperatorID``, decoded here with
the reference lookups in ``tables/``), and the data export's JSON lines (one
verbose POI per line, dates as ``{"$date": …}``). A POI's line number is its
position in the file (1 for the first).

Each raw row keeps the POI's own values as text (IDs and their titles) and,
beside them, what the package's tables map them to: canonical status and
access, the state's two-letter code for US and Canadian POIs, connector codes
and port counts by level. Mapped values never overwrite the POI's own.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, BinaryIO

from chargewatch.errors import DataError
from chargewatch.sources.jsonstream import JsonStream
from chargewatch.sources.ocm import tables

RAW_COLUMNS: tuple[str, ...] = (
    "line_number", "id", "uuid", "data_provider_id", "operator_id", "operator",
    "usage_type_id", "usage_type", "status_type_id", "status_type", "submission_status_type_id",
    "title", "address_line1", "address_line2", "town", "state_or_province", "postcode",
    "country_id", "country_iso", "latitude", "longitude", "access_comments",
    "number_of_points", "connections", "date_created", "date_last_status_update",
    "date_last_confirmed", "date_last_verified", "date_planned",
    "in_scope", "status", "access", "state", "connector_codes", "level1_ports",
    "level2_ports", "dc_fast_ports",
)  # fmt: skip
"""The columns of ``raw.ocm_poi`` a POI fills, in row order."""

DATE_FIELDS = (
    "DateCreated", "DateLastStatusUpdate", "DateLastConfirmed", "DateLastVerified", "DatePlanned",
)  # fmt: skip
_END = object()
ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|\+00:00)?$")
"""OCM's times, written as the canonical ``2024-05-14 21:31:02 UTC`` (other text is kept
as it is, for the quarantine rules to name)."""


def looks_like_pois(head: bytes) -> bool:
    """JSON whose first object has OCM's address block and one of its ID fields."""
    text = head.lstrip(codecs.BOM_UTF8 + b" \r\n\t")
    if text[:1] not in (b"[", b"{"):
        return False
    return b'"AddressInfo"' in head and any(
        key in head for key in (b'"UUID"', b'"UsageTypeID"', b'"DataProviderID"', b'"Connections"')
    )


def pois(stream: BinaryIO, label: str) -> Iterator[dict[str, Any]]:
    """Each POI of a JSON list, or of JSON lines (or one POI alone), in order."""
    reader = JsonStream(stream, label)
    if reader.peek() == "[":
        reader.next_char()
        yield from _objects(reader.array_items(), label)
        return
    values = iter(lambda: reader.value() if reader.peek() else _END, _END)
    yield from _objects(values, label)


def _objects(items: Iterator[Any], label: str) -> Iterator[dict[str, Any]]:
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DataError(
                f"{label}: item {position} is not a POI object but {type(item).__name__}; "
                "expected Open Charge Map POI JSON"
            )
        yield item


def first_poi(stream: BinaryIO, label: str) -> dict[str, Any]:
    """The file's first POI; ``DataError`` if it has none, or one without an ID."""
    first = next(pois(stream, label), None)
    if first is None:
        raise DataError(f"{label}: an Open Charge Map file with no POI in it; nothing to load")
    if first.get("ID") in (None, ""):
        found = ", ".join(list(first)[:8])
        raise DataError(
            f"{label}: its first POI has no ID (found {found}); expected Open Charge Map "
            "POI JSON (the API's /v3/poi or the data export)"
        )
    return first


def row(position: int, poi: dict[str, Any]) -> list[Any]:
    """One POI as a ``raw.ocm_poi`` row (``RAW_COLUMNS``)."""
    address = _mapping(poi.get("AddressInfo"))
    country = _text(_mapping(address.get("Country")).get("ISOCode")) or tables.country_iso(
        address.get("CountryID")
    )
    status = tables.status(poi.get("StatusTypeID"))
    live = tables.is_live(poi.get("SubmissionStatusTypeID"))
    usage_title = _text(_mapping(poi.get("UsageType")).get("Title"))
    ports = _ports(poi.get("Connections"))
    own = [
        _text(poi.get("ID")), _text(poi.get("UUID")), _text(poi.get("DataProviderID")),
        _text(poi.get("OperatorID")), operator(poi), _text(poi.get("UsageTypeID")),
        usage_title or tables.usage_title(poi.get("UsageTypeID")), _text(poi.get("StatusTypeID")),
        _text(_mapping(poi.get("StatusType")).get("Title")) or tables.status_title(
            poi.get("StatusTypeID")
        ),
        _text(poi.get("SubmissionStatusTypeID")), _text(address.get("Title")),
        _text(address.get("AddressLine1")), _text(address.get("AddressLine2")),
        _text(address.get("Town")), _text(address.get("StateOrProvince")),
        _text(address.get("Postcode")), _text(address.get("CountryID")), country,
        _text(address.get("Latitude")), _text(address.get("Longitude")),
        _text(address.get("AccessComments")), _text(poi.get("NumberOfPoints")),
        json.dumps(poi.get("Connections") or [], ensure_ascii=False),
        *(_time(poi.get(name)) for name in DATE_FIELDS),
    ]  # fmt: skip
    mapped = [
        status != "removed" and live,
        status,
        tables.access(poi.get("UsageTypeID"), usage_title),
        tables.state_code(country, _text(address.get("StateOrProvince"))),
        ports.connectors,
        *ports.counts,
    ]
    return [position, *own, *mapped]


def operator(poi: dict[str, Any]) -> str | None:
    """The network operator's name: verbose POIs carry it, compact ones only its ID."""
    return _text(_mapping(poi.get("OperatorInfo")).get("Title")) or tables.operator_title(
        poi.get("OperatorID")
    )


def newest_date(poi: dict[str, Any]) -> date | None:
    """The newest of the POI's dates (created, status updated, confirmed, verified)."""
    found = []
    for name in DATE_FIELDS[:4]:
        match = ISO_TIME.match(_text(poi.get(name)) or "")
        if match:
            try:
                found.append(date.fromisoformat(match[1]))
            except ValueError:
                continue
    return max(found, default=None)


class _Ports:
    def __init__(self) -> None:
        self.codes: set[str] = set()
        self.by_level = {"level1": 0, "level2": 0, "dc_fast": 0}

    @property
    def connectors(self) -> str:
        return " ".join(sorted(self.codes))

    @property
    def counts(self) -> list[str | None]:
        """Ports by level, empty for none (as AFDC writes them)."""
        return [str(n) if n else None for n in self.by_level.values()]


def _ports(connections: Any) -> _Ports:
    """Connector codes and connections by level (a connection's Quantity, else 1)."""
    ports = _Ports()
    for connection in connections if isinstance(connections, list) else []:
        item = _mapping(connection)
        code = tables.connector(item.get("ConnectionTypeID"))
        if code:
            ports.codes.add(code)
        level = _level(item)
        if level is not None:
            ports.by_level[level] += _quantity(item.get("Quantity"))
    return ports


def _level(connection: dict[str, Any]) -> str | None:
    """level1, level2 or dc_fast. OCM's level 3 is "over 40 kW", which includes AC: a
    connection that says its current is AC counts as level 2. A connection with no level
    is DC fast when its current is DC or its connector carries only DC."""
    level = tables.level(connection.get("LevelID"))
    current = connection.get("CurrentTypeID")
    if level == "dc_fast" and current is not None and current != tables.DC_CURRENT:
        return "level2"
    if level is None and (
        current == tables.DC_CURRENT or tables.is_dc_only(connection.get("ConnectionTypeID"))
    ):
        return "dc_fast"
    return level


def _quantity(value: Any) -> int:
    """A connection's Quantity when it is a whole number of 1 or more (2.0 included), else 1."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1:
        return int(value) if float(value).is_integer() else 1
    return 1


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _unwrapped(value: Any) -> Any:
    """A value without the data export's ``{"$date": …}`` wrapping (MongoDB's extended
    JSON; a ``{"$numberLong": …}`` date is milliseconds since 1970, made ISO)."""
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if key == "$numberLong":
            return _epoch_ms(inner)
        return _epoch_ms(inner) if key == "$date" and isinstance(inner, int) else _unwrapped(inner)
    return value


def _epoch_ms(value: Any) -> Any:
    try:
        moment = datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return value
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any) -> str | None:
    value = _unwrapped(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value).strip()
    return text or None


def _time(value: Any) -> str | None:
    text = _text(value)
    match = ISO_TIME.match(text or "")
    return f"{match[1]} {match[2]} UTC" if match else text
