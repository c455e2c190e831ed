"""``chargewatch ingest``: load AFDC exports into the warehouse."""

from __future__ import annotations

from datetime import datetime

import click

from chargewatch.cli.common import (
    date_option,
    progress_reporter,
    quiet_option,
    settings_from,
    warehouse,
)
from chargewatch.cli.render import load_summary
from chargewatch.errors import DataError
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.load import LoadResult


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@date_option("--as-of", "Snapshot date of the files (default: their newest Updated At).")
@quiet_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[str, ...], as_of: datetime | None, quiet: bool) -> None:
    """Load AFDC station CSV exports (any vintage, 2017 on) into the warehouse.

    Each file is stored once in the lake under its SHA-256, then loaded in one
    transaction: ELEC rows become stations, other fuels are skipped and
    counted, rows with impossible values are quarantined with a reason. Loading
    the same bytes again changes nothing.

    \b
    Example:
      chargewatch ingest alt_fuel_stations.csv
      chargewatch ingest exports/*.csv --as-of 2024-05-01
    """
    results = ingest_files(ctx, files, as_of, quiet)
    if len(results) < len(files):
        ctx.exit(1)


def ingest_files(
    ctx: click.Context, files: tuple[str, ...], as_of: datetime | None, quiet: bool
) -> list[LoadResult]:
    """Load each file; report a bad file and go on with the rest."""
    settings = settings_from(ctx)
    lake = Lake(settings.lake, settings.storage_options)
    results: list[LoadResult] = []
    with warehouse(ctx) as conn, progress_reporter(quiet) as progress:
        for url in files:
            try:
                result = ingest_file(
                    conn, lake, url, as_of=as_of.date() if as_of else None, progress=progress
                )
            except DataError as exc:
                click.echo(f"Error: {exc}", err=True)
                continue
            results.append(result)
            click.echo("\n".join(load_summary(result)))
    return results
