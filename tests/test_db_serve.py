"""``chargewatch db serve``: the embedded warehouse on local TCP, for a reader login only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.s3server import free_port


@pytest.mark.slow
def test_tableau_can_read_reporting_over_tcp_and_nothing_else(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "CHARGEWATCH_HOME": str(tmp_path / "home"), "CHARGEWATCH_DATABASE_URL": ""}
    command = [sys.executable, "-m", "chargewatch", "db", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    details = {}
    for line in process.stdout:
        key, _, value = line.strip().partition(": ")
        details[key] = value
        if key == "password":
            break
    assert details["user"] == "chargewatch_tableau" and details["port"] == str(port)
    tcp = f"host=127.0.0.1 port={port} dbname={details['database']}"
    with psycopg.connect(tcp, user=details["user"], password=details["password"]) as reader:
        assert reader.execute("select count(*) from reporting.station").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("select count(*) from core.station")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(tcp, user="postgres", password="guess")

    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert rest.splitlines()[-1] == "Stopped; the login is locked again."
    status = subprocess.run([sys.executable, "-m", "chargewatch", "db", "status"], env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert status.returncode == 0, status.stderr
