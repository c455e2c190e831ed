"""Dates that tell the truth: a result over states loaded from files of different dates says
which date each state stands on, and a trend tells new coverage from growth."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import AFDC_DIR, CliRunnerCall

FILES = {
    "VA": AFDC_DIR / "afdc_VA_elec_2022-04-25.csv",
    "WA": AFDC_DIR / "afdc_WA_elec_2024-05.csv",
    "NY": AFDC_DIR / "afdc_NY_allfuels_2025-02.csv",
}


def newest_update(path: Path) -> str:
    """A file's snapshot date as the README defines it: its newest Updated At (a UTC date)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return max(row["Updated At"][:10] for row in csv.DictReader(f) if row["Updated At"])


def elec_count(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for row in csv.DictReader(f) if row["Fuel Type Code"] == "ELEC")


@pytest.fixture
def three_states(invoke: CliRunnerCall) -> dict[str, str]:
    """VA, WA and NY loaded (NY first, to show order does not matter); each state's date."""
    for state in ("NY", "VA", "WA"):
        assert invoke("ingest", "--quiet", str(FILES[state])).exit_code == 0
    return {state: newest_update(path) for state, path in FILES.items()}


def test_kpis_say_which_snapshot_each_state_stands_on(
    invoke: CliRunnerCall, three_states: dict[str, str]
) -> None:
    overall = json.loads(invoke("kpi", "--format", "json").stdout)
    newest = max(three_states.values())
    assert overall["as_of"] == newest
    assert overall["snapshots"] == [
        {"source": "afdc", "as_of": day, "states": [state]}
        for state, day in sorted(three_states.items(), key=lambda item: item[1], reverse=True)
    ]
    by_state = json.loads(invoke("kpi", "--by", "state", "--format", "json").stdout)
    assert {g["state"]: g["as_of"] for g in by_state["groups"]} == three_states
    assert {g["state"]: g["counts"]["stations"] for g in by_state["groups"]} == {
        state: elec_count(path) for state, path in FILES.items()
    }
    table = invoke("kpi").stdout
    assert (
        f"Mixes snapshot dates: NY as of {three_states['NY']}; WA as of {three_states['WA']}; "
        f"VA as of {three_states['VA']}." in table
    )
    csv_rows = list(
        csv.DictReader(invoke("kpi", "--by", "state", "--format", "csv").stdout.splitlines())
    )
    assert {row["state"]: row["as_of"] for row in csv_rows} == three_states
    out = invoke("kpi", "--by", "city", "--format", "csv").stdout
    cities = list(csv.DictReader(out.splitlines()))
    assert {(row["state"], row["as_of"]) for row in cities} == set(three_states.items())


def test_an_earlier_date_uses_only_the_files_of_then(
    invoke: CliRunnerCall, three_states: dict[str, str]
) -> None:
    report = json.loads(invoke("kpi", "--as-of", three_states["WA"], "--format", "json").stdout)
    assert report["snapshots"] == [
        {"source": "afdc", "as_of": three_states["WA"], "states": ["WA"]},
        {"source": "afdc", "as_of": three_states["VA"], "states": ["VA"]},
    ]


def test_the_trend_marks_new_coverage_instead_of_growth(
    invoke: CliRunnerCall, three_states: dict[str, str]
) -> None:
    trend = json.loads(invoke("kpi", "--trend", "--format", "json").stdout)["trend"]
    va, wa, ny = (three_states[s] for s in ("VA", "WA", "NY"))
    assert [(r["as_of"], r["states"], r["states_added"]) for r in trend] == [
        (va, ["VA"], ["VA"]),
        (wa, ["VA", "WA"], ["WA"]),
        (ny, ["NY", "VA", "WA"], ["NY"]),
    ]
    assert "+NY first loaded" in invoke("kpi", "--trend").stdout
    per_state = json.loads(invoke("kpi", "--trend", "--by", "state", "--format", "json").stdout)
    assert [(r["as_of"], r["state"], r["snapshot_as_of"]) for r in per_state["trend"]] == [
        (va, "VA", va),
        (wa, "WA", wa),
        (wa, "VA", va),
        (ny, "NY", ny),
        (ny, "WA", wa),
        (ny, "VA", va),
    ]


def test_down_now_shows_the_date_of_the_file_that_said_so(
    invoke: CliRunnerCall, three_states: dict[str, str]
) -> None:
    with FILES["WA"].open(encoding="utf-8-sig", newline="") as f:
        down = {r["ID"] for r in csv.DictReader(f) if r["Status Code"] == "T"}
    report = json.loads(invoke("reliability", "--limit", "1000", "--format", "json").stdout)
    listed = report["currently_down"]["top"]
    assert {row["station_id"] for row in listed} == down
    assert {row["last_listed_on"] for row in listed} == {three_states["WA"]}
