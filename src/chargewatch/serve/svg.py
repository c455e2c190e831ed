"""Charts drawn as inline SVG, so that a report works offline, opened from disk.

The station map projects longitude and latitude equirectangularly, scaled by
the cosine of the middle latitude, over the bundled US states outline
(``assets/us_states.json``, from the Census 1:20m boundaries). Above
``MAX_POINTS`` stations, stations are aggregated into grid cells drawn as
circles sized by count and coloured by their share down.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

STATUS_COLOURS = {
    "operational": "#1a9850",
    "temporarily_unavailable": "#d73027",
    "planned": "#8c8c8c",
    "unknown": "#f0a30a",
    "removed": "#4d4d4d",
}
MAX_POINTS = 5000


@dataclass(frozen=True)
class Frame:
    """The map's extent and size: turns (lon, lat) into SVG (x, y)."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return round(x, 1), round(y, 1)


@cache
def us_states() -> dict[str, list[list[list[float]]]]:
    text = resources.files("chargewatch.serve").joinpath("assets/us_states.json").read_text()
    states: dict[str, list[list[list[float]]]] = json.loads(text)
    return states


def frame_for(points: Sequence[tuple[float, float]], width: int = 900) -> Frame:
    """An extent around ``points`` (the lower 48 when there are none), 5% padded, with the
    height that keeps the map's proportions."""
    lons = sorted(p[0] for p in points) or [-125.0, -66.0]
    lats = sorted(p[1] for p in points) or [24.0, 50.0]
    west, east, south, north = lons[0], lons[-1], lats[0], lats[-1]
    pad_x, pad_y = max((east - west) * 0.05, 0.3), max((north - south) * 0.05, 0.3)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    scale = math.cos(math.radians((north + south) / 2))
    height = max(int(width * (north - south) / ((east - west) * scale)), 200)
    return Frame(west, south, east, north, width, min(height, 900))


def station_map(stations: Sequence[tuple[float, float, str]], width: int = 900) -> str:
    """An SVG map of stations (lon, lat, status) over the states they are in."""
    frame = frame_for([(lon, lat) for lon, lat, _ in stations], width)
    parts = [
        f'<svg class="map" viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'aria-label="Map of {len(stations)} stations" xmlns="http://www.w3.org/2000/svg">',
        f'<rect width="{frame.width}" height="{frame.height}" class="sea"/>',
        *_state_paths(frame),
    ]
    if len(stations) <= MAX_POINTS:
        parts += [_dot(frame, *station) for station in stations]
    else:
        parts += _cells(frame, stations)
    parts.append("</svg>")
    return "\n".join(parts)


def _state_paths(frame: Frame) -> list[str]:
    paths = []
    for code, rings in us_states().items():
        drawn = [ring for ring in rings if _overlaps(frame, ring)]
        if not drawn:
            continue
        d = " ".join("M" + " L".join("{},{}".format(*frame.xy(*p)) for p in r) + "Z" for r in drawn)
        paths.append(f'<path class="state" d="{d}"><title>{code}</title></path>')
    return paths


def _overlaps(frame: Frame, ring: list[list[float]]) -> bool:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return not (
        max(lons) < frame.west
        or min(lons) > frame.east
        or max(lats) < frame.south
        or min(lats) > frame.north
    )


def _dot(frame: Frame, lon: float, lat: float, status: str) -> str:
    x, y = frame.xy(lon, lat)
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["unknown"])
    return f'<circle cx="{x}" cy="{y}" r="2.6" fill="{colour}" class="station {escape(status)}"/>'


def _cells(frame: Frame, stations: Sequence[tuple[float, float, str]]) -> list[str]:
    """One circle per grid cell of about 12 pixels: area by count, colour by share down."""
    size = 12.0
    cells: dict[tuple[int, int], list[int]] = {}
    for lon, lat, status in stations:
        x, y = frame.xy(lon, lat)
        cell = cells.setdefault((int(x // size), int(y // size)), [0, 0])
        cell[0] += 1
        cell[1] += status == "temporarily_unavailable"
    biggest = max(count for count, _ in cells.values())
    circles = []
    for (cx, cy), (count, down) in sorted(cells.items(), key=lambda item: -item[1][0]):
        radius = round(1.5 + 7 * math.sqrt(count / biggest), 1)
        colour = STATUS_COLOURS["temporarily_unavailable" if down / count > 0.1 else "operational"]
        circles.append(
            f'<circle cx="{(cx + 0.5) * size}" cy="{(cy + 0.5) * size}" r="{radius}" '
            f'fill="{colour}" fill-opacity="0.75" class="cell"><title>{count} stations, '
            f"{down} down</title></circle>"
        )
    return circles


def line_chart(
    points: Sequence[tuple[str, float | None]], width: int = 560, height: int = 200
) -> str:
    """A line of rates (0 to 1) over labelled dates; dates without a value have no point."""
    known = [(label, value) for label, value in points if value is not None]
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Trend over {len(points)} snapshots" xmlns="http://www.w3.org/2000/svg">'
    ]
    left, bottom, top = 44, height - 28, 12
    for tick in (0.0, 0.5, 1.0):
        y = bottom - tick * (bottom - top)
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{y}" y2="{y}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4}" class="tick" text-anchor="end">'
                     f"{tick:.0%}</text>")  # fmt: skip
    step = (width - left - 64) / max(len(points) - 1, 1)
    xy = []
    for index, (label, value) in enumerate(points):
        x = round(left + 32 + index * step, 1)
        parts.append(f'<text x="{x}" y="{height - 8}" class="tick" text-anchor="middle">'
                     f"{escape(label)}</text>")  # fmt: skip
        if value is not None:
            y = round(bottom - value * (bottom - top), 1)
            xy.append(f"{x},{y}")
            parts.append(f'<circle cx="{x}" cy="{y}" r="3.5" class="point">'
                         f"<title>{escape(label)}: {value:.1%}</title></circle>")  # fmt: skip
    if len(known) > 1:
        parts.insert(1, f'<polyline points="{" ".join(xy)}" class="line"/>')
    parts.append("</svg>")
    return "\n".join(parts)
