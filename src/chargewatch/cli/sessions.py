"""``chargewatch sessions``: charging sessions summed, overall and per station, port,
network, state or source, with utilization; ``chargewatch attempts``: OCPP charge
attempts and first-attempt visit success."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.table import Table

from chargewatch.attempts import FIELDS as ATTEMPT_FIELDS
from chargewatch.attempts import GROUPS as ATTEMPT_GROUPS
from chargewatch.attempts import attempt_summary
from chargewatch.cli.common import format_option, limit_option, stdout, warehouse
from chargewatch.cli.render import as_json, rows_csv, shown
from chargewatch.sessions import FIELDS, GROUPS, UTILIZATION, session_summary

NO_SESSIONS = "No session file loaded yet. Load one with: chargewatch ingest FILE"
NO_ATTEMPTS = "No charge attempt in the OCPP logs loaded. Load one with: chargewatch ingest LOG"


@click.command()
@click.option(
    "--by", type=click.Choice(list(GROUPS)), default="station", show_default=True,
    help="One row per station (charger), port, network, state or source.",
)  # fmt: skip
@click.option(
    "--min-kwh", type=click.FloatRange(min=0), default=1.0, show_default=True,
    help="A session succeeded when it delivered at least this much, with no error code.",
)  # fmt: skip
@click.option("--source", help="Only this session source's sessions (e.g. evchart).")
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def sessions(
    ctx: click.Context,
    by: str,
    min_kwh: float,
    source: str | None,
    limit: int | None,
    output_format: str,
) -> None:
    """Charging sessions summed: sessions, kWh, charge success, plugged-in and charging
    minutes, and utilization, overall and per station, port, network, state or
    source, busiest first.

    Sessions come from session exports (EV-ChART, ChargePoint, ACN-Data, OCPI
    Sessions and CDRs, any CSV by --column-map) loaded with chargewatch ingest;
    impossible lines (an end before the start, negative energy, …) are
    quarantined, and the specification's warnings (under a minute, over 250
    kWh, …) are flagged in reporting.session, not dropped.

    Utilization is over each port's available time, day by day from its
    station's first session to its last (reporting.port_day): occupied
    (plugged in), charging and idle; capacity factor where the rated power is
    known; per station, congestion (every port occupied at once).

    \b
    Examples:
      chargewatch ingest evchart_sessions_2024_01.csv
      chargewatch sessions
      chargewatch sessions --by network --format json
      chargewatch sessions --min-kwh 0.5 --format csv > sessions_by_station.csv
    """
    with warehouse(ctx) as conn:
        report = session_summary(conn, by, min_kwh, source)
    columns = (by, *FIELDS, *UTILIZATION, *(("congestion",) if by == "station" else ()))
    _emit(report, "sessions", NO_SESSIONS, limit, output_format, columns, _table)


def _emit(
    report: dict[str, Any], counted: str, hint: str, limit: int | None, output_format: str,
    columns: tuple[str, ...], table: Callable[[dict[str, Any]], Table],
) -> None:  # fmt: skip
    """The report as JSON, CSV (its groups) or a table; the hint when it counts nothing
    (on stderr beside an empty JSON or CSV, so that they stay readable)."""
    if limit is not None:
        report["groups"] = report["groups"][:limit]
    if not report["totals"][counted]:
        click.echo(hint, err=output_format != "table")
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv(columns, report["groups"]), nl=False)
    else:
        stdout().print(table(report))


def _table(report: dict[str, Any]) -> Table:
    by = report["by"]
    table = Table(
        title=f"Charging sessions by {by} (success: at least {report['min_kwh']:g} kWh, no error)"
    )
    names = (by, "sessions", "kWh", "successful", "success rate", "plugged-in hours",
             "sessions/day", "occupied", "charging", "idle")  # fmt: skip
    for name in names:
        table.add_column(name, justify="left" if name == by else "right")
    for label, row in [("all", report["totals"]), *((g[by] or "?", g) for g in report["groups"])]:
        table.add_row(
            str(label), f"{row['sessions']:,}", f"{row['energy_kwh']:,.1f}",
            f"{row['successful']:,}", shown(row["success_rate"], ".1%"),
            f"{row['plugged_minutes'] / 60:,.1f}", shown(row["sessions_per_day"], ",.1f"),
            shown(row["occupied_utilization"], ".1%"), shown(row["charging_utilization"], ".1%"),
            shown(row["idle_utilization"], ".1%"),
        )  # fmt: skip
    return table


@click.command()
@click.option(
    "--by", type=click.Choice(list(ATTEMPT_GROUPS)), default="station", show_default=True,
    help="One row per charger (station) or per port of one.",
)  # fmt: skip
@click.option(
    "--min-kwh", type=click.FloatRange(min=0), default=0.1, show_default=True,
    help="An attempt succeeded when its transaction delivered more than this and stopped "
    "normally.",
)  # fmt: skip
@click.option(
    "--visit-minutes", type=click.IntRange(min=0), default=30, show_default=True,
    help="One driver's attempts at one charger this close together are one visit.",
)  # fmt: skip
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def attempts(
    ctx: click.Context,
    by: str,
    min_kwh: float,
    visit_minutes: int,
    limit: int | None,
    output_format: str,
) -> None:
    """Charge attempts in the OCPP logs and how many succeeded, as ChargeX and
    kwwhat count them: an attempt starts when a port turns Preparing (OCPP 1.6)
    or Occupied (2.0.1) and succeeds when its transaction delivered energy and
    stopped normally (not a fault, reset, power loss or emergency stop). One
    driver's attempts at a charger within --visit-minutes make a visit; the
    first-attempt success rate is the share of visits whose first attempt
    succeeded.

    \b
    Examples:
      chargewatch ingest ocpp-2024-05-01.jsonl
      chargewatch attempts
      chargewatch attempts --by port --min-kwh 1 --format json
    """
    with warehouse(ctx) as conn:
        report = attempt_summary(conn, by, min_kwh, visit_minutes)
    columns = (by, *ATTEMPT_FIELDS)
    _emit(report, "attempts", NO_ATTEMPTS, limit, output_format, columns, _attempt_table)


def _attempt_table(report: dict[str, Any]) -> Table:
    by = report["by"]
    table = Table(
        title=f"Charge attempts by {by} (success: more than {report['min_kwh']:g} kWh, a normal "
        f"stop; visits: {report['visit_minutes']} minutes)"
    )
    names = (by, "attempts", "successful", "success rate", "visits", "first-attempt success")
    for name in names:
        table.add_column(name, justify="left" if name == by else "right")
    for label, row in [("all", report["totals"]), *((g[by], g) for g in report["groups"])]:
        table.add_row(
            str(label), f"{row['attempts']:,}", f"{row['successful']:,}",
            shown(row["success_rate"], ".1%"), f"{row['visits']:,}",
            shown(row["first_attempt_success_rate"], ".1%"),
        )  # fmt: skip
    return table
