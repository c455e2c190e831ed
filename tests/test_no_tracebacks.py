"""No tracebacks, ever: every command given bad arguments, a bad database URL or a database
that goes away answers in one line with a documented exit code (2 usage, 1 failure)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall, settings_env
from tests.test_loads import _ingest_process, _wait_for_query


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every leaf command, as the words that name it (``("db", "serve")``)."""
    paths = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def assert_one_line(result: Result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert "Traceback" not in result.output
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1, result.stderr
    return error[0]


def test_every_command_is_found_and_has_help_with_an_example() -> None:
    paths = command_paths()
    assert len(paths) >= 14, paths
    for path in paths:
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_an_unknown_option_is_a_usage_error(path: tuple[str, ...]) -> None:
    line = assert_one_line(run(*path, "--no-such-option"), 2)
    assert line.startswith("Error: No such option") and "--no-such-option" in line


BAD_VALUES = [
    (("kpi", "--by", "colour"), "Invalid value for '--by'"),
    (("kpi", "--as-of", "yesterday"), "Invalid value for '--as-of'"),
    (("ingest", "--as-of", "2999-01-01", "x.csv"), "2999-01-01 is in the future"),
    (("ingest",), "Missing argument 'FILE...'"),
    (("serve", "--port", "99999"), "99999 is not in the range 1<=x<=65535"),
    (("serve", "--port", "0"), "0 is not in the range 1<=x<=65535"),
    (("db", "serve", "--port", "99999"), "99999 is not in the range 1<=x<=65535"),
    (
        ("export", "tableau", "--twb", "/no/such/folder/w.twb"),
        "the folder '/no/such/folder' does not exist",
    ),
    (("loads", "--limit", "-1"), "Invalid value for '--limit'"),
    (("reliability", "--min-days", "-1"), "Invalid value for '--min-days'"),
    (("quality", "seven"), "Invalid value for '[LOAD_ID]'"),
    (("report", "/no/such/folder/r.html"), "the folder '/no/such/folder' does not exist"),
    (("docs", "/no/such/folder/d.md"), "the folder '/no/such/folder' does not exist"),
]


@pytest.mark.parametrize(
    ("args", "expected"), BAD_VALUES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_bad_values_are_usage_errors(args: tuple[str, ...], expected: str) -> None:
    assert expected in assert_one_line(run(*args), 2)


DATABASE_COMMANDS = [
    ("kpi",),
    ("loads",),
    ("quality",),
    ("reliability",),
    ("db", "status"),
    ("db", "roles"),
    ("ingest", str(AFDC_DIR / "afdc_VA_elec_2022-04-25.csv")),
    ("serve", "--port", "18050"),
]


@pytest.mark.parametrize("args", DATABASE_COMMANDS, ids=" ".join)
def test_a_url_that_is_no_url_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    env = {"CHARGEWATCH_HOME": str(tmp_path), "CHARGEWATCH_LAKE_URL": str(tmp_path / "lake")}
    line = assert_one_line(run("--database-url", "notaurl", *args, env=env), 1)
    assert line.startswith("Error: the database URL 'notaurl' is not a PostgreSQL URL")


@pytest.mark.parametrize("args", DATABASE_COMMANDS, ids=" ".join)
def test_a_server_that_is_down_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    env = {"CHARGEWATCH_HOME": str(tmp_path), "CHARGEWATCH_LAKE_URL": str(tmp_path / "lake")}
    url = "postgresql://someone:s3cret@127.0.0.1:9/chargewatch"
    line = assert_one_line(run("--database-url", url, *args, env=env), 1)
    assert line.startswith(
        "Error: cannot connect to postgresql://someone:***@127.0.0.1:9/chargewatch: "
    )


def test_a_port_in_use_is_one_line(settings: Settings) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)], env=settings_env(settings))
    assert assert_one_line(result, 1) == (
        f"Error: 127.0.0.1:{port} is in use; choose another with --port (or --host)"
    )


def test_a_database_lost_mid_load_is_one_line(
    settings: Settings, conn: Connection, big_file: Path
) -> None:
    proc = _ingest_process(settings, big_file)
    _wait_for_query(conn, "%create table%station_afdc_l%", proc)
    conn.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity "
        "where application_name = 'chargewatch' and pid <> pg_backend_pid()"
    )
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    assert "Traceback" not in err.decode()


def test_port_0_is_refused_before_anything_starts(settings: Settings) -> None:
    env = {**os.environ, **settings_env(settings)}
    proc = subprocess.run(
        [sys.executable, "-m", "chargewatch", "serve", "--port", "0"],
        env=env, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr.decode()


def test_ctrl_c_in_any_command_is_one_line_and_exit_130(
    invoke: CliRunnerCall, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("chargewatch.cli.kpi.station_kpis", interrupted)
    result = invoke("kpi")
    assert (result.exit_code, result.stderr) == (
        130,
        "Interrupted: what was under way was rolled back; nothing changed.\n",
    )
