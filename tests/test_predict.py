"""Maintenance prediction: the metrics worked by hand, the labels counted in plain
Python from the generated feed, and a model that cannot see past --train-until."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import pytest
from sklearn.metrics import average_precision_score

from chargewatch.config import Settings
from chargewatch.predict import metrics
from chargewatch.predict.features import port_days
from chargewatch.warehouse.connect import connect
from tests import feedgen
from tests.conftest import CliRunnerCall, settings_env
from tests.test_port_status_ocpp import _load, _log, _status

TRAIN_UNTIL = feedgen.at(40, 0)
TEST_UNTIL = feedgen.at(45, 0)


def test_average_precision_and_precision_at_k_worked_by_hand() -> None:
    y = np.array([1, 0, 1, 0, 0])
    score = np.array([0.9, 0.8, 0.8, 0.1, 0.1])
    # At 0.9: recall 1/2 at precision 1; at 0.8: recall 2/2 at precision 2/3.
    assert metrics.average_precision(y, score) == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)
    assert metrics.average_precision(y, score) == pytest.approx(average_precision_score(y, score))
    assert metrics.precision_at_k(y, score, 1) == 1.0
    # The second place falls in a tie of one hit and one miss: half a hit.
    assert metrics.precision_at_k(y, score, 2) == pytest.approx(0.75)
    assert metrics.precision_at_k(y, score, 3) == pytest.approx(2 / 3)
    assert metrics.average_precision(np.zeros(3, dtype=int), score[:3]) is None
    days = [date(2025, 1, 1)] * 2 + [date(2025, 1, 2)] * 3
    # Day one: [1, 0] by [0.9, 0.8] -> 1.0 at k=1; day two: [1, 0, 0] with a tie of
    # 0.8 above two 0.1s -> 1.0 at k=1.
    assert metrics.daily_precision_at_k(days, y, score, 1) == 1.0
    assert metrics.brier(y, np.array([1.0, 0.0, 0.5, 0.0, 0.5])) == pytest.approx(0.1)


def _faults(net: feedgen.Network) -> list[tuple[tuple[str, str], datetime, datetime]]:
    """Every charger fault in the generated events: the port, its start and end (the
    port's next event), leaving out the feed outage."""
    by_port: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
    for t, station, port, status in sorted(net.events):
        by_port.setdefault((station, port), []).append((t, status))
    found = []
    for key, events in by_port.items():
        for (t, status), (end, _) in itertools.pairwise(events):
            if status in ("out_of_service", "offline") and t != feedgen.FEED_OUTAGE_AT:
                found.append((key, t, end))
    return found


def _positives(net: feedgen.Network, first: datetime, until: datetime) -> int:
    """Port-days from ``first`` to ``until`` on which a fault of 30+ minutes began,
    as known by ``until``."""
    days = {
        (key, (start - feedgen.START).days)
        for key, start, end in _faults(net)
        if first <= start < until and min(end, until) - start >= timedelta(minutes=30)
    }
    return len(days)


def _evaluate(invoke: CliRunnerCall) -> dict[str, Any]:
    result = invoke("predict", "evaluate", "--train-until", f"{TRAIN_UNTIL:%Y-%m-%d}",
                    "--test-until", f"{TEST_UNTIL:%Y-%m-%d}", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def _scores(url: str, run_id: int) -> dict[tuple[int, date], float]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select port_pk, day, probability from core.maintenance_score where run_id = %s",
            (run_id,),
        ).fetchall()
    return {(port, day): p for port, day, p in rows}


POISON = (
    """update core.port_status_interval
    set status = (array['out_of_service', 'offline', 'in_use', 'available'])[
        1 + (port_pk + extract(epoch from starts_at)::bigint / 60) %% 4]
    where starts_at >= %(t)s""",
    """update core.port_status_interval set ends_at = %(t)s + interval '1 minute'
    where starts_at < %(t)s and ends_at > %(t)s""",
    "delete from core.port_status_interval where starts_at >= %(t)s and port_pk %% 7 = 0",
)
"""Every status from --train-until on rewritten or gone, and what held across it (the
outage generated across that midnight among it) cut short."""


@pytest.mark.slow
def test_evaluation_counts_as_plain_python_and_cannot_see_past_train_until(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    net = feedgen.generate(datetime.now().astimezone())
    (tmp_path / "status.csv").write_text(net.status_csv(), encoding="utf-8")
    loaded = invoke("ingest", str(tmp_path / "status.csv"), "--column-map", feedgen.COLUMN_MAP)
    assert loaded.exit_code == 0, loaded.output

    before = _evaluate(invoke)
    ports = feedgen.STATIONS * len(feedgen.PORTS)
    assert set(before) >= {"train_until", "test_until", "positives", "model", "baselines"}
    assert set(before["model"]) >= {"pr_auc", "precision_at_k", "brier"}
    assert set(before["baselines"]) == {"persistence", "historical_rate"}
    assert (before["train_until"], before["test_until"]) == ("2025-02-15", "2025-02-20")
    assert before["test_rows"] == ports * 5
    assert before["positives"] == _positives(net, TRAIN_UNTIL, TEST_UNTIL)
    assert before["train_rows"] == ports * 39
    assert before["train_positives"] == _positives(net, feedgen.at(1, 0), TRAIN_UNTIL)

    url = settings_env(invoke.settings)["CHARGEWATCH_DATABASE_URL"]
    _check_the_morning_list(invoke, url, ports)
    with psycopg.connect(url) as conn:
        for statement in POISON:
            conn.execute(statement, {"t": TRAIN_UNTIL})
    after = _evaluate(invoke)
    assert after["importance"] == before["importance"]
    first_day = TRAIN_UNTIL.date()
    old, new = _scores(url, before["run_id"]), _scores(url, after["run_id"])
    assert {k: v for k, v in new.items() if k[1] == first_day} == {
        k: v for k, v in old.items() if k[1] == first_day
    }
    later = [k for k in old if k[1] > first_day]
    assert sum(old[k] != new.get(k) for k in later) > len(later) / 2, "the poison did nothing"


def _check_the_morning_list(invoke: CliRunnerCall, url: str, ports: int) -> None:
    result = invoke("predict", "maintenance", "--date", "2025-02-10", "--top", "3",
                    "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert (listed["day"], listed["top"], listed["ports_scored"]) == ("2025-02-10", 3, ports)
    chances = [p["probability"] for p in listed["ports"]]
    assert len(chances) == 3 and chances == sorted(chances, reverse=True)
    with psycopg.connect(url) as conn:
        kept = conn.execute(
            "select day_rank, station_id, port_id, probability from reporting.maintenance_score "
            "where is_newest_list order by day_rank, station_id, port_id"
        ).fetchall()
    assert len(kept) == ports
    assert [(s, p, c) for _, s, p, c in kept[:3]] == [
        (p["station_id"], p["port_id"], p["probability"]) for p in listed["ports"]
    ]
    table = invoke("predict", "maintenance", "--date", "2025-02-10", "--top", "2").output
    assert "Ports to visit on 2025-02-10: chance of an outage of 30+ min in the next 24 h" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("maintenance",), "Error: No port status loaded yet: load a status feed with: "
         "chargewatch ingest FILE\n"),
        (("evaluate", "--train-until", "2025-02-01", "--test-until", "2025-01-01"),
         "Error: --test-until 2025-01-01 must be after --train-until 2025-02-01\n"),
    ],
)  # fmt: skip
def test_predict_says_what_is_wrong(
    invoke: CliRunnerCall, args: tuple[str, ...], message: str
) -> None:
    result = invoke("predict", *args)
    assert (result.exit_code, result.output) == (1, message)


def test_training_must_leave_days_to_learn_from(invoke: CliRunnerCall, tmp_path: Path) -> None:
    path = tmp_path / "two_days.csv"
    path.write_text(
        "station_id,port_id,status,observed_at\n"
        "A,1,available,2025-01-06T00:00:00Z\nA,1,out_of_service,2025-01-07T02:00:00Z\n"
        "A,1,available,2025-01-07T04:00:00Z\nA,1,available,2025-01-08T01:00:00Z\n",
        encoding="utf-8",
    )
    column_map = "station_id=station_id,port_id=port_id,status=status,observed_at=observed_at"
    assert invoke("ingest", str(path), "--column-map", column_map).exit_code == 0
    early = invoke("predict", "evaluate", "--train-until", "2025-01-07")
    assert (early.exit_code, early.output) == (1, (
        "Error: --train-until 2025-01-07: training would end there, but the status feed begins "
        "on 2025-01-06: choose 2025-01-08 or later\n"))  # fmt: skip
    nothing = invoke("predict", "maintenance", "--date", "2025-01-08")
    assert (nothing.exit_code, nothing.output) == (1, (
        "Error: every port-day began an outage of 30 minutes or more in the 1 training port-days: "
        "nothing to learn from; train on more days (a later --train-until or --date), or load a "
        "longer status feed\n"))  # fmt: skip


def test_a_chargers_silence_counts_only_once_it_is_known(
    settings: Settings, tmp_path: Path
) -> None:
    """Heartbeats every 300 s: offline after 15 silent minutes, from the last message. CP9
    last speaks at 23:55, so at midnight its silence is not yet known; CP10 last speaks at
    23:40, known offline from 23:55. Both speak again at 00:40."""
    boot = [2, "b", "BootNotification", {"chargePointVendor": "V", "chargePointModel": "M"}]
    accepted = [3, "b", {"status": "Accepted", "currentTime": "2024-05-02T00:00:00Z",
                         "interval": 300}]  # fmt: skip
    lines: list[tuple[str, str, list[object]]] = []
    for charger, last in (
        ("CP9", datetime(2024, 5, 2, 23, 55)),
        ("CP10", datetime(2024, 5, 2, 23, 40)),
    ):
        lines += [("2024-05-02T00:00:00Z", charger, boot), ("2024-05-02T00:00:00Z", charger, accepted),
                  ("2024-05-02T00:00:00Z", charger, _status(1, "Available"))]  # fmt: skip
        beat = datetime(2024, 5, 2, 0, 5)
        while beat <= last:
            lines.append(
                (f"{beat:%Y-%m-%dT%H:%M:%SZ}", charger, [2, f"h{beat:%H%M}", "Heartbeat", {}])
            )
            beat += timedelta(minutes=5)
        lines.append(("2024-05-03T00:40:00Z", charger, [2, "h-back", "Heartbeat", {}]))
    _load(settings, _log(tmp_path, "silent.jsonl", lines))
    with connect(settings) as conn:
        at_midnight = port_days(conn, date(2024, 5, 3), date(2024, 5, 3),
                                datetime(2024, 5, 3, tzinfo=UTC))  # fmt: skip
    seen = {key["station_id"]: at_midnight.features(i) for i, key in enumerate(at_midnight.keys)}
    assert {s: (f["is_down"], f["faults_1d"]) for s, f in seen.items()} == {
        "CP9": (0.0, 0.0), "CP10": (1.0, 1.0)}  # fmt: skip
    # Known by midnight, CP10's silence counts from its last message: 20 of the day's minutes.
    assert seen["CP10"]["outage_share_1d"] == pytest.approx(20 / 1440)
    assert seen["CP10"]["observed_share_1d"] == 1.0
    assert seen["CP9"]["outage_share_1d"] == 0.0
