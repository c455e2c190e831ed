"""``chargewatch ingest``: load station files of any registered source into the warehouse."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import click

from chargewatch.cli.common import (
    Duration,
    checked_as_of,
    date_option,
    progress_reporter,
    quiet_option,
    settings_from,
    warehouse,
)
from chargewatch.cli.render import load_summary
from chargewatch.errors import DataError, Interrupted
from chargewatch.interrupts import checkpoint, held, is_interruption
from chargewatch.lake import Lake, file_name
from chargewatch.pipeline import ingest_file
from chargewatch.sources.base import ColumnMap
from chargewatch.sources.session_csv import is_session_map, session_map
from chargewatch.sources.status_csv import feed_map
from chargewatch.warehouse.load import LoadResult


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@date_option("--as-of", "Snapshot date of the files (default: their newest Updated At).")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="NAME=POSITION",
    callback=lambda ctx, param, values: _column_choices(values),
    help="Where several columns hold one field with different values, read the one at "
    "POSITION (1 = first column). Repeatable.",
)
@click.option(
    "--max-gap",
    type=Duration(),
    help="A polled status feed's status holds until its next poll, at most this long "
    "(default 15m; kept for the feed once given).",
)
@click.option(
    "--offline-after",
    type=Duration(),
    help="An OCPP charger silent for longer than this is offline from its last message "
    "(default: 3 heartbeat intervals from its BootNotification, else 15m; kept once given).",
)
@click.option(
    "--column-map",
    metavar="FIELD=HEADER,…",
    help="Read the files as a status or session CSV: which header gives each field. A "
    "status feed: station_id, port_id, status, observed_at (or available and total counts "
    "per station). Sessions: session_id, plug_in_at, plug_out_at, energy_kwh and any of "
    "station_id, port_id, network, state, charge_start_at, charge_end_at, charging_minutes, "
    "peak_kw, rated_kw, error_code, ended_by, payment_method, time_zone, user_id.",
)
@click.option(
    "--status-map",
    metavar="WORD=STATUS,…",
    help="With --column-map: what the feed's status words mean (available, in_use, reserved, "
    "out_of_service, offline, not_in_service, unknown).",
)
@quiet_option
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[str, ...],
    as_of: datetime | None,
    columns: dict[str, int],
    max_gap: timedelta | None,
    offline_after: timedelta | None,
    column_map: str | None,
    status_map: str | None,
    quiet: bool,
) -> None:
    """Load station and status files into the warehouse: AFDC CSV exports (any
    vintage, 2017 on) and API responses (JSON, GeoJSON), Open Charge Map POIs
    (API JSON, verbose or compact, or its JSON-lines export), and port status
    feeds (ESB ecars polls from Ireland, Swiss BFE and Paris Belib snapshots, OCPP
    1.6 and 2.0.1 logs as JSON lines or CSV; see chargewatch uptime). Which one a
    file is, is told by its content, not its name.

    Each file is stored once in the lake under its SHA-256, then loaded in one
    transaction: its stations become the snapshot of its source; records out
    of scope (AFDC's other fuels, OCM's removed listings) are skipped and
    counted, records with impossible values are quarantined with a reason.
    Loading the same bytes again changes nothing.

    Charging sessions load too: EV-ChART exports, ChargePoint exports (such as
    Palo Alto's), Caltech ACN-Data JSON, OCPI Sessions and CDRs, and a CSV with
    chargewatch's session field names (see chargewatch sessions).

    Any other status feed in CSV loads with --column-map (and --status-map):
    each line an event of a port at its observed_at, or a station's counts of
    available and total ports. Any other session CSV loads with a --column-map
    naming session fields.

    Files re-saved by Excel or pandas load too (other date orders, 2.0, NaN,
    TRUE, an index column, Windows-1252, .gz, a one-file .zip): what was
    rewritten is counted per column in chargewatch quality.

    \b
    Example:
      chargewatch ingest alt_fuel_stations.csv
      chargewatch ingest exports/*.csv --as-of 2024-05-01
      chargewatch ingest merged.csv --column "EV Network=12"
      chargewatch ingest ocm_poi.json.gz
      chargewatch ingest ie_cpinfo_status_2018-11.tsv.gz --max-gap 10m
      chargewatch ingest ocpp-2024-05-01.jsonl --offline-after 20m
      chargewatch ingest feed.csv --status-map "Free=available,Busy=in_use" \\
        --column-map "station_id=Site,port_id=EVSE,status=State,observed_at=Time"
      chargewatch ingest charges.csv \\
        --column-map "session_id=Txn,plug_in_at=Start,plug_out_at=End,energy_kwh=kWh"
    """
    checked_as_of(as_of)
    feed = {"max_gap": max_gap, "offline_after": offline_after,
            "column_map": _column_map(column_map, status_map)}  # fmt: skip
    results = ingest_files(ctx, files, as_of, quiet, columns, feed)
    if len(results) < len(files):
        ctx.exit(1)


def _column_map(column_map: str | None, status_map: str | None) -> ColumnMap | None:
    if status_map and not column_map:
        raise click.UsageError("--status-map goes with --column-map")
    if column_map and is_session_map(column_map):
        if status_map:
            raise click.UsageError(
                "--status-map is for status feeds; this --column-map is sessions'"
            )
        return session_map(column_map)
    return feed_map(column_map, status_map) if column_map else None


def _column_choices(values: tuple[str, ...]) -> dict[str, int]:
    choices = {}
    for value in values:
        name, _, position = value.rpartition("=")
        if not name or not (position.strip().isascii() and position.strip().isdigit()):
            raise click.BadParameter(
                f'{value!r} is not NAME=POSITION (e.g. "EV Network=12")', param_hint="'--column'"
            )
        choices[name.strip()] = int(position)
    return choices


def _interrupted(exc: BaseException, label: str, loaded: int) -> str:
    """What Ctrl-C during the load of ``label`` kept, with the ``loaded`` files before it."""
    if isinstance(exc, Interrupted):  # it says what it kept itself
        return exc.message + (f" The {loaded} files loaded before it stay." if loaded else "")
    before = f"; the {loaded} loaded before it stay" if loaded else ""
    return (
        f"Interrupted: the load of {label} was rolled back and nothing of it was kept{before}. "
        "Run the same command again to load it."
    )


def ingest_files(
    ctx: click.Context,
    files: tuple[str, ...],
    as_of: datetime | None,
    quiet: bool,
    columns: dict[str, int] | None = None,
    feed: dict[str, Any] | None = None,
) -> list[LoadResult]:
    """Load each file; report a bad file and go on with the rest."""
    settings = settings_from(ctx)
    lake = Lake(settings.lake, settings.storage_options)
    results: list[LoadResult] = []
    with warehouse(ctx, write=True) as conn, held(), progress_reporter(quiet) as progress:
        for url in files:
            try:
                checkpoint()
                day = as_of.date() if as_of else None
                result = ingest_file(
                    conn, lake, url, as_of=day, columns=columns, engine=settings.engine,
                    spark_master=settings.spark_master, status_parquet=settings.status_parquet,
                    progress=progress, **(feed or {}),
                )  # fmt: skip
            except DataError as exc:
                click.echo(f"Error: {exc}", err=True)
                continue
            except BaseException as exc:
                if not is_interruption(exc):
                    raise
                raise Interrupted(_interrupted(exc, file_name(url), len(results))) from None
            results.append(result)
            click.echo("\n".join(load_summary(result)))
    return results
