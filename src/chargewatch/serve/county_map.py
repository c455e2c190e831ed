"""The coverage map: counties shaded by miles to the nearest DC fast station, the
proposed sites drawn on top, as inline SVG (offline, like the station map).

It uses the station map's Albers USA projection and view (``svg.view_for``): over
the judged counties' internal points, so one state fills the map and the whole
country shows the lower 48 with the insets. Outlines are thinned to about half a
displayed pixel: the whole country is about a megabyte of SVG. Counties that
are not judged (states no snapshot covers) are pale grey. Counties created since 2010
(Connecticut's planning regions, Alaska's Chugach and Copper River) have no outline:
the 2010 counties they replaced are shaded as the new county nearest them, and say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from chargewatch.geography import county_outlines
from chargewatch.serve.projection import project
from chargewatch.serve.svg import View, _state_paths, view_for

BINS = (
    (10.0, "#1a9850", "10 mi or less"),
    (25.0, "#91cf60", "10–25 mi"),
    (50.0, "#fee08b", "25–50 mi"),
    (100.0, "#fc8d59", "50–100 mi"),
    (float("inf"), "#d73027", "over 100 mi or none"),
)
NOT_JUDGED = "#ececec"
STYLE = (
    "<style>.county{stroke:#fff;stroke-width:0.3px;vector-effect:non-scaling-stroke}"
    ".state-line{fill:none;stroke:#555;stroke-width:0.8px;vector-effect:non-scaling-stroke}"
    "</style>"
)


def colour(miles: float | None, beyond: bool = False) -> str:
    """The fill of a county whose nearest DC fast station is ``miles`` away (rounded);
    one ``beyond`` the distance that serves is never drawn as served."""
    if miles is None:
        return BINS[-1][1]
    fill = next(fill for limit, fill, _ in BINS if miles <= limit)
    return BINS[3][1] if beyond and fill in (b[1] for b in BINS[:3]) else fill


def _path(view: View, polygons: list[list[list[list[float]]]]) -> str:
    """An SVG path of the polygons, points closer than half a pixel dropped."""
    step = view.px * 0.5
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= step:
                    points.append((x, y))
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def county_map(
    groups: Sequence[dict[str, Any]], sites: Sequence[dict[str, Any]], within: float
) -> str:
    """The map of the judged counties (``gaps`` groups) and the proposed ``sites``, the
    legend in the bottom left corner."""
    judged = {g["geoid"]: g for g in groups}
    view = view_for([(p[1], p[0]) for p in _points(groups)])
    outlines = county_outlines()
    parts = [
        f'<svg class="map county-map" viewBox="{view.box()}" role="img" '
        f'aria-label="Counties by miles to the nearest DC fast station" '
        f'xmlns="http://www.w3.org/2000/svg">',
        STYLE,
        f'<rect x="{view.left:.1f}" y="{view.top:.1f}" width="{view.width:.1f}" '
        f'height="{view.height:.1f}" fill="#f4f8fb"/>',
    ]
    for geoid, polygons in outlines.items():
        group = judged.get(geoid)
        kind = "judged"
        if group is None:
            group, kind = _successor(geoid, polygons, groups), "successor"
        if group is None and judged and not _near(view, polygons):
            continue
        parts.append(_county(view, geoid, polygons, group, kind))
    parts += [p.replace('class="state"', 'class="state-line"') for p in _state_paths()]
    parts += [_site(view, site) for site in sites]
    parts += _legend(view, within)
    parts.append("</svg>")
    return "\n".join(parts)


def _successor(
    geoid: str, polygons: list[list[list[list[float]]]], groups: Sequence[dict[str, Any]]
) -> dict[str, Any] | None:
    """For a 2010 outline whose county is gone (Connecticut's counties, Alaska's
    Valdez-Cordova), the judged county of the same state whose point is nearest its
    first ring's middle; None when its state is not judged."""
    same = [g for g in groups if g["geoid"][:2] == geoid[:2]]
    if not same:
        return None
    ring = polygons[0][0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    nearest = min(same, key=lambda g: (g["latitude"] - lat) ** 2 + (g["longitude"] - lon) ** 2)
    return {**nearest, "name": f"{nearest['name']} (drawn on a 2010 county)"}


def _points(groups: Sequence[dict[str, Any]]) -> list[tuple[float, float]]:
    return [(g["latitude"], g["longitude"]) for g in groups if g.get("latitude") is not None]


def _near(view: View, polygons: list[list[list[list[float]]]]) -> bool:
    """Whether a county's first point falls in (or near) the view."""
    x, y = project(*polygons[0][0][0])
    pad = view.width * 0.1
    return (
        view.left - pad <= x <= view.left + view.width + pad
        and view.top - pad <= y <= view.top + view.height + pad
    )


def _county(view: View, geoid: str, polygons: Any, group: dict[str, Any] | None, kind: str) -> str:
    if group is None:
        return f'<path class="county" d="{_path(view, polygons)}" fill="{NOT_JUDGED}"/>'
    miles = group["nearest_dcfc_miles"]
    label = "no DC fast station" if miles is None else f"{miles:.1f} mi to DC fast"
    return (
        f'<path class="county {kind}" data-geoid="{geoid}" d="{_path(view, polygons)}" '
        f'fill="{colour(miles, group["is_beyond"])}"><title>{escape(group["name"])}, {group["state"]}: {label}'
        f"</title></path>"
    )


def _site(view: View, site: dict[str, Any]) -> str:
    x, y = project(site["longitude"], site["latitude"])
    r = 7 * view.px
    return (
        f'<g class="site"><circle cx="{x}" cy="{y}" r="{r:.2f}" fill="#1f3b57" stroke="#fff" '
        f'stroke-width="{1.5 * view.px:.2f}"/><text x="{x}" y="{y + r * 0.4:.2f}" '
        f'font-size="{9 * view.px:.2f}" fill="#fff" text-anchor="middle">{site["rank"]}</text>'
        f"<title>Site {site['rank']}: {site['population']:,} people newly within reach</title></g>"
    )


def _legend(view: View, within: float) -> list[str]:
    size = 12 * view.px
    x = view.left + 8 * view.px
    y = view.top + view.height - (len(BINS) + 2) * 16 * view.px
    parts = [
        f'<rect x="{x - 4 * view.px:.1f}" y="{y - 4 * view.px:.1f}" width="{170 * view.px:.1f}" '
        f'height="{(len(BINS) + 2) * 16 * view.px:.1f}" fill="#fff" fill-opacity="0.85"/>'
    ]
    rows = [*((fill, text) for _, fill, text in BINS), (NOT_JUDGED, "not covered")]
    for i, (fill, text) in enumerate(rows):
        top = y + i * 16 * view.px
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{size:.1f}" height="{size:.1f}" fill="{fill}"/>'
            f'<text x="{x + size * 1.4:.1f}" y="{top + size * 0.85:.1f}" '
            f'font-size="{11 * view.px:.2f}">{text}</text>'
        )
    top = y + len(rows) * 16 * view.px
    parts.append(
        f'<text x="{x:.1f}" y="{top + size * 0.85:.1f}" font-size="{11 * view.px:.2f}">'
        f"● proposed site (within {within:g} mi)</text>"
    )
    return parts
