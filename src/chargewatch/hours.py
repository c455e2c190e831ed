"""Opening-hours text → weekly schedule.

A schedule is a set of open intervals in minutes of the week, Monday 00:00 = 0,
half-open ``[start, end)``, merged and clipped to one week. Free text is split
into segments at ``;``, ``|`` and sentence ends; each segment that is wholly an
hours statement adds its intervals, and segments that are notes ("for Tesla use
only") are ignored. Text in which no segment states hours is *unknown*, which
the KPIs count separately rather than as closed.

The parser is called once per distinct text (the warehouse caches results), so
clarity wins over speed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DAY = 24 * 60
WEEK = 7 * DAY
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_DAY_TOKENS = {
    **{name: i for i, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "m": 0, "tues": 1, "w": 2, "thur": 3, "thurs": 3, "f": 4,
}  # fmt: skip
_DAY_WORD = r"[a-z]+"
_TIME = r"(?:\d{1,2}(?::\d{2})?\s*[ap]m|noon|midnight)"
_RANGE = rf"{_TIME}\s*(?:-|–|to)\s*{_TIME}"
_RANGES = rf"{_RANGE}(?:\s*(?:,|and|&)\s*{_RANGE})*"
_FULL_DAY = r"(?:24\s*hours?|24\s*hrs|all\s+day|open\s+24\s*hours)"

_PER_DAY = re.compile(rf"^(?P<day>{_DAY_WORD})\s*:?\s*(?P<body>{_RANGES}|{_FULL_DAY}|closed)$")
_COMPACT = re.compile(rf"^(?P<body>{_RANGES}|{_FULL_DAY})(?:\s+(?P<days>[a-z][a-z\s,&-]*))?$")
_RANGE_PARTS = re.compile(rf"(?P<start>{_TIME})\s*(?:-|–|to)\s*(?P<end>{_TIME})")
_TIME_PARTS = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap])m")
_SEGMENT_SPLIT = re.compile(r"[;|\n]|\.(?:\s|$)")
_LEADING_FILLER = re.compile(r"^(?:available|open|hours:?)\s+")


@dataclass(frozen=True)
class Schedule:
    """A parsed weekly schedule; ``known`` is False when the text states no hours."""

    intervals: tuple[tuple[int, int], ...] = ()
    known: bool = False

    @property
    def is_24_7(self) -> bool:
        return self.known and self.intervals == ((0, WEEK),)

    @property
    def open_minutes(self) -> int:
        return sum(end - start for start, end in self.intervals)

    def is_open_at(self, minute_of_week: int) -> bool:
        minute = minute_of_week % WEEK
        return any(start <= minute < end for start, end in self.intervals)

    def to_multirange(self) -> str:
        """PostgreSQL ``int4multirange`` literal, e.g. ``{[0,1440),[2880,4320)}``."""
        return "{" + ",".join(f"[{s},{e})" for s, e in self.intervals) + "}"


UNKNOWN = Schedule()


def parse_hours(text: str | None) -> Schedule:
    """Parse AFDC ``Access Days Time`` (or similar) free text into a ``Schedule``."""
    if not text or not text.strip():
        return UNKNOWN
    found: list[tuple[int, int]] = []
    known = False
    for segment in _segments(text):
        intervals = _parse_segment(segment)
        if intervals is not None:
            known = True
            found.extend(intervals)
    return Schedule(merge(found), known) if known else UNKNOWN


def _segments(text: str) -> list[str]:
    text = text.lower().replace("a.m.", "am").replace("p.m.", "pm")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = text.replace("24/7", "24 hours daily")
    parts = (re.sub(r"\s+", " ", part).strip() for part in _SEGMENT_SPLIT.split(text))
    return [_LEADING_FILLER.sub("", part) for part in parts if part]


def _parse_segment(segment: str) -> list[tuple[int, int]] | None:
    """Intervals stated by one segment, ``[]`` for "closed", ``None`` for a note."""
    per_day = _PER_DAY.match(segment)
    if per_day and per_day["day"] in _DAY_TOKENS:
        return _day_intervals([_DAY_TOKENS[per_day["day"]]], per_day["body"])
    found: list[tuple[int, int]] = []
    for clause in _split_clauses(segment):
        compact = _COMPACT.match(clause)
        if compact is None:
            return None
        days = _parse_days(compact["days"]) if compact["days"] else list(range(7))
        if days is None:
            return None
        found.extend(_day_intervals(days, compact["body"]))
    return found


def _split_clauses(segment: str) -> list[str]:
    """``8am-5pm M-F, 9am-1pm Sat`` → two clauses; commas between ranges stay."""
    clauses: list[str] = []
    for raw_piece in segment.split(","):
        piece = raw_piece.strip()
        if clauses and re.match(rf"^{_RANGE}$", piece) and re.search(rf"{_RANGE}$", clauses[-1]):
            clauses[-1] += ", " + piece
        else:
            clauses.append(piece)
    return clauses


def _parse_days(text: str) -> list[int] | None:
    """``daily``, ``m-f``, ``sat-sun``, ``mon, wed & fri`` → day indexes; None if not days."""
    text = text.strip()
    if text in ("daily", "every day", "7 days", "7 days a week", "days"):
        return list(range(7))
    if text in ("weekdays",):
        return list(range(5))
    if text in ("weekends",):
        return [5, 6]
    days: list[int] = []
    for part in re.split(r"\s*(?:,|&|and)\s*", text):
        bounds = [b.strip() for b in re.split(r"\s*(?:-|–|to|thru|through)\s*", part)]
        if not all(b in _DAY_TOKENS for b in bounds) or len(bounds) > 2:
            return None
        first, last = _DAY_TOKENS[bounds[0]], _DAY_TOKENS[bounds[-1]]
        days.extend((first + i) % 7 for i in range((last - first) % 7 + 1))
    return days


def _day_intervals(days: Iterable[int], body: str) -> list[tuple[int, int]]:
    if body == "closed":
        return []
    if re.fullmatch(_FULL_DAY, body):
        ranges = [(0, DAY)]
    else:
        ranges = [_minutes_range(m["start"], m["end"]) for m in _RANGE_PARTS.finditer(body)]
    return [(day * DAY + start, day * DAY + end) for day in days for start, end in ranges]


def _minutes_range(start_text: str, end_text: str) -> tuple[int, int]:
    """Minutes since the day's midnight; the end may pass midnight (end ≤ start)."""
    start, end = _minutes(start_text), _minutes(end_text)
    if end >= DAY - 2:  # 11:58pm and 11:59pm mean "to the end of the day"
        end = DAY
    if end <= start:
        end += DAY
    return start, end


def _minutes(text: str) -> int:
    if text == "noon":
        return 12 * 60
    if text == "midnight":
        return 0
    match = _TIME_PARTS.fullmatch(text.replace(" ", ""))
    if match is None:
        raise ValueError(f"not a time: {text!r}")
    hour, minute = int(match["h"]) % 12, int(match["m"] or 0)
    return (hour + (12 if match["ampm"] == "p" else 0)) * 60 + minute


def merge(intervals: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Clip to the week (wrapping past Sunday midnight), sort and join overlaps."""
    pieces: list[tuple[int, int]] = []
    for start, end in intervals:
        if end - start >= WEEK:
            pieces.append((0, WEEK))
        elif end > WEEK:
            pieces.extend([(start, WEEK), (0, end - WEEK)])
        elif end > start:
            pieces.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def describe(schedule: Schedule) -> str:
    """A readable rendering: ``24/7``, ``unknown``, ``closed`` or ``Mon 06:00-23:00; …``."""
    if not schedule.known:
        return "unknown"
    if schedule.is_24_7:
        return "24/7"
    return "; ".join(_describe_interval(s, e) for s, e in schedule.intervals) or "closed"


def _describe_interval(start: int, end: int) -> str:
    first_day, last_day = start // DAY, (end - 1) // DAY
    if first_day == last_day:
        return f"{DAY_NAMES[first_day]} {_hhmm(start % DAY)}-{_hhmm(end - first_day * DAY)}"
    return f"{DAY_NAMES[first_day]} {_hhmm(start % DAY)}-{DAY_NAMES[(end // DAY) % 7]} {_hhmm(end % DAY)}"


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
