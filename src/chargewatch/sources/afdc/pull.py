"""``chargewatch pull afdc``: the AFDC API's stations, loaded as one snapshot."""

from __future__ import annotations

from datetime import datetime

import click

from chargewatch.cli.common import checked_as_of, date_option, quiet_option
from chargewatch.cli.pull import run_pull
from chargewatch.sources.afdc.api_pull import StationQuery, download


@click.command("afdc")
@click.option("--state", metavar="XX", help="Two-letter state code (default: every state).")
@click.option(
    "--fuel", default="ELEC", show_default=True, metavar="CODE", help="AFDC fuel type code."
)
@date_option("--as-of", "Snapshot date (default: the newest Updated At in the response).")
@quiet_option
@click.pass_context
def command(
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
    query = StationQuery(state.upper() if state else None, fuel.upper())
    run_pull(
        ctx,
        lambda settings, folder, progress: download(
            query,
            folder,
            key=settings.afdc_api_key,
            base_url=settings.afdc_api_url,
            progress=progress,
        ),
        as_of=day,
        quiet=quiet,
    )
