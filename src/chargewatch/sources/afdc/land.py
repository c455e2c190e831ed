"""Land one AFDC file in ``raw.afdc_station``: COPY its records, rewrite the values other
tools respelt, and note what was read another way; the loader takes it from there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from psycopg import sql

from chargewatch.lake import LakeObject
from chargewatch.progress import Progress
from chargewatch.sources.afdc import export_csv, normalise, rawcopy, rawparts
from chargewatch.sources.afdc.export_csv import AfdcHeader
from chargewatch.sources.base import Landed
from chargewatch.sources.container import Body
from chargewatch.timing import timed
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import analyze_sample, one_row
from chargewatch.warehouse.sqlfiles import read_package_sql

RECORDS_BY_FUEL = {
    "records": sql.SQL("count(*)"),
    "skipped": sql.SQL(
        "count(*) filter (where not coalesce(core.is_afdc_elec(fuel_type_code), false))"
    ),
}
"""Counted by the normalising scan, so that a load with nothing quarantined need not
count its records again."""


@dataclass(frozen=True)
class AfdcFile:
    """An AFDC CSV export or API response whose header (or field names) checked out."""

    header: AfdcHeader

    @property
    def names(self) -> tuple[str, ...]:
        return self.header.names

    @property
    def absent(self) -> list[str]:
        return self.header.absent

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        rawparts.drop_abandoned_parts(conn)
        with timed("copy", load_id):
            read_path, rows_read, encoding = rawcopy.copy_records(
                conn, load_id, self.header, obj, body, progress
            )
        progress.step("validating and transforming")
        header = replace(self.header, encoding=encoding)
        with timed("normalise", load_id):
            normalised = normalise.normalise_load(
                conn,
                rawparts.partition(load_id),
                load_id,
                normalise.columns_of(header.header_of, export_csv.VALUE_KINDS),
                RECORDS_BY_FUEL,
            )
        with timed("analyze", load_id):
            analyze_sample(conn, rawparts.partition(load_id))
        with timed("newest update", load_id):
            newest = _newest_update(conn, load_id, normalised.newest)
        return Landed(read_path, rows_read, _notes(header), newest, normalised.also)


def _notes(header: AfdcHeader) -> list[tuple[str, str, str]]:
    """What else was read another way: an index column, a repeated column, the encoding."""
    notes = []
    if header.has_index_column:
        notes.append(
            (header.names[0], "index_column_ignored", "a leading unnamed column (pandas' index)")
        )
    if header.encoding != "utf-8":
        notes.append(("", "encoding", "the bytes are not UTF-8; read as Windows-1252 (cp1252)"))
    for twin in header.twins:
        kept = f'"{header.names[twin.kept]}" (column {twin.kept + 1})'
        why = f"chosen with --column: {kept}" if twin.chosen else f"the same values as {kept}"
        notes.append((header.names[twin.other], "repeated_column_ignored", why))
    return notes


def _newest_update(conn: Connection, load_id: int, newest: Mapping[str, Any]) -> Any:
    """The date of the load's newest Updated At: from normalising when every value has
    AFDC's own shape once rewritten, else from the load's values."""
    if "updated_at" in newest:
        usable, day = one_row(
            conn, _land_sql("newest_shaped_update"), {"newest": newest["updated_at"]}
        )
        if usable:
            return day
    params = {"load_id": load_id}
    usable, day = one_row(conn, _land_sql("newest_uniform_update"), params)
    if not usable:
        (day,) = one_row(conn, _land_sql("newest_update"), params)
    return day


def _land_sql(step: str) -> sql.SQL:
    return sql.SQL(read_package_sql("chargewatch.sources.afdc", "land", f"{step}.sql"))
