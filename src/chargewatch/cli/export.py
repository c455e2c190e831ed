"""``chargewatch export``: the reporting layer for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.common import warehouse


@click.group()
def export() -> None:
    """Write the reporting views out for other tools."""


@export.command()
@click.option(
    "--hyper",
    "hyper_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write a Tableau Hyper extract here (replaced if it exists).",
)
@click.pass_context
def tableau(ctx: click.Context, hyper_file: Path) -> None:
    """A Tableau Hyper extract of the reporting views: stations, KPIs by dimension and
    snapshot date, snapshot changes, outages, capacity loss and loads.

    Open the file in Tableau Desktop (Connect → More → Tableau extract); each
    view is a table in the Extract schema. Needs the Hyper API:
    pip install 'chargewatch[tableau]'.

    \b
    Example:
      chargewatch export tableau --hyper chargewatch.hyper
    """
    from chargewatch.export.hyper import write_hyper

    with warehouse(ctx) as conn:
        written = write_hyper(conn, hyper_file)
    tables = ", ".join(f"{name} {rows:,}" for name, rows in written.items())
    click.echo(f"{hyper_file}: {len(written)} tables ({tables} rows)")
