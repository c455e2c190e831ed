"""How a load writes core.station: one partition per source, built in bulk and swapped in."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from tests.conftest import AFDC_DIR, scalar
from tests.test_loads import ingest, station_state

WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"
WA_MAY = AFDC_DIR / "afdc_WA_elec_2024-05.csv"


def test_each_load_swaps_in_one_afdc_partition_named_after_it(
    settings: Settings, conn: Connection
) -> None:
    ingest(settings, WA_FEB, WA_MAY)
    partitions = conn.execute(
        "select inhrelid::regclass::text from pg_inherits "
        "where inhparent = 'core.station'::regclass"
    ).fetchall()
    assert partitions == [("core.station_afdc_l2",)]
    assert scalar(conn, "select count(*) from core.station") == scalar(
        conn, "select count(*) from core.station_afdc_l2"
    )


NEWEST_GROUPS = (
    "from core.station_group_history "
    "where as_of_date = (select max(as_of_date) from core.load where status = 'loaded')"
)


def test_kpi_groups_count_every_station_once(settings: Settings, conn: Connection) -> None:
    ingest(settings, WA_FEB, WA_MAY)
    assert scalar(conn, f"select sum(station_count)::int {NEWEST_GROUPS}") == scalar(
        conn, "select count(*)::int from core.station"
    )
    by_state = f"select sum(dc_fast_count)::int {NEWEST_GROUPS} and state = 'WA'"
    direct = (
        "select count(*)::int from core.station where state = 'WA' "
        "and status not in ('planned', 'removed') and dc_fast_port_count > 0"
    )
    assert scalar(conn, by_state) == scalar(conn, direct)


def _rewrite(source: Path, target: Path, changes: dict[str, str]) -> None:
    """``source`` with the first record's columns set to ``changes``."""
    with source.open(encoding="utf-8-sig", newline="") as f:
        header, first, *rest = list(csv.reader(f))
    for column, value in changes.items():
        first[header.index(column)] = value
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, first, *rest])


@pytest.mark.parametrize(
    ("column", "value", "typed"),
    [
        ("EV Level2 EVSE Num", "+2", "2"),
        ("Updated At", "2024-02-16T08:00:00Z", "2024-02-16 08:00:00+00"),
        ("Latitude", "4.7e1", "47"),
        ("Open Date", "2019-03-01", "2019-03-01"),
    ],
)
def test_valid_values_in_unusual_forms_load_as_typed(
    settings: Settings, conn: Connection, tmp_path: Path, column: str, value: str, typed: str
) -> None:
    path = tmp_path / "afdc_unusual.csv"
    _rewrite(WA_FEB, path, {column: value})
    ingest(settings, path)
    columns = {
        "EV Level2 EVSE Num": "level2_port_count",
        "Updated At": "updated_at",
        "Latitude": "latitude",
        "Open Date": "open_date",
    }
    got = scalar(
        conn, f"select {columns[column]}::text from core.station where source_line_number = 2"
    )
    assert got == typed
    assert scalar(conn, "select count(*) from core.quarantine") == 0


def test_a_bad_value_sends_the_load_through_the_checks_and_the_rest_loads_the_same(
    make_settings: Callable[[], Settings],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clean, dirty = make_settings(), make_settings()
    path = tmp_path / "afdc_one_bad.csv"
    _rewrite(WA_FEB, path, {"Latitude": "north"})
    ingest(clean, WA_FEB)
    with caplog.at_level(logging.INFO, logger="chargewatch"):
        ingest(dirty, path)
    assert any("checking every value" in r.getMessage() for r in caplog.records)
    fast, checked = station_state(clean), station_state(dirty)
    with connect(clean) as conn:
        first = scalar(
            conn, "select source_station_id from core.station where source_line_number = 2"
        )
    assert len(fast) > 2000
    assert [row for row in fast if row[0] != first] == checked


@pytest.mark.parametrize(
    ("updated_at", "as_of"),
    [
        ("2030-01-02 03:04:05 UTC", "2030-01-02"),
        ("2030-01-02T23:04:05-05:00", "2030-01-03"),
        ("2030-13-45 03:04:05 UTC", "2024-02-17"),  # the file's own newest
    ],
    ids=["afdc shape", "other shape", "bad time"],
)
def test_the_snapshot_date_is_the_newest_valid_updated_at(
    settings: Settings, conn: Connection, tmp_path: Path, updated_at: str, as_of: str
) -> None:
    path = tmp_path / "afdc_newest.csv"
    _rewrite(WA_FEB, path, {"Updated At": updated_at})
    ingest(settings, path)
    assert scalar(conn, "select as_of_date::text from core.load") == as_of
