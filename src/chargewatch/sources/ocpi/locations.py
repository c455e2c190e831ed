"""OCPI Locations as rows of ``raw.ocpi_evse``: one per EVSE, every problem found.

A file holds Locations in any of the shapes they travel in: one Location, a list
of them, an OCPI response (``{"data": [...], "status_code": 1000, "timestamp":
...}``) or a page of them (``{"content": [...]}``). The file's time is the
response's ``timestamp``, else its newest ``last_updated``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from chargewatch.sources.base import package_table
from chargewatch.times import iso_time

ROW_COLUMNS = (
    "line_number", "country_code", "party_id", "location_id", "evse_uid", "evse_id",
    "evse_status", "last_updated", "location_name", "city", "latitude", "longitude",
    "connectors", "power_kw", "updated_at", "taken_at", "status", "operator", "state",
)  # fmt: skip


@cache
def statuses() -> dict[str, str]:
    """OCPI EVSE statuses → canonical port statuses (``tables/status.csv``)."""
    return {row["code"]: row["status"] for row in package_table(__package__, "status")}


def ocpi_time(value: Any) -> datetime | None:
    """An OCPI DateTime (ISO 8601, always UTC: when no zone is written too); None if it is
    not one."""
    moment = iso_time(value) if isinstance(value, str) and value else None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def locations_of(document: Any) -> tuple[list[Any], datetime | None]:
    """The Locations a document holds and the response's own time, if it gives one."""
    if isinstance(document, list):
        return document, None
    if not isinstance(document, dict):
        return [], None
    for key in ("data", "content"):
        if key in document:
            held = document[key]
            found = held if isinstance(held, list) else [held] if held else []
            return found, ocpi_time(document.get("timestamp"))
    return [document], None


def evse_rows(document: Any, label: str, problems: list[str]) -> list[list[Any]]:
    """Every EVSE of the document's Locations as a row (``ROW_COLUMNS``), the file's
    time filled in; problems are added to ``problems``."""
    locations, stamped = locations_of(document)
    rows = [row for n, place in enumerate(locations, 1) for row in _rows(place, n, label, problems)]
    for number, row in enumerate(rows, 1):
        row[0] = number
    times = [row[14] for row in rows if row[14] is not None]
    taken = stamped or (max(times) if times else None)
    if rows and taken is None:
        problems.append(f"{label}: no EVSE has a last_updated, so the file has no time")
    for row in rows:
        row[15] = taken
    return rows


def _rows(place: Any, number: int, label: str, problems: list[str]) -> Iterator[list[Any]]:
    where = f"{label}, Location {number}"
    if not isinstance(place, dict) or not place.get("id"):
        problems.append(f"{where}: no id; expected an OCPI Location object with an id")
        return
    where = f"{label}, Location {place['id']}"
    evses = place.get("evses") or []
    if not isinstance(evses, list):
        problems.append(f"{where}, evses: expected a list of EVSE objects")
        return
    for evse in evses:
        row = evse_row(place, evse, where, problems)
        if row is not None:
            yield row


def evse_row(
    place: Mapping[str, Any], evse: Any, where: str, problems: list[str]
) -> list[Any] | None:
    """One EVSE of a Location as a row, or None with its problems added."""
    if not isinstance(evse, dict) or not evse.get("uid"):
        problems.append(f"{where}: an EVSE without a uid")
        return None
    where = f"{where}, EVSE {evse['uid']}"
    status = evse.get("status")
    if status not in statuses():
        known = ", ".join(statuses())
        problems.append(f"{where}, status: {status!r} is not an OCPI EVSE status ({known})")
        return None
    updated = ocpi_time(evse.get("last_updated"))
    if evse.get("last_updated") is not None and updated is None:
        problems.append(f"{where}, last_updated: {evse['last_updated']!r} is not a DateTime")
        return None
    spot = place.get("coordinates") or {}
    return [
        None, place.get("country_code"), place.get("party_id"), str(place["id"]),
        str(evse["uid"]), evse.get("evse_id"), status, evse.get("last_updated"),
        place.get("name"), place.get("city"), as_text(spot.get("latitude")),
        as_text(spot.get("longitude")), _connectors(evse), _power_kw(evse), updated, None,
        statuses()[status], _operator(place), place.get("state"),
    ]  # fmt: skip


def _operator(place: Mapping[str, Any]) -> str | None:
    operator = place.get("operator")
    name = operator.get("name") if isinstance(operator, dict) else None
    return str(name) if name else None


def as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _connectors(evse: Mapping[str, Any]) -> str | None:
    standards = [c.get("standard") for c in evse.get("connectors") or [] if isinstance(c, dict)]
    return ", ".join(sorted({s for s in standards if s})) or None


def _power_kw(evse: Mapping[str, Any]) -> float | None:
    """The largest connector's power: ``max_electric_power`` (W), else volts times amps."""
    found = []
    for connector in evse.get("connectors") or []:
        if not isinstance(connector, dict):
            continue
        watts = connector.get("max_electric_power")
        if watts is None:
            volts = connector.get("max_voltage") or connector.get("voltage")
            amps = connector.get("max_amperage") or connector.get("amperage")
            three = connector.get("power_type") == "AC_3_PHASE"
            watts = volts * amps * (3 if three else 1) if volts and amps else None
        if isinstance(watts, int | float):
            found.append(watts / 1000)
    return max(found) if found else None
