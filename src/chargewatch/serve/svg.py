"""Charts drawn as inline SVG, so that a report works offline, opened from disk.

The station map uses the Albers USA projection of ``projection.py`` (Alaska,
Hawaii and Puerto Rico as insets) over the bundled US states outline
(``assets/us_states.json``, from the Census 1:20m boundaries); its view is
the projected extent of the stations, padded, so one state's stations fill
it and the whole country keeps the lower 48 readable. Above ``MAX_POINTS``
stations, stations are aggregated into grid cells drawn as circles sized by
count and coloured by their share down. The trend is a line over a true time
axis (x proportional to days) with a y-axis fitted to the values.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from html import escape
from importlib import resources

from chargewatch.serve.projection import HEIGHT, INSETS, WIDTH, project

STATUS_COLOURS = {
    "operational": "#1a9850",
    "temporarily_unavailable": "#d73027",
    "planned": "#8c8c8c",
    "unknown": "#f0a30a",
    "removed": "#4d4d4d",
}
MAX_POINTS = 5000
DRAWN_WIDTH = 900
"""About how many pixels wide a map is shown: dot sizes are set for it."""


@dataclass(frozen=True)
class View:
    """The part of the projected plane a map shows (its SVG viewBox)."""

    left: float
    top: float
    width: float
    height: float

    @property
    def px(self) -> float:
        """Plane units per displayed pixel."""
        return self.width / DRAWN_WIDTH

    def box(self) -> str:
        return f"{self.left:.1f} {self.top:.1f} {self.width:.1f} {self.height:.1f}"


@cache
def us_states() -> dict[str, list[list[list[float]]]]:
    text = resources.files("chargewatch.serve").joinpath("assets/us_states.json").read_text()
    states: dict[str, list[list[list[float]]]] = json.loads(text)
    return states


def view_for(points: Sequence[tuple[float, float]]) -> View:
    """The projected extent of ``points`` (the whole map when there are none), padded 6%,
    at least a sixth of the map wide, and no flatter than 2:1 nor taller than 1:1."""
    if not points:
        return View(0.0, 0.0, float(WIDTH), float(HEIGHT))
    xs, ys = zip(*(project(lon, lat) for lon, lat in points), strict=True)
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    width = max((max(xs) - min(xs)) * 1.12, WIDTH / 6)
    height = max((max(ys) - min(ys)) * 1.12, width / 2)
    width = max(width, height)
    return View(centre_x - width / 2, centre_y - height / 2, width, height)


@cache
def _state_paths() -> tuple[str, ...]:
    """Every state's outline as an SVG path on the plane, drawn once per process."""
    paths = []
    for code, rings in us_states().items():
        d = " ".join(
            "M" + "L".join("{:.1f},{:.1f}".format(*project(*p)) for p in ring) + "Z"
            for ring in rings
        )
        paths.append(f'<path class="state" d="{d}"><title>{code}</title></path>')
    return tuple(paths)


def station_map(stations: Sequence[tuple[float, float, str]]) -> str:
    """An SVG map of stations (lon, lat, status) over the states they are in."""
    view = view_for([(lon, lat) for lon, lat, _ in stations])
    parts = [
        f'<svg class="map" viewBox="{view.box()}" role="img" '
        f'aria-label="Map of {len(stations)} stations" xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{view.left:.1f}" y="{view.top:.1f}" width="{view.width:.1f}" '
        f'height="{view.height:.1f}" class="sea"/>',
        *_state_paths(),
        *(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
            f'class="inset"><title>{name.replace("_", " ")} (inset)</title></rect>'
            for name, (x0, y0, x1, y1) in INSETS.items()
        ),
    ]
    if len(stations) <= MAX_POINTS:
        parts += [_dot(view, *station) for station in stations]
    else:
        parts += _cells(view, stations)
    parts.append("</svg>")
    return "\n".join(parts)


def _dot(view: View, lon: float, lat: float, status: str) -> str:
    x, y = project(lon, lat)
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["unknown"])
    return (
        f'<circle cx="{x}" cy="{y}" r="{2.6 * view.px:.2f}" fill="{colour}" '
        f'class="station {escape(status)}"/>'
    )


def _cells(view: View, stations: Sequence[tuple[float, float, str]]) -> list[str]:
    """One circle per grid cell of about 12 pixels: area by count, colour by share down."""
    size = 12.0 * view.px
    cells: dict[tuple[int, int], list[int]] = {}
    for lon, lat, status in stations:
        x, y = project(lon, lat)
        cell = cells.setdefault((int(x // size), int(y // size)), [0, 0])
        cell[0] += 1
        cell[1] += status == "temporarily_unavailable"
    biggest = max(count for count, _ in cells.values())
    circles = []
    for (cx, cy), (count, down) in sorted(cells.items(), key=lambda item: -item[1][0]):
        radius = (1.5 + 7 * math.sqrt(count / biggest)) * view.px
        colour = STATUS_COLOURS["temporarily_unavailable" if down / count > 0.1 else "operational"]
        circles.append(
            f'<circle cx="{(cx + 0.5) * size:.1f}" cy="{(cy + 0.5) * size:.1f}" r="{radius:.2f}" '
            f'fill="{colour}" fill-opacity="0.75" class="cell"><title>{count} stations, '
            f"{down} down</title></circle>"
        )
    return circles


# The trend chart: a time axis and a fitted rate axis.

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RATE_STEPS = (0.001, 0.002, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25)
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def rate_axis(values: Sequence[float], ticks: int = 5) -> tuple[float, float, float]:
    """(low, high, step) of a rate axis around ``values``: padded by 15% of their range
    (at least half a point), cut to 0..1, on a round step giving at most ``ticks`` gaps."""
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, 0.005)
    low, high = max(low - pad, 0.0), min(high + pad, 1.0)
    step = next((s for s in _RATE_STEPS if (high - low) / s <= ticks), 0.25)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def date_ticks(first: date, last: date, most: int) -> list[tuple[date, str]]:
    """Round dates from ``first`` to ``last`` with labels: first days of months (every 1, 2,
    3, 6, 12 … months, the fewest that give at most ``most`` ticks), or the days themselves
    when they span under two months."""
    span = (last - first).days
    if span < 62:
        step = next((s for s in (1, 2, 7, 14, 31) if span / s <= most), 31)
        days = [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal() + 1, step)]
        return [(d, f"{_MONTHS[d.month - 1]} {d.day}") for d in days]
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in _MONTH_STEPS if months / s <= most), _MONTH_STEPS[-1])
    index = first.year * 12 + first.month  # the first of the next month onwards
    ticks = []
    while (tick := date(index // 12, index % 12 + 1, 1)) <= last:
        if index % step == 0:
            label = str(tick.year) if step >= 12 else f"{_MONTHS[tick.month - 1]} {tick.year}"
            ticks.append((tick, label))
        index += 1
    return ticks


@dataclass(frozen=True)
class TimeAxis:
    """x positions proportional to days between ``first`` and ``last`` (one date: the middle)."""

    first: date
    last: date
    left: float
    right: float

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        if span == 0:
            return round((self.left + self.right) / 2, 1)
        return round(self.left + (day - self.first).days / span * (self.right - self.left), 1)


def line_chart(
    points: Sequence[tuple[str, float | None]],
    width: int = 560,
    height: int = 220,
    markers: Sequence[tuple[str, str]] = (),
) -> str:
    """A line of rates (0 to 1) over ISO dates on a true time axis, the y-axis fitted to
    the values; dates without a value have no point. ``markers`` are (ISO date, label)
    pairs drawn as labelled vertical lines (events such as a state's first load)."""
    known = [(date.fromisoformat(d), v) for d, v in points if v is not None]
    dates = [date.fromisoformat(d) for d, _ in (*points, *markers)]
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Trend over {len(points)} snapshots" xmlns="http://www.w3.org/2000/svg">'
    ]
    if not known:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" class="tick" '
                     'text-anchor="middle">no snapshots yet</text></svg>')  # fmt: skip
        return "\n".join(parts)
    left, right, top, bottom = 62.0, width - 18.0, 14.0, height - 30.0
    axis = TimeAxis(min(dates), max(dates), left + 10, right - 10)
    low, high, step = rate_axis([v for _, v in known])

    def y(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 1)

    label = "{:.0%}" if round(step * 100, 6).is_integer() else "{:.1%}"
    for index in range(round((high - low) / step) + 1):
        tick = low + index * step
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y(tick)}" y2="{y(tick)}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4}" class="tick" text-anchor="end">'
                     f"{label.format(tick)}</text>")  # fmt: skip
    for day, text in date_ticks(axis.first, axis.last, max(int((right - left) / 100), 2)):
        x = axis.x(day)
        parts.append(f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 5}" class="axis"/>')
        parts.append(f'<text x="{x}" y="{height - 10}" class="tick" text-anchor="middle">'
                     f"{text}</text>")  # fmt: skip
    parts.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" class="axis"/>')
    for day_text, text in markers:
        x = axis.x(date.fromisoformat(day_text))
        # A label near the right edge reads leftwards from its line, so it is not cut off.
        near_end = x > left + (right - left) * 0.6
        anchor = f'x="{x - 4}" text-anchor="end"' if near_end else f'x="{x + 4}"'
        parts.append(f'<g class="marker"><line x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"/>'
                     f'<text {anchor} y="{top + 10}">{escape(text)}</text>'
                     f"<title>{escape(day_text)}: {escape(text)}</title></g>")  # fmt: skip
    xy = [(axis.x(day), y(value)) for day, value in known]
    if len(xy) > 1:
        parts.append(f'<polyline points="{" ".join(f"{a},{b}" for a, b in xy)}" class="line"/>')
    for (day, value), (x, y_) in zip(known, xy, strict=True):
        parts.append(f'<circle cx="{x}" cy="{y_}" r="4" class="point" data-date="{day}">'
                     f"<title>{day}: {value:.1%}</title></circle>")  # fmt: skip
    (last_x, last_y), last_value = xy[-1], known[-1][1]
    below = last_y < top + 16
    parts.append(f'<text x="{last_x}" y="{last_y + (18 if below else -9)}" class="last" '
                 f'text-anchor="end">{last_value:.1%}</text>')  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)
