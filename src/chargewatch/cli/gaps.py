"""``chargewatch gaps`` and ``sites``: who lives far from DC fast charging, and where new
sites would serve the most of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import click
from rich.table import Table

from chargewatch.cli.common import (
    date_option,
    format_option,
    limit_option,
    say_empty,
    stdout,
    warehouse,
)
from chargewatch.cli.render import as_json, rows_csv

F = TypeVar("F", bound=Callable[..., Any])
AREA_FIELDS = (
    "geoid", "name", "state", "population", "nearest_dcfc_miles", "dcfc_stations_within",
    "dcfc_ports_within", "level2_ports_within_10", "is_beyond", "nearest_dcfc_source",
    "nearest_dcfc_station_id", "nearest_dcfc_name",
)  # fmt: skip
STATE_FIELDS = (
    "geoid", "name", "state", "population", "nearest_dcfc_miles", "dcfc_stations_within",
    "dcfc_ports_within", "is_beyond", "counties", "counties_beyond", "population_beyond",
    "public_ports", "ev_registrations", "ev_registrations_year", "ports_per_1000_evs",
    "ports_per_100k_people",
)  # fmt: skip
SUMMARY_FIELDS = ("areas", "population", "areas_beyond", "population_beyond", "share_beyond")
SITE_FIELDS = ("rank", "cell", "latitude", "longitude", "population", "population_served",
               "share_served", "areas")  # fmt: skip

within_option = click.option(
    "--within", type=click.FloatRange(min=0, max=12_450, min_open=True), default=50.0,
    show_default=True,
    metavar="MILES", help="Served means a DC fast station at most this many miles away.",
)  # fmt: skip


def state_option(help_text: str) -> Callable[[F], F]:
    """``--state XX``, upper-cased."""
    return click.option(
        "--state", metavar="XX", callback=lambda _c, _p, v: v.upper() if v else v,
        help=help_text,
    )  # fmt: skip


@click.command()
@click.option(
    "--by", type=click.Choice(["county", "zcta", "state"]), default="county", show_default=True,
    help="One row per county, ZIP code tabulation area or state.",
)  # fmt: skip
@within_option
@state_option("Only this state's areas are listed and summed (stations anywhere still count).")
@date_option("--as-of", "As the stations stood on this date (its newest snapshot on or before).")
@click.option("--trend", is_flag=True, help="The summary on every snapshot date, oldest first.")
@limit_option(
    "Tables: how many worst-served areas to list (default 20; JSON and CSV list all, by geoid)."
)
@format_option("table", "json", "csv")
@click.pass_context
def gaps(
    ctx: click.Context,
    by: str,
    within: float,
    state: str | None,
    as_of: datetime | None,
    trend: bool,
    limit: int | None,
    output_format: str,
) -> None:
    """Who lives far from a public DC fast charger: each area's nearest DC fast station,
    the DC fast stations and ports within --within miles, and the population beyond.

    A DC fast station counts when it exists, is operational or of unknown status,
    is public, has a DC fast port and coordinates, over every loaded source (a
    station two registries both list counts once). Areas are placed at their
    Census internal point; distances are great-circle miles; population is ACS
    2023 5-year (areas without a match count in no total). Only the states the
    loaded snapshots cover are judged.

    \b
    Examples:
      chargewatch gaps
      chargewatch gaps --by county --state WA
      chargewatch gaps --by zcta --within 30 --format csv > zcta_gaps.csv
      chargewatch gaps --by state --format json
      chargewatch gaps --as-of 2024-03-01
      chargewatch gaps --trend
    """
    from chargewatch.coverage.gaps import gaps as compute
    from chargewatch.coverage.trend import trend as compute_trend

    if trend and as_of:
        raise click.UsageError("--trend and --as-of do not go together: a trend has every date")
    with warehouse(ctx) as conn:
        if trend:
            report = compute_trend(conn, by=by, within=within, state=state)
        else:
            report = compute(
                conn, by=by, within=within, state=state, as_of=as_of.date() if as_of else None
            )
    if not (report["trend"] if trend else report["as_of"]):
        say_empty(output_format)
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif trend:
        _show_trend(report, output_format)
    elif output_format == "csv":
        stamped = [{"as_of": report["as_of"], "within_miles": report["within_miles"], **g}
                   for g in report["groups"]]  # fmt: skip
        click.echo(rows_csv(("as_of", "within_miles", *_fields(by)), stamped), nl=False)
    else:
        _show_gaps(report, limit or 20)


def _fields(by: str) -> tuple[str, ...]:
    return STATE_FIELDS if by == "state" else AREA_FIELDS


def _worst_first(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        groups,
        key=lambda g: (
            g["nearest_dcfc_miles"] is not None,
            -(g["nearest_dcfc_miles"] or 0),
            g["geoid"],
        ),
    )


def _show_gaps(report: dict[str, Any], limit: int) -> None:
    s = report["summary"]
    share = "" if s["share_beyond"] is None else f" ({s['share_beyond']:.1%})"
    kind = {"county": "counties", "zcta": "ZCTAs", "state": "states"}[report["by"]]
    click.echo(
        f"As of {report['as_of']}, {s['population_beyond']:,} of {s['population']:,} people"
        f"{share} live more than {report['within_miles']:g} miles from a public DC fast "
        f"station; {s['areas_beyond']:,} of {s['areas']:,} {kind} "
        + (
            "have a county that far."
            if report["by"] == "state"
            else f"in {_states(report['states'])}."
        )
    )
    table = Table(title=f"Worst-served {kind}")
    nearest = (
        "worst county to DC fast, miles" if report["by"] == "state" else "nearest DC fast, miles"
    )
    for name in ("geoid", "name", "state", "population", nearest,
                 f"DC fast stations ≤{report['within_miles']:g} mi", "DC fast ports"):  # fmt: skip
        table.add_column(name, justify="left" if name in ("geoid", "name", "state") else "right")
    rows = _worst_first(report["groups"])
    for g in rows[:limit]:
        table.add_row(
            g["geoid"], g["name"], g["state"], _count(g["population"]),
            "none" if g["nearest_dcfc_miles"] is None else f"{g['nearest_dcfc_miles']:.2f}",
            str(g["dcfc_stations_within"]), str(g["dcfc_ports_within"]),
        )  # fmt: skip
    stdout().print(table)
    if len(rows) > limit:
        click.echo(f"… {len(rows) - limit:,} more; --limit N for more, --format csv for all.")
    if report["note"]:
        click.echo(report["note"])


def _states(states: list[str]) -> str:
    return ", ".join(states) if len(states) <= 8 else f"{len(states)} states"


def _count(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def _show_trend(report: dict[str, Any], output_format: str) -> None:
    rows = [{"as_of": r["as_of"], "states": r["states"], **r["summary"]} for r in report["trend"]]
    if output_format == "csv":
        click.echo(rows_csv(("as_of", "states", *SUMMARY_FIELDS), rows), nl=False)
        return
    table = Table(title=f"Population beyond {report['within_miles']:g} miles of DC fast charging")
    for name in (
        "as of",
        "states",
        "areas",
        "population",
        "areas beyond",
        "population beyond",
        "share",
    ):
        table.add_column(name, justify="left" if name in ("as of", "states") else "right")
    for r in rows:
        share = "" if r["share_beyond"] is None else f"{r['share_beyond']:.1%}"
        table.add_row(
            r["as_of"], _states(r["states"]), f"{r['areas']:,}", f"{r['population']:,}",
            f"{r['areas_beyond']:,}", f"{r['population_beyond']:,}", share,
        )  # fmt: skip
    stdout().print(table)
    for lost in report["newly_unserved"]:
        stations = "; ".join(f"{s['name']} ({s['reason']})" for s in lost["lost_stations"])
        click.echo(
            f"{lost['as_of']}: {lost['name']}, {lost['state']} ({lost['geoid']}) is now beyond "
            f"{report['within_miles']:g} miles; it had {stations or 'no station'}."
        )


@click.command()
@within_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many sites to propose.")  # fmt: skip
@click.option(
    "--resolution", type=click.IntRange(0, 7), default=5, show_default=True,
    help="H3 resolution of the candidate cells (5: about 250 km²; 6: about 36 km²; 7: 5 km²).",
)  # fmt: skip
@click.option(
    "--by", type=click.Choice(["zcta", "county"]), default="zcta", show_default=True,
    help="The areas whose population is served.",
)  # fmt: skip
@state_option("Sites for this state's people only, in cells inside it (stations anywhere count).")
@date_option("--as-of", "As the stations stood on this date (its newest snapshot on or before).")
@format_option("table", "json", "csv")
@click.pass_context
def sites(
    ctx: click.Context,
    within: float,
    top: int,
    resolution: int,
    by: str,
    state: str | None,
    as_of: datetime | None,
    output_format: str,
) -> None:
    """Where new DC fast sites would bring the most people within --within miles: H3
    cells picked one at a time (greedy maximal covering), each the cell whose centre
    reaches the most people not yet served, counting them served before the next.

    Candidates are cells whose centres lie inside the covered states' county
    outlines (never outside them, in the sea or in the Great Lakes; large inland
    lakes are not told apart); the people are those of the areas beyond
    --within miles of every DC fast station on the date (the newest snapshot,
    or --as-of).

    \b
    Examples:
      chargewatch sites --within 50 --top 20
      chargewatch sites --state NY --resolution 6 --format json
      chargewatch sites --by county --format csv > sites.csv
    """
    from chargewatch.coverage.siting import sites as compute

    with warehouse(ctx) as conn:
        report = compute(
            conn, within=within, top=top, resolution=resolution, by=by, state=state,
            as_of=as_of.date() if as_of else None,
        )  # fmt: skip
    if report["as_of"] is None:
        say_empty(output_format)
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv(SITE_FIELDS, report["sites"]), nl=False)
    else:
        _show_sites(report)


def _show_sites(report: dict[str, Any]) -> None:
    unserved = report["unserved"]
    click.echo(
        f"As of {report['as_of']}, {unserved['population']:,} people in {unserved['areas']:,} "
        f"areas of {_states(report['states'])} live more than {report['within_miles']:g} "
        "miles from a public DC fast station."
    )
    if not report["sites"]:
        click.echo("No site is needed: everyone is served." if not unserved["areas"] else
                   "No candidate cell reaches them.")  # fmt: skip
        return
    table = Table(title=f"Proposed sites (H3 resolution {report['resolution']})")
    for name in (
        "rank",
        "cell",
        "latitude",
        "longitude",
        "areas",
        "population",
        "running total",
        "share",
    ):
        table.add_column(name, justify="left" if name == "cell" else "right")
    for s in report["sites"]:
        table.add_row(
            str(s["rank"]), s["cell"], f"{s['latitude']:.4f}", f"{s['longitude']:.4f}",
            str(len(s["areas"])), f"{s['population']:,}", f"{s['population_served']:,}",
            "" if s["share_served"] is None else f"{s['share_served']:.1%}",
        )  # fmt: skip
    stdout().print(table)
