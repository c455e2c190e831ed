"""Settings, read once from ``CHARGEWATCH_*`` environment variables.

Every field has one documented source; CLI options override them by building a
new ``Settings`` with ``dataclasses.replace``. Secrets (a password inside the
database URL) never appear in ``repr`` or messages: use ``Settings.describe_database``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

AFDC_API_URL = "https://developer.nrel.gov/api/alt-fuel-stations/v1.json"
AFDC_DEMO_KEY = "DEMO_KEY"


def default_home() -> Path:
    """``$XDG_DATA_HOME/chargewatch``, else ``~/.local/share/chargewatch``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chargewatch"


@dataclass(frozen=True)
class Settings:
    """Where chargewatch keeps its data and which database it uses.

    home: ``CHARGEWATCH_HOME``; holds the embedded PostgreSQL (``pgdata/``) and,
        by default, the lake (``lake/``).
    database_url: ``CHARGEWATCH_DATABASE_URL``; any PostgreSQL 14+. When unset,
        the embedded server under ``home`` is started on demand.
    lake_url: ``CHARGEWATCH_LAKE_URL``; an fsspec URL (local folder, ``s3://…``)
        where raw files are kept, content-addressed.
    s3_endpoint_url: ``CHARGEWATCH_S3_ENDPOINT_URL``; an S3-compatible store
        (MinIO, SeaweedFS, …) for every ``s3://`` URL, lake and inputs. Unset:
        AWS S3 (or ``AWS_ENDPOINT_URL``). Credentials come from the usual AWS
        chain (environment, profile, the Lambda's role), never from here.
    afdc_api_key: ``CHARGEWATCH_AFDC_API_KEY``; the key ``chargewatch pull afdc`` sends
        (default ``DEMO_KEY``, rate-limited to a few requests an hour).
    afdc_api_url: ``CHARGEWATCH_AFDC_API_URL``; the AFDC API's stations endpoint
        (default NREL's; a mirror, or a server replaying recorded responses in tests).
    engine: ``CHARGEWATCH_ENGINE``; ``postgres`` (default) or ``spark``: which engine
        builds status intervals after a status load and for ``chargewatch status build``.
    spark_master: ``CHARGEWATCH_SPARK_MASTER``; the Spark master URL (default
        ``local[*]``, unless Spark's own configuration names one).
    status_parquet: ``CHARGEWATCH_STATUS_PARQUET`` (``true``); every status load also
        writes its Parquet parts to the lake, for a Spark job elsewhere (the Spark
        engine writes them anyway).
    source_env: every other ``CHARGEWATCH_<SOURCE>_<NAME>`` variable, for the settings
        a source package reads itself (``source_setting``), e.g. ``CHARGEWATCH_OCM_API_KEY``.
    """

    home: Path = field(default_factory=default_home)
    database_url: str | None = field(default=None, repr=False)
    lake_url: str | None = None
    s3_endpoint_url: str | None = None
    afdc_api_key: str = field(default=AFDC_DEMO_KEY, repr=False)
    afdc_api_url: str = AFDC_API_URL
    engine: str = "postgres"
    spark_master: str | None = None
    status_parquet: bool = False
    source_env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ) if env is None else env
        home = Path(env["CHARGEWATCH_HOME"]) if env.get("CHARGEWATCH_HOME") else default_home()
        return cls(
            home=home.expanduser(),
            database_url=env.get("CHARGEWATCH_DATABASE_URL") or None,
            lake_url=env.get("CHARGEWATCH_LAKE_URL") or None,
            s3_endpoint_url=env.get("CHARGEWATCH_S3_ENDPOINT_URL") or None,
            afdc_api_key=env.get("CHARGEWATCH_AFDC_API_KEY") or AFDC_DEMO_KEY,
            afdc_api_url=env.get("CHARGEWATCH_AFDC_API_URL") or AFDC_API_URL,
            engine=(env.get("CHARGEWATCH_ENGINE") or "postgres").lower(),
            spark_master=env.get("CHARGEWATCH_SPARK_MASTER") or None,
            status_parquet=(env.get("CHARGEWATCH_STATUS_PARQUET") or "").lower() in ("1", "true"),
            source_env={k: v for k, v in env.items() if k.startswith("CHARGEWATCH_") and v},
        )

    def source_setting(self, source: str, name: str, default: str) -> str:
        """A source's own setting: ``CHARGEWATCH_<SOURCE>_<NAME>``, else ``default``."""
        return self.source_env.get(f"CHARGEWATCH_{source}_{name}".upper()) or default

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"

    @property
    def lake(self) -> str:
        return self.lake_url or str(self.home / "lake")

    @property
    def storage_options(self) -> dict[str, dict[str, Any]]:
        """fsspec options per protocol, for the lake and for input URLs."""
        if not self.s3_endpoint_url:
            return {}
        return {"s3": {"client_kwargs": {"endpoint_url": self.s3_endpoint_url}}}

    @property
    def is_embedded(self) -> bool:
        return self.database_url is None

    def describe_database(self) -> str:
        """The database as it may be shown to a user: no password."""
        if self.database_url is None:
            return f"embedded PostgreSQL in {self.pgdata}"
        return redact_url(self.database_url)

    def __repr__(self) -> str:
        return (
            f"Settings(home={str(self.home)!r}, database={self.describe_database()!r}, "
            f"lake={self.lake!r})"
        )


def redact_url(url: str) -> str:
    """Hide passwords: ``postgresql://u:secret@h/db`` → ``postgresql://u:***@h/db``, and
    ``password=secret`` (key=value strings, URL query parameters) → ``password=***``."""
    url = re.sub(r"(password=)('(?:[^'\\]|\\.)*'|[^\s&]*)", r"\1***", url)
    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    netloc = f"{parts.username}:***@{host}{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
