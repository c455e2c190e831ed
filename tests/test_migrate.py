"""Migrations: applied in order, recorded, idempotent; an older database upgrades in place."""

from __future__ import annotations

import hashlib

import psycopg

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from chargewatch.warehouse.migrate import migrate, migrations, repeatable_checksum
from tests.conftest import scalar


def test_all_migrations_are_recorded_with_checksums(conn: Connection) -> None:
    recorded = conn.execute(
        "select version, name, checksum from core.schema_migration order by 1"
    ).fetchall()
    assert recorded == [(v, n, hashlib.sha256(t.encode()).hexdigest()) for v, n, t in migrations()]
    assert migrate(conn) == []


def test_an_older_database_upgrades_in_place(settings: Settings) -> None:
    url = settings.database_url
    assert url is not None
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("drop schema raw, core, reporting cascade")
    with connect(settings, migrate=False) as conn:
        with conn.transaction():
            conn.execute(
                "create schema core; create table core.schema_migration (version integer primary key, "
                "name text not null, checksum text not null, applied_at timestamptz not null default now())"
            )
            for version, name, text in migrations()[:3]:
                conn.execute(text)
                conn.execute(
                    "insert into core.schema_migration (version, name, checksum) values (%s, %s, %s)",
                    (version, name, "old"),
                )
        applied = migrate(conn)
        newer = [name for _, name, _ in migrations()[3:]]
        assert applied == [*newer, "core objects and reporting views"]
        assert scalar(conn, "select max(version) from core.schema_migration") == migrations()[-1][0]
        assert scalar(conn, "select checksum from core.schema_repeatable") == repeatable_checksum()
        assert scalar(conn, "select count(*) from reporting.station_kpi") == 0
