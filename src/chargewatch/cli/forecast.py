"""``chargewatch forecast``: sessions or energy ahead per station, network or source,
each series' model chosen by a rolling-origin backtest against the seasonal-naive
baseline."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from chargewatch.cli.common import format_option, stdout, warehouse
from chargewatch.cli.render import as_json, rows_csv, shown

FORECAST_FIELDS = ("key", "model", "date", "mean", "lo80", "hi80", "lo95", "hi95")


@click.command()
@click.option("--target", type=click.Choice(["sessions", "energy"]), default="sessions",
              show_default=True, help="Sessions per period, or energy (kWh).")  # fmt: skip
@click.option("--by", type=click.Choice(["station", "network", "state", "source"]),
              default="station", show_default=True,
              help="One series per station, network, state or source.")  # fmt: skip
@click.option("--horizon", type=click.IntRange(min=1), default=28, show_default=True,
              help="How many periods ahead.")  # fmt: skip
@click.option("--freq", type=click.Choice(["D", "H"]), default="D", show_default=True,
              help="Daily periods (weekly season) or hourly (daily season).")  # fmt: skip
@click.option("--folds", type=click.IntRange(min=2), default=4, show_default=True,
              help="Rolling origins of the backtest, each a horizon long; each fold is "
                   "scored with the model the folds before it chose.")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes fitting the series at once (default: one per CPU).")  # fmt: skip
@format_option("table", "json", "csv")
@click.pass_context
def forecast(
    ctx: click.Context, target: str, by: str, horizon: int, freq: str, folds: int,
    workers: int | None, output_format: str,
) -> None:  # fmt: skip
    """Forecast sessions or energy per station, network, state or source from the loaded
    sessions, and keep the run (reporting.forecast, reporting.forecast_series).

    Each series is backtested from rolling origins (--folds windows of --horizon,
    each fitted only on the periods before it) with AutoETS, AutoTheta (and,
    hourly, MSTL with daily and weekly seasons) and the seasonal-naive baseline
    (the same weekday last week, or the same hour yesterday). Each fold is
    scored with the model the folds before it chose (MASE, sMAPE, and the
    coverage of the 80% and 95% intervals); the model all folds choose makes
    the forecast, with 80% and 95% intervals. A series too short or too sparse
    says so and gets the baseline. Needs the forecast extra:
    pip install 'chargewatch[forecast]'.

    \b
    Examples:
      chargewatch forecast
      chargewatch forecast --target energy --by network --horizon 14
      chargewatch forecast --freq H --horizon 48 --format json
      chargewatch forecast --format csv > forecast.csv
    """
    from chargewatch.forecast.models import candidates
    from chargewatch.forecast.run import SEASONS
    from chargewatch.forecast.run import forecast as compute
    from chargewatch.forecast.store import store_run

    with warehouse(ctx, write=True) as conn:
        report = compute(conn, target=target, by=by, horizon=horizon, freq=freq, folds=folds,
                         workers=workers)  # fmt: skip
        if report["series"]:
            report["run_id"] = store_run(conn, report, folds, list(candidates(SEASONS[freq])))
    if not report["series"]:
        click.echo("No session file loaded yet. Load one with: chargewatch ingest FILE",
                   err=output_format != "table")  # fmt: skip
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        rows = [
            {"key": s["key"], "model": s["model"], **p}
            for s in report["series"]
            for p in s["forecast"]
        ]
        click.echo(rows_csv(FORECAST_FIELDS, rows), nl=False)
    else:
        stdout().print(_table(report))


def _table(report: dict[str, Any]) -> Table:
    overall = report["overall"]
    title = (
        f"Forecast of {report['target']} per {report['by']}, {report['horizon']} "
        f"{'days' if report['freq'] == 'D' else 'hours'} ahead (run {report['run_id']}); "
        f"backtest MASE {shown(overall['mase'], '.3f')} against the seasonal-naive "
        f"{shown(overall['baseline_mase'], '.3f')}"
    )
    table = Table(title=title)
    for name in ("series", "model", "MASE", "baseline MASE", "sMAPE", "80% covered",
                 "95% covered", f"next {report['horizon']} (sum)", "note"):  # fmt: skip
        table.add_column(name, justify="left" if name in ("series", "model", "note") else "right")
    for s in report["series"]:
        b = s["backtest"]
        total = sum(p["mean"] for p in s["forecast"])
        table.add_row(
            s["key"], s["model"], shown(b.get("mase"), ".3f"), shown(b.get("baseline_mase"), ".3f"),
            shown(b.get("smape"), ".3f"), shown(b.get("coverage80"), ".0%"), shown(b.get("coverage95"), ".0%"),
            f"{total:,.1f}", s["note"] or "",
        )  # fmt: skip
    return table
