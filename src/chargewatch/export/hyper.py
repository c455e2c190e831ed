"""A Tableau Hyper extract of the reporting views (``chargewatch export tableau --hyper``).

Each exported view becomes a table of the same name in the extract's
``Extract`` schema, with its columns in order and typed: PostgreSQL types map
to Hyper's (``HYPER_TYPES``), anything else (arrays) is written as text.
Rows stream from a server-side cursor into Hyper's inserter, so memory stays
flat at any size. Needs ``tableauhyperapi`` (``pip install 'chargewatch[tableau]'``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection

VIEWS = (
    "station", "station_kpi_history", "snapshot_change", "outage", "capacity_loss", "load",
    "port_uptime_month", "port_outage", "area_coverage", "state_coverage", "coverage_trend",
    "session", "port_day", "station_hour_of_week", "forecast", "feed_outage", "anomaly",
    "maintenance_score",
)  # fmt: skip
"""The reporting views an extract holds."""

HYPER_TYPES = {
    "text": "text",
    "character varying": "text",
    "integer": "int",
    "smallint": "small_int",
    "bigint": "big_int",
    "double precision": "double",
    "real": "double",
    "numeric": "double",
    "boolean": "bool",
    "date": "date",
    "timestamp with time zone": "timestamp_tz",
    "timestamp without time zone": "timestamp",
}
BATCH = 10_000


def write_hyper(
    conn: Connection, path: Path, log_dir: Path, views: tuple[str, ...] = VIEWS
) -> dict[str, int]:
    """Write ``views`` to a new extract at ``path`` (replacing it); returns rows per table.

    The Hyper engine writes its log (``hyperd.log``) to ``log_dir``, not to the
    current folder."""
    hyper = _hyper_api()
    written = {}
    telemetry = hyper.Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU
    log_dir.mkdir(parents=True, exist_ok=True)
    with (
        hyper.HyperProcess(telemetry=telemetry, parameters={"log_dir": str(log_dir)}) as process,
        hyper.Connection(process.endpoint, str(path), hyper.CreateMode.CREATE_AND_REPLACE) as out,
    ):
        out.catalog.create_schema("Extract")
        for view in views:
            columns = _columns(conn, view)
            table = hyper.TableDefinition(
                hyper.TableName("Extract", view),
                [hyper.TableDefinition.Column(n, _sql_type(hyper, t)) for n, t in columns],
            )
            out.catalog.create_table(table)
            with hyper.Inserter(out, table) as inserter:
                count = 0
                for batch in _rows(conn, view, columns):
                    inserter.add_rows(batch)
                    count += len(batch)
                inserter.execute()
            written[view] = count
    return written


def _hyper_api() -> Any:
    try:
        import tableauhyperapi
    except ImportError as exc:
        raise ConfigError(
            "writing a Hyper extract needs the Tableau Hyper API: "
            "pip install 'chargewatch[tableau]'"
        ) from exc
    return tableauhyperapi


def _columns(conn: Connection, view: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'reporting' and table_name = %s order by ordinal_position",
        (view,),
    ).fetchall()
    if not rows:
        raise ConfigError(f"reporting.{view} does not exist; run chargewatch db migrate")
    return [(str(name), str(kind)) for name, kind in rows]


def _sql_type(hyper: Any, postgres_type: str) -> Any:
    return getattr(hyper.SqlType, HYPER_TYPES.get(postgres_type, "text"))()


def _rows(conn: Connection, view: str, columns: list[tuple[str, str]]) -> Iterator[list[list[Any]]]:
    """The view's rows in batches, values converted to what the Hyper inserter takes."""
    as_text = [HYPER_TYPES.get(kind) is None for _, kind in columns]
    as_float = [kind == "numeric" for _, kind in columns]
    query = sql.SQL("select * from reporting.{}").format(sql.Identifier(view))
    with conn.transaction(), conn.cursor(name=f"export_{view}") as cur:
        cur.execute(query)
        while batch := cur.fetchmany(BATCH):
            yield [
                [_value(v, text, flt) for v, text, flt in zip(row, as_text, as_float, strict=True)]
                for row in batch
            ]


def _value(value: Any, as_text: bool, as_float: bool) -> Any:
    if value is None:
        return None
    if as_text:
        return value if isinstance(value, str) else str(value)
    if as_float or isinstance(value, Decimal):
        return float(value)
    return value
