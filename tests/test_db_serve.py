"""``chargewatch db serve`` and the embedded server's lifecycle, through real processes.

Each test has its own ``CHARGEWATCH_HOME`` and so its own embedded server; the
test process itself never opens it (it only reads ``postmaster.pid``), so the
chargewatch processes it starts are the server's only users.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
import pytest

from chargewatch.warehouse import lifecycle
from tests.s3server import free_port

CHARGEWATCH = [sys.executable, "-m", "chargewatch"]


@pytest.fixture
def home() -> Iterator[Path]:
    """A fresh CHARGEWATCH_HOME outside pytest's temporary folder: pytest runs elsewhere on the
    machine reset /tmp/pytest-of-USER to mode 0700, which the server's own system user (when
    run as root) then cannot pass through while it initialises."""
    folder = Path(tempfile.mkdtemp(prefix="chargewatch-serve-"))
    yield folder / "home"
    shutil.rmtree(folder, ignore_errors=True)


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "CHARGEWATCH_HOME": str(home), "CHARGEWATCH_DATABASE_URL": ""}


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*CHARGEWATCH, *args], env=_env(home), capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


@contextmanager
def _db_serve(home: Path, port: int, stop: signal.Signals) -> Iterator[dict[str, str]]:
    """``db serve`` in a subprocess while inside; the details it printed; stopped by ``stop``."""
    process = subprocess.Popen([*CHARGEWATCH, "db", "serve", "--port", str(port)],
                               env=_env(home), stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("  chargewatch export tableau"):
            break
    details = dict(line.strip().partition(": ")[::2] for line in lines[1:7])
    try:
        yield details | {"export": lines[-1].strip()}
    finally:
        process.send_signal(stop)
        rest, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert rest.splitlines() == ["Stopped; the login is locked again."]


def _tcp(
    details: dict[str, str], password: str | None = None
) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(host=details["host"], port=int(details["port"]), dbname=details["database"],
                           user=details["user"], password=password or details["password"],
                           connect_timeout=10)  # fmt: skip


def _can_login(home: Path) -> object:
    """rolcanlogin of the Tableau login, read through the server's own socket."""
    info = lifecycle.postmaster(home / "pgdata")
    with psycopg.connect(host=str(info.socket_dir), port=info.port, user="postgres",
                         dbname="postgres") as admin:  # fmt: skip
        row = admin.execute(
            "select rolcanlogin from pg_roles where rolname = 'chargewatch_tableau'"
        ).fetchone()
    return row[0] if row else None


@pytest.mark.slow
def test_tableau_reads_reporting_over_tcp_twice_in_a_row_and_nothing_else(home: Path) -> None:
    port = free_port()
    _run(home, "db", "start")  # keeps the server up between the two serves, to read the role
    for stop in (signal.SIGINT, signal.SIGTERM):
        with _db_serve(home, port, stop) as details:
            assert details == {
                "host": "127.0.0.1", "port": str(port), "database": "postgres",
                "user": "chargewatch_tableau", "password": details["password"],
                "ssl": "off (loopback only; Tableau: PostgreSQL connector, Require SSL unticked)",
                "export": "chargewatch export tableau --twb chargewatch.twb --tds chargewatch.tds "
                f"--port {port}",
            }  # fmt: skip
            assert len(details["password"]) == 24
            with _tcp(details) as reader:
                assert reader.execute("select count(*) from reporting.station").fetchone() == (0,)
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    reader.execute("select count(*) from core.station")
            with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
                _tcp(details, password="guess")
            with pytest.raises(
                psycopg.OperationalError, match='only the login "chargewatch_tableau"'
            ):
                psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                                password="guess", connect_timeout=10)  # fmt: skip
            assert _can_login(home) is True
        assert _can_login(home) is False
        with pytest.raises(psycopg.OperationalError):
            _tcp(details)  # nothing listens any more
    _run(home, "db", "stop")
    assert not lifecycle.is_running(home / "pgdata")


def _poll(url: str, stop: threading.Event, statuses: list[object]) -> None:
    """GET ``url`` back to back until ``stop``; each status code (or exception) in ``statuses``."""
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            try:
                statuses.append(client.get(url).status_code)
            except httpx.HTTPError as exc:
                statuses.append(repr(exc))


@contextmanager
def _dashboard(home: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``chargewatch serve`` in a subprocess, answering, while inside; stopped with SIGINT."""
    port = free_port()
    process = subprocess.Popen([*CHARGEWATCH, "serve", "--port", str(port)], env=_env(home),
                               stdout=subprocess.DEVNULL, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "the dashboard exited"
        try:
            if httpx.get(f"{base}/api/kpis", timeout=30).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the dashboard did not answer within 60 s"
        time.sleep(0.1)
    try:
        yield process, base
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)


@pytest.mark.slow
def test_dashboard_answers_every_request_while_db_serve_starts_and_stops_twice(
    home: Path,
) -> None:
    with _dashboard(home) as (_, base):
        for path in ("/api/kpis", "/"):
            statuses: list[object] = []
            stop = threading.Event()
            poller = threading.Thread(target=_poll, args=(base + path, stop, statuses))
            poller.start()
            try:
                for signal_to_stop in (signal.SIGINT, signal.SIGTERM):
                    with (
                        _db_serve(home, free_port(), signal_to_stop) as details,
                        _tcp(details) as tableau,
                    ):
                        assert tableau.execute("select 1").fetchone() == (1,)
            finally:
                stop.set()
                poller.join()
            assert len(statuses) >= 4, statuses
            assert set(statuses) == {200}, [s for s in statuses if s != 200][:5]
    assert not lifecycle.is_running(home / "pgdata")


@pytest.mark.slow
def test_dashboard_reconnects_when_the_server_restarts_under_it(home: Path) -> None:
    with _dashboard(home) as (_, base):
        statuses: list[object] = []
        stop = threading.Event()
        poller = threading.Thread(target=_poll, args=(base + "/api/kpis", stop, statuses))
        poller.start()
        try:
            before = lifecycle.postmaster(home / "pgdata").pid
            server = lifecycle.handle(home / "pgdata", start=False)
            # As an administrator would; output to the server log (a pipe would stay open).
            subprocess.run([str(server.bin_path / "pg_ctl"), "-w", "-D", str(home / "pgdata"),
                            "-l", str(home / "pgdata" / "log"), "-m", "fast", "restart"],
                           user=server.system_user, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)  # fmt: skip
            assert lifecycle.postmaster(home / "pgdata").pid != before
            count = len(statuses)
            deadline = time.monotonic() + 30
            while len(statuses) < count + 3 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            stop.set()
            poller.join()
        assert set(statuses) == {200}, [s for s in statuses if s != 200][:5]
        assert len(statuses) >= count + 3


@pytest.mark.slow
def test_server_stops_when_its_last_user_exits_even_after_one_was_killed(home: Path) -> None:
    pgdata = home / "pgdata"
    _run(home, "db", "status")
    assert not lifecycle.is_running(pgdata)  # its only user has exited

    with _dashboard(home) as (first, _), _dashboard(home) as (second, _):
        users = json.loads((home / "pgdata.users.json").read_text())
        assert sorted(users) == sorted([str(first.pid), str(second.pid)])
        first.kill()  # no chance to deregister: its entry goes stale
        first.wait(timeout=30)
        _run(home, "db", "status")
        assert lifecycle.is_running(pgdata)  # the second dashboard still uses it
        stopped = _run(home, "db", "stop")
        assert stopped.stdout == (
            "The embedded PostgreSQL stays up while 1 other chargewatch process uses it; "
            "it stops when the last one exits.\n"
        )
        assert lifecycle.is_running(pgdata)
    assert not lifecycle.is_running(pgdata)  # the killed dashboard's entry did not keep it up
    assert json.loads((home / "pgdata.users.json").read_text()) == {}


@pytest.mark.slow
def test_db_start_keeps_the_server_up_until_db_stop(home: Path) -> None:
    pgdata = home / "pgdata"
    started = _run(home, "db", "start")
    assert (
        started.stdout == f"The embedded PostgreSQL in {pgdata} is up until chargewatch db stop.\n"
    )
    _run(home, "db", "status")
    assert lifecycle.is_running(pgdata)
    assert _run(home, "db", "stop").stdout == "Stopped the embedded PostgreSQL.\n"
    assert not lifecycle.is_running(pgdata)
    assert _run(home, "db", "stop").stdout == "The embedded PostgreSQL is not running.\n"


@pytest.mark.slow
def test_a_taken_port_or_a_second_db_serve_is_one_clear_line(home: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([*CHARGEWATCH, "db", "serve", "--port", str(port)], env=_env(home),
                              capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use (another PostgreSQL?); "
        "choose another port with --port\n"
    )
    with _db_serve(home, free_port(), signal.SIGINT):
        second = subprocess.run([*CHARGEWATCH, "db", "serve", "--port", str(free_port())],
                                env=_env(home), capture_output=True, text=True, timeout=120,
                                check=False)  # fmt: skip
    assert (second.returncode, second.stdout) == (1, "")
    assert second.stderr == (
        "Error: another chargewatch db serve is already serving this warehouse; "
        "use the details it printed, or stop it (Ctrl-C) and run this again\n"
    )
    assert not lifecycle.is_running(home / "pgdata")
