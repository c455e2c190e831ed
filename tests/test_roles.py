"""The reader role reads reporting and nothing else; the loader writes; db roles says so."""

from __future__ import annotations

import psycopg
import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar

VA = AFDC_DIR / "afdc_VA_elec_2022-04-25.csv"


@pytest.fixture
def loaded(invoke: CliRunnerCall) -> CliRunnerCall:
    assert invoke("ingest", str(VA)).exit_code == 0
    return invoke


@pytest.mark.parametrize(
    "table", ["raw.afdc_station", "raw.afdc_station_l1", "core.station", "core.load"]
)
def test_the_reader_cannot_read_raw_or_core(
    loaded: CliRunnerCall, conn: Connection, table: str
) -> None:
    with conn.transaction(force_rollback=True):
        conn.execute("set local role chargewatch_reader")
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute(f"select count(*) from {table}")


def test_the_reader_reads_every_reporting_view(loaded: CliRunnerCall, conn: Connection) -> None:
    views = [
        row[0]
        for row in conn.execute(
            "select table_name from information_schema.views where table_schema = 'reporting'"
        )
    ]
    assert "station_kpi" in views and len(views) >= 10
    with conn.transaction(force_rollback=True):
        conn.execute("set local role chargewatch_reader")
        for view in views:
            conn.execute(f"select * from reporting.{view} limit 1")
        assert scalar(conn, "select count(*) from reporting.station") == 117


def test_the_loader_writes_raw_and_core(loaded: CliRunnerCall, conn: Connection) -> None:
    with conn.transaction(force_rollback=True):
        conn.execute("set local role chargewatch_loader")
        conn.execute("delete from core.quarantine")
        assert scalar(conn, "select count(*) from raw.afdc_station") == 117


def test_db_roles_prints_the_grants(settings: Settings, invoke: CliRunnerCall) -> None:
    result = invoke("db", "roles")
    assert result.exit_code == 0, result.output
    reader = [line.split() for line in result.stdout.splitlines() if "reader" in line]
    assert reader == [
        ["chargewatch_reader", "raw", "schema:", "no", "access", "tables", "and", "views:",
         "none", "(0)"],
        ["chargewatch_reader", "core", "schema:", "no", "access", "tables", "and", "views:",
         "none", "(0)"],
        ["chargewatch_reader", "reporting", "schema:", "USAGE", "tables", "and", "views:",
         "SELECT", "(15)"],  # 12 + station_pair, station_site, site
    ]  # fmt: skip
