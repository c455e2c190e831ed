"""``chargewatch reliability``: outages, time to restore and lost capacity, from the snapshots."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from chargewatch.cli.common import format_option, limit_option, say_empty, stdout, warehouse
from chargewatch.cli.render import rows_csv, shown
from chargewatch.labels import label
from chargewatch.reliability import GROUPS, SHOWN, reliability


@click.command("reliability")
@click.option("--by", type=click.Choice(GROUPS), help="Outages and operational rate per group.")
@click.option(
    "--min-days",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Leave out outages shorter than this many days.",
)
@limit_option("How many stations to list as down, and as having lost ports.", SHOWN, 0)
@format_option("table", "json", "csv")
@click.pass_context
def reliability_command(
    ctx: click.Context, by: str | None, min_days: int, limit: int, output_format: str
) -> None:
    """Which stations are down and for how long, how fast they come back, what capacity was lost.

    Built from every loaded snapshot: an outage is a run of snapshots listing
    a station temporarily unavailable. It starts on the first such snapshot, or
    on the station's Expected Date when that is not later (networks' feeds give
    the go-down date there), and ends when a snapshot lists another status or
    removes the station. Time to restore is over outages that ended with the
    station operational. Capacity loss: port counts that dropped between snapshots.

    \b
    Examples:
      chargewatch reliability
      chargewatch reliability --by network --min-days 30
      chargewatch reliability --by state --format json > reliability.json
      chargewatch reliability --limit 500 --format csv > down_now.csv

    \b
    --format csv gives the stations down now, one row each (the list a crew
    works from; --limit sets how many); JSON gives the whole report. "Per file
    of" is the date of the newest file that listed the station down: a state
    whose newest file is old has old news.
    """
    with warehouse(ctx) as conn:
        report = reliability(conn, by=by, min_days=min_days, shown=limit)
    if report["as_of"] is None:
        say_empty(output_format)
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(json.dumps(report, indent=2))
        return
    if output_format == "csv":
        click.echo(rows_csv(DOWN_FIELDS, report["currently_down"]["top"]), nl=False)
        return
    console = stdout()
    console.print(_summary(report))
    for table in _tables(report, by):
        console.print(table)


def _summary(report: dict[str, Any]) -> str:
    found = report["outages"]
    mttr = found["mean_days_to_restore"]
    restore = "—" if mttr is None else f"{mttr:.1f} days"
    longer = f" of at least {report['min_days']} days" if report["min_days"] else ""
    return (
        f"Outages{longer} up to {report['as_of'] or '(no data)'}: {found['outages']} "
        f"({found['open']} open, {found['restored']} restored, {found['removed']} ended "
        f"by removal); mean time to restore {restore}"
    )


def _tables(report: dict[str, Any], by: str | None) -> list[Table]:
    tables = []
    if by:
        tables.append(_outages_by(report["outages_by"], by))
    if report["currently_down"]["top"]:
        tables.append(_currently_down(report["currently_down"]))
    tables.append(_trend(report["operational_rate_trend"], by))
    if report["capacity_loss"]["top"]:
        tables.append(_capacity_loss(report["capacity_loss"]))
    return tables


def _table(title: str, headers: list[str], right_from: int) -> Table:
    table = Table(title=title, title_justify="left")
    for position, header in enumerate(headers):
        table.add_column(header, justify="right" if position >= right_from else "left")
    return table


def _outages_by(groups: list[dict[str, Any]], by: str) -> Table:
    headers = [by.capitalize(), "Outages", "Open", "Restored", "Removed", "Mean days to restore"]
    table = _table(f"Outages by {by}", [*headers, "Longest open (days)"], 1)
    for group in groups:
        table.add_row(
            label(by, group[by]) or "(unknown)",
            *(str(group[key]) for key in ("outages", "open", "restored", "removed")),
            shown(group["mean_days_to_restore"], "g"),
            shown(group["longest_open_days"], "g"),
        )
    return table


def _currently_down(down: dict[str, Any]) -> Table:
    title = f"Down now: {down['stations']} stations, longest first"
    headers = ["Station", "Name", "Network", "State", "Down since", "From", "Days", "Per file of"]
    table = _table(title, headers, 6)
    for row in down["top"]:
        table.add_row(
            row["station_id"],
            row["station_name"] or "—",
            label("network", row["network"]) or "—",
            row["state"] or "—",
            row["started_on"],
            row["start_basis"].replace("_", " "),
            str(row["days"]),
            row["last_listed_on"],
        )
    return table


def _trend(trend: list[dict[str, Any]], by: str | None) -> Table:
    headers = ["As of", *([by.capitalize()] if by else []), "Operational", "Temp. unavailable"]
    table = _table("Operational rate by snapshot", [*headers, "Rate"], 2 if by else 1)
    for row in trend:
        rate = row["operational_rate"]
        table.add_row(
            row["as_of"],
            *([label(by, row[by]) or "(unknown)"] if by else []),
            str(row["operational"]),
            str(row["temporarily_unavailable"]),
            "—" if rate is None else f"{rate:.1%}",
        )
    return table


def _capacity_loss(loss: dict[str, Any]) -> Table:
    title = f"Capacity loss: {loss['stations']} stations lost {loss['ports_lost']} ports"
    headers = ["Station", "Name", "Network", "As of", "L1", "L2", "DC fast", "Ports lost"]
    table = _table(title, headers, 4)
    for row in loss["top"]:
        table.add_row(
            row["station_id"],
            row["station_name"] or "—",
            row["network"] or "—",
            row["as_of"],
            *(
                f"{row[f'{level}_before']} → {row[f'{level}_after']}"
                for level in ("level1", "level2", "dc_fast")
            ),
            str(row["ports_lost"]),
        )
    return table


DOWN_FIELDS = (
    "station_id", "station_name", "network", "state", "started_on", "start_basis", "days",
    "last_listed_on",
)  # fmt: skip
