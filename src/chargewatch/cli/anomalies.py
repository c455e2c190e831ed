"""``chargewatch anomalies``: what looks wrong with the ports, the feeds and the
sessions; ``chargewatch predict``: which ports will fail next, and how well that
prediction did on days it never saw."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click
from rich.table import Table

from chargewatch.anomalies import FIELDS, KINDS, anomaly_list
from chargewatch.cli.common import date_option, format_option, limit_option, stdout, warehouse
from chargewatch.cli.render import as_json, rows_csv, shown

NO_ANOMALIES = "No anomaly found. (Status feeds and session files are what the detectors read: "
NO_ANOMALIES += "load one with: chargewatch ingest FILE)"
PORT_FIELDS = ("rank", "source", "station_id", "port_id", "port_key", "probability",
               "persistence", "historical_rate", "reasons")  # fmt: skip


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command()
@date_option("--since", "Only anomalies going on at or after this day (YYYY-MM-DD, UTC): "
             "still open, or ended then or later.")  # fmt: skip
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only this kind (repeat for more).")  # fmt: skip
@click.option("--source", help="Only this source's anomalies (e.g. esb).")
@limit_option()
@format_option("table", "json", "csv")
@click.pass_context
def anomalies(
    ctx: click.Context, since: datetime | None, kinds: tuple[str, ...], source: str | None,
    limit: int | None, output_format: str,
) -> None:  # fmt: skip
    """What looks wrong, from the status feeds and sessions loaded, newest first: each
    with its reason, since when, the evidence and a score (1 = its threshold).

    \b
    Kinds:
      stuck_status    a port in one status far longer than its station and its own
                      history say is plausible (in use for days; available for
                      days where its station's ports are seldom free that long)
      silent_failure  available, yet no session for days while the station's other
                      ports had many (needs sessions naming the feed's ports)
      flapping        down four or more times in one day
      degradation     down on more days of the last 7 than its own 28 before
      feed_outage     10+ ports of one feed down in the same minute (and again
                      within 30 minutes): the network or back end, reported once
                      (not as charger faults)
      session_energy  more kWh than the port could deliver in the time plugged in
      future_clock    times after the file that held them was loaded

    \b
    Examples:
      chargewatch ingest ie_cpinfo_status_5min_2018-11-01_to_10.tsv.gz
      chargewatch anomalies
      chargewatch anomalies --since 2018-11-08 --kind flapping --kind stuck_status
      chargewatch anomalies --kind feed_outage --format json
    """
    with warehouse(ctx) as conn:
        report = anomaly_list(conn, _day(since), kinds, source)
    if limit is not None:
        report["anomalies"] = report["anomalies"][:limit]
    if not report["anomalies"]:
        click.echo(NO_ANOMALIES, err=output_format != "table")
        if output_format == "table":
            return
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv(FIELDS, report["anomalies"]), nl=False)
    else:
        stdout().print(_anomaly_table(report))


def _anomaly_table(report: dict[str, Any]) -> Table:
    counts = ", ".join(f"{n} {kind}" for kind, n in report["counts"].items() if n)
    table = Table(title=f"Anomalies ({counts})")
    for name in ("started (UTC)", "kind", "station", "port", "score", "evidence"):
        table.add_column(name, justify="right" if name == "score" else "left")
    for a in report["anomalies"]:
        table.add_row(
            a["started_at"][:16].replace("T", " ") + (" (open)" if a["is_open"] else ""),
            a["reason_code"], a["station_id"] or a["source"], a["port_id"] or "",
            shown(a["score"], ".1f"), a["evidence"],
        )  # fmt: skip
    return table


@click.group()
def predict() -> None:
    """Which ports will fail next: each port's probability of beginning an outage of
    30 minutes or more in the next 24 hours, from its status history (scikit-learn
    gradient boosting; needs: pip install 'chargewatch[predict]').

    \b
    Examples:
      chargewatch predict maintenance --top 10
      chargewatch predict evaluate --train-until 2018-11-08 --format json
    """


@predict.command()
@date_option("--date", "The day to rank the ports for (YYYY-MM-DD, UTC; default: the day "
             "of the newest status observation).")  # fmt: skip
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many ports to list: the ports a crew can visit in a day.")  # fmt: skip
@click.option("--source", help="Only this status feed's ports (e.g. esb).")
@format_option("table", "json", "csv")
@click.pass_context
def maintenance(
    ctx: click.Context, date: datetime | None, top: int, source: str | None, output_format: str
) -> None:
    """The morning list: the ports most likely to begin an outage of 30 minutes or
    more on --date, why, and how likely, from a model fitted on every day before
    it. Every port's score is kept (reporting.maintenance_score) with the run.

    Features are each port's own history up to the start of the day: outages in
    the last 1, 3 and 7 days, minutes since the last, brief outages, time out of
    order and in use, its station's other ports, the day of the week, its
    historical outage rate. Feed (back-end) outages are not charger faults: they
    count as time out of order, never as a fault or as the outage predicted.

    \b
    Examples:
      chargewatch predict maintenance
      chargewatch predict maintenance --date 2018-11-10 --top 20 --format json
    """
    from chargewatch.predict.run import morning_list

    with warehouse(ctx, write=True) as conn:
        report = morning_list(conn, _day(date), top, source)
    if output_format == "json":
        click.echo(as_json(report))
    elif output_format == "csv":
        click.echo(rows_csv(PORT_FIELDS, report["ports"]), nl=False)
    else:
        stdout().print(_morning_table(report))


def _morning_table(report: dict[str, Any]) -> Table:
    table = Table(
        title=f"Ports to visit on {report['day']}: chance of an outage of 30+ min in the next "
        f"24 h (run {report['run_id']}, {report['ports_scored']:,} ports scored)"
    )
    for name in ("#", "station", "port", "probability", "why"):
        table.add_column(name, justify="right" if name in ("#", "probability") else "left")
    for p in report["ports"]:
        table.add_row(str(p["rank"]), p["station_id"], p["port_id"],
                      shown(p["probability"], ".0%"), p["reasons"])  # fmt: skip
    return table


@predict.command()
@click.option("--train-until", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Fit on the days before this one (YYYY-MM-DD, UTC) ...")  # fmt: skip
@date_option("--test-until", "... and score the days from --train-until to the day before "
             "this one (default: the day of the newest status observation).")  # fmt: skip
@click.option("--k", "k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Precision at k: the ports a crew can visit per day.")  # fmt: skip
@click.option("--source", help="Only this status feed's ports (e.g. esb).")
@format_option("table", "json")
@click.pass_context
def evaluate(
    ctx: click.Context, train_until: datetime, test_until: datetime | None, k: int,
    source: str | None, output_format: str,
) -> None:  # fmt: skip
    """How well prediction does on days it never saw: fit on the days before
    --train-until, then score each day up to --test-until from what was known as
    that day began, against two rules: persistence (down in the last 24 hours) and
    each port's historical outage rate. Reports PR-AUC, precision among each day's
    top k (ties counted by their share), the Brier score and a calibration table;
    the run and its scores are kept.

    \b
    Examples:
      chargewatch predict evaluate --train-until 2018-11-08
      chargewatch predict evaluate --train-until 2018-11-08 --test-until 2018-11-11 --format json
    """
    from chargewatch.predict.run import evaluate as run_evaluation

    with warehouse(ctx, write=True) as conn:
        report = run_evaluation(conn, train_until.date(), _day(test_until), k, source)
    if output_format == "json":
        click.echo(as_json(report))
    else:
        stdout().print(_evaluation_table(report))


def _evaluation_table(report: dict[str, Any]) -> Table:
    table = Table(
        title=f"Trained until {report['train_until']}, tested until {report['test_until']}: "
        f"{report['positives']} of {report['test_rows']:,} port-days began an outage of 30+ min"
    )
    for name in ("scorer", "PR-AUC", f"precision at {report['k']}", "Brier"):
        table.add_column(name, justify="left" if name == "scorer" else "right")
    scorers = [(f"model ({report['model_version']})", report["model"]),
               *((f"baseline: {n}", s) for n, s in report["baselines"].items())]  # fmt: skip
    for name, s in scorers:
        table.add_row(name, shown(s["pr_auc"], ".3f"), shown(s["precision_at_k"], ".3f"),
                      shown(s["brier"], ".4f"))  # fmt: skip
    return table
