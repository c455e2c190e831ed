"""``chargewatch quality``: what one load quarantined, and how stale its stations are."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from chargewatch.cli.common import format_option, limit_option, say_empty, stdout, warehouse
from chargewatch.cli.render import rows_csv
from chargewatch.errors import EmptyWarehouse
from chargewatch.quality import SHOWN, STALE_DAYS, compare_sources, load_quality
from chargewatch.sources.registry import REGISTRIES


@click.command()
@click.argument("load_id", type=int, required=False)
@click.option(
    "--stale-days",
    type=click.IntRange(min=0),
    default=STALE_DAYS,
    show_default=True,
    help="A station last confirmed more than this many days before the snapshot is stale.",
)
@click.option(
    "--by",
    type=click.Choice(["network", "state"]),
    help="Also show staleness per network or state.",
)
@click.option(
    "--compare",
    nargs=2,
    type=click.Choice([s.name for s in REGISTRIES]),
    metavar="SOURCE SOURCE",
    help="Instead: match two sources' current stations (within 50 m, alike names or "
    "addresses) and count matched and only-in-each by state.",
)
@limit_option("How many duplicate pairs and backward Updated Ats to list.", SHOWN)
@format_option("table", "json", "csv")
@click.pass_context
def quality(
    ctx: click.Context,
    load_id: int | None,
    stale_days: int,
    by: str | None,
    compare: tuple[str, str] | None,
    limit: int,
    output_format: str,
) -> None:
    """Data quality of one load (default: the newest): quarantined rows, empty columns, staleness.

    Staleness is the days from a station's Date Last Confirmed to the load's
    snapshot date; never confirmed counts as stale. Planned stations are left out.

    \b
    Examples:
      chargewatch quality
      chargewatch quality 3 --by network
      chargewatch quality --stale-days 180 --format json
      chargewatch quality --limit 1000 --format csv > duplicates.csv
      chargewatch quality --compare afdc ocm

    \b
    --format csv lists the probable duplicate pairs, one row each (the list to
    work through; separate chargers of one site are not among them).

    --compare afdc ocm matches the two registries' current existing stations
    one to one (reporting.station_match: within 50 m, alike names or street
    addresses) and counts, per state, the matched stations and those only in
    one of them (the largest states first, --limit of them; json and csv list
    all). Each source counts as of its newest snapshot: compare files of
    about one date.
    """
    if compare:
        if compare[0] == compare[1]:
            raise click.BadParameter(
                f"two different sources, not {compare[0]} twice", param_hint="'--compare'"
            )
        _compare(ctx, compare, output_format, limit)
        return
    try:
        with warehouse(ctx) as conn:
            report = load_quality(conn, load_id, stale_days=stale_days, shown=limit)
    except EmptyWarehouse:
        say_empty(output_format)
        if output_format == "json":
            click.echo("{}")
        return
    if output_format == "json":
        click.echo(json.dumps(report, indent=2))
        return
    if output_format == "csv":
        click.echo(rows_csv(PAIR_FIELDS, report["duplicate_candidates"]["top"]), nl=False)
        return
    _print_report(report, by)


def _print_report(report: dict[str, Any], by: str | None) -> None:
    console = stdout()
    console.print("\n".join(_summary(report)))
    if report["quarantined_by_reason"]:
        console.print(_reasons(report))
    if report["normalised"]:
        console.print(_normalised(report))
    if report["missing_fields"]:
        console.print(_missing(report))
    if report["duplicate_candidates"]["top"]:
        console.print(_duplicates(report))
    if by:
        console.print(_staleness_table(report, by))


def _compare(ctx: click.Context, sources: tuple[str, str], output_format: str, limit: int) -> None:
    with warehouse(ctx) as conn:
        report = compare_sources(conn, *sources)
    keys = list(report["total"])
    rows = [{"state": "all", **report["total"]}, *report["by_state"]]
    if output_format == "json":
        click.echo(json.dumps(report, indent=2))
        return
    if output_format == "csv":
        click.echo(rows_csv(["state", *keys], rows), nl=False)
        return
    a, b = report["sources"]
    table = Table(title=f"Current existing stations of {a} and {b}, matched one to one")
    for header in ("State", "Matched", f"Only in {a}", f"Only in {b}"):
        table.add_column(header, justify="left" if header == "State" else "right")
    states = sorted(rows[1:], key=lambda row: -sum(row[key] for key in keys))
    for row in [rows[0], *states[:limit]]:
        table.add_row(row["state"] or "—", *(str(row[key]) for key in keys))
    console = stdout()
    console.print(table)
    if len(states) > limit:
        console.print(f"… and {len(states) - limit} smaller states (--limit; all in --format json)")


def _summary(report: dict[str, Any]) -> list[str]:
    if "feed" in report:
        return _feed_summary(report)
    if "sessions" in report:
        return _session_summary(report)
    rows, stale, sites = report["rows"], report["staleness"], report["sites"]
    share = "—" if stale["stale_share"] is None else f"{stale['stale_share']:.1%}"
    return [
        f"Load {report['load_id']}: {report['file_name']} (as of {report['as_of']})",
        f"  {rows['read']} rows read: {rows['loaded']} loaded, {rows['skipped']} skipped, "
        f"{rows['quarantined']} quarantined",
        *_absent(report),
        f"  stale: {stale['stale']} of {stale['existing']} existing stations ({share}) "
        f"not confirmed in more than {report['stale_days']} days "
        f"({stale['never_confirmed']} of them never confirmed)",
        f"  Updated At went backwards for {report['updated_at_backwards']['stations']} stations "
        "(older than an earlier snapshot said)",
        f"Among all current {report['source']} stations (not only this load's):",
        f"  sites: {sites['multi_station_sites']} sites of several chargers hold "
        f"{sites['stations_in_them']} stations (separate chargers of one place, not duplicates)",
        f"  probable duplicates: {report['duplicate_candidates']['pairs']} pairs of stations "
        "within 25 m with alike names (two IDs that likely describe the same chargers)",
    ]


def _session_summary(report: dict[str, Any]) -> list[str]:
    rows, given = report["rows"], report["sessions"]
    return [
        f"Load {report['load_id']}: {report['file_name']} (as of {report['as_of']})",
        f"  {rows['read']} rows read: {rows['loaded']} loaded, {rows['skipped']} skipped, "
        f"{rows['quarantined']} quarantined",
        f"  sessions: {given['sessions']} from {given['first']} to {given['last']}; "
        f"{given['flagged']} flagged by the specification's warnings (chargewatch sessions)",
    ]


def _feed_summary(report: dict[str, Any]) -> list[str]:
    rows, feed = report["rows"], report["feed"]
    polls = f" ({feed['failed_polls']} polls failed)" if feed["failed_polls"] else ""
    return [
        f"Load {report['load_id']}: {report['file_name']} (as of {report['as_of']})",
        f"  {rows['read']} rows read: {rows['loaded']} loaded, {rows['skipped']} skipped, "
        f"{rows['quarantined']} quarantined",
        f"  status feed: {feed['ports']} ports listed at {feed['times']} times{polls}; "
        f"the feed has listed {feed['feed_ports']} ports in all (chargewatch uptime, outages)",
    ]


def _absent(report: dict[str, Any]) -> list[str]:
    lines = []
    if report["absent_columns"]:
        lines.append(
            "  absent columns (unknown for every station of the file): "
            + ", ".join(report["absent_columns"])
        )
    if report["absent_fields"]:
        lines.append(
            "  fields the file does not give (the KPIs that need them are unknown): "
            + ", ".join(report["absent_fields"])
        )
    return lines


def _reasons(report: dict[str, Any]) -> Table:
    table = Table(title="Quarantined rows by reason")
    table.add_column("Reason code")
    table.add_column("Rows", justify="right")
    table.add_column("Reason")
    for reason in report["quarantined_by_reason"]:
        table.add_row(reason["reason_code"], str(reason["rows"]), reason["reason"])
    return table


def _normalised(report: dict[str, Any]) -> Table:
    table = Table(title="Values rewritten so that they could be read (a re-saved file)")
    table.add_column("Column")
    table.add_column("Rule")
    table.add_column("Values", justify="right")
    table.add_column("Detail")
    for found in report["normalised"]:
        table.add_row(found["column"], found["rule"], str(found["values"]), found["detail"] or "")
    return table


def _missing(report: dict[str, Any]) -> Table:
    table = Table(title="Columns most often empty in the loaded records")
    table.add_column("Column")
    table.add_column("Empty", justify="right")
    table.add_column("Share", justify="right")
    for field in report["missing_fields"]:
        table.add_row(field["column"], str(field["missing"]), f"{field['share']:.1%}")
    return table


def _duplicates(report: dict[str, Any]) -> Table:
    found = report["duplicate_candidates"]
    table = Table(
        title=f"Probable duplicates among all current {report['source']} stations: "
        f"{found['pairs']} pairs within 25 m with alike names (not chargers of one site), "
        "best first"
    )
    for header in ("Station A", "Station B", "Name A", "Name B"):
        table.add_column(header)
    table.add_column("Metres", justify="right")
    table.add_column("Score", justify="right")
    for pair in found["top"]:
        table.add_row(
            pair["station_a"],
            pair["station_b"],
            pair["name_a"] or "—",
            pair["name_b"] or "—",
            f"{pair['distance_m']:.1f}",
            f"{pair['score']:.2f}",
        )
    return table


def _staleness_table(report: dict[str, Any], by: str) -> Table:
    table = Table(title=f"Staleness by {by}")
    table.add_column(by.capitalize())
    for header in ("Existing", "Stale", "Never confirmed", "Stale share"):
        table.add_column(header, justify="right")
    for group in report["staleness_by"][by]:
        share = "—" if group["stale_share"] is None else f"{group['stale_share']:.1%}"
        table.add_row(
            group[by] or "—",
            str(group["existing"]),
            str(group["stale"]),
            str(group["never_confirmed"]),
            share,
        )
    return table


PAIR_FIELDS = (
    "station_a", "station_b", "name_a", "name_b", "address_a", "address_b", "network_a",
    "network_b", "distance_m", "name_similarity", "address_similarity", "score",
)  # fmt: skip
