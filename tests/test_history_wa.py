"""History on the two consecutive real WA snapshots (2024-02-17 and 2024-05-22)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chargewatch.config import Settings
from chargewatch.measures import DIMENSIONS
from chargewatch.warehouse.connect import connect
from tests.conftest import AFDC_DIR, CliRunnerCall

WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"
WA_MAY = AFDC_DIR / "afdc_WA_elec_2024-05.csv"

# The AFDC columns behind the attributes the history follows.
FOLLOWED = (
    "Station Name", "Street Address", "City", "State", "ZIP", "Country", "Latitude", "Longitude",
    "Status Code", "Access Code", "Facility Type", "Owner Type Code", "EV Network",
    "EV Level1 EVSE Num", "EV Level2 EVSE Num", "EV DC Fast Count", "EV Connector Types",
    "Access Days Time",
)  # fmt: skip

HISTORY = (
    "select h.source_station_id, h.valid_from, h.valid_to, h.ended_by, f.file_name, "
    "l.file_name, h.source_line_number, h.name, h.status, h.dc_fast_port_count, "
    "h.connector_types, h.hours_text, h.date_last_confirmed, h.updated_at, h.as_of_date "
    "from core.station_history as h "
    "join core.load as f on f.load_id = h.first_load_id "
    "join core.load as l on l.load_id = h.last_load_id "
    "order by h.source_station_id, h.valid_from"
)
GROUPS = "select * from core.station_group_history order by 1, 2, 3, 4, 5, 6, 7, 8"
CHANGES = (
    "select source, as_of_date, stations, added, reappeared, changed, removed "
    "from reporting.snapshot_change order by 1, 2"
)


def _loaded(make_settings: Callable[[], Settings], *paths: Path) -> CliRunnerCall:
    invoke = CliRunnerCall(make_settings())
    for path in paths:
        result = invoke("ingest", str(path))
        assert result.exit_code == 0, result.output
    return invoke


def _read(invoke: CliRunnerCall, query: str) -> list[tuple[Any, ...]]:
    with connect(invoke.settings) as conn:
        return conn.execute(query).fetchall()


def _json(invoke: CliRunnerCall, *args: str) -> Any:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _records(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["ID"]: row for row in csv.DictReader(f)}


def test_either_order_gives_identical_history(make_settings: Callable[[], Settings]) -> None:
    in_order = _loaded(make_settings, WA_FEB, WA_MAY)
    reversed_order = _loaded(make_settings, WA_MAY, WA_FEB, WA_MAY)
    for query in (HISTORY, GROUPS, CHANGES):
        assert _read(reversed_order, query) == _read(in_order, query)
    assert len(_read(in_order, HISTORY)) == 2392 + 313 + 196


def test_added_removed_and_changed_match_the_files(make_settings: Callable[[], Settings]) -> None:
    """The counts the files themselves give: IDs in one and not the other, and IDs
    in both whose followed columns differ (every record here is ELEC, in WA, valid)."""
    feb, may = _records(WA_FEB), _records(WA_MAY)
    added = len(may.keys() - feb.keys())
    removed = len(feb.keys() - may.keys())
    changed = sum(any(feb[i][c] != may[i][c] for c in FOLLOWED) for i in feb.keys() & may.keys())
    invoke = _loaded(make_settings, WA_MAY, WA_FEB)
    newest = _json(invoke, "loads")[0]
    assert newest["as_of"] == "2024-05-22"
    reported = (
        newest["stations_added"],
        newest["stations_reappeared"],
        newest["stations_changed"],
        newest["stations_removed"],
    )
    assert reported == (added, 0, changed, removed)
    assert (added, changed, removed) == (336, 313, 196)


@pytest.mark.parametrize(("path", "as_of"), [(WA_FEB, "2024-02-17"), (WA_MAY, "2024-05-22")])
def test_kpis_as_of_a_snapshot_equal_that_snapshot_loaded_alone(
    make_settings: Callable[[], Settings], path: Path, as_of: str
) -> None:
    both = _loaded(make_settings, WA_MAY, WA_FEB)
    alone = _loaded(make_settings, path)
    for by in (None, *DIMENSIONS):
        grouping = ("--by", by) if by else ()
        dated = _json(both, "kpi", "--as-of", as_of, *grouping)
        assert dated["as_of"] == as_of
        assert dated == _json(alone, "kpi", *grouping)


def test_an_open_outage_runs_to_the_last_snapshot_that_listed_the_station(
    make_settings: Callable[[], Settings],
) -> None:
    """A newer file of another state (NY, as of 2025-04-21) says nothing of WA stations."""
    invoke = _loaded(make_settings, WA_MAY, AFDC_DIR / "afdc_NY_allfuels_2025-02.csv")
    (row,) = _read(
        invoke,
        "select started_on, days, is_open from reporting.outage where station_id = '143504'",
    )
    assert row == (date(2022, 9, 9), (date(2024, 5, 22) - date(2022, 9, 9)).days, True)
