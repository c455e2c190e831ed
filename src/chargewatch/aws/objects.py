"""Ingest one announced S3 object, exactly once, and set aside the ones that are not data.

Exactly once is the warehouse's doing: a load takes a lock and the same bytes
load once (``chargewatch.warehouse.load``), so a duplicate delivery or a
concurrent invocation on the same object ends as ``already_loaded``. A file
that is not an AFDC export, or is malformed, is copied under ``rejected/``
with a JSON report beside it and counts as handled: retrying cannot fix it.
The ``_SUCCESS`` marker a Spark job leaves beside a month's intervals in the lake
(``results/intervals/source=…/month=…``) loads that month into the warehouse.
Failures that may pass (database or S3 unreachable) raise ``TransientError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote_plus

import fsspec
import psycopg

from chargewatch.aws.events import Delivery
from chargewatch.engines.builds import load_results
from chargewatch.errors import DataError, NotFoundError, TransientError
from chargewatch.lake import Lake, storage_errors
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import Connection

REJECTED_PREFIX = "rejected/"


@dataclass
class Outcome:
    """What became of one delivered object: loaded, already_loaded, rejected or ignored."""

    bucket: str
    key: str
    status: str
    load_id: int | None = None
    detail: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def as_log(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, {})}


def process(
    conn: Connection, lake: Lake, delivery: Delivery, prefix: str, status_parquet: bool = False
) -> Outcome:
    """Ingest the delivered object if it lies under ``prefix``, or load the month a Spark
    job finished if it is that job's ``_SUCCESS`` marker; see the module docstring."""
    bucket, key = delivery.bucket, delivery.key
    finished = finished_month(lake, bucket, key)
    if finished is not None:
        return _load_results(conn, lake, bucket, key, *finished)
    if not key.startswith(prefix) or key.startswith(REJECTED_PREFIX):
        return Outcome(bucket, key, "ignored", detail=f"outside the incoming prefix {prefix!r}")
    try:
        return _ingest(conn, lake, bucket, key, status_parquet)
    except NotFoundError:
        if delivery.key_may_be_encoded and unquote_plus(key) != key:
            decoded = Delivery(bucket, unquote_plus(key))
            return process(conn, lake, decoded, prefix, status_parquet)
        return Outcome(bucket, key, "ignored", detail="no such object (deleted since?)")
    except DataError as exc:
        report = reject(lake, bucket, key, prefix, exc)
        return Outcome(bucket, key, "rejected", detail=f"{exc} (report: {report})")
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        raise TransientError(f"s3://{bucket}/{key}: the database failed ({exc}); retry") from exc


def finished_month(lake: Lake, bucket: str, key: str) -> tuple[str, date] | None:
    """(feed, month) when ``key`` is the ``_SUCCESS`` marker of a Spark job's month in
    this lake (``engines.emr_job``); else None."""
    results = f"{lake.root.rstrip('/')}/results/intervals/"
    found = re.fullmatch(
        r"source=([\w-]+)/month=(\d{4})-(\d{2})/_SUCCESS", f"{bucket}/{key}".removeprefix(results)
    )
    if found is None or not f"{bucket}/{key}".startswith(results):
        return None
    return found.group(1), date(int(found.group(2)), int(found.group(3)), 1)


def _load_results(
    conn: Connection, lake: Lake, bucket: str, key: str, source: str, month: date
) -> Outcome:
    try:
        built = load_results(conn, lake, source, month)
    except DataError as exc:  # results that do not stand: a retry cannot fix them
        return Outcome(bucket, key, "rejected", detail=str(exc))
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        raise TransientError(f"s3://{bucket}/{key}: the database failed ({exc}); retry") from exc
    detail = f"{source} {month:%Y-%m}: {built.intervals} intervals of {built.ports} ports"
    return Outcome(bucket, key, "loaded", detail=detail)


def _ingest(conn: Connection, lake: Lake, bucket: str, key: str, status_parquet: bool) -> Outcome:
    result = ingest_file(conn, lake, f"s3://{bucket}/{key}", status_parquet=status_parquet)
    status = "already_loaded" if result.already_loaded else "loaded"
    counts = {
        "rows_read": result.rows_read,
        "rows_loaded": result.rows_loaded,
        "rows_skipped": result.rows_skipped,
        "rows_quarantined": result.rows_quarantined,
    }
    return Outcome(bucket, key, status, result.load_id, counts=counts)


def reject(lake: Lake, bucket: str, key: str, prefix: str, error: DataError) -> str:
    """Copy the object under ``rejected/`` with ``<name>.report.json`` beside it; returns the
    report's URL. Copying again (a redelivered event) writes the same two objects."""
    fs = fsspec.filesystem("s3", **lake.options.get("s3", {}))
    target = f"{bucket}/{REJECTED_PREFIX}{key.removeprefix(prefix)}"
    report = {
        "object": f"s3://{bucket}/{key}",
        "rejected_copy": f"s3://{target}",
        "rejected_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "error": str(error),
        "error_type": type(error).__name__,
        "what_to_do": "Fix the file and upload it again; nothing of it was loaded. "
        f"chargewatch ingest s3://{bucket}/{key} shows the same error.",
    }
    with storage_errors(f"s3://{target}"):
        fs.copy(f"{bucket}/{key}", target)
        fs.pipe(f"{target}.report.json", json.dumps(report, indent=2).encode())
    return f"s3://{target}.report.json"
