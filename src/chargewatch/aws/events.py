"""The S3 objects an AWS event announces, whichever way it came.

Three deliveries of S3 ``ObjectCreated`` are understood: S3 notifications
invoking the function directly (``Records[].s3``), the same notifications
through SQS (``Records[].body``, one S3 notification or EventBridge event per
message), and EventBridge ``Object Created`` events. S3 notifications
URL-encode object keys (a space arrives as ``+``); EventBridge gives keys as
they are. EventBridge schedules (``Scheduled Event``) announce no object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from chargewatch.errors import DataError


@dataclass(frozen=True)
class Delivery:
    """One object to ingest, and the SQS message it came in (for partial batch failures)."""

    bucket: str
    key: str
    message_id: str | None = None
    key_may_be_encoded: bool = False
    """EventBridge keys should be plain; if one is not found, try it decoded."""


@dataclass(frozen=True)
class Unreadable:
    """An SQS message whose body is not an event this function understands."""

    message_id: str
    problem: str


def deliveries(event: dict[str, Any]) -> list[Delivery | Unreadable]:
    """Every object the event announces, in order; SQS messages that say nothing are skipped."""
    if event.get("source") == "aws.s3" or event.get("detail-type") == "Object Created":
        return [_from_eventbridge(event)]
    if event.get("detail-type") == "Scheduled Event":
        return []
    found: list[Delivery | Unreadable] = []
    for record in event.get("Records", []):
        if record.get("eventSource") == "aws:sqs":
            found += _from_sqs(record)
        elif record.get("eventSource") == "aws:s3":
            found += _from_s3(record, None)
    return found


def is_sqs(event: dict[str, Any]) -> bool:
    records = event.get("Records") or [{}]
    return bool(records[0].get("eventSource") == "aws:sqs")


def _from_s3(record: dict[str, Any], message_id: str | None) -> list[Delivery]:
    if not str(record.get("eventName", "")).startswith("ObjectCreated"):
        return []
    s3 = record["s3"]
    key = unquote_plus(s3["object"]["key"])
    return [Delivery(s3["bucket"]["name"], key, message_id)]


def _from_eventbridge(event: dict[str, Any], message_id: str | None = None) -> Delivery:
    detail = event["detail"]
    return Delivery(detail["bucket"]["name"], detail["object"]["key"], message_id, True)


def _from_sqs(record: dict[str, Any]) -> list[Delivery | Unreadable]:
    message_id = record["messageId"]
    try:
        body = json.loads(record["body"])
        if not isinstance(body, dict):
            raise DataError("the body is not a JSON object")
        if body.get("detail-type") == "Object Created":
            return [_from_eventbridge(body, message_id)]
        if body.get("Event") == "s3:TestEvent":
            return []
        inner = body.get("Records")
        if not isinstance(inner, list):
            raise DataError("the body has no Records and is no EventBridge event")
        return [d for r in inner for d in _from_s3(r, message_id)]
    except (ValueError, KeyError, TypeError, DataError) as exc:
        return [Unreadable(message_id, f"{type(exc).__name__}: {exc}")]
