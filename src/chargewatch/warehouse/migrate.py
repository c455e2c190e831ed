"""Migrations (the tables the project owns) apart from the build (everything made from them).

``migrate``: ``sql/migrations/NNN_name.sql`` run once each, in order, recorded in
``core.schema_migration``, then each source package's ``sql/migrations`` (its raw
tables), recorded in ``core.source_migration``; an older database upgrades in
place. ``build``: the repeatable objects, each part rebuilt only when its text
changed. Core objects (``sql/core_objects``: functions and core views, and each
source's ``sql/staging`` models) define derived data, so
rebuilding them also recounts every snapshot's KPI groups and keys station names
again; reporting views (``sql/reporting``) are rebuilt alone, so editing a view or
its comment costs no recount; reference tables (the shipped geography) are loaded
again when the package's tables change. Write paths (ingest, pull, ``db migrate``, ``db
build``) bring a warehouse up to date; read paths only ``check_current`` and
never change one, except that a database with no schema at all gets its first.
An advisory lock makes concurrent processes migrate one at a time.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from chargewatch import geography, measures
from chargewatch.errors import ConfigError
from chargewatch.quarantine import Reason
from chargewatch.sources.registry import SOURCES
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


BUILD_PARTS: dict[str, tuple[str, ...]] = {
    "core objects": ("core_objects", "reporting"),
    "reporting views": ("reporting",),
}
"""Each part of the build and the folders rebuilt with it (views depend on core objects)."""
REFERENCE = "reference tables"
"""The part of the build that loads the shipped geography (``chargewatch.geography``)."""


@cache
def source_migrations() -> list[tuple[str, int, str, str]]:
    """``(source, version, file name, sql)`` of every source package's migrations."""
    found = []
    for source in SOURCES:
        for name, text in source.sql_files("migrations"):
            match = _NAME.match(name)
            if match is None:
                raise ConfigError(
                    f"migration file {source.name}/{name} is not named NNN_lower_case.sql"
                )
            found.append((source.name, int(match[1]), name, text))
    return found


def build_files(folder: str) -> list[tuple[str, str]]:
    """``(name, text)`` of a build folder's files, in the order they run, the counts
    written out (``measures.expand``); core objects are followed by each source's
    staging models."""
    files = sql_files(folder)
    if folder == "core_objects":
        for source in SOURCES:
            files += [(f"{source.name}/{n}", text) for n, text in source.sql_files("staging")]
    return [(name, measures.expand(text)) for name, text in files]


@cache
def build_checksums() -> dict[str, str]:
    """One checksum per part of the build (computed once); reason codes count as core."""
    found = {}
    for part, folders in BUILD_PARTS.items():
        digest = hashlib.sha256()
        for name, text in build_files(folders[0]):
            digest.update(f"{folders[0]}/{name}\n{text}\n".encode())
        if part == "core objects":
            for reason in Reason:
                digest.update(f"{reason.value}={reason.description}\n".encode())
        found[part] = digest.hexdigest()
    found[REFERENCE] = geography.checksum()
    return found


def migrate(conn: Connection) -> list[str]:
    """Bring the schema up to date, migrations then build; returns what was applied."""
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
        applied += _apply_source_migrations(conn)
        applied += _build(conn, force=bool(applied))
        if HISTORY_MIGRATION in applied:
            history.rebuild_all(conn)
    return applied


def _apply_source_migrations(conn: Connection) -> list[str]:
    done = set(conn.execute("select source, version from core.source_migration").fetchall())
    applied = []
    for source, version, name, text in source_migrations():
        if (source, version) not in done:
            conn.execute(text)
            conn.execute(
                "insert into core.source_migration (source, version, name, checksum) "
                "values (%s, %s, %s, %s)",
                (source, version, name, hashlib.sha256(text.encode()).hexdigest()),
            )
            applied.append(f"{source}/{name}")
    return applied


def pending_source_migrations(conn: Connection) -> list[str]:
    """The source migrations not yet applied (the core ones must be)."""
    done = set(conn.execute("select source, version from core.source_migration").fetchall())
    return [f"{s}/{n}" for s, v, n, _ in source_migrations() if (s, v) not in done]


def build(conn: Connection, *, force: bool = False) -> list[str]:
    """Rebuild the parts of the build whose text changed (every part with ``force``);
    returns the parts rebuilt. The migrations must be applied."""
    if schema_version(conn) != migrations()[-1][0] or pending_source_migrations(conn):
        raise ConfigError(
            "the warehouse has migrations to apply first; run: chargewatch db migrate"
        )
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        return _build(conn, force=force)


def check_current(conn: Connection) -> None:
    """For read paths: ``ConfigError`` when the warehouse needs ``db migrate``. A database
    with no schema at all is given its first (there is nothing in it to change)."""
    version = schema_version(conn)
    if version is None:
        migrate(conn)
        return
    latest = migrations()[-1][0]
    if version > latest:
        raise ConfigError(
            f"the warehouse's schema (version {version}) is newer than this chargewatch "
            f"knows (version {latest}); upgrade chargewatch"
        )
    stale = stale_parts(conn) if version == latest else []
    pending = pending_source_migrations(conn) if version == latest else []
    if version < latest or stale or pending:
        what = (
            f"migrations {version + 1} to {latest}"
            if version < latest
            else ", ".join(pending + stale)
        )
        raise ConfigError(
            f"the warehouse is older than this chargewatch ({what} to apply); "
            "run: chargewatch db migrate"
        )


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
        if schema_version(conn) != migrations()[-1][0]:
            return False
        return not stale_parts(conn) and not pending_source_migrations(conn)


def stale_parts(conn: Connection) -> list[str]:
    """The parts of the build whose definitions changed since they were built."""
    rows = conn.execute("select name, checksum from core.schema_repeatable").fetchall()
    built = {str(name): str(checksum) for name, checksum in rows}
    return [part for part, checksum in build_checksums().items() if built.get(part) != checksum]


def _build(conn: Connection, *, force: bool) -> list[str]:
    """The stale parts rebuilt, in the caller's transaction; core objects take the
    reporting views and the derived data with them."""
    stale = [*BUILD_PARTS, REFERENCE] if force else stale_parts(conn)
    if not stale:
        return []
    rebuilt = _build_sql(conn, stale) if set(stale) & set(BUILD_PARTS) else []
    if REFERENCE in stale:
        geography.load(conn)
        rebuilt.append(REFERENCE)
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.schema_repeatable (name, checksum) values (%s, %s) "
            "on conflict (name) do update set checksum = excluded.checksum, applied_at = now()",
            [(part, build_checksums()[part]) for part in rebuilt],
        )
    conn.execute("delete from core.schema_repeatable where name = 'all'")
    return rebuilt


def _build_sql(conn: Connection, stale: list[str]) -> list[str]:
    conn.execute("drop schema if exists reporting cascade")
    conn.execute("create schema reporting")
    rebuilt = (
        ["core objects", "reporting views"] if "core objects" in stale else ["reporting views"]
    )
    for folder in BUILD_PARTS[rebuilt[0]]:
        for _name, text in build_files(folder):
            conn.execute(text)
    if "core objects" in rebuilt:
        rebuild_station_groups(conn)
        rekey_station_names(conn)
    _store_reason_codes(conn)
    return rebuilt


def _store_reason_codes(conn: Connection) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "insert into core.reason_code (reason_code, description) values (%s, %s) "
            "on conflict (reason_code) do update set description = excluded.description",
            [(reason.value, reason.description) for reason in Reason],
        )
