"""Forecasts (``chargewatch forecast``): the rolling-origin backtest on the Palo Alto
sessions against a plain-Python seasonal-naive baseline, folds that cannot see past
their cut-off, short series, and the scores worked by hand."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, datetime, timedelta

import numpy as np
import pytest

from chargewatch.forecast import backtest as bt
from chargewatch.forecast.models import candidates
from chargewatch.warehouse.connect import Connection
from tests.conftest import CliRunnerCall
from tests.test_sessions import EVCHART, PALO_ALTO


def test_scores_worked_by_hand() -> None:
    train = np.array([1.0, 2.0, 3.0, 2.0, 3.0, 4.0])  # season 3: errors 1, 1, 1 → scale 1
    actual, predicted = np.array([4.0, 5.0]), np.array([3.0, 7.0])
    assert bt.mase(actual, predicted, train, 3) == pytest.approx(1.5)  # (1 + 2) / 2 / 1
    assert bt.smape(actual, predicted) == pytest.approx((2 / 7 + 4 / 12) / 2)
    assert bt.smape(np.zeros(2), np.zeros(2)) == 0
    assert bt.mase(actual, predicted, np.ones(6), 3) is None  # no scale
    assert bt.cutoffs(100, 10, 3) == [69, 79, 89]


def test_no_fold_peeks_past_its_cut_off() -> None:
    """Poison every value after a fold's cut-off: that fold's forecast is unchanged."""
    rng = np.random.default_rng(15)
    days = np.arange(200)
    values = 20 + 5 * np.sin(2 * np.pi * days / 7) + rng.normal(0, 2, len(days))
    fits = candidates(7)
    for name in ("AutoETS", "AutoTheta", "SeasonalNaive"):
        folds = bt.backtest(values, fits[name], 14, 4, 7)
        for k, fold in enumerate(folds):
            poisoned = values.copy()
            poisoned[fold.cutoff + 1 :] = 1e9
            again = bt.backtest(poisoned, fits[name], 14, 4, 7)[k]
            assert again.cutoff == fold.cutoff
            for band, forecast in fold.forecast.items():
                np.testing.assert_array_equal(
                    again.forecast[band], forecast, err_msg=f"{name} {band}"
                )


def _local_daily_counts(station: str) -> tuple[date, np.ndarray]:
    """Sessions per local start day of one Palo Alto station, from its first day to the
    file's last (of any station), from the file."""
    with PALO_ALTO.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    day = [datetime.strptime(r["Start Date"], "%m/%d/%Y %H:%M").date() for r in rows]
    days = Counter(d for d, r in zip(day, rows, strict=True) if r["Station Name"] == station)
    first, last = min(days), max(day)
    return first, np.array(
        [days.get(first + timedelta(n), 0) for n in range((last - first).days + 1)]
    )


def _seasonal_naive_mase(values: np.ndarray, horizon: int, folds: int) -> float:
    """Over folds 2 to n: the folds a held-out score covers."""
    scores = []
    for k in range(folds - 1, 0, -1):
        cut = len(values) - horizon * k
        train, actual = values[:cut], values[cut : cut + horizon]
        predicted = np.array([train[cut - 7 + (i % 7)] for i in range(horizon)])
        scale = np.mean(np.abs(train[7:] - train[:-7]))
        scores.append(np.mean(np.abs(actual - predicted)) / scale)
    return float(np.mean(scores))


def test_the_palo_alto_backtest_beats_the_seasonal_naive_baseline(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", "-q", str(PALO_ALTO)).exit_code == 0
    result = invoke("forecast", "--workers", "2", "--format", "json")  # 5 series: a pool
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    alone = json.loads(invoke("forecast", "--workers", "1", "--format", "json").stdout)
    assert alone["series"] == report["series"]  # the pool changes nothing but the time
    assert {k: report[k] for k in ("target", "freq", "horizon", "by")} == {
        "target": "sessions", "freq": "D", "horizon": 28, "by": "station"}  # fmt: skip
    overall = report["overall"]
    assert overall["mase"] < overall["baseline_mase"]  # held out: the choice saw earlier folds
    assert 0 < overall["coverage80"] <= overall["coverage95"] <= 1
    for series in report["series"]:
        first, values = _local_daily_counts(series["key"])
        expected = _seasonal_naive_mase(values, 28, 4)
        assert series["backtest"]["baseline_mase"] == pytest.approx(expected, abs=1e-4)
        assert series["backtest"]["folds"] == 4 and series["note"] is None
        assert series["model"] in ("SeasonalNaive", "AutoETS", "AutoTheta")
        forecast = series["forecast"]
        last = first + timedelta(len(values) - 1)
        assert [p["date"] for p in forecast] == [
            (last + timedelta(n)).isoformat() for n in range(1, 29)
        ]
        assert all(p["lo95"] <= p["lo80"] <= p["mean"] <= p["hi80"] <= p["hi95"] for p in forecast)
    stored = conn.execute(
        "select series_key, model, mase from reporting.forecast_series where run_id = %s "
        "order by series_key",
        (report["run_id"],),
    ).fetchall()
    assert stored == sorted((s["key"], s["model"], s["backtest"]["mase"]) for s in report["series"])
    periods = conn.execute(
        "select count(*) from reporting.forecast where run_id = %s", (report["run_id"],)
    ).fetchone()
    assert periods == (28 * len(report["series"]),)


def test_a_short_series_says_so_and_gets_the_baseline(invoke: CliRunnerCall) -> None:
    assert invoke("ingest", "-q", str(EVCHART)).exit_code == 0
    report = json.loads(invoke("forecast", "--by", "network", "--format", "json").stdout)
    (series,) = report["series"]
    assert series["model"] == "SeasonalNaive"
    assert series["backtest"] == {"folds": 0, "mase": None, "smape": None, "baseline_mase": None,
                                  "coverage80": None, "coverage95": None}  # fmt: skip
    assert series["note"] == (
        "too short: 30 periods; a backtest of 4 folds of 28 needs 126; the seasonal-naive "
        "baseline is used"
    )
    assert report["overall"]["mase"] is None
    by_station = invoke("forecast", "--by", "station", "--horizon", "7", "--format", "json")
    stations = json.loads(by_station.stdout)["series"]  # strict JSON: no NaN
    assert by_station.stderr == ""
    assert all(s["note"].startswith("too short") for s in stations)
    # Some chargers' first session is days before the end: shorter than a week, their
    # mean so far stands in for the seasonal-naive forecast.
    assert all(p["mean"] >= 0 for s in stations for p in s["forecast"])


def test_forecast_without_sessions_says_how_to_start(invoke: CliRunnerCall) -> None:
    result = invoke("forecast")
    assert (result.exit_code, result.stdout) == (
        0, "No session file loaded yet. Load one with: chargewatch ingest FILE\n"
    )  # fmt: skip
