"""OCPI Locations as stations: one row of ``raw.ocpi_location`` per Location that says
where it is, for ``core.station`` (source ``ocpi``) beside the EVSEs' statuses.

A Location is a station; each EVSE it lists, unless removed, is a port, counted
as DC fast when a connector is DC, Level 1 when every connector is single-phase
AC at 120 V or less, else Level 2. Connector standards become the registry's
codes where one exists (``tables/connectors.csv``), else stay as OCPI writes them.
A Location whose EVSEs are all removed is removed; all planned, planned; all
inoperative or out of order, temporarily unavailable; otherwise operational.
``publish`` false (a Location shown only to some drivers) is private access.
A push of one EVSE carries no Location fields and gives no station row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from chargewatch.sources.base import package_table
from chargewatch.sources.ocpi.locations import as_text, locations_of, ocpi_time

LOCATION_COLUMNS = (
    "line_number", "country_code", "party_id", "location_id", "name", "address", "city",
    "postal_code", "state", "country", "latitude", "longitude", "operator", "parking_type",
    "hours_text", "connector_text", "level1_ports", "level2_ports", "dc_fast_ports",
    "evse_statuses", "status", "access", "in_scope", "last_updated", "updated_at",
)  # fmt: skip
WHERE_FIELDS = ("coordinates", "address", "name", "city")
"""A Location object with none of these is a status push, not a description of the place."""
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


@cache
def connector_codes() -> dict[str, str]:
    """OCPI connector standards → the registry's connector codes (``tables/connectors.csv``)."""
    return {row["standard"]: row["code"] for row in package_table(__package__, "connectors")}


def location_rows(document: Any) -> list[list[Any]]:
    """Each Location of the document that describes its place, as a row
    (``LOCATION_COLUMNS``); the last of a repeated id stands for it."""
    places, _ = locations_of(document)
    found: dict[tuple[Any, Any, str], list[Any]] = {}
    for number, place in enumerate(places, 1):
        if isinstance(place, dict) and place.get("id") and _describes(place):
            key = (place.get("country_code"), place.get("party_id"), str(place["id"]))
            found.pop(key, None)
            found[key] = _row(place, number)
    return list(found.values())


def _describes(place: Mapping[str, Any]) -> bool:
    return any(place.get(name) is not None for name in WHERE_FIELDS)


def _row(place: Mapping[str, Any], number: int) -> list[Any]:
    evses = [e for e in place.get("evses") or [] if isinstance(e, dict)]
    statuses = sorted({str(e.get("status")) for e in evses if e.get("status")})
    ports = [e for e in evses if e.get("status") != "REMOVED"]
    levels = [_level(e) for e in ports]
    spot = place.get("coordinates")
    spot = spot if isinstance(spot, dict) else {}
    status = _station_status({str(e.get("status")) for e in ports if e.get("status")}, evses)
    operator = place.get("operator")
    return [
        number, place.get("country_code"), place.get("party_id"), str(place["id"]),
        place.get("name"), place.get("address"), place.get("city"), place.get("postal_code"),
        place.get("state"), place.get("country"), as_text(spot.get("latitude")),
        as_text(spot.get("longitude")),
        operator.get("name") if isinstance(operator, dict) else None,
        place.get("parking_type") or place.get("type"), _hours(place.get("opening_times")),
        _connector_text(ports), levels.count(1), levels.count(2), levels.count(3),
        " ".join(statuses), status, _access(place.get("publish")), status != "removed",
        place.get("last_updated"), ocpi_time(place.get("last_updated")),
    ]  # fmt: skip


def _level(evse: Mapping[str, Any]) -> int:
    """3 for DC fast, 1 for Level 1, 2 for Level 2."""
    connectors = [c for c in evse.get("connectors") or [] if isinstance(c, dict)]
    kinds = {str(c.get("power_type") or "") for c in connectors}
    if any(kind.startswith("DC") for kind in kinds):
        return 3
    volts = [c.get("max_voltage") or c.get("voltage") for c in connectors]
    low = all(isinstance(v, int | float) and v <= 120 for v in volts)
    return 1 if connectors and kinds == {"AC_1_PHASE"} and low else 2


def _connector_text(evses: Sequence[Mapping[str, Any]]) -> str:
    standards = {
        str(c.get("standard"))
        for e in evses
        for c in e.get("connectors") or []
        if isinstance(c, dict) and c.get("standard")
    }
    return " ".join(sorted({connector_codes().get(s, s) for s in standards}))


def _station_status(statuses: set[str], evses: list[dict[str, Any]]) -> str:
    """From the statuses of the EVSEs not removed; removed when every EVSE is."""
    if not statuses:
        return "removed" if evses else "unknown"
    for status, codes in (
        ("planned", {"PLANNED"}),
        ("temporarily_unavailable", {"INOPERATIVE", "OUTOFORDER"}),
    ):
        if statuses <= codes:
            return status
    return "operational"


def _access(publish: Any) -> str:
    if not isinstance(publish, bool):
        return "unknown"
    return "public" if publish else "private"


def _hours(opening: Any) -> str | None:
    """OCPI opening times as text the hours parser reads (``MON: 7:00am-6:00pm; …``)."""
    if not isinstance(opening, dict):
        return None
    if opening.get("twentyfourseven"):
        return "24 hours daily"
    periods = []
    for period in opening.get("regular_hours") or []:
        day = period.get("weekday") if isinstance(period, dict) else None
        if isinstance(day, int) and 1 <= day <= 7:
            begin, end = _clock(period.get("period_begin")), _clock(period.get("period_end"))
            if begin and end:
                periods.append(f"{WEEKDAYS[day - 1]}: {begin}-{end}")
    return "; ".join(periods) or None


def _clock(value: Any) -> str | None:
    """``18:00`` → ``6:00pm``; ``24:00`` is midnight at the day's end."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return None
    hours, minutes = value[:2], value[3:]
    if not (hours.isdigit() and minutes.isdigit()) or int(hours) > 24 or int(minutes) > 59:
        return None
    hour = int(hours) % 24
    return f"{(hour - 1) % 12 + 1}:{minutes}{'am' if hour < 12 else 'pm'}"
