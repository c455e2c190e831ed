"""Only real snapshots count: files that give no station, future dates, a second file of
one date for a state, and Ctrl-C all leave the warehouse and the lake as they were."""

from __future__ import annotations

import csv
import signal
import subprocess
import time
from pathlib import Path

from chargewatch.config import Settings
from chargewatch.coverage.store import COVERAGE_LOCK
from chargewatch.warehouse import history
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar
from tests.test_loads import _ingest_process, _wait_for_query

VA = AFDC_DIR / "afdc_VA_elec_2022-04-25.csv"
WA_MAY = AFDC_DIR / "afdc_WA_elec_2024-05.csv"

INTERRUPTED_BIG = (
    "Interrupted: the load of va_x1000.csv was rolled back and nothing of it was kept. "
    "Run the same command again to load it.\n"
)
STATE = (
    "select (select count(*) from core.load where status = 'loaded'), "
    "(select count(*) from core.station), (select max(as_of_date) from core.load), "
    "(select count(*) from core.station_group_history)"
)


def _records(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _lake_files(settings: Settings) -> list[str]:
    root = Path(settings.lake)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _failed(conn: Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "select file_name, as_of_date, rows_read, rows_skipped, rows_quarantined, error_message "
        "from core.load where status = 'failed' order by load_id"
    ).fetchall()


def test_a_header_only_file_is_a_failed_load_that_changes_nothing(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", str(VA)).exit_code == 0
    before, lake_before = conn.execute(STATE).fetchone(), _lake_files(invoke.settings)
    header, _ = _records(VA)
    empty = _write(tmp_path / "header_only.csv", header, [])
    result = invoke("ingest", str(empty))
    assert result.exit_code == 1
    (failed,) = _failed(conn)
    assert result.stderr == (
        "Error: header_only.csv: it has a header but no records, so it is no snapshot; "
        f"nothing changed (recorded as failed load {scalar(conn, 'select max(load_id) from core.load')})\n"
    )
    assert failed == ("header_only.csv", None, 0, 0, 0,
                      "it has a header but no records, so it is no snapshot")  # fmt: skip
    assert conn.execute(STATE).fetchone() == before
    assert _lake_files(invoke.settings) == lake_before


def test_a_file_whose_every_row_is_quarantined_or_skipped_changes_nothing(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", str(VA)).exit_code == 0
    before, lake_before = conn.execute(STATE).fetchone(), _lake_files(invoke.settings)
    header, rows = _records(WA_MAY)
    lat, fuel = header.index("Latitude"), header.index("Fuel Type Code")
    bad = [[*r[:lat], "123.4", *r[lat + 1 :]] for r in rows[:3]]
    other_fuel = [[*r[:fuel], "CNG", *r[fuel + 1 :]] for r in rows[3:5]]
    path = _write(tmp_path / "all_bad.csv", header, bad + other_fuel)
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert (
        "all_bad.csv: none of its 5 records gave a station (2 skipped as other fuels, "
        "3 quarantined; the first: all_bad.csv line 2, column \"Latitude\": '123.4' is outside "
        "-90..90 (quarantined as LAT_OUT_OF_RANGE)); nothing changed" in result.stderr
    )
    assert [row[:5] for row in _failed(conn)] == [("all_bad.csv", None, 5, 2, 3)]
    assert conn.execute(STATE).fetchone() == before
    assert scalar(conn, "select count(*) from core.quarantine") == 0
    assert _lake_files(invoke.settings) == lake_before


def test_a_future_as_of_is_a_usage_error(invoke: CliRunnerCall, conn: Connection) -> None:
    result = invoke("ingest", "--as-of", "2999-01-01", str(VA))
    assert result.exit_code == 2
    assert "Invalid value for '--as-of': 2999-01-01 is in the future" in result.stderr
    assert scalar(conn, "select count(*) from core.load") == 0
    assert not Path(invoke.settings.lake).exists() or _lake_files(invoke.settings) == []


def test_a_second_file_of_one_date_for_a_state_is_refused_naming_the_first(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", str(WA_MAY)).exit_code == 0
    header, rows = _records(WA_MAY)
    copy = _write(tmp_path / "wa_copy.csv", header, rows[:-1])  # other bytes, same newest date
    before = conn.execute(STATE).fetchone()
    (day,) = conn.execute("select as_of_date::text from core.load").fetchone() or ("",)
    result = invoke("ingest", str(copy))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: wa_copy.csv: it is a snapshot of {day} for WA, which load 1 "
        "(afdc_WA_elec_2024-05.csv) already gives for that date;"
    )
    assert conn.execute(STATE).fetchone() == before
    # Another date for the same file is a snapshot of its own.
    assert invoke("ingest", "--as-of", "2024-06-01", str(copy)).exit_code == 0


def test_ctrl_c_during_a_load_rolls_back_and_leaves_no_lake_file(
    settings: Settings, conn: Connection, big_file: Path
) -> None:
    proc = _ingest_process(settings, big_file)
    _wait_for_query(conn, "%create table%station_afdc_l%", proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.decode() == INTERRUPTED_BIG
    for table in ("core.load", "raw.afdc_station", "core.station", "core.quarantine"):
        assert scalar(conn, f"select count(*) from {table}") == 0, table
    assert _lake_files(settings) == []
    assert not list(Path(settings.lake).glob("raw/afdc/*"))  # no empty shard folder either


def _wait_for_lock(conn: Connection, proc: subprocess.Popen[bytes]) -> None:
    """Until the process waits for an advisory lock this test holds."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if scalar(
            conn,
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
            "and datname = current_database() and application_name = 'chargewatch' "
            "and query like '%pg_advisory_xact_lock%'",
        ):
            return
        time.sleep(0.005)
    raise AssertionError("the load never waited for the lock")


def test_ctrl_c_while_the_load_waits_for_another_cancels_the_wait_and_keeps_nothing(
    settings: Settings, conn: Connection, big_file: Path
) -> None:
    # Another load of the source holds its lock, so this one waits inside a statement:
    # Ctrl-C has to cancel that statement in the server for the load to stop.
    conn.execute("select pg_advisory_lock(%s, hashtext('afdc'))", (history.LOAD_LOCK,))
    proc = _ingest_process(settings, big_file)
    _wait_for_lock(conn, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err.decode()) == (130, INTERRUPTED_BIG)
    assert scalar(conn, "select count(*) from core.load") == 0
    assert _lake_files(settings) == []


def test_ctrl_c_after_the_commit_keeps_the_load_and_says_how_to_finish(
    settings: Settings, conn: Connection, invoke: CliRunnerCall
) -> None:
    # Coverage is computed after the load commits, under a lock held here meanwhile.
    conn.execute("select pg_advisory_lock(%s)", (COVERAGE_LOCK,))
    proc = _ingest_process(settings, VA)
    _wait_for_lock(conn, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.decode() == (
        "Interrupted: afdc_VA_elec_2022-04-25.csv was loaded (load 1) and stays, but computing "
        "coverage again was cut short. To finish, run the same command again.\n"
    )
    assert conn.execute("select load_id, status from core.load").fetchall() == [(1, "loaded")]
    assert len(_lake_files(settings)) == 1
    assert scalar(conn, "select count(*) from core.coverage_build") == 0
    conn.execute("select pg_advisory_unlock(%s)", (COVERAGE_LOCK,))
    again = invoke("ingest", "--quiet", str(VA))
    assert again.exit_code == 0
    assert "already loaded" in again.stdout
    assert scalar(conn, "select count(*) from core.coverage_build") == 1
    assert scalar(conn, "select count(*) from core.area_coverage where kind = 'state'") == 1
