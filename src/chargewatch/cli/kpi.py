"""``chargewatch kpi``: the five station KPIs, overall or by a dimension."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from chargewatch.cli.common import (
    date_option,
    format_option,
    limit_option,
    say_empty,
    stdout,
    warehouse,
)
from chargewatch.cli.render import as_csv, as_json, grouped_table, overall_table, trend_table
from chargewatch.kpi import DIMENSIONS, kpi_trend, station_kpis


@click.command()
@click.option("--by", type=click.Choice(DIMENSIONS), help="One row per value of this dimension.")
@date_option("--as-of", "As they stood on this date (its newest snapshot on or before it).")
@click.option("--trend", is_flag=True, help="One row per snapshot date, oldest first.")
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def kpi(
    ctx: click.Context,
    by: str | None,
    as_of: datetime | None,
    trend: bool,
    limit: int | None,
    output_format: str,
) -> None:
    """The five station KPIs with the counts behind them, as of the latest snapshot,
    of any earlier date, or as a trend over every snapshot.

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
      chargewatch kpi --as-of 2024-03-01
      chargewatch kpi --trend --by state --format csv > trend_by_state.csv
      chargewatch kpi --by network --limit 10

    \b
    A warehouse can hold files of different dates (a state export of 2022
    beside a national one of 2025): each state counts as of its own newest
    file. JSON lists them under "snapshots" and gives each state group its
    "as_of"; tables say when the numbers mix dates, and a trend marks the
    date a state was first loaded, so new coverage does not read as growth.
    """
    if trend and as_of:
        raise click.UsageError("--trend and --as-of do not go together: a trend has every date")
    day = as_of.date() if as_of else None
    with warehouse(ctx) as conn:
        report = kpi_trend(conn, by) if trend else station_kpis(conn, by, day)
    _limit(report, limit)
    if not (report.get("trend") if trend else report["as_of"]):
        say_empty(output_format)
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(as_csv(report), nl=False)
    else:
        stdout().print(
            trend_table(report) if trend else grouped_table(report) if by else overall_table(report)
        )


def _limit(report: dict[str, Any], limit: int | None) -> None:
    """Keep the first ``limit`` groups (the largest), or a trend's newest ``limit`` dates."""
    if limit is None:
        return
    if "groups" in report:
        report["groups"] = report["groups"][:limit]
    if "trend" in report:
        dates = sorted({row["as_of"] for row in report["trend"]})[-limit:]
        report["trend"] = [row for row in report["trend"] if row["as_of"] in dates]
