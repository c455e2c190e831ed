"""The candidate models (Nixtla's statsforecast: AutoETS and AutoTheta with the series'
season, and for hourly series MSTL with the day's and the week's seasons) and the
seasonal-naive baseline (the same period one season before), each as a ``Fit`` for
the backtest. statsforecast is the optional ``forecast`` extra."""

from __future__ import annotations

import warnings
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


WEEK_OF_HOURS = 168


def candidates(season: int) -> dict[str, Fit]:
    """Model name → its fit, the baseline first; an hourly series (a season of 24) also
    gets MSTL with the daily and weekly seasons, its trend by AutoETS."""
    models = _statsforecast()
    found = {
        BASELINE: _fit(models.SeasonalNaive, season),
        "AutoETS": _fit(models.AutoETS, season),
        "AutoTheta": _fit(models.AutoTheta, season),
    }
    if season == 24:
        found["MSTL"] = _fit(
            lambda season_length: models.MSTL(
                season_length=[season_length, WEEK_OF_HOURS],
                trend_forecaster=models.AutoETS(model="ZZN"),
            ),
            season,
        )
    return found


def _fit(model: Any, season: int) -> Fit:
    def fit(train: Floats, horizon: int) -> dict[str, Floats]:
        with warnings.catch_warnings():  # a series shorter than its season: handled below
            warnings.simplefilter("ignore", UserWarning)
            fitted = model(season_length=season).forecast(
                y=np.asarray(train, dtype=np.float64), h=horizon, level=list(LEVELS)
            )
        # A series shorter than its season leaves the seasonal-naive forecast empty
        # (NaN): its mean so far stands in, with no spread.
        fill = float(np.mean(train)) if len(train) else 0.0
        found = {"mean": np.nan_to_num(np.asarray(fitted["mean"], dtype=np.float64), nan=fill)}
        for level in LEVELS:
            for side in ("lo", "hi"):
                band = np.asarray(fitted[f"{side}-{level}"], dtype=np.float64)
                found[f"{side}{level}"] = np.where(np.isnan(band), found["mean"], band)
        return found

    return fit
