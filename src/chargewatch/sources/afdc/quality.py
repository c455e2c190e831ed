"""What the quality report says of an AFDC load's own columns: those most often empty."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.sources.afdc import export_csv
from chargewatch.sources.base import most_often_empty
from chargewatch.warehouse.connect import Connection

MODEL_HEADERS = (
    "Station Name",
    "Street Address",
    "City",
    "State",
    "ZIP",
    "Latitude",
    "Longitude",
    "Status Code",
    "Access Code",
    "Groups With Access Code",
    "Access Days Time",
    "Facility Type",
    "Owner Type Code",
    "EV Network",
    "EV Connector Types",
    "Open Date",
    "Date Last Confirmed",
    "Updated At",
)
"""AFDC columns whose empty value leaves a station attribute unknown (port counts
and Expected Date are empty by design for many stations, so they are not here)."""


def missing_fields(conn: Connection, load_id: int, limit: int) -> list[dict[str, Any]] | None:
    """Model columns most often empty in the load's records (None if its header is unknown)."""
    row = conn.execute(
        "select source_columns from core.load where load_id = %s", (load_id,)
    ).fetchone()
    model = {export_csv.raw_column(h) for h in MODEL_HEADERS}
    headers = [h for h in (row[0] if row and row[0] else []) if export_csv.raw_column(h) in model]
    if not headers:
        return None
    empty = [
        sql.SQL("count(*) filter (where nullif(btrim({}), '') is null)").format(
            sql.Identifier(str(export_csv.raw_column(h)))
        )
        for h in headers
    ]
    counts = conn.execute(
        sql.SQL(
            "select count(*), {} from raw.afdc_station "
            "where load_id = %s and core.is_afdc_elec(fuel_type_code) and not quarantined"
        ).format(sql.SQL(", ").join(empty)),
        (load_id,),
    ).fetchone()
    assert counts is not None
    return most_often_empty(headers, counts[0], tuple(counts[1:]), limit)
