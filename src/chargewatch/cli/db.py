"""``chargewatch db``: look after the warehouse."""

from __future__ import annotations

import click

from chargewatch.cli.common import progress_reporter, quiet_option, settings_from, warehouse
from chargewatch.warehouse.history import rebuild_all
from chargewatch.warehouse.roles import role_grants
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


@db.command("rebuild-history")
@quiet_option
@click.pass_context
def rebuild_history(ctx: click.Context, quiet: bool) -> None:
    """Rebuild the stations, their history and the KPI counts from every loaded snapshot.

    Applies each source's snapshots again in date order, in one transaction:
    readers see the old history until it is done. Loads wait meanwhile. Needed
    only after an upgrade from a version without history (whose history begins
    at the stations current then) or a fix to how history is built; loading
    files in any order never needs it.

    \b
    Example:
      chargewatch db rebuild-history
    """
    with warehouse(ctx) as conn, progress_reporter(quiet) as progress, conn.transaction():
        applied = rebuild_all(conn, progress)
    if not applied:
        click.echo("No loads yet; nothing to rebuild.")
    for source, snapshots in applied.items():
        click.echo(f"{source}: history rebuilt from {snapshots} snapshots")


@db.command("roles")
@click.pass_context
def roles(ctx: click.Context) -> None:
    """Show what the loader and reader roles may do, schema by schema.

    Migrations create two group roles: chargewatch_loader (writes raw, core
    and reporting) and chargewatch_reader (reads reporting only: give it to
    Tableau and the dashboard). Log in as a member, for example:

    \b
      create role tableau login password '...' in role chargewatch_reader;

    \b
    Example:
      chargewatch db roles
    """
    with warehouse(ctx) as conn:
        grants = role_grants(conn)
    if not grants:
        raise click.ClickException(
            "the chargewatch roles do not exist: the migrating user lacks CREATEROLE; "
            "grant it and run chargewatch db status"
        )
    for grant in grants:
        schema = ", ".join(grant.schema_privileges) or "no access"
        tables = ", ".join(grant.table_privileges) or "none"
        click.echo(
            f"{grant.role:<20} {grant.schema:<10} schema: {schema:<14} "
            f"tables and views: {tables} ({grant.tables})"
        )


@db.command("serve")
@click.option(
    "--port",
    default=5432,
    show_default=True,
    help="TCP port on 127.0.0.1 (at 5432 other commands keep working meanwhile).",
)
@click.pass_context
def serve(ctx: click.Context, port: int) -> None:
    """Let Tableau Desktop (or any PostgreSQL client) on this machine read the
    embedded warehouse, until you press Ctrl-C.

    The server listens on 127.0.0.1 as well as its socket; connections over TCP
    need a password. The chargewatch_tableau login (reader role: the reporting
    views only) gets a new random password, printed below, and is locked again
    when this stops.

    \b
    Example:
      chargewatch db serve
    """
    import signal
    import time

    from chargewatch.warehouse.expose import exposed

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with exposed(settings_from(ctx), port) as where:
        click.echo(
            f"Serving the warehouse read-only on {where.host}:{where.port} (Ctrl-C stops).\n"
            f"  host: {where.host}\n  port: {where.port}\n  database: {where.dbname}\n"
            f"  user: {where.user}\n  password: {where.password}\n"
            f"  tables: the reporting schema (Tableau: PostgreSQL connector, SSL off)"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            # A second Ctrl-C must not cut short putting the server back.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
    click.echo("Stopped; the login is locked again.")
