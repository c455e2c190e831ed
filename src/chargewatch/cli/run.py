"""``chargewatch run``: the main job, ingest then KPIs, in one command."""

from __future__ import annotations

from importlib import resources

import click

from chargewatch.cli.common import quiet_option, settings_from, stdout, warehouse
from chargewatch.cli.ingest import ingest_files
from chargewatch.cli.render import overall_table
from chargewatch.kpi import station_kpis

SAMPLE = "afdc_sample.csv"


def sample_path() -> str:
    """The bundled sample: a public-domain extract of a real AFDC export."""
    return str(resources.files("chargewatch").joinpath("samples", SAMPLE))


@click.command()
@click.argument("files", nargs=-1, metavar="[FILE...]")
@quiet_option
@click.pass_context
def run(ctx: click.Context, files: tuple[str, ...], quiet: bool) -> None:
    """Ingest AFDC exports and print the five station KPIs.

    With no FILE, uses a small real AFDC sample bundled with chargewatch, so a
    first run needs nothing but this command.

    \b
    Examples:
      chargewatch run
      chargewatch run alt_fuel_stations.csv
    """
    paths = files or (sample_path(),)
    results = ingest_files(ctx, paths, None, quiet)
    with warehouse(ctx) as conn:
        report = station_kpis(conn)
    click.echo()
    stdout().print(overall_table(report))
    settings = settings_from(ctx)
    click.echo(f"Warehouse: {settings.describe_database()}")
    click.echo(f"Lake:      {settings.lake}")
    click.echo("Next:      chargewatch kpi --by state   ·   chargewatch db status")
    if len(results) < len(paths):
        ctx.exit(1)
