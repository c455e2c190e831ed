"""``chargewatch db``: look after the warehouse."""

from __future__ import annotations

import click

from chargewatch.cli.common import settings_from, warehouse
from chargewatch.warehouse.status import warehouse_status


@click.group()
def db() -> None:
    """Inspect the PostgreSQL warehouse (embedded or CHARGEWATCH_DATABASE_URL)."""


@db.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Show the server, schema version, loads and row counts.

    Migrations are applied automatically; this also brings an older database
    up to date.

    \b
    Example:
      chargewatch db status
    """
    settings = settings_from(ctx)
    with warehouse(ctx) as conn:
        info = warehouse_status(conn)
    current = "up to date" if info.is_current else f"latest is {info.latest_schema_version}"
    lines = [
        f"database:        {settings.describe_database()}",
        f"server:          PostgreSQL {info.server_version}",
        f"schema version:  {info.schema_version} ({current})",
        f"lake:            {settings.lake}",
        f"loads:           {info.loads} loaded, latest snapshot {info.latest_as_of or '—'}",
        "rows:",
        *(f"  {table:<20} {count:>10,}" for table, count in info.row_counts.items()),
    ]
    click.echo("\n".join(lines))
