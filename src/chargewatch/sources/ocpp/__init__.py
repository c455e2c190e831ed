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
(``sql/transform/status/event_spans.sql``).

Every line is checked before any is stored; a log with bad lines names them
(the first ten and a count) and loads nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from chargewatch.errors import DataError, ProblemsError
from chargewatch.sources.base import Landed, Source
from chargewatch.sources.container import Body
from chargewatch.sources.ocpp import log
from chargewatch.sources.ocpp.log import CALL, Frame

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from chargewatch.lake import LakeObject
    from chargewatch.progress import Progress
    from chargewatch.warehouse.connect import Connection

CHARGER_ACTIONS = frozenset((
    "Authorize", "BootNotification", "ClearedChargingLimit", "DataTransfer",
    "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Get15118EVCertificate",
    "GetCertificateStatus", "Heartbeat", "LogStatusNotification", "MeterValues",
    "NotifyChargingLimit", "NotifyCustomerInformation", "NotifyDisplayMessages",
    "NotifyEVChargingNeeds", "NotifyEVChargingSchedule", "NotifyEvent",
    "NotifyMonitoringReport", "NotifyReport", "PublishFirmwareStatusNotification",
    "ReportChargingProfiles", "ReservationStatusUpdate", "SecurityEventNotification",
    "SignCertificate", "SignedFirmwareStatusNotification", "StartTransaction",
    "StatusNotification", "StopTransaction", "TransactionEvent",
))  # fmt: skip
"""The calls a charger makes (OCPP 1.6 and 2.0.1); the central system makes the rest."""
RAW_COLUMNS = (
    "line_number", "logged_at", "charger_id", "message_type", "message_id", "action",
    "payload", "from_charger", "heartbeat_interval", "ocpp_version", "evse_id",
    "connector_id", "source_status", "error_code", "observed_at", "status", "log_end",
)  # fmt: skip
NAIVE_TIMES = ("timestamp", "time zone", "times without a time zone read as UTC")


@cache
def status_codes() -> dict[tuple[str, str], str]:
    """(OCPP version, status) → canonical port status (``tables/status.csv``)."""
    text = resources.files(__name__).joinpath("tables", "status.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
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
        self.calls: dict[tuple[str, str], list[Any]] = {}

    def read(self, text: io.TextIOBase) -> None:
        fields: dict[str, str] | None = None
        for line, record in log.records(text, self.label):
            if fields is None:
                fields = self._fields(record)
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

    def _fields(self, record: Mapping[str, Any]) -> dict[str, str]:
        fields = log.field_of([k for k in record if k != "__problem__"])
        missing = [f for f in log.REQUIRED if f not in fields]
        if missing and "__problem__" not in record:
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
        observed, _ = log.logged_time(stated) if stated else (frame.logged_at, False)
        if observed is None:
            self.problems.append(
                f"{self.label}, line {frame.line}, message: timestamp {stated!r} is not a time "
                "(expected ISO 8601, e.g. 2024-03-01T08:00:00Z)"
            )
            return
        status = payload.get("status") or payload.get("connectorStatus")
        row[9:17] = [
            version, payload.get("evseId"), payload.get("connectorId"), status,
            payload.get("errorCode"), observed,
            status_codes().get((version, status), "unknown"), None,
        ]  # fmt: skip


class LogFile:
    """An OCPP log, its header (or first line's fields) checked on landing."""

    names: tuple[str, ...] = ("timestamp", "charger_id", "message")

    def __init__(self, label: str) -> None:
        self.label = label
        self.absent: list[str] = []

    def land(
        self, conn: Connection, load_id: int, obj: LakeObject, body: Body, progress: Progress
    ) -> Landed:
        """Every line as a row of ``raw.ocpp_message``."""
        progress.start(f"loading ({self.label})", None)
        read = Log(self.label)
        with (
            body.open() as raw_stream,
            io.TextIOWrapper(raw_stream, encoding="utf-8-sig", newline="") as text,
        ):
            read.read(text)
        end = max(row[1] for row in read.rows)
        columns = ", ".join(("load_id", *RAW_COLUMNS))
        with (
            conn.cursor() as cur,
            cur.copy(f"copy raw.ocpp_message ({columns}) from stdin") as copy,
        ):
            for row in read.rows:
                row[16] = end
                copy.write_row([load_id, *row])
        conn.execute("analyze raw.ocpp_message")
        notes = [NAIVE_TIMES] if read.naive else []
        day = end.date() if isinstance(end, datetime) else None
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
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
        return log.looks_like_log(first)

    def open(self, body: Body, label: str, columns: Mapping[str, int] | None) -> LogFile:
        return LogFile(label)
