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
from chargewatch.kpi import kpi_trend, station_kpis
from chargewatch.measures import DIMENSIONS
from chargewatch.sources.registry import REGISTRIES


@click.command()
@click.option(
    "--by", type=click.Choice(list(DIMENSIONS)), help="One row per value of this dimension."
)
@click.option(
    "--source",
    type=click.Choice([s.name for s in REGISTRIES]),
    help="Only this registry's stations (default: every source's, each counted).",
)
@date_option("--as-of", "As they stood on this date (its newest snapshot on or before it).")
@click.option("--trend", is_flag=True, help="One row per snapshot date, oldest first.")
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def kpi(
    ctx: click.Context,
    by: str | None,
    source: str | None,
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
      chargewatch kpi --source ocm --by state
      chargewatch kpi --by source

    \b
    A warehouse can hold files of different dates (a state export of 2022
    beside a national one of 2025): each state counts as of its own newest
    file. JSON lists them under "snapshots" and gives each state group its
    "as_of"; tables say when the numbers mix dates, and a trend marks the
    date a state was first loaded, so new coverage does not read as growth.

    \b
    Over several sources (AFDC and Open Charge Map) each source's stations
    count: a station listed by both counts twice (chargewatch quality
    --compare afdc ocm tells how many are). --source or --by source keeps
    them apart.
    """
    if trend and as_of:
        raise click.UsageError("--trend and --as-of do not go together: a trend has every date")
    day = as_of.date() if as_of else None
    with warehouse(ctx) as conn:
        report = kpi_trend(conn, by, source) if trend else station_kpis(conn, by, day, source)
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
