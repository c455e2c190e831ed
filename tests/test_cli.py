"""The real CLI against a real database: help, exit codes, the main job, db status."""

from __future__ import annotations

import pytest

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.migrate import migrations
from tests.conftest import CliRunnerCall, scalar


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ([], "chargewatch run"),
        (["run"], "chargewatch run alt_fuel_stations.csv"),
        (["ingest"], "chargewatch ingest alt_fuel_stations.csv"),
        (["kpi"], "chargewatch kpi --by state --format csv > kpi_by_state.csv"),
        (["kpi"], "chargewatch kpi --trend --by state --format csv > trend_by_state.csv"),
        (["db", "status"], "chargewatch db status"),
        (["loads"], "chargewatch loads --limit 5 --format json"),
        (["quality"], "chargewatch quality 3 --by network"),
        (["reliability"], "chargewatch reliability --by network --min-days 30"),
        (["db", "rebuild-history"], "chargewatch db rebuild-history"),
        (["db", "roles"], "chargewatch db roles"),
        (["db", "serve"], "chargewatch db serve"),
        (["db", "start"], "chargewatch db start"),
        (["db", "stop"], "chargewatch db stop"),
        (["serve"], "chargewatch serve --port 9000"),
        (["report"], "chargewatch report stations.html"),
        (["docs"], "chargewatch docs reporting.md"),
        (["export", "tableau"], "chargewatch export tableau --hyper chargewatch.hyper"),
        (["export", "tableau"], "chargewatch export tableau --twb chargewatch.twb --host"),
    ],
)
def test_every_command_has_help_with_an_example(
    invoke: CliRunnerCall, command: list[str], example: str
) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert example in result.stdout


def test_usage_errors_exit_2(invoke: CliRunnerCall) -> None:
    result = invoke("kpi", "--by", "colour")
    assert result.exit_code == 2
    assert (
        "Invalid value for '--by': 'colour' is not one of 'source', 'state', 'city'"
        in result.stderr
    )
    assert invoke("ingest").exit_code == 2
    assert invoke("nonsense").exit_code == 2


def test_run_ingests_the_bundled_sample_and_prints_the_kpis(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    result = invoke("run", "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "afdc_sample.csv → load 1 (as of 2024-05-22)"
    assert lines[1] == "  299 rows read: 299 loaded, 0 skipped (other fuels), 0 quarantined"
    assert "Station operational rate" in result.stdout
    assert "273 operational / 273 + 26 temporarily" in result.stdout  # the sample's 26 T stations
    assert scalar(conn, "select count(*) from core.station") == 299
    again = invoke("run", "--quiet")
    assert again.stdout.splitlines()[0] == (
        "afdc_sample.csv: already loaded as load 1 (same SHA-256); nothing changed"
    )


def test_db_status_shows_schema_and_counts(invoke: CliRunnerCall) -> None:
    invoke("run", "--quiet")
    lines = invoke("db", "status").stdout.splitlines()
    assert lines[0] == f"database:        {invoke.settings.database_url}"
    assert lines[1].startswith("server:          PostgreSQL ")
    assert lines[2] == f"schema version:  {len(migrations())} (up to date)"
    assert lines[4] == "loads:           1 loaded, latest snapshot 2024-05-22"
    assert "  core.station                299" in lines


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["report", "/nonexistent/dir/x.html"], "'FILE'"),
        (["docs", "/nonexistent/dir/x.md"], "'[FILE]'"),
        (["export", "tableau", "--hyper", "/nonexistent/dir/x.hyper"], "'--hyper'"),
    ],
)
def test_an_output_file_in_a_missing_folder_is_a_usage_error(
    invoke: CliRunnerCall, args: list[str], option: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for {option}: '{args[-1]}': the folder '/nonexistent/dir' "
        "does not exist"
    )
