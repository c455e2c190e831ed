"""ChargePoint session exports, as cities publish them (the City of Palo Alto's): one
line per plug-in, local start and end times to the minute with their zone's
abbreviation (``7/29/2011 20:17`` and ``PDT``), ``Total Duration`` (plugged in) and
``Charging Time`` as ``H:MM:SS``, ``Energy (kWh)``, ``Ended By``, the station and
port, and a user ID that is kept only hashed.

Times are to the minute, so a session ends at its start plus its Total Duration
(to the second) where that is given, else at its End Date. A session is identified
by the station's MAC address and its ``Plug In Event Id``
(the event ID alone repeats across stations). ``tables/time_zones.csv`` gives each
abbreviation's UTC offset and zone; a time whose zone is not in it, or that is not
M/D/YYYY H:MM, is kept as written so that the load quarantines it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

from chargewatch.sources.base import package_table
from chargewatch.sources.sessions import SessionLayout, SessionSource

LAYOUT = SessionLayout(
    raw_table="chargepoint_session",
    columns={
        "station_name": "Station Name",
        "mac_address": "MAC Address",
        "org_name": "Org Name",
        "start_date": "Start Date",
        "start_time_zone": "Start Time Zone",
        "end_date": "End Date",
        "end_time_zone": "End Time Zone",
        "total_duration": "Total Duration (hh:mm:ss)",
        "charging_time": "Charging Time (hh:mm:ss)",
        "energy_kwh": "Energy (kWh)",
        "port_type": "Port Type",
        "port_number": "Port Number",
        "ended_by": "Ended By",
        "plug_in_event_id": "Plug In Event Id",
        "latitude": "Latitude",
        "longitude": "Longitude",
        "state": "State/Province",
    },
    required=(
        "Station Name",
        "MAC Address",
        "Start Date",
        "Start Time Zone",
        "End Date",
        "End Time Zone",
        "Energy (kWh)",
        "Plug In Event Id",
    ),
    derived=("plug_in_text", "plug_out_text", "time_zone"),
    user="User ID",
)


@cache
def zones() -> dict[str, tuple[str, str]]:
    """Abbreviation → (UTC offset, zone)."""
    rows = package_table(__name__, "time_zones")
    return {r["abbreviation"]: (r["utc_offset"], r["zone"]) for r in rows}


LOCAL_TIME = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})\s*")


def iso_local(value: str, abbreviation: str) -> str:
    """``7/29/2011 20:17`` in ``PDT`` as ``2011-07-29T20:17:00-07:00``; the text as
    written when it is not M/D/YYYY H:MM or the zone is unknown. A day the calendar
    lacks (2/30) is left for the load to quarantine, as PostgreSQL will not read it."""
    zone = zones().get(abbreviation.strip().upper())
    found = LOCAL_TIME.fullmatch(value)
    if zone is None or found is None:
        return value
    month, day, year, hour, minute = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{minute}:00{zone[0]}"


class ChargePoint(SessionSource):
    """ChargePoint session exports (such as the City of Palo Alto's)."""

    name = "chargepoint"
    title = "ChargePoint session export"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "Plug In Event Id"
    skipped_as = "not sessions"
    names = ("Plug In Event Id", "Start Date", "End Date", "Energy (kWh)")
    time_format = (
        "expected M/D/YYYY H:MM and a zone abbreviation that tables/time_zones.csv lists, "
        "e.g. 7/29/2011 20:17 PDT"
    )

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"Plug In Event Id" in first and b"Start Time Zone" in first

    def derive(self, record: Mapping[str, str], label: str, line: int) -> Sequence[str]:
        start_zone = (record.get("Start Time Zone") or "").strip().upper()
        return (
            iso_local(record.get("Start Date") or "", start_zone),
            iso_local(record.get("End Date") or "", record.get("End Time Zone") or ""),
            zones().get(start_zone, ("", ""))[1],
        )
