"""Caltech ACN-Data sessions: pages of its sessions API (``{"_items": [...], "_meta":
...}``) or the downloadable JSON (a bare array of the same records).

Each record is one plug-in at one EVSE: ``connectionTime``, ``disconnectTime`` and
``doneChargingTime`` as RFC 1123 dates in GMT (``Wed, 25 Apr 2018 11:08:04 GMT``),
``kWhDelivered``, ``sessionID``, the EVSE's ``stationID``, its parking ``spaceID``,
the ``siteID`` and its ``timezone``, and the driver's ``userID`` (null for
unclaimed sessions; also inside ``userInputs``), kept only hashed. Charging runs
from connection to ``doneChargingTime`` (to the disconnection when that is later
or absent); the rest of the plugged-in time is idle.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from email.utils import parsedate_to_datetime
from typing import Any

from chargewatch.errors import DataError
from chargewatch.sources.sessions import JsonSessionSource, Record, SessionLayout, is_json

LAYOUT = SessionLayout(
    raw_table="acn_session",
    columns={
        "session_id": "sessionID",
        "station_id": "stationID",
        "space_id": "spaceID",
        "site_id": "siteID",
        "connection_time": "connectionTime",
        "disconnect_time": "disconnectTime",
        "done_charging_time": "doneChargingTime",
        "kwh_delivered": "kWhDelivered",
        "time_zone": "timezone",
    },
    required=("sessionID", "connectionTime", "disconnectTime", "kWhDelivered"),
    derived=("plug_in_text", "plug_out_text", "done_text"),
    user="userID",
)


def iso_time(value: str) -> str:
    """``Wed, 25 Apr 2018 11:08:04 GMT`` as ``2018-04-25T11:08:04+00:00``; the text as
    written when it is not such a date (so that the load quarantines it)."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    return value if moment.tzinfo is None else moment.isoformat()


def with_user(record: dict[str, str]) -> dict[str, str]:
    """The record, its ``userID`` taken from the first of its ``userInputs`` when it
    has none of its own."""
    if not record.get("userID"):
        inputs = json.loads(record.get("userInputs") or "[]")
        first = inputs[0] if isinstance(inputs, list) and inputs else {}
        if isinstance(first, dict) and first.get("userID"):
            record["userID"] = str(first["userID"])
    return record


class Acn(JsonSessionSource):
    """Caltech ACN-Data charging sessions (API pages or JSON arrays)."""

    name = "acn"
    title = "Caltech ACN-Data sessions"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "sessionID"
    skipped_as = "not sessions"
    names = ("sessionID", "connectionTime", "disconnectTime", "kWhDelivered")
    time_format = "expected an RFC 1123 date, e.g. Wed, 25 Apr 2018 11:08:04 GMT"

    def recognises(self, head: bytes) -> bool:
        return is_json(head) and b'"connectionTime"' in head and b'"kWhDelivered"' in head

    def items(self, document: Any, label: str) -> list[Any]:
        """The records of an API page (``_items``) or of a bare array."""
        if isinstance(document, dict) and isinstance(document.get("_items"), list):
            return list(document["_items"])
        if isinstance(document, list):
            return document
        raise DataError(f"{label}: not ACN-Data sessions (an API page with _items, or an array)")

    def record(self, record: dict[str, str]) -> Record:
        return with_user(record)

    def derive(self, record: Record, label: str, line: int) -> Sequence[str]:
        return (
            iso_time(record.get("connectionTime", "")),
            iso_time(record.get("disconnectTime", "")),
            iso_time(record.get("doneChargingTime", "")),
        )
