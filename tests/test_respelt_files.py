"""An AFDC export that passed through Excel or pandas gives exactly the numbers of the
original: the copies are made here with each tool's conventions, then both files are
loaded into their own warehouses and their KPIs (overall and by state) and stations
compared."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar
from tests.respell import excel_resave, pandas_as_text, pandas_round_trip

ORIGINAL = AFDC_DIR / "afdc_NY_allfuels_2025-02.csv"


def _numbers(settings: Settings, invoke: CliRunnerCall, path: Path) -> dict[str, object]:
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    numbers: dict[str, object] = {}
    for by in ((), ("--by", "state")):
        shown = invoke("kpi", *by, "--format", "json")
        assert shown.exit_code == 0, shown.output
        numbers[" ".join(by) or "overall"] = json.loads(shown.output)
    with connect(settings) as conn:
        numbers["stations"] = conn.execute(
            "select station_id, status, access, level2_port_count, dc_fast_port_count, "
            "connector_types, is_24_7, open_date, date_last_confirmed, updated_at::date, "
            "is_restricted_access, zip from reporting.station order by station_id"
        ).fetchall()
    return numbers


@pytest.mark.parametrize("respell", [excel_resave, pandas_round_trip, pandas_as_text])
def test_a_respelt_export_gives_the_numbers_of_the_original(
    respell: Callable[[Path, Path], Path],
    make_settings: Callable[[], Settings],
    tmp_path: Path,
) -> None:
    copy = respell(ORIGINAL, tmp_path)
    assert copy.read_bytes() != ORIGINAL.read_bytes()
    original_settings, copy_settings = make_settings(), make_settings()
    expected = _numbers(original_settings, CliRunnerCall(original_settings), ORIGINAL)
    assert _numbers(copy_settings, CliRunnerCall(copy_settings), copy) == expected


def test_what_was_normalised_is_counted_per_column(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    """The counts ``quality`` shows, worked out from the original with plain Python."""
    with ORIGINAL.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    dated = sum(1 for r in records if r["Open Date"])
    settings = make_settings()
    invoke = CliRunnerCall(settings)
    assert invoke("ingest", str(excel_resave(ORIGINAL, tmp_path))).exit_code == 0
    shown = invoke("quality", "--format", "json")
    assert shown.exit_code == 0, shown.output
    normalised = {
        (n["column"], n["rule"]): (n["values"], n["detail"])
        for n in json.loads(shown.output)["normalised"]
    }
    assert normalised[("Open Date", "date_shape")][0] == dated
    assert normalised[("Updated At", "timestamp_shape")][0] == len(records)
    assert normalised[("Restricted Access", "boolean_case")][0] == sum(
        1 for r in records if r["Restricted Access"] in ("true", "false")
    )
    assert normalised[("Open Date", "date_shape")][1] == (
        "month-first: a second number is above 12"
    )


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("11/13/2025", False, "2025-11-13"),
        ("13/11/2025", True, "2025-11-13"),
        ("1/2/2025", False, "2025-01-02"),
        ("1/2/2025", True, "2025-02-01"),
        ("2025/11/13", True, "2025-11-13"),
        ("11/13/25", False, "2025-11-13"),
        ("11/13/99", False, "1999-11-13"),
        ("11/13/2025 0:00", False, "2025-11-13"),
        ("2025-11-13 00:00:00", False, "2025-11-13"),
        ("2/30/2025", False, "2/30/2025"),
        ("13/13/2025", False, "13/13/2025"),
        ("soon", False, "soon"),
    ],
)
def test_a_date_is_read_in_the_order_given(
    conn: Connection, value: str, day_first: bool, expected: str
) -> None:
    assert scalar(conn, "select core.normal_date(%s, %s)", value, day_first) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5/14/2024 21:31", "2024-05-14 21:31:00 UTC"),
        ("5/14/2024 9:31:02 PM", "2024-05-14 21:31:02 UTC"),
        ("5/14/2024 12:05 AM", "2024-05-14 00:05:00 UTC"),
        ("5/14/2024 12:05 PM", "2024-05-14 12:05:00 UTC"),
        ("2024-05-14 21:31:02+00", "2024-05-14 21:31:02 UTC"),
        ("2024-05-14T23:31:02+02:00", "2024-05-14 21:31:02 UTC"),
        ("2024-05-14T21:31:02.250Z", "2024-05-14 21:31:02 UTC"),
        ("5/14/2024", "2024-05-14 00:00:00 UTC"),
        ("5/14/2024 25:00", "5/14/2024 25:00"),
    ],
)
def test_a_time_is_read_as_utc(conn: Connection, value: str, expected: str) -> None:
    assert scalar(conn, "select core.normal_timestamp(%s, false)", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2.0", "2"), ("12.000", "12"), ("2.5", "2.5"), ("2", "2"), ("-1.0", "-1"), ("", "")],
)
def test_a_whole_float_is_read_as_an_integer(conn: Connection, value: str, expected: str) -> None:
    assert scalar(conn, "select core.normal_integral_float(%s)", value) == expected


def test_day_first_dates_are_told_apart_per_column(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Open Date has a 13th day, so it is day-first; Date Last Confirmed cannot tell and
    follows it; the choices are recorded with their reasons."""
    path = tmp_path / "day_first.csv"
    path.write_text(
        "ID,Fuel Type Code,Station Name,State,Status Code,Open Date,Date Last Confirmed\n"
        "1,ELEC,One,VT,E,13/02/2024,01/03/2024\n"
        "2,ELEC,Two,VT,E,05/06/2024,02/03/2024\n",
        encoding="utf-8",
    )
    result = invoke("ingest", "--as-of", "2024-06-30", str(path))
    assert result.exit_code == 0, result.output
    assert conn.execute(
        "select station_id, open_date::text, date_last_confirmed::text from reporting.station "
        "order by station_id"
    ).fetchall() == [("1", "2024-02-13", "2024-03-01"), ("2", "2024-06-05", "2024-03-02")]
    assert conn.execute(
        "select column_name, rule, value_count, detail from reporting.load_normalisation "
        "order by column_name"
    ).fetchall() == [
        (
            "Date Last Confirmed",
            "date_shape",
            2,
            "day-first, as Open Date: no number here is above 12",
        ),
        ("Open Date", "date_shape", 2, "day-first: a first number is above 12"),
    ]


def test_words_for_empty_are_counted_in_text_columns_too(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    with ORIGINAL.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    assert invoke("ingest", str(pandas_as_text(ORIGINAL, tmp_path))).exit_code == 0
    counts: dict[str, int] = dict(
        conn.execute(
            "select column_name, value_count from reporting.load_normalisation "
            "where rule = 'null_token'"
        ).fetchall()
    )
    for column in ("EV Network", "Facility Type", "Expected Date", "EV Level1 EVSE Num"):
        assert counts[column] == sum(1 for r in records if not r[column]), column


def _va_with(tmp_path: Path, column: str, value: str) -> tuple[Path, str]:
    """The VA export with ``value`` in ``column`` of its first record whose cell is empty."""
    source = AFDC_DIR / "afdc_VA_elec_2022-04-25.csv"
    with source.open(encoding="utf-8-sig", newline="") as f:
        header, *records = list(csv.reader(f))
    at = header.index(column)
    changed = next(r for r in records if not r[at])
    changed[at] = value
    path = tmp_path / "va.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *records])
    return path, changed[header.index("ID")]


def test_a_stray_word_for_empty_is_rewritten_in_place(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path, station = _va_with(tmp_path, "EV Level1 EVSE Num", "NaN")
    assert invoke("ingest", str(path)).exit_code == 0
    assert conn.execute(
        "select level1_port_count from reporting.station where station_id = %s", (station,)
    ).fetchone() == (0,)
    assert conn.execute(
        "select column_name, rule, value_count from reporting.load_normalisation"
    ).fetchall() == [("EV Level1 EVSE Num", "null_token", 1)]
    assert conn.execute("select count(*) from core.quarantine").fetchone() == (0,)


def test_a_date_no_rule_reads_is_quarantined_as_written(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path, _ = _va_with(tmp_path, "Expected Date", "soon")
    assert invoke("ingest", str(path)).exit_code == 0
    assert conn.execute(
        "select column_name, value, reason_code from core.quarantine"
    ).fetchall() == [("Expected Date", "soon", "BAD_DATE")]
    assert conn.execute("select count(*) from reporting.load_normalisation").fetchone() == (0,)
