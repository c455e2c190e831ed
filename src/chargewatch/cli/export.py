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


def _quarter(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from chargewatch.errors import ConfigError
    from chargewatch.export.evcu import quarter_months

    try:
        if value is not None:
            quarter_months(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc).removeprefix("--quarter ")) from None
    return value


@export.command("uptime")
@click.option(
    "--quarter", required=True, callback=_quarter, help="The quarter, YYYYQn, e.g. 2024Q1."
)
@click.option("--output", "-o", "output", type=_FILE, help="Write the CSV here (default: stdout).")
@click.pass_context
def uptime_export(ctx: click.Context, quarter: str, output: Path | None) -> None:
    """Each port's uptime in each month of a quarter, as the EV Charging Use
    specification's Uptime CSV (23 CFR 680.112 quarterly submissions).

    Columns: port_id, station_id, uptime_period_start, uptime_period_end,
    report_yr_mon (YYYYMM), uptime_pct (0-100, by 23 CFR 680.116(b)),
    outage_total and outage_excluded (minutes).

    \b
    Example:
      chargewatch export uptime --quarter 2024Q1 -o uptime_2024Q1.csv
    """
    from chargewatch.export.evcu import uptime_csv

    with warehouse(ctx) as conn:
        _write(uptime_csv(conn, quarter), output)


@export.command("outages")
@click.option(
    "--quarter", callback=_quarter, help="Only outages that started in this quarter, YYYYQn."
)
@click.option("--output", "-o", "output", type=_FILE, help="Write the CSV here (default: stdout).")
@click.pass_context
def outages_export(ctx: click.Context, quarter: str | None, output: Path | None) -> None:
    """The ports' outages as the EV Charging Use specification's Outage CSV.

    Columns: outage_id, port_id, station_id, outage_start, outage_end (empty
    while open), outage_duration (minutes), outage_cause, exempted_outage
    (true when exclusions cover all of it).

    \b
    Example:
      chargewatch export outages --quarter 2024Q1 -o outages_2024Q1.csv
    """
    from chargewatch.export.evcu import outages_csv

    with warehouse(ctx) as conn:
        _write(outages_csv(conn, quarter), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
