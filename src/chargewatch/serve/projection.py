"""The map projection of the dashboard and the report: Albers USA with Alaska, Hawaii and
Puerto Rico as insets below the lower 48.

It is d3-geo's ``geoAlbersUsa`` (and its territories variant's Puerto Rico box),
re-implemented so that the offline report (Python, SVG) and the dashboard
(``assets/map.js``, the same numbers in JavaScript) draw the same map: an
equal-area conic for the lower 48 (standard parallels 29.5° and 45.5°,
central meridian 96°W), Alaska at 0.35 of that scale in a box at the bottom
left, Hawaii and Puerto Rico at full scale beside it and at the bottom right.
Coordinates are on a 960 by 500 plane, y downwards, like d3's default.
Which inset a point belongs to is decided by its longitude and latitude
(``region``), so a station and its state's outline always land together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 960, 500
SCALE = 1070.0
_X, _Y = 480.0, 250.0


@dataclass(frozen=True)
class Conic:
    """An Albers equal-area conic: ``rotate`` degrees added to longitudes, ``parallels``,
    ``center`` (in rotated degrees) placed at ``at`` on the plane, ``scale`` per radian."""

    rotate: float
    center: tuple[float, float]
    parallels: tuple[float, float]
    scale: float
    at: tuple[float, float]

    def raw(self, lon: float, lat: float) -> tuple[float, float]:
        """The conic's unit-sphere coordinates (y up) of a rotated point, in degrees."""
        phi0, phi1 = (math.radians(p) for p in self.parallels)
        sin0 = math.sin(phi0)
        n = (sin0 + math.sin(phi1)) / 2
        c = 1 + sin0 * (2 * n - sin0)
        r0 = math.sqrt(c) / n
        r = math.sqrt(max(c - 2 * n * math.sin(math.radians(lat)), 0.0)) / n
        theta = math.radians(lon) * n
        return r * math.sin(theta), r0 - r * math.cos(theta)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """The plane coordinates (x right, y down) of ``(lon, lat)``."""
        rotated = (lon + self.rotate + 180) % 360 - 180
        x, y = self.raw(rotated, lat)
        cx, cy = self.raw(*self.center)
        return self.at[0] + self.scale * (x - cx), self.at[1] - self.scale * (y - cy)


LOWER48 = Conic(96, (-0.6, 38.7), (29.5, 45.5), SCALE, (_X, _Y))
ALASKA = Conic(154, (-2, 58.5), (55, 65), SCALE * 0.35, (_X - 0.307 * SCALE, _Y + 0.201 * SCALE))
HAWAII = Conic(157, (-3, 19.9), (8, 18), SCALE, (_X - 0.205 * SCALE, _Y + 0.212 * SCALE))
PUERTO_RICO = Conic(66, (0, 18), (8, 18), SCALE, (_X + 0.330 * SCALE, _Y + 0.215 * SCALE))
CONICS = {"lower48": LOWER48, "alaska": ALASKA, "hawaii": HAWAII, "puerto_rico": PUERTO_RICO}

INSETS = {
    "alaska": (_X - 0.425 * SCALE, _Y + 0.120 * SCALE, _X - 0.214 * SCALE, _Y + 0.234 * SCALE),
    "hawaii": (_X - 0.214 * SCALE, _Y + 0.166 * SCALE, _X - 0.115 * SCALE, _Y + 0.234 * SCALE),
    "puerto_rico": (_X + 0.300 * SCALE, _Y + 0.195 * SCALE, _X + 0.360 * SCALE, _Y + 0.234 * SCALE),
}
"""Each inset's box on the plane (left, top, right, bottom): where its points land and
where the maps draw a thin frame."""


def region(lon: float, lat: float) -> str:
    """Which part of the map a point is drawn in: alaska, hawaii, puerto_rico or lower48."""
    if lat > 50 and (lon < -129 or lon > 170):
        return "alaska"
    if 15 < lat < 23.5 and -179 < lon < -150:
        return "hawaii"
    if 17 < lat < 19 and -68.5 < lon < -64:
        return "puerto_rico"
    return "lower48"


def project(lon: float, lat: float) -> tuple[float, float]:
    """A point's (x, y) on the 960 by 500 plane, rounded to 0.01 (about 50 m)."""
    x, y = CONICS[region(lon, lat)].xy(lon, lat)
    return round(x, 2), round(y, 2)
