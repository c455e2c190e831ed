"""Load behaviour: idempotent, order-independent, all-or-nothing, one load per file."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.errors import TransientError
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.sources.afdc import rawcopy
from chargewatch.warehouse import history
from chargewatch.warehouse.connect import Connection, connect
from tests.conftest import AFDC_DIR, SHARED_DATA, CliRunnerCall, scalar, settings_env

WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"
WA_MAY = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
VA = AFDC_DIR / "afdc_VA_elec_2022-04-25.csv"

STATION_STATE = (
    "select source_station_id, name, city, state, latitude, longitude, status, access, "
    "restricted_access, facility_type, owner_type, network, level1_port_count, level2_port_count, "
    "dc_fast_port_count, connector_types, hours_text, is_24_7, hours_known, hours_schedule::text, "
    "open_date, date_last_confirmed, updated_at, expected_date, as_of_date "
    "from core.station order by source_station_id"
)


def station_state(settings: Settings) -> list[tuple[object, ...]]:
    with connect(settings) as conn:
        return conn.execute(STATION_STATE).fetchall()


def ingest(settings: Settings, *paths: Path) -> None:
    lake = Lake(settings.lake)
    with connect(settings) as conn:
        for path in paths:
            ingest_file(conn, lake, str(path))


def test_ingesting_the_same_bytes_again_changes_nothing(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    first = invoke("ingest", str(VA))
    before = station_state(invoke.settings)
    again = invoke("ingest", str(VA))
    assert first.exit_code == again.exit_code == 0
    assert (
        again.stdout
        == "afdc_VA_elec_2022-04-25.csv: already loaded as load 1 (same SHA-256); nothing changed\n"
    )
    assert station_state(invoke.settings) == before
    assert scalar(conn, "select count(*) from core.load") == 1
    assert scalar(conn, "select count(*) from raw.afdc_station") == 117
    lake_files = [p for p in Path(invoke.settings.lake).rglob("*") if p.is_file()]
    assert len(lake_files) == 1 and lake_files[0].read_bytes() == VA.read_bytes()


def test_an_older_snapshot_loaded_after_a_newer_one_does_not_overwrite_it(
    make_settings: Callable[[], Settings],
) -> None:
    in_order, reversed_order = make_settings(), make_settings()
    ingest(in_order, WA_FEB, WA_MAY)
    ingest(reversed_order, WA_MAY, WA_FEB)
    assert station_state(in_order) == station_state(reversed_order)
    with connect(reversed_order) as conn:
        assert (
            scalar(
                conn, "select count(*) from core.station where status = 'temporarily_unavailable'"
            )
            == 219
        )
        assert scalar(conn, "select max(as_of_date)::text from core.station") == "2024-05-22"


def test_fast_and_exact_paths_give_the_same_stations(
    make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    """An unknown column forces the exact path; the stations must not differ."""
    with WA_MAY.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    widened = tmp_path / "wa_with_new_column.csv"
    with widened.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [records[0] + ["Brand New Column"], *([*r, "x"] for r in records[1:])]
        )
    fast, exact = make_settings(), make_settings()
    ingest(fast, WA_MAY)
    ingest(exact, widened)
    assert station_state(fast) == station_state(exact)
    with connect(exact) as conn:
        assert scalar(conn, "select read_path from core.load") == "exact"
        assert (
            scalar(
                conn,
                'select count(*) from raw.afdc_station where extra = \'{"Brand New Column": "x"}\'',
            )
            == 2392
        )
    lines = "select source_station_id, source_line_number from core.station order by 1"
    with connect(fast) as f_conn, connect(exact) as e_conn:
        assert f_conn.execute(lines).fetchall() == e_conn.execute(lines).fetchall()
        assert (
            scalar(e_conn, "select source_line_number from core.station where name = 'Zev Coop'")
            == 2076
        )


def _ingest_process(settings: Settings, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, **settings_env(settings)}
    return subprocess.Popen(
        [sys.executable, "-m", "chargewatch", "ingest", "--quiet", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_query(conn: Connection, pattern: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        running = conn.execute(
            "select count(*) from pg_stat_activity where application_name = 'chargewatch' "
            "and state = 'active' and query ilike %s",
            (pattern,),
        ).fetchone()
        if running and running[0]:
            return
        time.sleep(0.005)
    raise AssertionError(f"the load never ran a query like {pattern!r}")


@pytest.mark.slow
@pytest.mark.parametrize(
    "phase", ["copy %", "-- The stations one load writes%"], ids=["copy", "stations"]
)
def test_a_load_killed_mid_way_leaves_nothing_and_a_rerun_completes(
    settings: Settings, conn: Connection, big_file: Path, phase: str
) -> None:
    proc = _ingest_process(settings, big_file)
    _wait_for_query(conn, phase, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _wait_for_backend_to_go(conn)
    for table in ("core.load", "raw.afdc_station", "core.station", "core.quarantine"):
        assert scalar(conn, f"select count(*) from {table}") == 0, table
    assert scalar(conn, ATTACHED_RAW_PARTITIONS) == 0

    rerun = _ingest_process(settings, big_file)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert b"120000 rows read: 120000 loaded, 0 skipped (other fuels), 0 quarantined" in out
    assert scalar(conn, "select count(*) from core.station") == 120_000
    assert scalar(conn, "select count(*) from core.load where status = 'loaded'") == 1
    assert scalar(conn, ATTACHED_RAW_PARTITIONS) == 1
    assert scalar(conn, LOOSE_RAW_TABLES) == 0, "the rerun drops what the killed load committed"


ATTACHED_RAW_PARTITIONS = (
    "select count(*) from pg_inherits where inhparent = 'raw.afdc_station'::regclass"
)
LOOSE_RAW_TABLES = (
    "select count(*) from pg_class as c join pg_namespace as n on n.oid = c.relnamespace "
    "where n.nspname = 'raw' and c.relkind = 'r' and c.relname ~ '_l[0-9]+(_[a-z0-9]+)?$' "
    "and not exists (select from pg_inherits as i where i.inhrelid = c.oid)"
)


def _wait_for_backend_to_go(conn: Connection) -> None:
    for _ in range(2000):
        active = conn.execute(
            "select count(*) from pg_stat_activity where application_name = 'chargewatch' "
            "and pid <> pg_backend_pid()"
        ).fetchone()
        if active and active[0] == 0:
            return
        time.sleep(0.005)
    raise AssertionError("the killed load's backend is still there")


@pytest.mark.slow
def test_two_processes_loading_the_same_file_at_once_make_one_load(
    settings: Settings, conn: Connection, big_file: Path
) -> None:
    first, second = _ingest_process(settings, big_file), _ingest_process(settings, big_file)
    outputs = [p.communicate(timeout=300)[0].decode() for p in (first, second)]
    assert first.returncode == second.returncode == 0
    assert sum("already loaded as load" in out for out in outputs) == 1
    assert scalar(conn, "select count(*) from core.load") == 1
    assert scalar(conn, "select count(*) from core.station") == 120_000


def test_a_database_that_is_down_is_a_transient_error(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    dead = f"host={tmp_path} port=1 dbname=nothing user=nobody password=s3cret"
    result = invoke.runner.invoke(
        cli,
        ["kpi"],
        env={**settings_env(invoke.settings), "CHARGEWATCH_DATABASE_URL": dead},
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot connect to {dead.replace('s3cret', '***')}")
    assert "s3cret" not in result.stderr
    assert result.stderr.endswith(
        "Check that the server is up and the URL is right, then run the command again.\n"
    )


def test_connection_errors_are_retryable() -> None:
    from chargewatch.errors import TransientError

    with pytest.raises(TransientError) as error:
        connect(Settings(database_url="host=/nonexistent port=1 dbname=x"))
    assert error.value.retryable
    assert isinstance(error.value.__cause__, psycopg.OperationalError)


def test_a_file_copied_in_two_halves_gives_the_same_rows_and_stations(
    make_settings: Callable[[], Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, halves = make_settings(), make_settings()
    ingest(whole, WA_MAY)
    monkeypatch.setattr(rawcopy, "SPLIT_MIN_BYTES", 0)
    ingest(halves, WA_MAY)
    assert station_state(whole) == station_state(halves)
    rows = "select line_number, id, station_name from raw.afdc_station order by line_number"
    parts = (
        "select c.relname, pg_get_expr(c.relpartbound, c.oid) from pg_inherits as i "
        "join pg_class as c on c.oid = i.inhrelid "
        "where i.inhparent = 'raw.afdc_station_l1'::regclass order by 1"
    )
    with connect(whole) as w_conn, connect(halves) as h_conn:
        assert w_conn.execute(rows).fetchall() == h_conn.execute(rows).fetchall()
        split = h_conn.execute(parts).fetchall()
    assert [name for name, _ in split] == ["afdc_station_l1_a", "afdc_station_l1_b"]
    assert split[0][1].startswith("FOR VALUES FROM (MINVALUE) TO (")


def test_a_second_connection_that_is_refused_is_a_transient_error(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role allowed one connection: the load's second half cannot be copied alongside."""
    name = f"chargewatch_one_connection_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create role {name} login connection limit 1")
        admin.execute(f"create database {name} owner {name}")
    try:
        url = make_conninfo(server_url, dbname=name, user=name)
        settings = Settings(home=tmp_path, database_url=url, lake_url=str(tmp_path / "lake"))
        monkeypatch.setattr(rawcopy, "SPLIT_MIN_BYTES", 0)
        with connect(settings) as conn:
            with pytest.raises(TransientError, match="could not open a second connection") as error:
                ingest_file(conn, Lake(settings.lake), str(WA_MAY))
            assert error.value.retryable
            assert scalar(conn, "select count(*) from core.load") == 0
            assert scalar(conn, LOOSE_RAW_TABLES) == 0
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")
            admin.execute(f"drop role if exists {name}")


def _waiting_for_a_lock(conn: Connection, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        waiting = scalar(
            conn,
            "select count(*) from pg_stat_activity where application_name = 'chargewatch' "
            "and wait_event_type = 'Lock' and query like 'select pg_advisory_xact_lock%%'",
        )
        if waiting:
            return True
        time.sleep(0.01)
    return False


def test_loads_of_one_source_wait_for_each_other_and_only_for_each_other(
    settings: Settings, conn: Connection
) -> None:
    """Another process holds a source's load lock: a load of another source goes ahead,
    a load of the same source waits until the lock is let go."""
    assert settings.database_url is not None
    with psycopg.connect(settings.database_url) as holder:
        history.lock_source(holder, "afdc")
        same = _ingest_process(settings, AFDC_DIR / "afdc_WA_elec_2024-05.csv")
        other = _ingest_process(settings, SHARED_DATA / "ocm" / "ocm_api_compact_berlin_2025.json")
        assert other.wait(timeout=120) == 0, other.stderr.read() if other.stderr else b""
        assert _waiting_for_a_lock(conn, same)
        assert scalar(conn, "select source from core.load") == "ocm"
        holder.rollback()
        assert same.wait(timeout=120) == 0, same.stderr.read() if same.stderr else b""
    assert scalar(conn, "select count(*) from core.load where status = 'loaded'") == 2
