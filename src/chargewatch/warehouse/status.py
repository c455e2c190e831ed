"""What the warehouse holds: server, schema version, loads and row counts."""

from __future__ import annotations

from dataclasses import dataclass

from chargewatch.sources.registry import SOURCES
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.migrate import migrations, schema_version, stale_parts

COUNTED_TABLES = (
    *(f"raw.{source.raw_table}" for source in SOURCES),
    "core.load",
    "core.station",
    "core.station_version",
    "core.quarantine",
    "core.hours_text",
)


@dataclass(frozen=True)
class WarehouseStatus:
    server_version: str
    schema_version: int | None
    latest_schema_version: int
    loads: int
    latest_as_of: str | None
    row_counts: dict[str, int]
    build_stale: list[str]
    """Parts of the build (core objects, reporting views) older than this code."""

    @property
    def is_current(self) -> bool:
        return self.schema_version == self.latest_schema_version


def _count(conn: Connection, table: str) -> int:
    row = conn.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def warehouse_status(conn: Connection) -> WarehouseStatus:
    version = conn.execute("show server_version").fetchone()
    loads = conn.execute(
        "select count(*), max(as_of_date)::text from core.load where status = 'loaded'"
    ).fetchone()
    counts = {table: _count(conn, table) for table in COUNTED_TABLES}
    return WarehouseStatus(
        server_version=str(version[0]) if version else "?",
        schema_version=schema_version(conn),
        latest_schema_version=migrations()[-1][0],
        loads=int(loads[0]) if loads else 0,
        latest_as_of=loads[1] if loads else None,
        row_counts=counts,
        build_stale=stale_parts(conn),
    )
