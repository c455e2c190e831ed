"""``chargewatch loads``: what the warehouse was loaded from."""

from __future__ import annotations

import json

import click
from rich.table import Table

from chargewatch.cli.common import format_option, limit_option, say_empty, stdout, warehouse
from chargewatch.cli.render import rows_csv
from chargewatch.loads import FIELDS, list_loads


@click.command()
@click.option("--source", help="Only loads of this source (e.g. afdc).")
@limit_option("At most this many loads.")
@format_option("table", "json", "csv")
@click.pass_context
def loads(ctx: click.Context, source: str | None, limit: int | None, output_format: str) -> None:
    """List the loads, newest snapshot first: file, snapshot date, row counts, status,
    and what each snapshot changed.

    The snapshot date (as of) is --as-of if the ingest was given one, else the
    newest Updated At in the file, else the day of the load. Every row read is
    loaded, skipped (not a charging station) or quarantined. Added, changed and
    removed compare the snapshot's stations with the snapshot before it (added
    counts stations back after a removal too; removed: missing from a snapshot
    covering their state).

    \b
    Examples:
      chargewatch loads
      chargewatch loads --limit 5 --format json
      chargewatch loads --format csv > loads.csv
    """
    with warehouse(ctx) as conn:
        found = list_loads(conn, source=source, limit=limit)
    if not found:
        say_empty(output_format)
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(json.dumps(found, indent=2))
    elif output_format == "csv":
        click.echo(rows_csv(FIELDS, found), nl=False)
    else:
        stdout().print(_table(found))


def _added_with_back(load: dict[str, object]) -> dict[str, object]:
    """The table's Added: new stations and stations back after a removal."""
    added, back = load["stations_added"], load["stations_reappeared"]
    if isinstance(added, int) and isinstance(back, int):
        return {**load, "stations_added": added + back}
    return load


_COUNTS = {
    "Read": "rows_read",
    "Loaded": "rows_loaded",
    "Skipped": "rows_skipped",
    "Quarantined": "rows_quarantined",
    "Stations": "stations_written",
    "Added": "stations_added",
    "Changed": "stations_changed",
    "Removed": "stations_removed",
}
"""The table's count columns: header → key of the load."""


def _table(found: list[dict[str, object]]) -> Table:
    failed = [f"load {x['load_id']} ({x['file_name']}) failed: {x['error_message']}"
              for x in found if x["status"] == "failed"]  # fmt: skip
    table = Table(
        title="Loads, newest snapshot first",
        caption="\n".join(failed) or None,
        caption_justify="left",
    )
    for header in ("Load", "Source", "File", "As of", "Status"):
        table.add_column(header)
    for header in _COUNTS:
        table.add_column(header, justify="right")
    for load in map(_added_with_back, found):
        table.add_row(
            str(load["load_id"]),
            str(load["source"]),
            str(load["file_name"]),
            str(load["as_of"] or "—"),
            str(load["status"]),
            *(f"{load[k]:,}" if isinstance(load[k], int) else "—" for k in _COUNTS.values()),
        )
    return table
