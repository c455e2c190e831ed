"""Exclusions (23 CFR 680.116(b)): times a port's outage does not count against its
uptime, imported from an operator's CSV file into ``core.exclusion``.

The file has a header naming ``station_id``, ``start``, ``end`` and ``reason``,
and optionally ``source`` and ``port_id`` (without them an exclusion covers
every port of the station, in every source). Times are ISO 8601 with a time
zone (``2024-03-01T08:00:00Z``, ``2024-03-01 08:00+01:00``). A reason the rule
names (utility interruption, vehicle fault, scheduled maintenance, vandalism,
natural disaster; any case, spaces or underscores) is kept as such; any other
text is the operator's own reason. Every line is checked before anything is
stored; importing a file of the same name again replaces what it gave.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from chargewatch.errors import DataError, NotFoundError, ProblemsError
from chargewatch.times import iso_time
from chargewatch.warehouse.connect import Connection

REQUIRED = ("station_id", "start", "end", "reason")
OPTIONAL = ("source", "port_id")
RULE_REASONS = (
    "utility_interruption", "vehicle_fault", "scheduled_maintenance", "vandalism",
    "natural_disaster",
)  # fmt: skip
SHOW_PROBLEMS = 10


@dataclass(frozen=True)
class Exclusion:
    """One line of an exclusions file, checked."""

    line: int
    source: str | None
    station_id: str
    port_id: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    reason_text: str


def import_exclusions(conn: Connection, path: Path) -> tuple[int, list[int]]:
    """Check every line of ``path`` and store its exclusions (replacing an earlier
    import of a file of the same name); returns how many, and the lines that match
    no port loaded so far (a misspelt ID, or a port not loaded yet). ``DataError``
    naming the first problems and their count if any line is wrong: nothing is
    stored then."""
    found = read_exclusions(path)
    with conn.transaction():
        conn.execute("delete from core.exclusion where file_name = %s", (path.name,))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into core.exclusion (source, station_id, port_id, starts_at, ends_at, "
                "reason, reason_text, file_name, line_number) "
                "values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (x.source, x.station_id, x.port_id, x.starts_at, x.ends_at, x.reason,
                     x.reason_text, path.name, x.line)
                    for x in found
                ],
            )  # fmt: skip
    unmatched = conn.execute(
        "select x.line_number from core.exclusion as x where x.file_name = %s and not exists ("
        "select from core.port as p where p.station_id = x.station_id "
        "and (x.port_id is null or p.port_id = x.port_id) "
        "and (x.source is null or p.source = x.source)) order by 1",
        (path.name,),
    ).fetchall()
    return len(found), [line for (line,) in unmatched]


def read_exclusions(path: Path) -> list[Exclusion]:
    """The file's exclusions, every line checked; ``DataError`` listing the problems."""
    if not path.is_file():
        raise NotFoundError(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns = _columns(path, list(reader.fieldnames or []))
        found: list[Exclusion] = []
        problems: list[str] = []
        for row in reader:
            line = reader.line_num
            values = {name: (row.get(header) or "").strip() for name, header in columns.items()}
            checked = _check(path.name, line, values, problems)
            if checked is not None:
                found.append(checked)
    if problems:
        raise ProblemsError(path.name, problems, "nothing imported", SHOW_PROBLEMS)
    return found


def _columns(path: Path, headers: list[str]) -> dict[str, str]:
    """Each known column → its header as the file writes it (case and spaces ignored)."""
    by_key = {re.sub(r"[^a-z]", "", h.lower()): h for h in headers}
    columns = {
        name: by_key[key]
        for name in (*REQUIRED, *OPTIONAL)
        if (key := name.replace("_", "")) in by_key
    }
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise DataError(
            f"{path.name}: the header lacks {', '.join(missing)}; an exclusions file has "
            f"{', '.join(REQUIRED)} (and optionally {', '.join(OPTIONAL)}), got "
            f"{', '.join(headers) or 'no header'}"
        )
    return columns


def _check(label: str, line: int, values: dict[str, str], problems: list[str]) -> Exclusion | None:
    """The line as an exclusion, or None with its problems added."""
    before = len(problems)
    if not values["station_id"]:
        problems.append(f"{label}, line {line}, station_id: empty; expected a station ID")
    starts_at = _time(label, line, "start", values["start"], problems)
    ends_at = _time(label, line, "end", values["end"], problems)
    if starts_at and ends_at and ends_at <= starts_at:
        problems.append(
            f"{label}, line {line}, end: {values['end']!r} is not after start {values['start']!r}"
        )
    if not values["reason"]:
        problems.append(f"{label}, line {line}, reason: empty; expected why the time is excluded")
    if len(problems) > before or starts_at is None or ends_at is None:
        return None
    key = re.sub(r"[\s_-]+", "_", values["reason"].lower())
    return Exclusion(
        line=line,
        source=values.get("source") or None,
        station_id=values["station_id"],
        port_id=values.get("port_id") or None,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=key if key in RULE_REASONS else "operator",
        reason_text=values["reason"],
    )


def _time(label: str, line: int, column: str, value: str, problems: list[str]) -> datetime | None:
    moment = iso_time(value)
    if moment is None or moment.tzinfo is None:
        problems.append(
            f"{label}, line {line}, {column}: {value!r} is not a time with a time zone; "
            "expected ISO 8601 such as 2024-03-01T08:00:00Z or 2024-03-01 08:00+01:00"
        )
        return None
    return moment
