"""Train and score in time order: ``evaluate`` fits on the days before
``train_until`` and scores the days after it against the baselines; ``morning_list``
fits on every day before a date and ranks the ports for that date. Both keep their
run (``core.maintenance_run``, ``core.maintenance_score``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np

from chargewatch.errors import ConfigError, EmptyWarehouse
from chargewatch.predict import metrics
from chargewatch.predict.features import PortDays, port_days
from chargewatch.predict.model import MODEL_VERSION, fit, importance, probability, reasons
from chargewatch.predict.store import store_run
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import one_row

DAY = timedelta(days=1)


def midnight(day: date) -> datetime:
    """The first instant of ``day``, UTC: the cutoff its predictions are made at."""
    return datetime.combine(day, time(), tzinfo=UTC)


def observed_span(conn: Connection, source: str | None) -> tuple[datetime, datetime]:
    """When the first port was first observed, and the end of the newest observation."""
    row = one_row(
        conn,
        "select min(i.starts_at), max(i.ends_at) from core.port_status_interval as i "
        "inner join core.port as p on p.port_pk = i.port_pk "
        "where %(source)s::text is null or p.source = %(source)s::text",
        {"source": source},
    )
    if row[0] is None:
        where = f" of source {source!r}" if source else ""
        raise EmptyWarehouse(f"No port status{where} loaded yet: load a status feed with: "
                             "chargewatch ingest FILE")  # fmt: skip
    return row[0].astimezone(UTC), row[1].astimezone(UTC)


def _day_of(moment: datetime) -> date:
    """The day an instant is in; an end at midnight ends the day before."""
    return (moment - timedelta(microseconds=1)).date()


def training(
    conn: Connection, span: tuple[datetime, datetime], until: date, source: str | None,
    option: str,
) -> PortDays:  # fmt: skip
    """Every port-day before ``until`` whose next 24 hours were known by then (and
    observed: labels stop at the newest observation)."""
    first = span[0].date()
    if until <= first + DAY:
        raise ConfigError(
            f"{option} {until}: training would end there, but the status feed begins on "
            f"{first}: choose {first + 2 * DAY} or later"
        )
    known = min(midnight(until), span[1])
    return port_days(conn, first + DAY, until - DAY, known, source).known()


def evaluate(
    conn: Connection, train_until: date, test_until: date | None = None, k: int = 10,
    source: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Fit on the days before ``train_until``; score ``train_until`` to ``test_until``
    (default: the day of the newest observation) against persistence and each port's
    historical rate."""
    if test_until is not None and test_until <= train_until:
        raise ConfigError(f"--test-until {test_until} must be after --train-until {train_until}")
    span = observed_span(conn, source)
    train = training(conn, span, train_until, source, "--train-until")
    last = _day_of(span[1])
    if test_until is None and last <= train_until:
        raise ConfigError(f"the status feed ends on {last}: no day after --train-until "
                          f"{train_until} to test on")  # fmt: skip
    test_until = test_until or last
    model = fit(train.x, train.y())
    known = min(midnight(test_until), span[1])
    test = port_days(conn, train_until, test_until - DAY, known, source).known()
    p = probability(model, test.x)
    y, days = test.y(), [key["day"] for key in test.keys]
    result: dict[str, Any] = {
        "train_until": train_until.isoformat(), "test_until": test_until.isoformat(),
        "positives": int(y.sum()),
        "model": {**metrics.scores(days, y, p, k), "calibration": metrics.calibration(y, p)},
        "baselines": {
            "persistence": metrics.scores(days, y, test.persistence, k),
            "historical_rate": metrics.scores(days, y, test.historical_rate, k),
        },
        "k": k, "test_rows": len(test), "test_days": len(set(days)),
        "train_rows": len(train), "train_positives": int(train.y().sum()),
        "model_version": MODEL_VERSION, "importance": importance(model),
    }  # fmt: skip
    result["run_id"] = store_run(conn, "evaluate", result, test, p)
    return result


def morning_list(
    conn: Connection, day: date | None = None, top: int = 10, source: str | None = None
) -> dict[str, Any]:
    """Each port's probability of beginning an outage of 30 minutes or more on
    ``day`` (default: the day of the newest observation), the ``top`` first, from a
    model fitted on every day before it."""
    span = observed_span(conn, source)
    day = day or _day_of(span[1])
    train = training(conn, span, day, source, "--date")
    model = fit(train.x, train.y())
    today = port_days(conn, day, day, midnight(day), source)
    if not len(today):
        raise ConfigError(f"no port was observed in the 24 hours before {day}; the status "
                          f"feed runs from {span[0].date()} to {_day_of(span[1])}")  # fmt: skip
    p = probability(model, today.x)
    result: dict[str, Any] = {
        "day": day.isoformat(), "model_version": MODEL_VERSION, "top": top,
        "ports_scored": len(today), "train_rows": len(train),
        "train_positives": int(train.y().sum()), "train_until": day.isoformat(),
        "importance": importance(model),
    }  # fmt: skip
    result["run_id"] = store_run(conn, "score", result, today, p)
    order = np.argsort(-p, kind="stable")[:top]
    result["ports"] = [_listed(rank, today, int(i), float(p[i])) for rank, i in enumerate(order, 1)]
    return result


def _listed(rank: int, rows: PortDays, i: int, p: float) -> dict[str, Any]:
    key = rows.keys[i]
    return {
        "rank": rank, "source": key["source"], "station_id": key["station_id"],
        "port_id": key["port_id"], "port_key": key["port_key"], "probability": p,
        "persistence": float(rows.persistence[i]),
        "historical_rate": float(rows.historical_rate[i]),
        "reasons": reasons(rows.features(i)),
    }  # fmt: skip
