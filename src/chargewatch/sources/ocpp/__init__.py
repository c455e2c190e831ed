"""OCPP logs: what chargers told their central system, as a status feed of events.

A log (``sources.ocpp.log``) holds OCPP-J frames of OCPP 1.6 or 2.0.1. Each
StatusNotification is an event of a connector at the payload's time (the
line's when it has none), checked against the ``ocpp`` library's JSON schema of
its version; ``tables/status.csv`` maps its status. A status for connector 0
(1.6) or EVSE 0 (2.0.1) is the whole charger's and applies to every connector
of it (``core.port.whole_station``). Every message a charger sent is a contact:
a charger silent for longer than the feed's ``offline_after`` (default: three
heartbeat intervals from its accepted BootNotification, else 15 minutes) is
offline from its last message until it speaks again
(``sql/transform/status/event_spans.sql``). A log without the charger's
BootNotification takes the interval from its Heartbeats (their shortest gap,
given three or more). A payload time more than a day from its line's (a charger
clock never set) gives way to the line's time, noted on the load.

Every line is checked before any is stored; a log with bad lines names them
(the first ten and a count) and loads nothing.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Mapping
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from chargewatch.errors import DataError, ProblemsError
from chargewatch.sources.base import (
    FileReader,
    Landed,
    Source,
    day_of,
    package_table,
    text_of,
    write_raw,
)
from chargewatch.sources.container import Body
from chargewatch.sources.ocpp import log
from chargewatch.sources.ocpp.log import CALL, Frame

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

CHARGER_ACTIONS = frozenset((
    "Authorize", "BootNotification", "ClearedChargingLimit",
    "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Get15118EVCertificate",
    "GetCertificateStatus", "Heartbeat", "LogStatusNotification", "MeterValues",
    "NotifyChargingLimit", "NotifyCustomerInformation", "NotifyDisplayMessages",
    "NotifyEVChargingNeeds", "NotifyEVChargingSchedule", "NotifyEvent",
    "NotifyMonitoringReport", "NotifyReport", "PublishFirmwareStatusNotification",
    "ReportChargingProfiles", "ReservationStatusUpdate", "SecurityEventNotification",
    "SignCertificate", "SignedFirmwareStatusNotification", "StartTransaction",
    "StatusNotification", "StopTransaction", "TransactionEvent",
))  # fmt: skip
"""The calls a charger makes (OCPP 1.6 and 2.0.1); the central system makes the rest.
DataTransfer, which either side may send, is left out: it cannot say who spoke."""
RAW_COLUMNS = (
    "line_number", "logged_at", "charger_id", "message_type", "message_id", "action",
    "payload", "from_charger", "heartbeat_interval", "ocpp_version", "evse_id",
    "connector_id", "source_status", "error_code", "observed_at", "status", "log_end",
)  # fmt: skip
NAIVE_TIMES = ("timestamp", "time zone", "times without a time zone read as UTC")
CLOCK_OFF = ("timestamp", "clock", "a StatusNotification time more than a day from its line's: "
             "the line's time used")  # fmt: skip
CLOCK_TOLERANCE = timedelta(days=1)
HEARTBEATS_TO_INFER = 3


@cache
def status_codes() -> dict[tuple[str, str], str]:
    """(OCPP version, status) → canonical port status (``tables/status.csv``)."""
    rows = package_table(__name__, "status")
    return {(row["version"], row["code"]): row["status"] for row in rows}


@cache
def schema(version: str, action: str, result: bool = False) -> Validator:
    """The ``ocpp`` library's JSON schema of a call (or its result) in an OCPP version."""
    import jsonschema

    if version == "1.6":
        name = f"v16/schemas/{action}{'Response' if result else ''}.json"
    else:
        name = f"v201/schemas/{action}{'Response' if result else 'Request'}.json"
    document = json.loads(resources.files("ocpp").joinpath(name).read_text("utf-8"))
    validator: Validator = jsonschema.validators.validator_for(document)(document)
    return validator


def version_of(payload: Mapping[str, Any]) -> str:
    """2.0.1 when a payload speaks of EVSEs or ``connectorStatus``, else 1.6."""
    return "2.0.1" if "connectorStatus" in payload or "evseId" in payload else "1.6"


def invalid(version: str, action: str, payload: Any, result: bool = False) -> str | None:
    """What is wrong with a payload by its schema, or None."""
    if not isinstance(payload, dict):
        return f"the payload {json.dumps(payload)[:60]} is not an object"
    error = next(iter(schema(version, action, result).iter_errors(payload)), None)
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "payload"
    return f"{where}: {error.message} (OCPP {version} {action}{' result' if result else ''})"


class Log:
    """One OCPP log, read and checked whole before anything is stored."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.rows: list[list[Any]] = []
        self.problems: list[str] = []
        self.naive = False
        self.clock_off = False
        self.calls: dict[tuple[str, str], list[Any]] = {}

    def read(self, text: io.TextIOBase) -> None:
        fields: dict[str, str] | None = None
        for line, record in log.records(text, self.label):
            if fields is None and "__problem__" in record:
                self.problems.append(str(record["__problem__"]))
                continue  # the fields are named by the first line that is a record
            fields = fields or self._fields(record)
            frame, problem, naive = log.read_frame(record, fields, self.label, line)
            self.naive = self.naive or naive
            if problem is not None:
                self.problems.append(problem)
            elif frame is not None:
                self._add(frame)
        if self.problems:
            raise ProblemsError(self.label, self.problems)
        if not self.rows:
            raise DataError(f"{self.label}: the log has no lines")
        self._heartbeats()

    def _fields(self, record: Mapping[str, Any]) -> dict[str, str]:
        fields = log.field_of(list(record))
        missing = [f for f in log.REQUIRED if f not in fields]
        if missing:
            raise DataError(
                f"{self.label}: no field gives the {', '.join(missing)}; an OCPP log line has "
                f"a time, the charger's ID and the frame (e.g. timestamp, charger_id, message), "
                f"got {', '.join(record) or 'nothing'}"
            )
        return fields

    def _add(self, frame: Frame) -> None:
        row = [
            frame.line, frame.logged_at, frame.charger, frame.kind, frame.message_id,
            frame.action, None if frame.payload is None else json.dumps(frame.payload),
            False, None, None, None, None, None, None, None, None, None,
        ]  # fmt: skip
        if frame.kind == CALL:
            row[7] = frame.action in CHARGER_ACTIONS
            self.calls[(frame.charger, frame.message_id)] = row
            if frame.action == "StatusNotification":
                self._status(frame, row)
            elif frame.action == "BootNotification" and isinstance(frame.payload, dict):
                row[9] = "2.0.1" if "chargingStation" in frame.payload else "1.6"
        else:
            self._answer(frame, row)
        self.rows.append(row)

    def _answer(self, frame: Frame, row: list[Any]) -> None:
        """A result or error: the action of the call it answers, sent by whoever did not
        make that call; an accepted BootNotification's interval goes on the call."""
        call = self.calls.pop((frame.charger, frame.message_id), None)
        if call is None:
            return
        row[5] = call[5]
        row[7] = not call[7]
        if call[5] != "BootNotification" or frame.kind != log.RESULT:
            return
        payload = frame.payload
        problem = invalid(call[9] or "1.6", "BootNotification", payload, result=True)
        if problem is not None:
            self.problems.append(f"{self.label}, line {frame.line}, message: {problem}")
        elif payload.get("status") == "Accepted" and payload.get("interval", 0) > 0:
            call[8] = timedelta(seconds=payload["interval"])

    def _status(self, frame: Frame, row: list[Any]) -> None:
        payload = frame.payload
        version = version_of(payload) if isinstance(payload, dict) else "1.6"
        problem = invalid(version, "StatusNotification", payload)
        if problem is not None:
            self.problems.append(f"{self.label}, line {frame.line}, message: {problem}")
            return
        stated = payload.get("timestamp")
        observed, naive = log.logged_time(stated) if stated else (frame.logged_at, False)
        if observed is None:
            self.problems.append(
                f"{self.label}, line {frame.line}, message: timestamp {stated!r} is not a time "
                "(expected ISO 8601, e.g. 2024-03-01T08:00:00Z)"
            )
            return
        self.naive = self.naive or naive
        if abs(observed - frame.logged_at) > CLOCK_TOLERANCE:
            self.clock_off = True  # a charger clock not set (1970) or far off: the line's time
            observed = frame.logged_at
        status = payload.get("status") or payload.get("connectorStatus")
        row[9:17] = [
            version, payload.get("evseId"), payload.get("connectorId"), status,
            payload.get("errorCode"), observed,
            status_codes().get((version, status), "unknown"), None,
        ]  # fmt: skip

    def _heartbeats(self) -> None:
        """For a charger whose BootNotification this log lacks, the heartbeat interval
        its Heartbeats keep, on its first Heartbeat: their shortest gap (a charger may
        skip a Heartbeat when it sent something else, never send one early)."""
        booted = {row[2] for row in self.rows if row[8] is not None}
        beats: dict[str, list[list[Any]]] = {}
        for row in self.rows:
            if row[5] == "Heartbeat" and row[3] == CALL and row[2] not in booted:
                beats.setdefault(row[2], []).append(row)
        for rows in beats.values():
            gaps = [b[1] - a[1] for a, b in itertools.pairwise(rows) if b[1] > a[1]]
            if len(gaps) >= HEARTBEATS_TO_INFER:
                rows[0][8] = min(gaps)


class LogFile(FileReader):
    """An OCPP log, its header (or first line's fields) checked on landing."""

    names: tuple[str, ...] = ("timestamp", "charger_id", "message")

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Every line as a row of ``raw.ocpp_message``."""
        progress.start(f"loading ({self.label})", None)
        read = Log(self.label)
        with text_of(body) as text:
            read.read(text)
        end = max(row[1] for row in read.rows)
        for row in read.rows:
            row[16] = end
        write_raw(conn, "ocpp_message", RAW_COLUMNS, load_id, read.rows)
        notes = [
            note for note, on in ((NAIVE_TIMES, read.naive), (CLOCK_OFF, read.clock_off)) if on
        ]
        day = day_of(end)
        statuses = sum(1 for row in read.rows if row[15] is not None)
        counts = {"records": len(read.rows), "skipped": len(read.rows) - statuses}
        return Landed("exact", len(read.rows), notes, day, counts)


class Ocpp(Source):
    """OCPP 1.6 and 2.0.1 logs: StatusNotifications as connector events, silence as
    offline."""

    name = "ocpp"
    title = "OCPP logs (1.6 and 2.0.1)"
    raw_table = "ocpp_message"
    lists_whole_states = False
    model = "port_status"
    status_feed = "events"
    reports_contact = True
    id_column = "charger_id"
    skipped_as = "messages other than StatusNotification"
    fields: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def recognises(self, head: bytes) -> bool:
        """The first line, or the second when a rotated log cut the first."""
        lines = head.split(b"\n", 2)[:2]
        return any(log.looks_like_log(line.decode("utf-8", "replace")) for line in lines)

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> LogFile:
        return LogFile(label)
