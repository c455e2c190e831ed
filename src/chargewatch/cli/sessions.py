"""``chargewatch sessions``: charging sessions summed, overall and per station, port,
network or source."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from chargewatch.cli.common import format_option, limit_option, stdout, warehouse
from chargewatch.cli.render import as_json, rows_csv
from chargewatch.sessions import FIELDS, GROUPS, session_summary

NO_SESSIONS = "No session file loaded yet. Load one with: chargewatch ingest FILE"


@click.command()
@click.option(
    "--by", type=click.Choice(list(GROUPS)), default="station", show_default=True,
    help="One row per station (charger), port, network or source.",
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
    minutes, overall and per station, port, network or source, busiest first.

    Sessions come from session exports (EV-ChART-style CSV) loaded with
    chargewatch ingest; impossible lines (an end before the start, negative
    energy, …) are quarantined, and the specification's warnings (under a
    minute, over 250 kWh, …) are flagged in reporting.session, not dropped.

    \b
    Examples:
      chargewatch ingest evchart_sessions_2024_01.csv
      chargewatch sessions
      chargewatch sessions --by network --format json
      chargewatch sessions --min-kwh 0.5 --format csv > sessions_by_station.csv
    """
    with warehouse(ctx) as conn:
        report = session_summary(conn, by, min_kwh, source)
    if limit is not None:
        report["groups"] = report["groups"][:limit]
    if not report["totals"]["sessions"]:
        click.echo(NO_SESSIONS, err=output_format != "table")
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv((by, *FIELDS), report["groups"]), nl=False)
    else:
        stdout().print(_table(report))


def _table(report: dict[str, Any]) -> Table:
    by = report["by"]
    table = Table(
        title=f"Charging sessions by {by} (success: at least {report['min_kwh']:g} kWh, no error)"
    )
    for name in (by, "sessions", "kWh", "successful", "success rate", "plugged-in hours"):
        table.add_column(name, justify="left" if name == by else "right")
    for label, row in [("all", report["totals"]), *((g[by] or "?", g) for g in report["groups"])]:
        rate = "—" if row["success_rate"] is None else f"{row['success_rate']:.1%}"
        table.add_row(
            str(label), f"{row['sessions']:,}", f"{row['energy_kwh']:,.1f}",
            f"{row['successful']:,}", rate, f"{row['plugged_minutes'] / 60:,.1f}",
        )  # fmt: skip
    return table
