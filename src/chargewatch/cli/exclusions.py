"""``chargewatch exclusions``: times an outage does not count against uptime."""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.common import warehouse
from chargewatch.exclusions import import_exclusions

SHOWN = 10


@click.group("exclusions")
def exclusions() -> None:
    """Times a port's outage does not count against its uptime (23 CFR 680.116(b)).

    \b
    Examples:
      chargewatch exclusions import exclusions_2024Q1.csv
    """


@exclusions.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, file: Path) -> None:
    """Import FILE, a CSV of exclusions, replacing an earlier import of a file of the
    same name.

    The header names station_id, start, end and reason, and optionally source
    and port_id (without port_id an exclusion covers every port of the
    station; without source, the station in every feed). Times are ISO 8601
    with a time zone. Reasons the rule names are utility interruption, vehicle
    fault, scheduled maintenance, vandalism and natural disaster; any other
    text is kept as the operator's own reason. An exclusion counts only where
    it overlaps outage time (chargewatch uptime, chargewatch outages).

    \b
    Example file:
      source,station_id,port_id,start,end,reason
      esb,CP:C9QKW,FastAC43,2018-11-02T23:00:00Z,2018-11-02T23:30:00Z,vandalism
      ,CP:C5275,,2018-11-02 20:00+00:00,2018-11-03 08:00+00:00,Utility interruption

    \b
    Example:
      chargewatch exclusions import exclusions_2024Q1.csv
    """
    with warehouse(ctx, write=True) as conn:
        count, unmatched = import_exclusions(conn, file)
    click.echo(f"{file.name}: {count} exclusion(s) imported")
    if unmatched:
        lines = ", ".join(map(str, unmatched[:SHOWN])) + (" …" if len(unmatched) > SHOWN else "")
        click.echo(
            f"{len(unmatched)} match no port loaded so far (lines {lines}): check their "
            "station and port IDs against chargewatch uptime",
            err=True,
        )
