"""Forecast sessions or energy per station, network or source: build each series from
``reporting.session``, backtest every candidate, keep the best by MASE, forecast with
it, and store the run.

The JSON shape is a contract::

    {"run_id", "target", "freq", "horizon", "by",
     "overall": {"mase", "baseline_mase", "coverage80", "coverage95"},
     "series": [{"key", "model", "note",
                 "backtest": {"folds", "mase", "smape", "baseline_mase",
                              "coverage80", "coverage95"},
                 "forecast": [{"date", "mean", "lo80", "hi80", "lo95", "hi95"}]}]}

Scores are held out from the choice: fold k is scored with the model chosen on the
folds before it, so folds 2 to n are scored (``folds`` is n), and the model that
forecasts is the one all n folds choose. A series too short for the backtest (fewer
than folds * horizon + 2 seasons of periods) or too sparse (over 80% of periods
without a session) says so in ``note`` and gets the seasonal-naive baseline, with
``folds`` 0 and no scores. Daily dates are YYYY-MM-DD, hourly ones local times.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import numpy as np
from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.forecast import backtest as bt
from chargewatch.forecast.backtest import Fit, Floats
from chargewatch.forecast.models import BASELINE, candidates
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql

SEASONS = {"D": 7, "H": 24}
STEPS = {"D": timedelta(days=1), "H": timedelta(hours=1)}
UNITS = {"D": "day", "H": "hour"}
BY = {"station": "station_id", "network": "network", "state": "state", "source": "source"}
TARGETS = ("sessions", "energy")
SPARSE = 0.8


@dataclass
class Series:
    key: str
    start: datetime
    values: Floats


def read_series(conn: Connection, by: str, target: str, freq: str) -> list[Series]:
    """Each key's values per period from its first up to the newest period of all
    (a station that fell quiet is forecast from today, not from its last session), the
    periods without a session filled with 0."""
    query = sql.SQL(read_sql("sessions", "series.sql")).format(key=sql.Identifier(BY[by]))
    rows = conn.execute(query, {"unit": UNITS[freq]}).fetchall()
    column = 2 if target == "sessions" else 3
    grouped: dict[str, list[tuple[datetime, float]]] = {}
    for row in rows:
        grouped.setdefault(str(row[0]), []).append((row[1], float(row[column])))
    end = max((row[1] for row in rows), default=None)
    return [_filled(key, points, STEPS[freq], end) for key, points in grouped.items()]


def _filled(
    key: str, points: list[tuple[datetime, float]], step: timedelta, end: datetime | None
) -> Series:
    start = points[0][0]
    values = np.zeros(int(((end or points[-1][0]) - start) / step) + 1)
    for moment, value in points:
        values[int((moment - start) / step)] = value
    return Series(key, start, values)


def check_options(target: str, by: str, freq: str, horizon: int, folds: int) -> None:
    problems = [
        (target not in TARGETS, f"--target must be one of {', '.join(TARGETS)}"),
        (by not in BY, f"--by must be one of {', '.join(BY)}"),
        (freq not in SEASONS, "--freq must be D (daily) or H (hourly)"),
        (horizon < 1, "--horizon must be 1 or more"),
        (
            folds < 2,
            "--folds must be 2 or more: models are chosen on earlier folds and "
            "scored on later ones",
        ),
    ]
    for bad, message in problems:
        if bad:
            raise ConfigError(message)


def forecast_series(
    series: Series, fits: dict[str, Fit], horizon: int, folds: int, season: int, step: timedelta
) -> dict[str, Any]:
    """One series' chosen model, backtest scores and forecast."""
    note = _unfit(series.values, horizon, folds, season)
    scores: dict[str, list[bt.Fold]] = {}
    if note is None:
        scores = {
            name: bt.backtest(series.values, fit, horizon, folds, season)
            for name, fit in fits.items()
        }
    chosen = _best(scores) if scores else BASELINE
    ahead = fits[chosen](series.values, horizon)
    last = series.start + step * (len(series.values) - 1)
    return {
        "key": series.key,
        "model": chosen,
        "note": note,
        "backtest": _backtest(scores, folds) if scores else _untested(),
        "forecast": [
            {
                "date": _period(last + step * (i + 1), step),
                **{
                    name: round(max(float(ahead[name][i]), 0.0), 3)
                    for name in ("mean", "lo80", "hi80", "lo95", "hi95")
                },
            }
            for i in range(horizon)
        ],
    }


def forecast_all(
    series: list[Series],
    horizon: int,
    folds: int,
    season: int,
    step: timedelta,
    workers: int | None = None,
) -> list[dict[str, Any]]:
    """Every series' ``forecast_series``, in order, fitted by ``workers`` processes (one
    per CPU by default; in this process when there are few series or one worker)."""
    fits = candidates(season)  # here first: without statsforecast, a ConfigError here
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(series) < 2 * workers:
        return [forecast_series(s, fits, horizon, folds, season, step) for s in series]
    job = partial(_in_worker, horizon=horizon, folds=folds, season=season, step=step)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(season,)) as pool:
        return list(pool.map(job, series, chunksize=max(len(series) // (8 * workers), 1)))


_WORKER_FITS: dict[str, Fit] = {}


def _start_worker(season: int) -> None:
    _WORKER_FITS.update(candidates(season))


def _in_worker(
    series: Series, *, horizon: int, folds: int, season: int, step: timedelta
) -> dict[str, Any]:
    return forecast_series(series, _WORKER_FITS, horizon, folds, season, step)


def _unfit(values: Floats, horizon: int, folds: int, season: int) -> str | None:
    needed = folds * horizon + 2 * season
    if len(values) < needed:
        return (
            f"too short: {len(values)} periods; a backtest of {folds} folds of {horizon} needs "
            f"{needed}; the seasonal-naive baseline is used"
        )
    empty = float(np.mean(values == 0))
    if empty > SPARSE:
        return f"too sparse: {empty:.0%} of periods are empty; the seasonal-naive baseline is used"
    return None


def _period(moment: datetime, step: timedelta) -> str:
    return moment.date().isoformat() if step == STEPS["D"] else moment.isoformat()


def _best(scores: dict[str, list[bt.Fold]]) -> str:
    """The model with the lowest mean MASE (the baseline on ties, being first)."""
    means = {name: bt.mean_score([f.mase for f in folds]) for name, folds in scores.items()}
    known = {name: value for name, value in means.items() if value is not None}
    return min(known, key=lambda name: known[name]) if known else BASELINE


def _backtest(scores: dict[str, list[bt.Fold]], folds: int) -> dict[str, Any]:
    """Scores held out from the choice: fold k is scored with the model the folds before
    it chose (so folds 2 to n are scored), against the baseline on the same folds."""
    held = [scores[_best({n: f[:k] for n, f in scores.items()})][k] for k in range(1, folds)]
    baseline = scores[BASELINE][1:]
    return {
        "folds": folds,
        "mase": _round(bt.mean_score([f.mase for f in held])),
        "smape": _round(bt.mean_score([f.smape for f in held])),
        "baseline_mase": _round(bt.mean_score([f.mase for f in baseline])),
        "coverage80": _round(bt.coverage(held, 80)),
        "coverage95": _round(bt.coverage(held, 95)),
    }


def _untested() -> dict[str, Any]:
    return {"folds": 0, "mase": None, "smape": None, "baseline_mase": None,
            "coverage80": None, "coverage95": None}  # fmt: skip


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def forecast(
    conn: Connection,
    *,
    target: str = "sessions",
    by: str = "station",
    horizon: int = 28,
    freq: str = "D",
    folds: int = 4,
    workers: int | None = None,
) -> dict[str, Any]:
    """Every series' forecast, as the JSON contract (``run_id`` null: not stored);
    ``workers`` processes fit the series (default: one per CPU)."""
    check_options(target, by, freq, horizon, folds)
    series = read_series(conn, by, target, freq)
    found = forecast_all(series, horizon, folds, SEASONS[freq], STEPS[freq], workers)
    tested = [s["backtest"] for s in found if s["backtest"]["folds"]]
    overall = {
        name: _round(bt.mean_score([t[name] for t in tested]))
        for name in ("mase", "baseline_mase", "coverage80", "coverage95")
    }
    return {"run_id": None, "target": target, "freq": freq, "horizon": horizon, "by": by,
            "overall": overall, "series": found}  # fmt: skip
