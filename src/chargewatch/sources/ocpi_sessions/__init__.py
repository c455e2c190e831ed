"""OCPI 2.2.1 Sessions and CDRs: what a CPO's ``GET /sessions`` and ``GET /cdrs`` give
(or pushes of them), one JSON object per session, a bare object, an array of them,
or the OCPI response envelope (``{"data": [...], "status_code": 1000}``).

A session is identified within its CPO (``country_code`` and ``party_id``): a
Session by its ``id``, a CDR by the ``session_id`` it closes (its own ``id`` when
it names none), so that the CDR of a Session loaded later replaces it. Times are
UTC; energy is ``kwh`` (a Session) or ``total_energy`` (a CDR); a CDR's charging
time is its ``total_time`` less its ``total_parking_time``. Sessions not yet
``COMPLETED`` (ACTIVE, PENDING, RESERVATION, INVALID) are skipped: they are not
finished charging sessions. The token's ``uid`` is kept only hashed.
"""

from __future__ import annotations

from typing import Any

from chargewatch.errors import DataError
from chargewatch.sources.sessions import JsonSessionSource, Record, SessionLayout, is_json

LAYOUT = SessionLayout(
    raw_table="ocpi_session",
    columns={
        "country_code": "country_code",
        "party_id": "party_id",
        "record_id": "id",
        "cdr_session_id": "session_id",
        "start_date_time": "start_date_time",
        "end_date_time": "end_date_time",
        "kwh": "kwh",
        "total_energy": "total_energy",
        "total_time": "total_time",
        "total_parking_time": "total_parking_time",
        "auth_method": "auth_method",
        "location_id": "location_id",
        "evse_uid": "evse_uid",
        "connector_id": "connector_id",
        "cdr_location_id": "cdr_location.id",
        "cdr_evse_uid": "cdr_location.evse_uid",
        "cdr_connector_id": "cdr_location.connector_id",
        "status": "status",
        "last_updated": "last_updated",
    },
    required=("id", "start_date_time"),
    user="cdr_token.uid",
)


class OcpiSessions(JsonSessionSource):
    """OCPI 2.2.1 Sessions and CDRs (charge detail records)."""

    name = "ocpi_sessions"
    title = "OCPI Sessions and CDRs (2.2.1)"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "id"
    skipped_as = "sessions not COMPLETED"
    names = ("id", "start_date_time", "end_date_time", "kwh or total_energy")
    time_format = "expected an OCPI DateTime in UTC, e.g. 2015-06-29T22:39:09Z"

    def recognises(self, head: bytes) -> bool:
        energy = b'"kwh"' in head or b'"total_energy"' in head
        return is_json(head) and b'"start_date_time"' in head and energy

    def items(self, document: Any, label: str) -> list[Any]:
        """The session objects of a document: an envelope's ``data``, an array, or one."""
        if isinstance(document, dict) and "data" in document and "start_date_time" not in document:
            document = document["data"]
        if isinstance(document, dict):
            return [document]
        if isinstance(document, list):
            return document
        raise DataError(f"{label}: neither OCPI Sessions nor CDRs (a JSON object or array)")

    def keeps(self, record: Record) -> bool:
        return record.get("status", "").strip().upper() in ("", "COMPLETED")
