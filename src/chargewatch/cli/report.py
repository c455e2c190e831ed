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
    state, the operational-rate trend, stations down now, data quality, the
    newest month's port uptime when status feeds are loaded, coverage gaps (a
    county map by miles to DC fast charging, proposed sites, the trend), and,
    when sessions are loaded, utilization by hour of the week, success by
    network, charge attempts and the newest forecast with its bands.

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
    month = data["uptime"]["month"]
    if not data["overall"]["as_of"] and not month:
        say_empty("report")
    uptime = f", port uptime of {month} ({data['uptime']['ports']:,} ports)" if month else ""
    click.echo(
        f"{file}: report as of {data['overall']['as_of'] or '— (no station snapshot)'}, "
        f"{len(data['stations']):,} stations on the map{uptime}, {size / 1024:,.0f} KiB"
    )
