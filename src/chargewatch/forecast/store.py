"""Keep a forecast run in the warehouse (``core.forecast_run``, ``_series``, ``_value``)
with its run id, the models tried and each series' chosen model and scores."""

from __future__ import annotations

from typing import Any

from chargewatch.forecast.models import LEVELS
from chargewatch.warehouse.connect import Connection


def store_run(conn: Connection, report: dict[str, Any], folds: int, models: list[str]) -> int:
    """Store ``report`` (``forecast.run.forecast``'s) and return its run id."""
    overall = report["overall"]
    with conn.transaction():
        row = conn.execute(
            "insert into core.forecast_run (target, freq, horizon, by_dimension, folds, models, "
            "overall_mase, overall_baseline_mase) values (%s, %s, %s, %s, %s, %s, %s, %s) "
            "returning run_id",
            (report["target"], report["freq"], report["horizon"], report["by"], folds, models,
             overall["mase"], overall["baseline_mase"]),
        ).fetchone()  # fmt: skip
        assert row is not None
        run_id = int(row[0])
        with conn.cursor() as cur:
            cur.executemany(
                "insert into core.forecast_series (run_id, series_key, model, note, mase, smape, "
                "baseline_mase, coverage80, coverage95) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(run_id, s["key"], s["model"], s["note"], *_scores(s["backtest"]))
                 for s in report["series"]],
            )  # fmt: skip
            with cur.copy(
                "copy core.forecast_value (run_id, series_key, period, mean, lo80, hi80, lo95, "
                "hi95) from stdin"
            ) as copy:
                for s in report["series"]:
                    for point in s["forecast"]:
                        bands = [
                            point[f"{side}{level}"] for level in LEVELS for side in ("lo", "hi")
                        ]
                        copy.write_row([run_id, s["key"], point["date"], point["mean"], *bands])
    return run_id


def _scores(backtest: dict[str, Any]) -> list[float | None]:
    return [backtest[n] for n in ("mase", "smape", "baseline_mase", "coverage80", "coverage95")]
