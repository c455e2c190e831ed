"""Rolling-origin backtests: each fold fits on the periods up to its cut-off only and
forecasts the next ``horizon``; MASE (scaled by the in-sample seasonal-naive error of
that fold's training periods) and sMAPE score it, and the actuals falling inside the
80% and 95% intervals give their empirical coverage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Fit = Callable[[Floats, int], dict[str, Floats]]
"""Fits a model on the training values and returns ``mean``, ``lo80``, ``hi80``,
``lo95`` and ``hi95`` for the given horizon."""


@dataclass
class Fold:
    """One fold's cut-off (the index of its last training period), forecast and scores."""

    cutoff: int
    forecast: dict[str, Floats]
    actual: Floats
    mase: float | None
    smape: float


def mase(actual: Floats, predicted: Floats, train: Floats, season: int) -> float | None:
    """Mean absolute error over the training periods' seasonal-naive error; None when
    the training periods repeat their season exactly (no scale)."""
    if len(train) <= season:
        return None
    scale = float(np.mean(np.abs(train[season:] - train[:-season])))
    if scale == 0:
        return None
    return float(np.mean(np.abs(actual - predicted)) / scale)


def smape(actual: Floats, predicted: Floats) -> float:
    """Symmetric MAPE, 0 to 2 (a period where both are 0 counts as 0)."""
    total = np.abs(actual) + np.abs(predicted)
    terms = np.divide(
        2 * np.abs(actual - predicted), total, out=np.zeros_like(total), where=total > 0
    )
    return float(np.mean(terms))


def cutoffs(length: int, horizon: int, folds: int) -> list[int]:
    """The folds' cut-offs, oldest first: the last ``folds`` windows of ``horizon``."""
    return [length - horizon * k - 1 for k in range(folds, 0, -1)]


def backtest(values: Floats, fit: Fit, horizon: int, folds: int, season: int) -> list[Fold]:
    """Each fold fitted on ``values[: cutoff + 1]`` only."""
    found = []
    for cutoff in cutoffs(len(values), horizon, folds):
        train = values[: cutoff + 1]
        actual = values[cutoff + 1 : cutoff + 1 + horizon]
        forecast = fit(train, horizon)
        found.append(
            Fold(cutoff, forecast, actual, mase(actual, forecast["mean"], train, season),
                 smape(actual, forecast["mean"]))
        )  # fmt: skip
    return found


def mean_score(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def coverage(folds: list[Fold], level: int) -> float | None:
    """The share of the folds' actuals inside their ``level``% intervals."""
    inside = [
        (fold.actual >= fold.forecast[f"lo{level}"]) & (fold.actual <= fold.forecast[f"hi{level}"])
        for fold in folds
    ]
    joined = np.concatenate(inside) if inside else np.zeros(0, dtype=bool)
    return float(joined.mean()) if len(joined) else None
