"""The model: scikit-learn's gradient boosting over the port-day features, fitted on
days in time order only, and what makes a port's probability high, in words."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from chargewatch.errors import ConfigError, DataError
from chargewatch.predict.features import FEATURES

MODEL_VERSION = "gbm-1"
"""Bumped whenever the features or the model's settings change."""


def _sklearn_ensemble() -> Any:
    try:
        from sklearn import ensemble
    except ImportError as exc:
        raise ConfigError(
            "maintenance prediction needs scikit-learn, which is not installed; "
            "install it with: pip install 'chargewatch[predict]'"
        ) from exc
    return ensemble


def fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.int_]) -> Any:
    """A fitted classifier; ``DataError`` when the training days hold no outage (or
    nothing but outages), from which nothing can be learned."""
    if not len(y):
        raise DataError(
            "no training port-day: no day before the one asked for was observed to its end; "
            "choose a later --train-until or --date, or load a longer status feed"
        )
    if len(set(y.tolist())) < 2:
        seen = "no port-day began" if not y.any() else "every port-day began"
        raise DataError(
            f"{seen} an outage of 30 minutes or more in the {len(y)} training port-days: "
            "nothing to learn from; train on more days (a later --train-until or --date), or "
            "load a longer status feed"
        )
    model = _sklearn_ensemble().GradientBoostingClassifier(
        n_estimators=150, learning_rate=0.05, max_depth=3, subsample=0.8,
        min_samples_leaf=20, random_state=0,
    )  # fmt: skip
    model.fit(x, y)
    return model


def probability(model: Any, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Each row's probability of beginning an outage."""
    if len(x) == 0:
        return np.zeros(0)
    return np.asarray(model.predict_proba(x)[:, 1], dtype=float)


def importance(model: Any) -> dict[str, float]:
    """Each feature's share of the trees' impurity reduction, largest first."""
    pairs = zip(FEATURES, (float(v) for v in model.feature_importances_), strict=True)
    return dict(sorted(pairs, key=lambda p: -p[1]))


def reasons(f: dict[str, float]) -> str:
    """Why a port-day looks risky, from its features, in words."""
    said = []
    if f["is_down"]:
        said.append("out of order as the day began")
    if f["faults_7d"]:
        said.append(f"{_times(f['faults_7d'])} down in the last 7 days "
                    f"({_times(f['faults_1d'])} in the last day)")  # fmt: skip
    if f["flaps_7d"]:
        said.append(f"{int(f['flaps_7d'])} of them back within 30 min")
    if f["minutes_since_fault"] < 43200:
        said.append(f"last went down {_ago(f['minutes_since_fault'])} ago")
    if f["peers_down_share"]:
        said.append(f"{f['peers_down_share']:.0%} of the station's other ports down")
    return "; ".join(said) or "no outage seen in its history"


def _times(n: float) -> str:
    return {0: "none", 1: "once"}.get(int(n), f"{int(n)} times")


def _ago(minutes: float) -> str:
    if minutes < 120:
        return f"{minutes:.0f} min"
    return f"{minutes / 60:.0f} h" if minutes < 2880 else f"{minutes / 1440:.0f} days"
