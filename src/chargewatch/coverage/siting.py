"""Where new DC fast sites would serve the most people: greedy maximal covering over
H3 cells.

Candidates are the H3 cells (resolution 5 by default, about 250 km²) whose centres
lie inside the county outlines of the covered states, so no cell outside those
states, in the sea or in the Great Lakes is proposed (the 1:20m outlines are clipped
at the shore; large inland lakes lie inside them and are not told apart). The areas
to serve are those beyond N miles of every DC fast station on the date, with a known
population. Each round picks the cell
whose centre has the most still-unserved population within N miles (ties to the
smaller cell ID), counts that population as served, and goes on until ``top``
sites are picked or no cell would serve anyone more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import h3
import numpy as np
from scipy import sparse

from chargewatch import geography
from chargewatch.coverage.gaps import (
    DEFAULT_MILES,
    Network,
    check_options,
    cover,
    judged_areas,
    number,
)
from chargewatch.coverage.inputs import Areas, read_stations
from chargewatch.coverage.sphere import Floats, SphereIndex
from chargewatch.errors import ConfigError
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.warehouse.connect import Connection

DEFAULT_RESOLUTION = 5
MAX_RESOLUTION = 7
"""About 5 km² a cell: two million candidate cells for the whole country."""


@dataclass
class Candidates:
    """Candidate cells and their centres."""

    cells: list[str]
    lat: Floats
    lon: Floats

    @classmethod
    def of(cls, cells: list[str]) -> Candidates:
        ordered = sorted(set(cells))
        centres = [h3.cell_to_latlng(cell) for cell in ordered]
        lat = np.array([c[0] for c in centres], dtype=np.float64)
        lon = np.array([c[1] for c in centres], dtype=np.float64)
        return cls(ordered, lat, lon)


@lru_cache(maxsize=8)
def land_cells(fips: tuple[str, ...], resolution: int) -> tuple[str, ...]:
    """The cells whose centres lie inside the counties of the states (FIPS codes)."""
    found: set[str] = set()
    for geoid, polygons in geography.county_outlines().items():
        if geoid[:2] not in fips:
            continue
        for polygon in polygons:
            outer = [(lat, lon) for lon, lat in polygon[0]]
            holes = [[(lat, lon) for lon, lat in ring] for ring in polygon[1:]]
            try:
                found.update(h3.polygon_to_cells(h3.LatLngPoly(outer, *holes), resolution))
            except h3.H3BaseException:
                continue  # a ring that rounding collapsed to a line holds no cell
    return tuple(sorted(found))


def greedy(areas: Areas, candidates: Candidates, within: float, top: int) -> list[dict[str, Any]]:
    """Pick up to ``top`` candidates, each serving the most population not yet served
    (``areas`` are the unserved ones)."""
    reach = _reach(areas, candidates, within)
    population = np.nan_to_num(areas.population)
    gain = reach @ population
    by_area = reach.tocsc()
    served = np.zeros(len(areas), dtype=bool)
    picks: list[dict[str, Any]] = []
    total = 0.0
    while len(picks) < top and len(gain) and gain.max() > 0:
        best = int(np.argmax(gain))
        row = reach.getrow(best)
        newly = row.indices[~served[row.indices]]
        served[newly] = True
        gain -= by_area[:, newly] @ population[newly]
        gain[best] = 0
        total += float(population[newly].sum())
        picks.append(_pick(len(picks) + 1, candidates, best, areas, np.sort(newly), total))
    return picks


def _reach(areas: Areas, candidates: Candidates, within: float) -> sparse.csr_matrix:
    """A matrix of cells by areas: 1 where the cell's centre is within ``within`` miles of the area."""
    index = SphereIndex(candidates.lat, candidates.lon)
    rows, cols = [], []
    for j in range(len(areas)):
        near = index.within(float(areas.lat[j]), float(areas.lon[j]), within)
        rows.append(near)
        cols.append(np.full(len(near), j, dtype=np.int64))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    shape = (len(candidates.cells), len(areas))
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=shape)


def _pick(
    rank: int, candidates: Candidates, at: int, areas: Areas, newly: Any, total: float
) -> dict[str, Any]:
    return {
        "rank": rank,
        "cell": candidates.cells[at],
        "latitude": round(float(candidates.lat[at]), 6),
        "longitude": round(float(candidates.lon[at]), 6),
        "areas": [areas.geoid[i] for i in newly],
        "population": int(np.nan_to_num(areas.population[newly]).sum()),
        "population_served": int(total),
    }


def sites(
    conn: Connection,
    *,
    within: float = DEFAULT_MILES,
    top: int = 20,
    resolution: int = DEFAULT_RESOLUTION,
    by: str = "zcta",
    state: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The greedy sites for the covered states (or one), as JSON (``as_of`` null and no
    sites when no station file is loaded)."""
    if by not in ("county", "zcta"):
        raise ConfigError(f"sites are chosen over counties or ZCTAs, not {by!r}")
    if not 0 <= resolution <= MAX_RESOLUTION:
        raise ConfigError(
            f"--resolution must be an H3 resolution from 0 to {MAX_RESOLUTION}, not {resolution} "
            "(resolution 8 would propose over ten million cells for the country)"
        )
    check_options(by, within)
    day = snapshot_on_or_before(conn, as_of)
    if day is None:
        return {"as_of": None, "within_miles": number(within), "resolution": resolution, "by": by,
                "states": [], "unserved": {"areas": 0, "population": 0}, "sites": []}  # fmt: skip
    areas = judged_areas(conn, by, day, state)
    network = Network.of(read_stations(conn, day))
    beyond = cover(areas, network, within).beyond(within) & ~np.isnan(areas.population)
    unserved = areas.take(beyond)
    fips = _fips(conn, sorted(set(areas.state)))
    candidates = Candidates.of(list(land_cells(tuple(fips), resolution)))
    picks = greedy(unserved, candidates, within, top)
    people = int(unserved.population.sum())
    for pick in picks:
        pick["share_served"] = round(pick["population_served"] / people, 4) if people else None
    return {
        "as_of": day.isoformat(),
        "within_miles": number(within),
        "resolution": resolution,
        "by": by,
        "states": sorted(set(areas.state)),
        "unserved": {"areas": len(unserved), "population": people},
        "sites": picks,
    }


def _fips(conn: Connection, states: list[str]) -> list[str]:
    rows = conn.execute(
        "select geoid from reporting.area where kind = 'state' and state = any(%s) order by 1",
        (states,),
    ).fetchall()
    return [str(row[0]) for row in rows]
