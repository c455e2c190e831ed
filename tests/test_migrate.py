"""Migrations: applied in order, recorded, idempotent; an older database upgrades in place."""

from __future__ import annotations

import hashlib
import json

import psycopg

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from chargewatch.warehouse.migrate import build_checksums, migrate, migrations, source_migrations
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar


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
        owned = [f"{source}/{name}" for source, _, name, _ in source_migrations()]
        assert applied == [*newer, *owned, "core objects", "reporting views", "reference tables"]
        assert scalar(conn, "select max(version) from core.schema_migration") == migrations()[-1][0]
        assert (
            dict(conn.execute("select name, checksum from core.schema_repeatable").fetchall())
            == build_checksums()
        )
        assert scalar(conn, "select count(*) from reporting.station_kpi") == 0


GROUP_ROWS = "select xmin::text, * from core.station_group_history order by 2, 3, 4, 5, 6, 7, 8"


def test_a_changed_view_is_rebuilt_alone_without_recounting(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", str(AFDC_DIR / "afdc_VA_elec_2022-04-25.csv")).exit_code == 0
    before = conn.execute(GROUP_ROWS).fetchall()
    assert before
    conn.execute("update core.schema_repeatable set checksum = 'x' where name = 'reporting views'")
    assert migrate(conn) == ["reporting views"]
    assert conn.execute(GROUP_ROWS).fetchall() == before  # the same row versions: no recount
    conn.execute("update core.schema_repeatable set checksum = 'x' where name = 'core objects'")
    assert migrate(conn) == ["core objects", "reporting views"]
    assert [row[1:] for row in conn.execute(GROUP_ROWS).fetchall()] == [r[1:] for r in before]


def test_reading_never_migrates_and_says_what_to_run(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    conn.execute("update core.schema_repeatable set checksum = 'x' where name = 'reporting views'")
    result = invoke("kpi")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the warehouse is older than this chargewatch (reporting views to apply); "
        "run: chargewatch db migrate\n"
    )
    assert (
        scalar(conn, "select checksum from core.schema_repeatable where name = 'reporting views'")
        == "x"
    )
    status = invoke("db", "status")
    assert (
        f"schema version:  {migrations()[-1][0]} (reporting views to rebuild: chargewatch db migrate)"
        in status.stdout
    )
    assert json.loads(invoke("db", "status", "--format", "json").stdout)["build_stale"] == [
        "reporting views"
    ]
    migrated = invoke("db", "migrate")
    assert (migrated.exit_code, migrated.stdout) == (0, "Applied: reporting views\n")
    assert invoke("kpi").exit_code == 0
    assert invoke("db", "migrate").stdout == "Up to date; nothing to apply.\n"


def test_build_rebuilds_what_changed_or_everything(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("db", "build").stdout == "Up to date; nothing to rebuild.\n"
    assert (
        invoke("db", "build", "--all").stdout
        == "Rebuilt: core objects, reporting views, reference tables\n"
    )
    conn.execute("update core.schema_repeatable set checksum = 'x' where name = 'reference tables'")
    conn.execute("delete from core.geo_area where kind = 'zcta'")
    conn.commit()
    assert invoke("db", "build").stdout == "Rebuilt: reference tables\n"
    assert scalar(conn, "select count(*) from core.geo_area where kind = 'zcta'") == 33774
    conn.execute("update core.schema_repeatable set checksum = 'x' where name = 'reporting views'")
    assert invoke("db", "build").stdout == "Rebuilt: reporting views\n"
