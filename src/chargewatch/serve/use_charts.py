"""The sessions page's charts as inline SVG (so that a report works offline): the
utilization heat map by local hour of the week, and a forecast over its history with
its 80% and 95% bands."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CELL_W, CELL_H, LEFT, TOP = 34, 22, 44, 22


def _shade(share: float | None, highest: float) -> str:
    """White to dark blue as ``share`` goes from 0 to ``highest``; grey for no data."""
    if share is None:
        return "#eef1f4"
    t = 0.0 if highest <= 0 else min(share / highest, 1.0)
    r, g, b = (round(255 + (end - 255) * t) for end in (20, 70, 140))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(cells: Mapping[tuple[int, int], float | None]) -> str:
    """A 7 x 24 grid: ISO day of the week (1 Monday) by local hour, each cell shaded by
    its occupied utilization, with the value in its tooltip."""
    highest = max((v for v in cells.values() if v is not None), default=0.0)
    width, height = LEFT + 24 * CELL_W + 4, TOP + 7 * CELL_H + 4
    parts = [
        f'<svg class="chart heat" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Occupied utilization by hour of the week" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{LEFT + hour * CELL_W + CELL_W / 2}" y="{TOP - 7}" class="tick" '
                     f'text-anchor="middle">{hour:02d}h</text>')  # fmt: skip
    for day in range(1, 8):
        y = TOP + (day - 1) * CELL_H
        parts.append(f'<text x="{LEFT - 6}" y="{y + 15}" class="tick" text-anchor="end">'
                     f"{DAYS[day - 1]}</text>")  # fmt: skip
        for hour in range(24):
            share = cells.get((day, hour))
            told = "no data" if share is None else f"{share:.1%} occupied"
            parts.append(
                f'<rect x="{LEFT + hour * CELL_W}" y="{y}" width="{CELL_W - 2}" '
                f'height="{CELL_H - 2}" fill="{_shade(share, highest)}" data-day="{day}" '
                f'data-hour="{hour}"><title>{DAYS[day - 1]} {hour:02d}:00: {told}</title></rect>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value))


def forecast_chart(
    history: Sequence[tuple[str, float]],
    ahead: Sequence[Mapping[str, Any]],
    width: int = 960,
    height: int = 200,
) -> str:
    """The series' recent history as a line, then its forecast: the mean as a dashed
    line inside its 95% (light) and 80% (darker) bands. Periods are evenly spaced."""
    labels = [d for d, _ in history] + [p["date"] for p in ahead]
    top_value = _nice_top(max([v for _, v in history] + [p["hi95"] for p in ahead] + [0.0]))
    left, right, top, bottom = 48.0, width - 12.0, 12.0, height - 28.0
    count = max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return round(left + i * (right - left) / count, 1)

    def y(v: float) -> float:
        return round(bottom - v / top_value * (bottom - top), 1)

    parts = [
        f'<svg class="chart forecast" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="History and forecast with 80% and 95% bands" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for k in range(5):
        v = top_value * k / 4
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y(v)}" y2="{y(v)}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4}" class="tick" text-anchor="end">'
                     f"{v:.3g}</text>")  # fmt: skip
    start = len(history)
    for name, lo, hi in (("band95", "lo95", "hi95"), ("band80", "lo80", "hi80")):
        upper = [f"{x(start + i)},{y(p[hi])}" for i, p in enumerate(ahead)]
        lower = [f"{x(start + i)},{y(p[lo])}" for i, p in reversed(list(enumerate(ahead)))]
        parts.append(f'<polygon class="{name}" points="{" ".join(upper + lower)}"/>')
    if history:
        line = " ".join(f"{x(i)},{y(v)}" for i, (_, v) in enumerate(history))
        parts.append(f'<polyline class="line" points="{line}"/>')
    mean = " ".join(f"{x(start + i)},{y(p['mean'])}" for i, p in enumerate(ahead))
    parts.append(f'<polyline class="mean" points="{mean}"/>')
    for i in range(0, len(labels), max(len(labels) // 6, 1)):
        parts.append(f'<text x="{x(i)}" y="{height - 8}" class="tick" text-anchor="middle">'
                     f"{escape(labels[i][:10])}</text>")  # fmt: skip
    parts.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" class="axis"/>')
    parts.append("</svg>")
    return "\n".join(parts)
