"""Settings come from CHARGEWATCH_* variables, and passwords never show."""

from __future__ import annotations

from pathlib import Path

import pytest

from chargewatch.config import Settings, redact_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://loader:s3cret@db.example.com:5432/cw",
            "postgresql://loader:***@db.example.com:5432/cw",
        ),
        ("postgresql://loader@db/cw?sslmode=require", "postgresql://loader@db/cw?sslmode=require"),
        (
            "postgresql://db/cw?user=u&password=s3cret&sslmode=verify-full",
            "postgresql://db/cw?user=u&password=***&sslmode=verify-full",
        ),
        ("host=db user=u password=s3cret dbname=cw", "host=db user=u password=*** dbname=cw"),
        ("host=db password='s3 cret' dbname=cw", "host=db password=*** dbname=cw"),
    ],
)
def test_passwords_are_redacted(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_settings_from_environment(tmp_path: Path) -> None:
    env = {
        "CHARGEWATCH_HOME": str(tmp_path),
        "CHARGEWATCH_DATABASE_URL": "postgresql://u:s3cret@h/db",
        "CHARGEWATCH_LAKE_URL": "s3://bucket/lake",
    }
    settings = Settings.from_env(env)
    assert settings.pgdata == tmp_path / "pgdata"
    assert settings.lake == "s3://bucket/lake"
    assert "s3cret" not in repr(settings)
    assert settings.describe_database() == "postgresql://u:***@h/db"


def test_defaults_put_everything_under_home(tmp_path: Path) -> None:
    settings = Settings.from_env({"CHARGEWATCH_HOME": str(tmp_path)})
    assert settings.is_embedded
    assert settings.lake == str(tmp_path / "lake")
    assert settings.describe_database() == f"embedded PostgreSQL in {tmp_path / 'pgdata'}"
