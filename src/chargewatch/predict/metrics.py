"""How well scores rank the port-days that began an outage: PR-AUC (average
precision), precision among each day's top k, and the Brier score with a calibration
table. Ties in a score are ranked in every order alike: precision at k counts a tied
group at the cut by its share of positives, as a random tie-break would on average."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int_]


def average_precision(y: Ints, score: Floats) -> float | None:
    """Area under the precision-recall curve as average precision: the precision at
    each distinct score, weighted by the recall it adds. None with no positive."""
    positives = int(y.sum())
    if positives == 0:
        return None
    total = 0.0
    seen = hits = 0
    for value in sorted(set(score.tolist()), reverse=True):
        at = score == value
        seen += int(at.sum())
        new_hits = int(y[at].sum())
        hits += new_hits
        total += (new_hits / positives) * (hits / seen)
    return total


def precision_at_k(y: Ints, score: Floats, k: int) -> float:
    """Of the ``k`` highest scores, the expected share that are positive (ties at the
    cut counted by their share of positives)."""
    k = min(k, len(y))
    if k == 0:
        return 0.0
    hits = 0.0
    taken = 0
    for value in sorted(set(score.tolist()), reverse=True):
        at = score == value
        size = int(at.sum())
        share = min(size, k - taken)
        hits += share * float(y[at].mean())
        taken += share
        if taken >= k:
            break
    return hits / k


def daily_precision_at_k(days: Sequence[date], y: Ints, score: Floats, k: int) -> float | None:
    """Precision at ``k`` on each day, averaged over the days."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for i, day in enumerate(days):
        by_day[day].append(i)
    if not by_day:
        return None
    values = [precision_at_k(y[idx], score[idx], k) for idx in map(np.array, by_day.values())]
    return float(np.mean(values))


def brier(y: Ints, probability: Floats) -> float | None:
    """Mean squared distance of the probabilities from what happened (0 is perfect)."""
    return float(np.mean((probability - y) ** 2)) if len(y) else None


def calibration(y: Ints, probability: Floats, bins: int = 10) -> list[dict[str, Any]]:
    """Per tenth of probability: how many port-days, the mean probability given, and
    the share that began an outage (equal when calibrated)."""
    rows = []
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(probability, edges[1:-1]), 0, bins - 1)
    for b in range(bins):
        at = which == b
        if at.any():
            rows.append({
                "from": round(float(edges[b]), 2), "to": round(float(edges[b + 1]), 2),
                "rows": int(at.sum()), "mean_probability": float(probability[at].mean()),
                "observed_rate": float(y[at].mean()),
            })  # fmt: skip
    return rows


def scores(days: Sequence[date], y: Ints, score: Floats, k: int) -> dict[str, Any]:
    """The contract's three numbers for one scorer."""
    return {
        "pr_auc": average_precision(y, score),
        "precision_at_k": daily_precision_at_k(days, y, score, k),
        "brier": brier(y, np.clip(score, 0, 1)),
    }
