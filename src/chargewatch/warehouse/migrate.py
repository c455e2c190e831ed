"""Schema migrations: versioned files in order, then the repeatable objects.

``sql/migrations/NNN_name.sql`` run once each, in order, each in its own
transaction, and are recorded in ``core.schema_migration``; an older database
upgrades in place. Functions and core views (``sql/core_objects``) and reporting views
(``sql/reporting``) are *repeatable*: when their text changes, or a migration
ran, the reporting schema is rebuilt from them in one transaction. An advisory lock makes
concurrent processes migrate one at a time.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from chargewatch.errors import ConfigError
from chargewatch.quarantine import Reason
from chargewatch.warehouse import history
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import sql_files
from chargewatch.warehouse.stations import rebuild_station_groups, rekey_station_names

MIGRATION_LOCK = 0x63_77_6D_67  # "cwmg": serialises migrations across processes
HISTORY_MIGRATION = "011_station_history.sql"
"""Before it there was no history: a database loaded then has its history built from
its snapshots when it is applied."""
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

_BOOKKEEPING = """
create schema if not exists core;
create table if not exists core.schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
);
create table if not exists core.schema_repeatable (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
)
"""


@cache
def migrations() -> list[tuple[int, str, str]]:
    """``(version, file name, sql)`` of every versioned migration, in order (read once)."""
    found = []
    for name, text in sql_files("migrations"):
        match = _NAME.match(name)
        if match is None:
            raise ConfigError(f"migration file {name} is not named NNN_lower_case.sql")
        found.append((int(match[1]), name, text))
    return found


@cache
def repeatable_checksum() -> str:
    """One checksum over core objects, reporting views and reason codes (computed once)."""
    digest = hashlib.sha256()
    for folder in ("core_objects", "reporting"):
        for name, text in sql_files(folder):
            digest.update(f"{folder}/{name}\n{text}\n".encode())
    for reason in Reason:
        digest.update(f"{reason.value}={reason.description}\n".encode())
    return digest.hexdigest()


def migrate(conn: Connection) -> list[str]:
    """Bring the schema up to date; returns what was applied (empty if nothing)."""
    if _is_current(conn):
        return []
    applied: list[str] = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(_BOOKKEEPING)
        done = {row[0] for row in conn.execute("select version from core.schema_migration")}
        for version, name, text in migrations():
            if version not in done:
                conn.execute(text)
                conn.execute(
                    "insert into core.schema_migration (version, name, checksum) values (%s, %s, %s)",
                    (version, name, hashlib.sha256(text.encode()).hexdigest()),
                )
                applied.append(name)
        if applied or _repeatable_stale(conn):
            _rebuild_repeatable(conn)
            applied.append("core objects and reporting views")
        if HISTORY_MIGRATION in applied:
            history.rebuild_all(conn)
    return applied


def schema_version(conn: Connection) -> int | None:
    """The newest applied migration, or None for an empty database."""
    exists = conn.execute("select to_regclass('core.schema_migration') is not null").fetchone()
    if not exists or not exists[0]:
        return None
    row = conn.execute("select max(version) from core.schema_migration").fetchone()
    return None if row is None else _as_int(row[0])


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _is_current(conn: Connection) -> bool:
    """A cheap check so that every connection does not take the migration lock."""
    with conn.transaction():
        latest = migrations()[-1][0]
        if schema_version(conn) != latest:
            return False
        return not _repeatable_stale(conn)


def _repeatable_stale(conn: Connection) -> bool:
    row = conn.execute("select checksum from core.schema_repeatable where name = 'all'").fetchone()
    return row is None or row[0] != repeatable_checksum()


def _rebuild_repeatable(conn: Connection) -> None:
    conn.execute("drop schema if exists reporting cascade")
    conn.execute("create schema reporting")
    for folder in ("core_objects", "reporting"):
        for _name, text in sql_files(folder):
            conn.execute(text)
    rebuild_station_groups(conn)
    rekey_station_names(conn)
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.reason_code (reason_code, description) values (%s, %s) "
            "on conflict (reason_code) do update set description = excluded.description",
            [(reason.value, reason.description) for reason in Reason],
        )
    conn.execute(
        "insert into core.schema_repeatable (name, checksum) values ('all', %s) "
        "on conflict (name) do update set checksum = excluded.checksum, applied_at = now()",
        (repeatable_checksum(),),
    )
