"""The AWS Lambda entry point: ``chargewatch.aws.handler.handler``.

Configured by environment variables: ``CHARGEWATCH_DATABASE_URL`` (or
``CHARGEWATCH_DATABASE_SECRET_ARN``, read once from Secrets Manager),
``CHARGEWATCH_LAKE_URL`` (``s3://bucket/lake``), ``CHARGEWATCH_INCOMING_PREFIX``
(default ``incoming/``: objects elsewhere are ignored, so the lake and
``rejected/`` in the same bucket never trigger a load). The settings, the lake
and the database connection are made on the first invocation and reused by
the container's later ones; a connection that broke is made again.

Returns: for SQS, ``{"batchItemFailures": [...]}`` naming the messages to
retry; otherwise ``{"outcomes": [...]}``, after raising if any object failed
in a way a retry may fix (AWS then retries the whole event; the objects that
did load are ``already_loaded`` the second time).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from typing import Any

from chargewatch.aws.events import Delivery, Unreadable, deliveries, is_sqs
from chargewatch.aws.objects import Outcome, process
from chargewatch.config import Settings
from chargewatch.errors import ChargewatchError, ConfigError
from chargewatch.lake import Lake
from chargewatch.warehouse.connect import Connection, connect

log = logging.getLogger("chargewatch.aws")
DEFAULT_PREFIX = "incoming/"


def emit(level: int, message: str, **fields: Any) -> None:
    """One structured JSON log line (never settings or URLs with secrets)."""
    log.log(level, json.dumps({"message": message, **fields}, default=str, ensure_ascii=False))


class Runtime:
    """What a Lambda container keeps between invocations."""

    def __init__(self, settings: Settings, prefix: str = DEFAULT_PREFIX) -> None:
        self.settings = settings
        self.prefix = prefix
        self.lake = Lake(settings.lake, settings.storage_options)
        self._conn: Connection | None = None

    def connection(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = connect(self.settings)
        return self._conn

    def _forget_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        """Process every object of ``event``; see the module docstring for the result."""
        outcomes: list[Outcome] = []
        retry: list[Delivery] = []
        failures: list[ChargewatchError] = []
        for item in deliveries(event):
            if isinstance(item, Unreadable):
                emit(logging.WARNING, "unreadable message dropped", **vars(item))
                continue
            try:
                outcomes.append(self._process(item))
            except ChargewatchError as exc:
                self._forget_connection()
                retry.append(item)
                failures.append(exc)
                emit(logging.ERROR, "failed; to be retried", bucket=item.bucket, key=item.key,
                     error=str(exc), error_type=type(exc).__name__)  # fmt: skip
        if is_sqs(event):
            ids = dict.fromkeys(d.message_id for d in retry if d.message_id)
            return {"batchItemFailures": [{"itemIdentifier": i} for i in ids]}
        if failures:
            raise failures[0]
        return {"outcomes": [o.as_log() for o in outcomes]}

    def _process(self, delivery: Delivery) -> Outcome:
        parquet = self.settings.status_parquet
        outcome = process(self.connection(), self.lake, delivery, self.prefix, parquet)
        level = logging.WARNING if outcome.status == "rejected" else logging.INFO
        emit(level, outcome.status, **outcome.as_log())
        return outcome


def settings_from_env() -> tuple[Settings, str]:
    """The Lambda's settings; a database secret in Secrets Manager becomes the database URL."""
    settings = Settings.from_env()
    secret = os.environ.get("CHARGEWATCH_DATABASE_SECRET_ARN")
    if secret and settings.database_url is None:
        from chargewatch.aws.secrets import database_url_from_secret

        settings = replace(settings, database_url=database_url_from_secret(secret))
    if settings.database_url is None:
        raise ConfigError(
            "no database: set CHARGEWATCH_DATABASE_SECRET_ARN (a Secrets Manager secret in RDS "
            "form) or CHARGEWATCH_DATABASE_URL; the embedded PostgreSQL does not run on Lambda"
        )
    return settings, os.environ.get("CHARGEWATCH_INCOMING_PREFIX", DEFAULT_PREFIX)


_runtime: Runtime | None = None


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """The Lambda function: ingest the S3 objects ``event`` announces."""
    global _runtime  # noqa: PLW0603 - kept for the container's later invocations
    if _runtime is None:
        logging.getLogger().setLevel(logging.INFO)
        _runtime = Runtime(*settings_from_env())
    return _runtime.handle(event)
