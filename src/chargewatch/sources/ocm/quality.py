"""What the quality report says of an OCM load's own fields: those most often empty."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.sources.base import most_often_empty
from chargewatch.warehouse.connect import Connection

MODEL_FIELDS = {
    "AddressInfo.Title": "title",
    "AddressInfo.AddressLine1": "address_line1",
    "AddressInfo.Town": "town",
    "AddressInfo.StateOrProvince": "state_or_province",
    "AddressInfo.Postcode": "postcode",
    "OperatorID": "operator",
    "UsageTypeID": "usage_type_id",
    "StatusTypeID": "status_type_id",
    "Connections": "connector_codes",
    "DateLastStatusUpdate": "date_last_status_update",
    "DateLastVerified": "date_last_verified",
}
"""OCM fields whose empty value leaves a station attribute unknown, and their raw column
(an unknown operator, status type 0 and usage type 0 count as empty: they say nothing)."""

_EMPTY = {
    "operator": "{c} is null or {c} = '(Unknown Operator)'",
    "usage_type_id": "{c} is null or {c} = '0'",
    "status_type_id": "{c} is null or {c} = '0'",
    "connector_codes": "{c} = ''",
}


def missing_fields(conn: Connection, load_id: int, limit: int) -> list[dict[str, Any]]:
    """The fields most often empty in the load's loaded POIs, most first."""
    terms = [
        sql.SQL("count(*) filter (where {})").format(
            sql.SQL(_EMPTY.get(column, "{c} is null")).format(c=sql.Identifier(column))
        )
        for column in MODEL_FIELDS.values()
    ]
    row = conn.execute(
        sql.SQL(
            "select count(*), {} from raw.ocm_poi where load_id = %s and in_scope and not quarantined"
        ).format(sql.SQL(", ").join(terms)),
        (load_id,),
    ).fetchone()
    assert row is not None
    return most_often_empty(list(MODEL_FIELDS), row[0], tuple(row[1:]), limit)
