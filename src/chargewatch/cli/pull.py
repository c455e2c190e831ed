"""``chargewatch pull``: fetch a registry's live API into the lake and load it."""

from __future__ import annotations

from datetime import datetime

import click

from chargewatch.cli.common import (
    checked_as_of,
    date_option,
    progress_reporter,
    quiet_option,
    settings_from,
    warehouse,
)
from chargewatch.cli.render import load_summary
from chargewatch.lake import Lake
from chargewatch.pipeline import pull_afdc
from chargewatch.sources.afdc.api_pull import StationQuery


@click.group()
def pull() -> None:
    """Fetch stations from a registry's live API and load them as one snapshot."""


@pull.command("afdc")
@click.option("--state", metavar="XX", help="Two-letter state code (default: every state).")
@click.option(
    "--fuel", default="ELEC", show_default=True, metavar="CODE", help="AFDC fuel type code."
)
@date_option("--as-of", "Snapshot date (default: the newest Updated At in the response).")
@quiet_option
@click.pass_context
def afdc(
    ctx: click.Context, state: str | None, fuel: str, as_of: datetime | None, quiet: bool
) -> None:
    """Pull the AFDC API's stations (every state, or one) and load them.

    The API key is CHARGEWATCH_AFDC_API_KEY (default DEMO_KEY, limited to a
    few requests an hour; a free key is at developer.nrel.gov/signup). The
    response is kept in the lake like an ingested file; the snapshot is dated
    by its newest Updated At (or --as-of: a second pull on one day needs its
    own date). A rate limit is retried with backoff, then reported with when
    to try again (exit 1).

    \b
    Examples:
      chargewatch pull afdc --state CO
      CHARGEWATCH_AFDC_API_KEY=... chargewatch pull afdc
    """
    if state is not None and not (len(state) == 2 and state.isalpha()):
        raise click.BadParameter(
            f"{state!r} is not a two-letter state code", param_hint="'--state'"
        )
    day = checked_as_of(as_of)
    settings = settings_from(ctx)
    query = StationQuery(state.upper() if state else None, fuel.upper())
    with warehouse(ctx, write=True) as conn, progress_reporter(quiet) as progress:
        lake = Lake(settings.lake, settings.storage_options)
        result = pull_afdc(conn, lake, settings, query, as_of=day, progress=progress)
    click.echo("\n".join(load_summary(result)))
