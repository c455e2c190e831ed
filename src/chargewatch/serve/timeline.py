"""A month's outages as an inline SVG timeline: one lane per port, grouped by station,
each outage a bar from its start to its end (clipped to the month), so a report shows
when ports were down, not only for how long. Feed (back-end) outages are bands across
every lane, and the anomalies found on a lane's port are marks at their start."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

LANE = 18
LABEL_WIDTH = 210
OUTAGE_CLASSES = {"out_of_service": "oos", "offline": "offline"}


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The first instant of ``YYYY-MM`` and of the month after, in UTC."""
    year, number = (int(part) for part in month.split("-"))
    following = (year + number // 12, number % 12 + 1)
    return datetime(year, number, 1, tzinfo=UTC), datetime(*following, 1, tzinfo=UTC)


def _lanes(
    rows: Sequence[Mapping[str, Any]],
) -> dict[tuple[str, str, str], list[Mapping[str, Any]]]:
    lanes: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        lanes.setdefault((row["source"], row["station_id"], row["port_id"]), []).append(row)
    return lanes


def outage_timeline(
    rows: Sequence[Mapping[str, Any]], month: str, width: int = 960,
    feed_outages: Sequence[Mapping[str, Any]] = (), anomalies: Sequence[Mapping[str, Any]] = (),
) -> str:  # fmt: skip
    """The outages of ``rows`` (``uptime_overview``'s ``timeline``) across ``month``, with
    its ``feed_outages`` and the ``anomalies`` of the ports drawn."""
    starts, ends = month_bounds(month)
    lanes = _lanes(rows)
    height = LANE * len(lanes) + 30
    span = (ends - starts).total_seconds()
    left, right = float(LABEL_WIDTH), width - 10.0

    def x(moment: datetime) -> float:
        return round(left + (moment - starts).total_seconds() / span * (right - left), 1)

    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Outages in {escape(month)}" xmlns="http://www.w3.org/2000/svg">']  # fmt: skip
    if not lanes:
        parts.append(f'<text x="{width / 2}" y="20" class="tick" text-anchor="middle">'
                     "no outage this month</text></svg>")  # fmt: skip
        return "\n".join(parts)
    days = (ends - starts).days
    for day in range(0, days + 1, 7 if days > 14 else 1):
        at = x(starts + timedelta(days=day))
        parts.append(f'<line x1="{at}" x2="{at}" y1="0" y2="{height - 22}" class="grid"/>'
                     f'<text x="{at}" y="{height - 8}" class="tick" text-anchor="middle">'
                     f"{day + 1 if day < days else ''}</text>")  # fmt: skip
    for event in feed_outages:
        parts.append(_feed_band(event, x, height, (starts, ends)))
    marks = _marks_by_lane(anomalies)
    for lane, ((source, station, port), outages) in enumerate(lanes.items()):
        y = lane * LANE
        name = escape(f"{station} · {port}")
        parts.append(f'<text x="{left - 6}" y="{y + 13}" class="tick" text-anchor="end">'
                     f"{name}<title>{escape(source)}: {name}</title></text>")  # fmt: skip
        for outage in outages:
            a, b = x(outage["starts_at"]), x(outage["ends_at"])
            kind = OUTAGE_CLASSES.get(outage["status"], "oos")
            note = f"{outage['starts_at']:%Y-%m-%d %H:%M} to {outage['ends_at']:%Y-%m-%d %H:%M} UTC"
            parts.append(f'<rect x="{a}" y="{y + 3}" width="{max(b - a, 1.5)}" height="{LANE - 6}" '
                         f'class="outage {kind}"><title>{name}: {escape(outage["status"])}, '
                         f"{note}{' (still open)' if outage['is_open'] else ''}</title></rect>")  # fmt: skip
        parts += [_mark(a, x(max(_time(a["started_at"]), starts)), y)
                  for a in marks.get((source, station, port), ())]  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)


def _time(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _feed_band(
    event: Mapping[str, Any], x: Any, height: int, month: tuple[datetime, datetime]
) -> str:
    """A feed outage: a band across every lane, from its start to when half its ports
    were back (a hairline while open), within the month."""
    start = _time(event["started_at"])
    end = _time(event["ended_at"]) if event["ended_at"] else start
    a, b = x(max(start, month[0])), x(min(end, month[1]))
    return (f'<rect x="{a}" y="0" width="{max(b - a, 1.5)}" height="{height - 22}" '
            f'class="feed-outage"><title>feed outage: {event["port_count"]} ports of '
            f'{escape(event["source"])} down at {_time(event["started_at"]):%Y-%m-%d %H:%M} UTC'
            "</title></rect>")  # fmt: skip


def _marks_by_lane(
    anomalies: Sequence[Mapping[str, Any]],
) -> dict[tuple[str, str, str], list[Mapping[str, Any]]]:
    lanes: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for a in anomalies:
        if a["port_id"] is not None:
            lanes.setdefault((a["source"], a["station_id"], a["port_id"]), []).append(a)
    return lanes


def _mark(anomaly: Mapping[str, Any], at: float, y: int) -> str:
    """An anomaly: a diamond at its start, its evidence on hover."""
    points = f"{at},{y + 2} {at + 5},{y + LANE / 2} {at},{y + LANE - 2} {at - 5},{y + LANE / 2}"
    return (f'<polygon points="{points}" class="anomaly"><title>'
            f'{escape(anomaly["reason_code"])}: {escape(anomaly["evidence"])}</title></polygon>')  # fmt: skip
