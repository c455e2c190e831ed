"""The candidate models (Nixtla's statsforecast: AutoETS and AutoTheta with the series'
season) and the seasonal-naive baseline (the same period one season before), each as
a ``Fit`` for the backtest. statsforecast is the optional ``forecast`` extra."""

from __future__ import annotations

from typing import Any

import numpy as np

from chargewatch.errors import ConfigError
from chargewatch.forecast.backtest import Fit, Floats

BASELINE = "SeasonalNaive"
LEVELS = (80, 95)


def _statsforecast() -> Any:
    try:
        from statsforecast import models
    except ImportError as exc:
        raise ConfigError(
            "forecasts need statsforecast, which is not installed; "
            "install it with: pip install 'chargewatch[forecast]'"
        ) from exc
    return models


def candidates(season: int) -> dict[str, Fit]:
    """Model name → its fit, the baseline first."""
    models = _statsforecast()
    return {
        BASELINE: _fit(models.SeasonalNaive, season),
        "AutoETS": _fit(models.AutoETS, season),
        "AutoTheta": _fit(models.AutoTheta, season),
    }


def _fit(model: Any, season: int) -> Fit:
    def fit(train: Floats, horizon: int) -> dict[str, Floats]:
        fitted = model(season_length=season).forecast(
            y=np.asarray(train, dtype=np.float64), h=horizon, level=list(LEVELS)
        )
        found = {"mean": np.asarray(fitted["mean"], dtype=np.float64)}
        for level in LEVELS:
            found[f"lo{level}"] = np.asarray(fitted[f"lo-{level}"], dtype=np.float64)
            found[f"hi{level}"] = np.asarray(fitted[f"hi-{level}"], dtype=np.float64)
        return found

    return fit
