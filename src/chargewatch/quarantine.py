"""Why records are set aside, and how each problem is told to the user.

Reason codes are an enum, not free text: SQL writes the code, this module owns
the wording (synced into ``core.reason_code`` on migrate so BI tools see it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    """A reason a record was quarantined; the value is stored in the database."""

    WRONG_FIELD_COUNT = "WRONG_FIELD_COUNT"
    MISSING_ID = "MISSING_ID"
    DUPLICATE_ID = "DUPLICATE_ID"
    NOT_A_NUMBER = "NOT_A_NUMBER"
    LAT_OUT_OF_RANGE = "LAT_OUT_OF_RANGE"
    LON_OUT_OF_RANGE = "LON_OUT_OF_RANGE"
    NOT_AN_INTEGER = "NOT_AN_INTEGER"
    NEGATIVE_PORT_COUNT = "NEGATIVE_PORT_COUNT"
    BAD_DATE = "BAD_DATE"
    BAD_TIMESTAMP = "BAD_TIMESTAMP"
    MISSING_SESSION_ID = "MISSING_SESSION_ID"
    DUPLICATE_SESSION_ID = "DUPLICATE_SESSION_ID"
    BAD_TIME = "BAD_TIME"
    END_BEFORE_START = "END_BEFORE_START"
    ZERO_DURATION = "ZERO_DURATION"
    NEGATIVE_ENERGY = "NEGATIVE_ENERGY"
    FUTURE_TIME = "FUTURE_TIME"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Reason.WRONG_FIELD_COUNT: "has a different number of fields than the header",
    Reason.MISSING_ID: "is empty; every station needs its ID",
    Reason.DUPLICATE_ID: "repeats the ID of another record; the newest by Updated At is loaded",
    Reason.NOT_A_NUMBER: "is not a number",
    Reason.LAT_OUT_OF_RANGE: "is outside -90..90",
    Reason.LON_OUT_OF_RANGE: "is outside -180..180",
    Reason.NOT_AN_INTEGER: "is not a whole number",
    Reason.NEGATIVE_PORT_COUNT: "is negative; a port count is 0 or more",
    Reason.BAD_DATE: "is not a date; expected YYYY-MM-DD",
    Reason.BAD_TIMESTAMP: "is not a timestamp; expected YYYY-MM-DD HH:MM:SS UTC",
    Reason.MISSING_SESSION_ID: "is empty; every session needs its ID",
    Reason.DUPLICATE_SESSION_ID: (
        "repeats the session ID of another line, which is loaded (the last, or an OCPI CDR)"
    ),
    Reason.BAD_TIME: "is not a time",
    Reason.END_BEFORE_START: "is before the session's start",
    Reason.ZERO_DURATION: "is the session's start: it lasted no time",
    Reason.NEGATIVE_ENERGY: "is negative; energy delivered is 0 or more",
    Reason.FUTURE_TIME: "is in the future",
}


@dataclass(frozen=True)
class Problem:
    """One quarantine entry as the user sees it."""

    file_name: str
    line_number: int
    column_name: str | None
    value: str | None
    reason: Reason
    detail: str | None = None

    def message(self) -> str:
        where = f"{self.file_name} line {self.line_number}"
        if self.column_name is not None:
            where += f', column "{self.column_name}"'
        shown = _shorten(self.value or "")
        detail = f" ({self.detail})" if self.detail else ""
        subject = "the record" if self.column_name is None else repr(shown)
        return (
            f"{where}: {subject} {self.reason.description}{detail} (quarantined as {self.reason})"
        )


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
