"""Great-circle distances and a nearest-neighbour index over points on the Earth.

Points are placed on the unit sphere as 3-D vectors in a k-d tree (scipy's
``cKDTree``): the straight-line (chord) distance between two such points grows
with their great-circle distance, so the nearest by chord is the nearest on the
Earth, and "within N miles" is "within the chord of N miles". Distances are then
taken by the haversine formula on a sphere of radius 3,958.8 miles, the
definition the coverage numbers use. A point counts as within N miles when its
distance is at most N plus ``TOLERANCE`` (a few millimetres, so that a point
placed exactly N miles away is within despite rounding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

EARTH_RADIUS_MILES = 3958.8
TOLERANCE = 1e-6
"""Miles: how far past N a distance may be and still count as within N."""
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def haversine(lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats) -> Floats:
    """Great-circle miles between the points (degrees), element by element."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0, 1))))


def unit_vectors(lat: Floats, lon: Floats) -> Floats:
    p, q = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)))


def chord(miles: float) -> float:
    """The straight-line distance on the unit sphere of an arc of ``miles``."""
    return float(2 * np.sin(min(miles / EARTH_RADIUS_MILES, np.pi) / 2))


@dataclass
class Nearest:
    """Each query point's nearest indexed point: ``index`` (-1 with an empty index) and
    ``miles`` (NaN then)."""

    index: Ints
    miles: Floats


class SphereIndex:
    """An index of points (degrees) for nearest and within-a-distance queries."""

    def __init__(self, lat: Floats, lon: Floats) -> None:
        self.lat = np.asarray(lat, dtype=np.float64)
        self.lon = np.asarray(lon, dtype=np.float64)
        self.tree = cKDTree(unit_vectors(self.lat, self.lon)) if len(self.lat) else None

    def __len__(self) -> int:
        return len(self.lat)

    def nearest(self, lat: Floats, lon: Floats) -> Nearest:
        if self.tree is None:
            return Nearest(np.full(len(lat), -1, dtype=np.int64), np.full(len(lat), np.nan))
        _, found = self.tree.query(unit_vectors(lat, lon), k=1, workers=-1)
        index = np.asarray(found, dtype=np.int64)
        return Nearest(index, haversine(lat, lon, self.lat[index], self.lon[index]))

    def within(self, lat: float, lon: float, miles: float) -> Ints:
        """The indexes of the points within ``miles`` of one point, ascending."""
        if self.tree is None:
            return np.zeros(0, dtype=np.int64)
        point = unit_vectors(np.array([lat]), np.array([lon]))[0]
        near = np.asarray(self.tree.query_ball_point(point, chord(miles + 2 * TOLERANCE)))
        near = np.sort(near.astype(np.int64))
        far = haversine(
            np.full(len(near), lat), np.full(len(near), lon), self.lat[near], self.lon[near]
        )
        return near[far <= miles + TOLERANCE]

    def count_within(self, lat: Floats, lon: Floats, miles: float) -> Ints:
        """How many indexed points lie within ``miles`` of each query point. Counted by
        the tree at radii just inside and outside; the few points where the two differ
        are settled by their exact distances."""
        if self.tree is None:
            return np.zeros(len(lat), dtype=np.int64)
        points = unit_vectors(lat, lon)
        inner = self._lengths(points, chord(max(miles - 2 * TOLERANCE, 0.0)))
        outer = self._lengths(points, chord(miles + 2 * TOLERANCE))
        for i in np.flatnonzero(inner != outer):
            outer[i] = len(self.within(float(lat[i]), float(lon[i]), miles))
        return outer

    def _lengths(self, points: Floats, radius: float) -> Ints:
        assert self.tree is not None
        found = self.tree.query_ball_point(points, radius, return_length=True, workers=-1)
        return np.asarray(found, dtype=np.int64)
