"""Database credentials from AWS Secrets Manager, so that none sit in the environment.

The secret is the JSON RDS writes for a managed master password or a secret
attached to an instance: ``username``, ``password``, ``host``, ``port`` and
``dbname`` (``postgres`` when absent). TLS is required by default;
``CHARGEWATCH_DATABASE_SSLMODE=verify-full`` with ``PGSSLROOTCERT`` pointing at
the RDS CA bundle also checks the server's name.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from chargewatch.errors import ConfigError

REQUIRED = ("username", "password", "host")


def database_url(secret: dict[str, Any], sslmode: str = "require") -> str:
    """A libpq URL from an RDS-style secret."""
    missing = [name for name in REQUIRED if not secret.get(name)]
    if missing:
        raise ConfigError(
            f"the database secret lacks {', '.join(missing)}; expected the JSON RDS writes "
            "(username, password, host, port, dbname)"
        )
    user, password = (
        quote(str(secret["username"]), safe=""),
        quote(str(secret["password"]), safe=""),
    )
    port = secret.get("port") or 5432
    dbname = quote(str(secret.get("dbname") or "postgres"), safe="")
    return f"postgresql://{user}:{password}@{secret['host']}:{port}/{dbname}?sslmode={sslmode}"


def database_url_from_secret(arn: str) -> str:
    """Read ``arn`` from Secrets Manager (with the function's role) and make the URL."""
    import botocore.session

    client = botocore.session.get_session().create_client("secretsmanager")
    try:
        value = client.get_secret_value(SecretId=arn)["SecretString"]
        secret = json.loads(value)
    except ValueError as exc:
        raise ConfigError(f"the database secret {arn} is not JSON") from exc
    return database_url(secret, os.environ.get("CHARGEWATCH_DATABASE_SSLMODE", "require"))
