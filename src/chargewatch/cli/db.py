"""``chargewatch db``: look after the warehouse."""

from __future__ import annotations

import dataclasses
import json

import click

from chargewatch.cli.common import (
    format_option,
    port_option,
    progress_reporter,
    quiet_option,
    settings_from,
    warehouse,
)
from chargewatch.cli.render import rows_csv
from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from chargewatch.warehouse.history import rebuild_all
from chargewatch.warehouse.migrate import build, migrate
from chargewatch.warehouse.roles import role_grants
from chargewatch.warehouse.status import warehouse_status


@click.group()
def db() -> None:
    """Inspect the PostgreSQL warehouse (embedded or CHARGEWATCH_DATABASE_URL)."""


@db.command()
@format_option("table", "json")
@click.pass_context
def status(ctx: click.Context, output_format: str) -> None:
    """Show the server, schema version, loads and row counts.

    It changes nothing (but gives an empty database its first schema): an
    older warehouse is shown as such (bring it up to date with chargewatch db
    migrate).

    \b
    Examples:
      chargewatch db status
      chargewatch db status --format json
    """
    settings = settings_from(ctx)
    with warehouse(ctx, check=False) as conn:
        info = warehouse_status(conn)
    if output_format == "json":
        found = {"database": settings.describe_database(), "lake": settings.lake}
        click.echo(json.dumps(found | dataclasses.asdict(info), indent=2, default=str))
        return
    current = "up to date" if info.is_current else f"latest is {info.latest_schema_version}"
    if info.is_current and info.build_stale:
        current = f"{', '.join(info.build_stale)} to rebuild: chargewatch db migrate"
    elif not info.is_current:
        current += ": chargewatch db migrate"
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


@db.command("migrate")
@click.pass_context
def migrate_command(ctx: click.Context) -> None:
    """Bring the warehouse up to date: migrations, then the build where it changed.

    Migrations change the tables chargewatch owns; the build recreates views,
    functions and what is derived from them (see chargewatch db build).
    Commands that load (ingest, pull, run) do this themselves; commands that
    read never do, and say when it is needed.

    \b
    Example:
      chargewatch db migrate
    """
    with connect(settings_from(ctx), migrate=False) as conn:
        applied = migrate(conn)
        refresh_coverage(conn)
    click.echo("Up to date; nothing to apply." if not applied else "Applied: " + ", ".join(applied))


@db.command("build")
@click.option("--all", "everything", is_flag=True, help="Rebuild every part, changed or not.")
@click.pass_context
def build_command(ctx: click.Context, everything: bool) -> None:
    """Recreate the views and functions whose definition changed, and what derives from them.

    Core objects (functions, core views) define derived data: rebuilding them
    also recounts each snapshot's KPI groups and keys station names again.
    Reporting views are rebuilt alone, so a changed view or comment costs no
    recount. Reference tables (the shipped Census geography and EV
    registrations) are loaded again when this chargewatch ships new ones, and
    the coverage of each snapshot date computed again from them. Migrations
    must be applied first (chargewatch db migrate).

    \b
    Examples:
      chargewatch db build
      chargewatch db build --all
    """
    with warehouse(ctx, check=False) as conn:
        rebuilt = build(conn, force=everything)
        refresh_coverage(conn)
    click.echo(
        "Up to date; nothing to rebuild." if not rebuilt else "Rebuilt: " + ", ".join(rebuilt)
    )


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
    with (
        warehouse(ctx, write=True) as conn,
        progress_reporter(quiet) as progress,
        conn.transaction(),
    ):
        applied = rebuild_all(conn, progress)
    with warehouse(ctx, write=True) as conn:
        refresh_coverage(conn)
    if not applied:
        click.echo("No loads yet; nothing to rebuild.")
    for source, snapshots in applied.items():
        click.echo(f"{source}: history rebuilt from {snapshots} snapshots")


@db.command("roles")
@format_option("table", "json", "csv")
@click.pass_context
def roles(ctx: click.Context, output_format: str) -> None:
    """Show what the loader and reader roles may do, schema by schema.

    Migrations create two group roles: chargewatch_loader (writes raw, core
    and reporting) and chargewatch_reader (reads reporting only: give it to
    Tableau and the dashboard). Log in as a member, for example:

    \b
      create role tableau login password '...' in role chargewatch_reader;

    \b
    Examples:
      chargewatch db roles
      chargewatch db roles --format csv > grants.csv
    """
    with warehouse(ctx) as conn:
        grants = role_grants(conn)
    if not grants:
        raise click.ClickException(
            "the chargewatch roles do not exist: the migrating user lacks CREATEROLE; "
            "grant it and run chargewatch db migrate"
        )
    if output_format != "table":
        rows = [dataclasses.asdict(grant) for grant in grants]
        click.echo(
            json.dumps(rows, indent=2)
            if output_format == "json"
            else rows_csv(list(rows[0]), rows),
            nl=False,
        )
        return
    for grant in grants:
        schema = ", ".join(grant.schema_privileges) or "no access"
        tables = ", ".join(grant.table_privileges) or "none"
        click.echo(
            f"{grant.role:<20} {grant.schema:<10} schema: {schema:<14} "
            f"tables and views: {tables} ({grant.tables})"
        )


@db.command("serve")
@port_option(5432, "TCP port on 127.0.0.1 for Tableau (the embedded server's socket is unchanged).")
@click.pass_context
def serve(ctx: click.Context, port: int) -> None:
    """Let Tableau Desktop (or any PostgreSQL client) on this machine read the
    embedded warehouse, until you press Ctrl-C (or send SIGTERM).

    Listens on 127.0.0.1 only, for the chargewatch_tableau login only (reader
    role: the reporting views only); it gets a new random password, printed
    below with a command that writes Tableau files connecting here, and is
    locked again when this stops. The server is not restarted: other
    chargewatch commands and a running dashboard carry on meanwhile.

    \b
    Example:
      chargewatch db serve
    """
    import signal
    import time

    from chargewatch.warehouse.expose import PORT, exposed

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with exposed(settings_from(ctx), port) as where:
        export = "chargewatch export tableau --twb chargewatch.twb --tds chargewatch.tds"
        click.echo(
            f"Serving the warehouse read-only on {where.host}:{where.port} (Ctrl-C stops).\n"
            f"  host: {where.host}\n  port: {where.port}\n  database: {where.dbname}\n"
            f"  user: {where.user}\n  password: {where.password}\n"
            f"  ssl: off (loopback only; Tableau: PostgreSQL connector, Require SSL unticked)\n"
            f"  tables: the reporting views\n"
            f"Tableau files that connect here (Tableau asks for the password):\n"
            f"  {export}{'' if port == PORT else f' --port {port}'}"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            # A second Ctrl-C must not cut short locking the login again.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
    click.echo("Stopped; the login is locked again.")


@db.command("start")
@click.pass_context
def start(ctx: click.Context) -> None:
    """Start the embedded PostgreSQL and keep it up until chargewatch db stop.

    Without this the server starts when a command needs it and stops when the
    last chargewatch process using it exits; keeping it up saves the start-up
    (a second or two) on every command.

    \b
    Example:
      chargewatch db start
    """
    from chargewatch.warehouse import lifecycle

    settings = _embedded_only(ctx, "start")
    with warehouse(ctx, check=False):
        lifecycle.keep(settings.pgdata, keep_up=True)
    click.echo(f"The embedded PostgreSQL in {settings.pgdata} is up until chargewatch db stop.")


@db.command("stop")
@click.pass_context
def stop(ctx: click.Context) -> None:
    """Stop the embedded PostgreSQL, or let it stop when the last command using it ends.

    Never cuts off another chargewatch process: while one uses the server
    (a dashboard, a load), it stays up and stops when the last one exits.

    \b
    Example:
      chargewatch db stop
    """
    from chargewatch.warehouse import lifecycle

    pgdata = _embedded_only(ctx, "stop").pgdata
    lifecycle.keep(pgdata, keep_up=False)
    if not lifecycle.is_running(pgdata):
        click.echo("The embedded PostgreSQL is not running.")
        return
    others = lifecycle.other_users(pgdata)
    if others:
        processes = "process uses" if others == 1 else "processes use"
        click.echo(
            f"The embedded PostgreSQL stays up while {others} other chargewatch {processes} it; "
            "it stops when the last one exits."
        )
        return
    lifecycle.stop(pgdata)
    click.echo("Stopped the embedded PostgreSQL.")


def _embedded_only(ctx: click.Context, verb: str) -> Settings:
    settings = settings_from(ctx)
    if not settings.is_embedded:
        raise click.UsageError(
            f"db {verb} manages the embedded PostgreSQL; CHARGEWATCH_DATABASE_URL names "
            "another server, which chargewatch neither starts nor stops"
        )
    return settings


def refresh_coverage(conn: Connection) -> None:
    """Coverage of the snapshot dates whose stations or geography changed, computed again."""
    from chargewatch.coverage.store import refresh

    refresh(conn)
