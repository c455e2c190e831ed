"""Each port's day as prediction sees it (``sql/predict/features.sql``): the features
known when the day began, the two baselines' scores, and whether an outage followed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

FEATURES = (
    "faults_1d", "faults_3d", "faults_7d", "flaps_7d", "minutes_since_fault",
    "outage_share_1d", "in_use_share_7d", "observed_share_1d", "is_down",
    "peers_down_share", "peer_ports", "day_of_week", "historical_rate",
)  # fmt: skip
"""The model's inputs, in order; what each means is said in the SQL."""

KEYS = ("port_pk", "source", "station_id", "port_id", "port_key", "day")


@dataclass(frozen=True)
class PortDays:
    """Rows of port-days: who and when (``keys``), the features (``x``), the
    baselines' scores and the label (None where the next 24 hours are not known)."""

    keys: list[dict[str, Any]]
    x: npt.NDArray[np.float64]
    persistence: npt.NDArray[np.float64]
    historical_rate: npt.NDArray[np.float64]
    label: list[bool | None]

    def __len__(self) -> int:
        return len(self.keys)

    def where(self, keep: list[bool]) -> PortDays:
        """The rows where ``keep`` is true."""
        mask = np.array(keep, dtype=bool)
        return PortDays(
            [k for k, kept in zip(self.keys, keep, strict=True) if kept], self.x[mask],
            self.persistence[mask], self.historical_rate[mask],
            [v for v, kept in zip(self.label, keep, strict=True) if kept],
        )  # fmt: skip

    def known(self) -> PortDays:
        """The rows whose label is known."""
        return self.where([v is not None for v in self.label])

    def y(self) -> npt.NDArray[np.int_]:
        """The labels as 0/1 (call on ``known()`` rows)."""
        return np.array([1 if v else 0 for v in self.label], dtype=int)

    def features(self, index: int) -> dict[str, float]:
        """One row's features by name."""
        return dict(zip(FEATURES, (float(v) for v in self.x[index]), strict=True))


def port_days(
    conn: Connection, first_day: date, last_day: date, known_until: datetime,
    source: str | None = None,
) -> PortDays:  # fmt: skip
    """The port-days from ``first_day`` to ``last_day`` (UTC), labelled with what was
    known by ``known_until``."""
    params = {"first_day": first_day, "last_day": last_day, "known_until": known_until,
              "source": source}  # fmt: skip
    with conn.transaction():
        # The planner guesses one row for the aggregated port-days and would join
        # the history to them row by row: 25 times slower than hashing.
        conn.execute("set local enable_nestloop = off")
        rows = dicts(conn, read_sql("predict", "features.sql"), params)
    x = np.array([[float(r[f]) for f in FEATURES] for r in rows], dtype=float)
    return PortDays(
        keys=[{k: r[k] for k in KEYS} for r in rows],
        x=x.reshape(len(rows), len(FEATURES)),
        persistence=np.array([float(r["persistence"]) for r in rows], dtype=float),
        historical_rate=np.array([float(r["historical_rate"]) for r in rows], dtype=float),
        label=[r["began_outage"] for r in rows],
    )
