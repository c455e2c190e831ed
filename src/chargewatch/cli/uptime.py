"""``chargewatch uptime`` and ``outages``: ports' monthly uptime (23 CFR 680.116(b)) and
their outages, from status feeds."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from chargewatch.cli.common import format_option, limit_option, stdout, warehouse
from chargewatch.cli.render import as_json, rows_csv, shown
from chargewatch.times import is_month
from chargewatch.uptime import (
    GROUPS,
    LOW_OBSERVED,
    NEVI_UPTIME,
    nothing_to_show,
    port_outages,
    port_uptime,
)

FIELDS = (
    "source", "station_id", "port_id", "latitude", "longitude", "network", "state",
    "period_minutes",
    "observed_minutes", "outage_minutes", "excluded_minutes", "uptime_nevi",
    "uptime_observed", "outage_count",
)  # fmt: skip


def _month(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_month(value):
        raise click.BadParameter(f"{value!r} is not a month YYYY-MM, e.g. 2024-03")
    return value


@click.command("uptime")
@click.option("--month", callback=_month, help="The month, YYYY-MM (default: the newest observed).")
@click.option(
    "--by",
    type=click.Choice(list(GROUPS)),
    default="port",
    show_default=True,
    help="One row per port, or per station, network, state or source (minutes summed; "
    "network and state as the feed gives them).",
)
@click.option(
    "--below",
    type=click.FloatRange(0, 1),
    help=f"Only groups whose NEVI uptime is below this share (the rule's bar: {NEVI_UPTIME}).",
)
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def uptime(
    ctx: click.Context,
    month: str | None,
    by: str,
    below: float | None,
    limit: int | None,
    output_format: str,
) -> None:
    """Each port's uptime in a month by 23 CFR 680.116(b), worst first, from the
    status feeds loaded (ESB polls, BFE, Belib and OCPI statuses, OCPP logs, mapped
    status CSVs).

    \b
    uptime_nevi      (period - (outage - excluded)) / period; unobserved time counts as up
    uptime_observed  1 - (outage - excluded) / observed
    period is the month's minutes less time the feed marked the port not in
    service; a polled status holds until the feed's next poll, at most its max
    gap (15 minutes unless ingest --max-gap says), and time beyond that is
    unobserved. Read uptime_nevi with the
    observed share: a port observed for a day of the month is 'up' for the rest.

    \b
    Examples:
      chargewatch uptime
      chargewatch uptime --month 2018-11 --below 0.97
      chargewatch uptime --by station --format csv > uptime_by_station.csv
      chargewatch uptime --by network --format json
    """
    with warehouse(ctx) as conn:
        report = port_uptime(conn, month, by, below)
        empty = nothing_to_show(conn) if report["month"] is None else ""
    if limit is not None:
        report["groups"] = report["groups"][:limit]
    if report["month"] is None:
        click.echo(empty, err=output_format != "table")
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        fields = [f for f in FIELDS if not report["groups"] or f in report["groups"][0]]
        click.echo(rows_csv(["month", *fields], _with_month(report)), nl=False)
    elif not report["groups"]:
        stdout().print(f"No port in {report['month']} matches.")
    else:
        stdout().print(_table(report))


def _with_month(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"month": report["month"], **group} for group in report["groups"]]


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"Uptime in {report['month']}, by {report['by']}, worst first",
                  caption=_feed_caption(report["feed_outages"]))  # fmt: skip
    names = ("source", "station_id", "port_id", "network", "state")
    keys = [key for key in names if key in report["groups"][0]]
    for key in keys:
        table.add_column(key.replace("_", " "))
    for name in ("uptime (NEVI)", "observed", "outage min", "outages"):
        table.add_column(name, justify="right")
    for group in report["groups"]:
        period = group["period_minutes"]
        share = group["observed_minutes"] / period if period else 0.0
        low = " (low)" if share < LOW_OBSERVED else ""
        table.add_row(
            *(str(group[key] or "(unknown)") for key in keys),
            shown(group["uptime_nevi"], ".2%"),
            f"{share:.0%}{low}",
            f"{group['outage_minutes']:,.0f}",
            str(group["outage_count"]),
        )
    return table


def _feed_caption(events: list[dict[str, Any]]) -> str | None:
    """The month's feed outages in a line: counted in uptime, but not the chargers'."""
    if not events:
        return None
    ports = max(e["port_count"] for e in events)
    return (
        f"{len(events)} feed (back-end) outage{'s' if len(events) > 1 else ''} this month took "
        f"down up to {ports:,} ports at once; they count in uptime, but are the network's, not "
        "the chargers' (chargewatch anomalies --kind feed_outage)"
    )


OUTAGE_FIELDS = (
    "source", "station_id", "port_id", "started_at", "ended_at", "is_open", "minutes",
    "status", "is_feed_outage", "excluded_minutes", "exclusion_reason",
)  # fmt: skip


@click.command("outages")
@click.option("--open", "open_only", is_flag=True, help="Only outages still going on.")
@click.option(
    "--min-minutes",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Leave out outages shorter than this.",
)
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def outages(
    ctx: click.Context, open_only: bool, min_minutes: float, limit: int | None, output_format: str
) -> None:
    """The ports' outages seen by the status feeds, newest first.

    An outage is a run of out-of-service or offline time with no unobserved
    gap in it; one the feed has said nothing after is open. One that began with
    10 or more of the feed's ports in the same minute is a feed (back-end)
    outage, marked "(feed)": it counts in uptime, but it is not the charger's
    own fault (chargewatch anomalies --kind feed_outage lists each once).

    \b
    Examples:
      chargewatch outages --open
      chargewatch outages --min-minutes 60 --format csv > outages.csv
      chargewatch outages --limit 20 --format json
    """
    with warehouse(ctx) as conn:
        report = port_outages(conn, open_only=open_only, min_minutes=min_minutes)
    if limit is not None:
        report["outages"] = report["outages"][:limit]
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv(OUTAGE_FIELDS, report["outages"]), nl=False)
    elif not report["outages"]:
        stdout().print("No outage matches.")
    else:
        stdout().print(_outage_table(report["outages"]))


def _outage_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Port outages, newest first")
    for name in ("source", "station id", "port id", "started", "ended", "minutes", "status"):
        table.add_column(name, justify="right" if name == "minutes" else "left")
    for row in rows:
        table.add_row(
            row["source"],
            row["station_id"],
            row["port_id"],
            row["started_at"],
            row["ended_at"] or "open",
            f"{row['minutes']:,.0f}",
            row["status"] + (" (feed)" if row["is_feed_outage"] else ""),
        )
    return table
