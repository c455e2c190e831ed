"""``chargewatch export``: the reporting layer for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from chargewatch.cli.common import OutputFile, settings_from, warehouse
from chargewatch.warehouse.expose import EMBEDDED_DBNAME, HOST, LOGIN, PORT, SSLMODE

_FILE = OutputFile()


@click.group()
def export() -> None:
    """Write the reporting views out for other tools."""


@export.command()
@click.option("--hyper", "hyper_file", type=_FILE, help="Write a Tableau Hyper extract here.")
@click.option("--tds", "tds_file", type=_FILE, help="Write a live data source (.tds) here.")
@click.option("--twb", "twb_file", type=_FILE, help="Write a live workbook (.twb) here.")
@click.option(
    "--host",
    default=HOST,
    show_default=True,
    help="Database host for .tds/.twb (default: where chargewatch db serve listens).",
)
@click.option("--port", default=PORT, show_default=True, help="Database port for .tds/.twb.")
@click.option("--dbname", default=EMBEDDED_DBNAME, show_default=True, help="Database name.")
@click.option(
    "--user",
    default=LOGIN,
    show_default=True,
    help="A login in the chargewatch_reader role; Tableau asks for its password.",
)
@click.option(
    "--sslmode",
    default=SSLMODE,
    show_default=True,
    type=click.Choice(["disable", "require"]),
    help="require ticks Tableau's Require SSL (RDS); disable suits db serve on loopback.",
)
@click.pass_context
def tableau(
    ctx: click.Context,
    hyper_file: Path | None,
    tds_file: Path | None,
    twb_file: Path | None,
    host: str,
    port: int,
    dbname: str,
    user: str,
    sslmode: str,
) -> None:
    """Tableau files: a Hyper extract of the reporting views, and a data source and
    workbook that read the reporting views live.

    The workbook has a sheet per KPI (summed counts divided, at the newest
    snapshot), a station map (a mark per station, coloured by status), KPIs by
    state and the operational-rate trend, on one dashboard; the data source is
    the KPI counts with those calculations. Both connect as a reader login (see
    chargewatch db roles); no password is written. By default they connect to
    chargewatch db serve on this machine.

    The extract opens in Tableau Desktop (Connect → More → Tableau extract) and
    needs the Hyper API: pip install 'chargewatch[tableau]'.

    \b
    Examples:
      chargewatch export tableau --hyper chargewatch.hyper
      chargewatch export tableau --twb chargewatch.twb --tds chargewatch.tds
      chargewatch export tableau --twb chargewatch.twb --host mydb.abc.rds.amazonaws.com \\
        --dbname chargewatch --user tableau --sslmode require
    """
    if not (hyper_file or tds_file or twb_file):
        raise click.UsageError("say what to write: --hyper, --tds and/or --twb")
    if hyper_file:
        from chargewatch.export.hyper import write_hyper

        with warehouse(ctx) as conn:
            written = write_hyper(conn, hyper_file, settings_from(ctx).home / "logs")
        tables = ", ".join(f"{name} {rows:,}" for name, rows in written.items())
        click.echo(f"{hyper_file}: {len(written)} tables ({tables} rows)")
    from chargewatch.export.tableau import Target, tds, twb

    target = Target(host, port, dbname, user, sslmode)
    for path, write in ((tds_file, tds), (twb_file, twb)):
        if path:
            path.write_text(write(target), encoding="utf-8")
            click.echo(
                f"{path}: live connection to {user}@{host}:{port}/{dbname} (reporting views)"
            )
