"""``chargewatch status``: build status feeds' months with an engine."""

from __future__ import annotations

from datetime import date

import click

from chargewatch.cli.common import (
    progress_reporter,
    quiet_option,
    settings_from,
    warehouse,
    with_overrides,
)
from chargewatch.engines.builds import (
    ENGINES,
    MonthBuilt,
    build_months,
    load_results,
    status_feeds,
)
from chargewatch.lake import Lake
from chargewatch.times import is_month


@click.group("status")
def status() -> None:
    """Status feeds' intervals, built again from what was loaded (see chargewatch uptime)."""


def _month(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    if not is_month(value):
        raise click.BadParameter(f"{value!r} is not a month YYYY-MM, e.g. 2024-03")
    return date(int(value[:4]), int(value[5:7]), 1)


@status.command("build")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help="postgres (the warehouse) or spark (Parquet in the lake); default CHARGEWATCH_ENGINE, "
    "else postgres.",
)
@click.option("--month", callback=_month, help="Only this month, YYYY-MM (default: every month).")
@click.option("--source", "sources", multiple=True, help="Only this feed (e.g. esb); repeatable.")
@click.option("--lake", "lake_url", help="The lake to read Parquet from (default: the settings').")
@click.option("--master", help="Spark master URL (default: local[*] or Spark's configuration).")
@quiet_option
@click.pass_context
def build(
    ctx: click.Context,
    engine: str | None,
    month: date | None,
    sources: tuple[str, ...],
    lake_url: str | None,
    master: str | None,
    quiet: bool,
) -> None:
    """Build status feeds' port intervals from scratch, a month at a time, and put
    them in the warehouse in place of the loader's, one transaction per month.

    Both engines run one definition (the SQL in sql/engines/shared): PostgreSQL
    over the warehouse's events, Spark over each status load's Parquet parts in
    the lake (status/source=…/date=…; written first for loads that lack them).
    chargewatch uptime, the dashboard and Tableau then read the result.

    \b
    Examples:
      chargewatch status build --engine spark --month 2018-11
      chargewatch status build --source esb
      CHARGEWATCH_ENGINE=spark chargewatch status build --master spark://host:7077
    """
    settings = with_overrides(settings_from(ctx), lake_url=lake_url)
    chosen = engine or settings.engine
    lake = Lake(settings.lake, settings.storage_options)
    with warehouse(ctx, write=True) as conn, progress_reporter(quiet) as progress:
        feeds = list(sources) or status_feeds(conn)
        if not feeds:
            click.echo("No status feed loaded yet. Load one with: chargewatch ingest FILE")
            return
        for feed in feeds:
            months = [month] if month else None
            built = build_months(
                conn, lake, feed, months, engine=chosen,
                master=master or settings.spark_master, progress=progress,
            )  # fmt: skip
            for one in built:
                click.echo(_line(one))


def _line(one: MonthBuilt) -> str:
    return (
        f"{one.source} {one.month:%Y-%m}: {one.intervals:,} intervals of {one.ports:,} ports "
        f"({one.engine}, {one.seconds:.1f}s)"
    )


@status.command("load-results")
@click.option("--source", required=True, help="The status feed, e.g. esb.")
@click.option("--month", callback=_month, required=True, help="The month, YYYY-MM.")
@click.option("--lake", "lake_url", help="The lake the job wrote to (default: the settings').")
@click.pass_context
def load_results_command(
    ctx: click.Context, source: str, month: date, lake_url: str | None
) -> None:
    """Put a month's intervals that a Spark job on a cluster left in the lake
    (results/intervals/source=…/month=…) in the warehouse, in one transaction. The
    AWS Lambda function does this itself when the job's _SUCCESS marker lands.

    \b
    Example:
      chargewatch status load-results --source esb --month 2024-05 --lake s3://bucket/lake
    """
    settings = with_overrides(settings_from(ctx), lake_url=lake_url)
    lake = Lake(settings.lake, settings.storage_options)
    with warehouse(ctx, write=True) as conn:
        click.echo(_line(load_results(conn, lake, source, month)))
