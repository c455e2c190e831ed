"""How a load writes core.station: one partition per source, built in bulk and swapped in."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, scalar
from tests.test_loads import STATION_STATE, ingest, station_state

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


def test_kpi_groups_count_every_station_once(settings: Settings, conn: Connection) -> None:
    ingest(settings, WA_FEB, WA_MAY)
    assert scalar(conn, "select sum(station_count)::int from core.station_group") == scalar(
        conn, "select count(*)::int from core.station"
    )
    by_state = "select sum(dc_fast_count)::int from core.station_group where state = 'WA'"
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
        ("EV Level2 EVSE Num", "+2", 2),
        ("Updated At", "2024-02-16T08:00:00Z", "2024-02-16 08:00:00+00:00"),
        ("Latitude", "4.7e1", 47.0),
        ("Open Date", "2019-03-01", "2019-03-01"),
    ],
)
def test_values_that_are_valid_but_not_plain_load_after_checking_every_value(
    settings: Settings,
    conn: Connection,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    column: str,
    value: str,
    typed: object,
) -> None:
    path = tmp_path / "afdc_unusual.csv"
    _rewrite(WA_FEB, path, {column: value})
    with caplog.at_level(logging.INFO, logger="chargewatch"):
        ingest(settings, path)
    checked = any("checking every value" in r.getMessage() for r in caplog.records)
    assert checked == (value != "2019-03-01")
    first_id = scalar(conn, "select min(source_line_number) from core.station")
    assert first_id == 2
    columns = {
        "EV Level2 EVSE Num": "level2_port_count",
        "Updated At": "updated_at::text",
        "Latitude": "latitude",
        "Open Date": "open_date::text",
    }
    got = scalar(conn, f"select {columns[column]} from core.station where source_line_number = 2")
    assert str(got) == str(typed).replace("+00:00", "+00")
    assert scalar(conn, "select count(*) from core.quarantine") == 0


def test_fast_and_checked_loads_give_the_same_stations(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    plain, unusual = make_settings(), make_settings()
    path = tmp_path / "afdc_unusual.csv"
    _rewrite(WA_FEB, path, {"EV Level2 EVSE Num": "+2"})
    ingest(plain, WA_FEB)
    ingest(unusual, path)
    level2 = STATION_STATE.split(", ").index("level2_port_count")
    fast = [row[:level2] + row[level2 + 1 :] for row in station_state(plain)]
    checked = [row[:level2] + row[level2 + 1 :] for row in station_state(unusual)]
    assert len(fast) > 2000
    assert fast == checked
