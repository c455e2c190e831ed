"""Keep a prediction run in the warehouse: the run with its model version, training
size, metrics and feature importance, and every port-day it scored."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import numpy.typing as npt

from chargewatch.predict.features import PortDays
from chargewatch.predict.model import reasons
from chargewatch.warehouse.connect import Connection

_METRICS = ("positives", "model", "baselines", "test_rows", "test_days")


def store_run(
    conn: Connection, purpose: str, result: dict[str, Any], rows: PortDays,
    p: npt.NDArray[np.float64],
) -> int:  # fmt: skip
    """Store a run and its scores; returns the run id."""
    run_metrics = {name: result[name] for name in _METRICS if name in result}
    with conn.transaction():
        row = conn.execute(
            "insert into core.maintenance_run (purpose, model_version, train_until, "
            "test_until, train_rows, train_positives, top_k, metrics, importance) values "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s) returning run_id",
            (purpose, result["model_version"], result["train_until"], result.get("test_until"),
             result["train_rows"], result["train_positives"], result.get("k", result.get("top")),
             json.dumps(run_metrics) if run_metrics else None, json.dumps(result["importance"])),
        ).fetchone()  # fmt: skip
        assert row is not None
        run_id = int(row[0])
        with conn.cursor().copy(
            "copy core.maintenance_score (run_id, port_pk, day, probability, persistence, "
            "historical_rate, began_outage, reasons) from stdin"
        ) as copy:
            for i, key in enumerate(rows.keys):
                copy.write_row([run_id, key["port_pk"], key["day"], float(p[i]),
                                float(rows.persistence[i]), float(rows.historical_rate[i]),
                                rows.label[i], reasons(rows.features(i))])  # fmt: skip
    return run_id
