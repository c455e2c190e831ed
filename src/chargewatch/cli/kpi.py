"""``chargewatch kpi``: the five station KPIs, overall or by a dimension."""

from __future__ import annotations

import click

from chargewatch.cli.common import format_option, stdout, warehouse
from chargewatch.cli.render import as_csv, as_json, grouped_table, overall_table
from chargewatch.kpi import DIMENSIONS, station_kpis


@click.command()
@click.option("--by", type=click.Choice(DIMENSIONS), help="One row per value of this dimension.")
@format_option("table", "json", "csv")
@click.pass_context
def kpi(ctx: click.Context, by: str | None, output_format: str) -> None:
    """The five station KPIs with the counts behind them, as of the latest snapshot.

    Existing stations are all but planned and removed ones.

    \b
    station_operational_rate    operational / (operational + temporarily unavailable)
    fast_charging_availability  existing stations with a DC fast port / existing
    accessibility_24_7_rate     existing stations open 24/7 / existing
    public_private_ratio        public / private (and public_share)
    avg_connector_diversity     distinct connector types per station

    \b
    Examples:
      chargewatch kpi
      chargewatch kpi --by state --format csv > kpi_by_state.csv
      chargewatch kpi --by network --format json
    """
    with warehouse(ctx) as conn:
        report = station_kpis(conn, by)
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(as_csv(report), nl=False)
    else:
        stdout().print(grouped_table(report) if by else overall_table(report))
