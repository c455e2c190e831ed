"""``chargewatch pull <source>``: fetch a registry's live API into the lake and load it.

Each source with an API brings its own command (``Source.pull_command``); this
group lists them and ``run_pull`` does what they share.
"""

from __future__ import annotations

from datetime import date

import click

from chargewatch.cli.common import progress_reporter, settings_from, warehouse
from chargewatch.cli.render import load_summary
from chargewatch.interrupts import held
from chargewatch.lake import Lake
from chargewatch.pipeline import Download, pull_file
from chargewatch.sources.registry import SOURCES


@click.group()
def pull() -> None:
    """Fetch a source's live API and load the response: a registry's stations as one
    snapshot, or an OCPI platform's EVSE statuses."""


def run_pull(ctx: click.Context, fetch: Download, *, as_of: date | None, quiet: bool) -> None:
    """Download with ``fetch`` and load the response; print what the load did."""
    settings = settings_from(ctx)
    with warehouse(ctx, write=True) as conn, held(), progress_reporter(quiet) as progress:
        lake = Lake(settings.lake, settings.storage_options)
        result = pull_file(conn, lake, settings, fetch, as_of=as_of, progress=progress)
        click.echo("\n".join(load_summary(result)))


for _source in SOURCES:
    _command = _source.pull_command()
    if _command is not None:
        pull.add_command(_command)
