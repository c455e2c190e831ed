"""Reading an OCPP log: its lines, each the time it was logged, the charger and an
OCPP-J frame, from JSON lines or CSV.

A JSON line is an object; a CSV file has a header. Either names its fields as
loggers do (case, spaces and underscores ignored): the time (``timestamp``,
``time``, ``ts``, …), the charger (``charger_id``, ``charge_point_id``,
``chargePointId``, ``identity``, …), the frame (``message``, ``frame``, …), and
optionally the action; CSV may be separated by commas, semicolons or tabs. The
frame is an array or its JSON text:
``[2, id, action, payload]`` (a call), ``[3, id, payload]`` (its result) or
``[4, id, code, description, details]`` (an error).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chargewatch.times import iso_time

FIELD_NAMES: Mapping[str, tuple[str, ...]] = {
    "time": ("timestamp", "time", "ts", "datetime", "loggedat", "receivedat", "date"),
    "charger": (
        "chargerid", "chargepointid", "chargingstationid", "stationid", "identity", "cpid",
        "charger", "chargepoint", "chargebox", "chargeboxid",
    ),
    "frame": ("message", "frame", "msg", "ocppmessage", "data", "raw"),
    "action": ("action",),
}  # fmt: skip
REQUIRED = ("time", "charger", "frame")
CALL, RESULT, ERROR = 2, 3, 4


@dataclass
class Frame:
    """One logged OCPP-J frame."""

    line: int
    logged_at: datetime
    charger: str
    kind: int
    message_id: str
    action: str | None
    payload: Any


def key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def field_of(names: list[str]) -> dict[str, str]:
    """Each field this module reads → the name the log gives it."""
    by_key = {key(n): n for n in names}
    found: dict[str, str] = {}
    for field, keys in FIELD_NAMES.items():
        name = next((by_key[k] for k in keys if k in by_key), None)
        if name is not None:
            found[field] = name
    return found


def looks_like_log(first_line: str) -> bool:
    """Whether a file's first line is a JSON object or CSV header of an OCPP log."""
    text = first_line.strip().lstrip("\ufeff")
    if text.startswith("{"):
        try:
            record = json.loads(text)
        except ValueError:
            return False
        names = list(record) if isinstance(record, dict) else []
    else:
        names = next(csv.reader([text], delimiter=max((",", ";", "\t"), key=text.count)), [])
    return all(field in field_of(names) for field in REQUIRED)


def records(text: io.TextIOBase, label: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, record)`` for each line: a JSON object (JSON lines: the first or second
    line is one, the first maybe cut by a rotated log), or a CSV row by its header."""
    first = text.readline()
    second = text.readline()
    rest = itertools.chain([second], text)
    if any(line.lstrip("\ufeff").lstrip().startswith("{") for line in (first, second)):
        yield from _json_lines(first, rest, label)
        return
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(first), delimiter=delimiter)
    fieldnames = reader.fieldnames or []
    rows = csv.DictReader(rest, fieldnames=fieldnames, delimiter=delimiter)
    for row in rows:
        yield rows.line_num + 1, dict(row)


def _json_lines(
    first: str, text: Iterable[str], label: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    yield 1, _json_record(first, label, 1)
    for number, line in enumerate(text, start=2):
        if line.strip():
            yield number, _json_record(line, label, number)


def _json_record(line: str, label: str, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return {"__problem__": f"{label}, line {number}: not JSON ({e.msg}); expected an object"}
    if not isinstance(record, dict):
        return {"__problem__": f"{label}, line {number}: {line.strip()[:60]!r} is not an object"}
    return record


def logged_time(value: Any) -> tuple[datetime | None, bool]:
    """A log line's time and whether it lacked a time zone (read as UTC): ISO 8601,
    or seconds (milliseconds above 10^11) since 1970."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value):
        value = float(value)  # seconds (or milliseconds) written as text, as in CSV
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC), False
        except (OverflowError, OSError, ValueError):
            return None, False
    moment = iso_time(value) if isinstance(value, str) and value.strip() else None
    if moment is None:
        return None, False
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), True
    return moment, False


def frame_of(value: Any) -> list[Any] | None:
    """The OCPP-J array, from the array or its JSON text; None if it is neither."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list) or len(value) < 3 or value[0] not in (CALL, RESULT, ERROR):
        return None
    if value[0] == CALL and (len(value) != 4 or not isinstance(value[2], str)):
        return None
    return value


def read_frame(
    record: Mapping[str, Any], fields: Mapping[str, str], label: str, line: int
) -> tuple[Frame | None, str | None, bool]:
    """The line's frame, or the problem that keeps it from being one; and whether its
    time lacked a time zone."""
    if "__problem__" in record:
        return None, str(record["__problem__"]), False
    logged_at, naive = logged_time(record.get(fields["time"]))
    if logged_at is None:
        value = record.get(fields["time"])
        return None, _problem(label, line, fields["time"], value, "a time (ISO 8601)"), False
    charger = str(record.get(fields["charger"]) or "").strip()
    if not charger:
        return None, _problem(label, line, fields["charger"], "", "the charger's ID"), naive
    frame = frame_of(record.get(fields["frame"]))
    if frame is None:
        value = record.get(fields["frame"])
        expected = "an OCPP-J frame ([2, id, action, {…}], [3, id, {…}] or [4, …])"
        return None, _problem(label, line, fields["frame"], value, expected), naive
    kind, message_id = frame[0], str(frame[1])
    action = frame[2] if kind == CALL else None
    payload = frame[3] if kind == CALL else frame[2] if kind == RESULT else None
    return Frame(line, logged_at, charger, kind, message_id, action, payload), None, naive


def _problem(label: str, line: int, column: str, value: Any, expected: str) -> str:
    shown = value if isinstance(value, str) else json.dumps(value)
    return f"{label}, line {line}, {column}: {shown[:80]!r}; expected {expected}"
