"""``chargewatch report``: the KPIs, a map, trends and data quality in one HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.common import OutputFile, say_empty, warehouse


@click.command()
@click.argument("file", type=OutputFile())
@click.pass_context
def report(ctx: click.Context, file: Path) -> None:
    """Write one self-contained HTML report: KPI tiles, a station map, KPIs by
    state, the operational-rate trend, stations down now and data quality.

    The file needs nothing else: no network, no server. Open it from disk or
    email it; the numbers are those of chargewatch kpi.

    \b
    Example:
      chargewatch report stations.html
    """
    from chargewatch.serve.report import write_report

    with warehouse(ctx) as conn:
        data = write_report(conn, file)
    size = file.stat().st_size
    if not data["overall"]["as_of"]:
        say_empty("report")
    click.echo(
        f"{file}: report as of {data['overall']['as_of'] or '— (nothing loaded)'}, "
        f"{len(data['stations']):,} stations on the map, {size / 1024:,.0f} KiB"
    )
