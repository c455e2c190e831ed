"""Coverage of areas by DC fast charging on one snapshot date: each area's nearest DC
fast station, the DC fast stations and ports within N miles and the public Level 2
ports within 10, and a summary of who lives beyond N miles.

The JSON shape (``gaps``) is a contract::

    {"as_of": "2024-05-01", "within_miles": 50, "by": "county",
     "summary": {"areas", "population", "areas_beyond", "population_beyond", "share_beyond"},
     "groups": [{"geoid", "name", "state", "population", "nearest_dcfc_miles",
                 "dcfc_stations_within", "dcfc_ports_within", ...}, ...]}

Only the areas of states the date's station snapshots cover are judged (a state
export says nothing of its neighbours' stations); stations count wherever they
are, so a county on a border is served from across it. States are their counties
taken together: a state's population is its counties',
its nearest_dcfc_miles the farthest any of its counties is from a DC fast station,
its stations and ports within those within N miles of any of its counties, and it
counts as beyond when one of its counties is. Its public ports are those of the
stations located in it that are operational or of unknown status (each counted once
across registries), per 1,000 EVs registered there in the newest year on or before
the date and per 100,000 people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from chargewatch.coverage.inputs import (
    Areas,
    Stations,
    covered_states,
    read_areas,
    read_stations,
    registrations,
    state_names,
)
from chargewatch.coverage.sphere import TOLERANCE, Floats, Ints, SphereIndex
from chargewatch.errors import ConfigError
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.warehouse.connect import Connection

DEFAULT_MILES = 50.0
LEVEL2_MILES = 10.0
MAX_MILES = 12_450.0
"""Half the Earth's circumference: every point is within it of every other."""
BY = ("county", "zcta", "state")
WORKING = ("operational", "unknown")
"""The statuses whose stations count: operational, or not given."""


@dataclass
class Cover:
    """Each area's coverage, in the order of its ``Areas``."""

    nearest_index: Ints
    nearest_miles: Floats
    dcfc_within: Ints
    ports_within: Ints
    level2_within: Ints

    def beyond(self, miles: float) -> Any:
        """Areas with no DC fast station within ``miles`` (none at all included)."""
        return ~(self.nearest_miles <= miles + TOLERANCE)


@dataclass
class Network:
    """The DC fast stations and Level 2 ports of a date, indexed."""

    stations: Stations
    dcfc: Stations
    dcfc_index: SphereIndex
    dcfc_ports: SphereIndex
    level2_ports: SphereIndex

    @classmethod
    def of(cls, stations: Stations) -> Network:
        dcfc = stations.take(stations.is_dcfc)
        level2 = stations.take(stations.is_level2)
        return cls(
            stations,
            dcfc,
            SphereIndex(dcfc.lat, dcfc.lon),
            _replicated(dcfc.lat, dcfc.lon, dcfc.dc_fast_ports),
            _replicated(level2.lat, level2.lon, level2.level2_ports),
        )


def _replicated(lat: Floats, lon: Floats, ports: Ints) -> SphereIndex:
    """An index with one point per port, so counting points counts ports."""
    return SphereIndex(np.repeat(lat, ports), np.repeat(lon, ports))


def cover(areas: Areas, network: Network, within: float) -> Cover:
    """Every area's coverage by the network."""
    nearest = network.dcfc_index.nearest(areas.lat, areas.lon)
    return Cover(
        nearest.index,
        nearest.miles,
        network.dcfc_index.count_within(areas.lat, areas.lon, within),
        network.dcfc_ports.count_within(areas.lat, areas.lon, within),
        network.level2_ports.count_within(areas.lat, areas.lon, LEVEL2_MILES),
    )


def check_options(by: str, within: float) -> None:
    if by not in BY:
        raise ConfigError(f"cannot group coverage by {by!r}; choose one of {', '.join(BY)}")
    if not 0 < within <= MAX_MILES:
        raise ConfigError(
            f"--within must be a number of miles above 0 and at most {MAX_MILES:g}, not {within:g}"
        )


def judged_areas(
    conn: Connection, kind: str, day: date, state: str | None, covered: list[str] | None = None
) -> Areas:
    """The areas of the covered states (of ``state`` alone when given): ``ConfigError``
    for a state the snapshots of ``day`` do not cover. ``covered``: the date's covered
    states when the caller has them already (``covered_states``)."""
    areas = read_areas(conn, kind)
    covered = covered_states(conn, day) if covered is None else covered
    if state is not None and state not in covered:
        known = state in set(areas.state)
        raise ConfigError(
            f"--state {state}: "
            + (f"no station snapshot of {day} covers it" if known else "not a US state code")
            + f" (covered: {_listed(covered)})"
        )
    if not covered:
        raise ConfigError(no_us_state(day))
    keep = {state} if state is not None else set(covered)
    return areas.take(np.array([s in keep for s in areas.state], dtype=bool))


def no_us_state(day: date | None) -> str:
    on = f" on {day}" if day else ""
    return (
        f"no station file loaded{on} covers a US state: coverage is measured over the "
        "counties and ZCTAs of the 50 states, DC and Puerto Rico"
    )


def _listed(states: list[str]) -> str:
    return (
        ", ".join(states[:12]) + (f" and {len(states) - 12} more" if len(states) > 12 else "")
        or "none"
    )


def gaps(
    conn: Connection,
    *,
    by: str = "county",
    within: float = DEFAULT_MILES,
    state: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Coverage of counties, ZCTAs or states on a snapshot date, as the JSON contract
    (``as_of`` null and no groups when no station file is loaded); ``note`` warns when
    some states' stations are not loaded."""
    check_options(by, within)
    day = snapshot_on_or_before(conn, as_of)
    if day is None:
        return {"as_of": None, "within_miles": number(within), "by": by, "states": [],
                "note": None, "summary": summary([]), "groups": []}  # fmt: skip
    covered = covered_states(conn, day)
    areas = judged_areas(conn, "zcta" if by == "zcta" else "county", day, state, covered)
    network = Network.of(read_stations(conn, day))
    coverage = cover(areas, network, within)
    if by == "state":
        groups = state_groups(areas, coverage, network, within, registrations(conn, day), conn)
    else:
        groups = area_groups(areas, coverage, network, within)
    return {
        "as_of": day.isoformat(),
        "within_miles": number(within),
        "by": by,
        "states": sorted(set(areas.state)),
        "note": border_note(conn, covered),
        "summary": summary(groups),
        "groups": groups,
    }


def border_note(conn: Connection, covered: list[str]) -> str | None:
    """A warning when some states' stations are not loaded (``covered`` are those that
    are): their neighbours' border areas may be served from them, unseen."""
    if len(covered) >= len(state_names(conn)):
        return None
    return (
        f"Only the stations of the states loaded ({_listed(covered)}) count: an area near "
        "another state's border may be served from across it."
    )


def number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def miles_or_none(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)


def count_or_none(value: float) -> int | None:
    return None if np.isnan(value) else int(value)


def area_groups(
    areas: Areas, coverage: Cover, network: Network, within: float
) -> list[dict[str, Any]]:
    """One JSON group per area, in geoid order."""
    beyond = coverage.beyond(within)
    groups = []
    for i, geoid in enumerate(areas.geoid):
        at = int(coverage.nearest_index[i])
        groups.append(
            {
                "geoid": geoid,
                "name": areas.name[i],
                "state": areas.state[i],
                "latitude": float(areas.lat[i]),
                "longitude": float(areas.lon[i]),
                "population": count_or_none(areas.population[i]),
                "nearest_dcfc_miles": miles_or_none(coverage.nearest_miles[i]),
                "dcfc_stations_within": int(coverage.dcfc_within[i]),
                "dcfc_ports_within": int(coverage.ports_within[i]),
                "level2_ports_within_10": int(coverage.level2_within[i]),
                "is_beyond": bool(beyond[i]),
                **_nearest_station(network.dcfc, at),
            }
        )
    return groups


def _nearest_station(dcfc: Stations, at: int) -> dict[str, str | None]:
    if at < 0:
        return {
            "nearest_dcfc_source": None,
            "nearest_dcfc_station_id": None,
            "nearest_dcfc_name": None,
        }
    return {
        "nearest_dcfc_source": dcfc.source[at],
        "nearest_dcfc_station_id": dcfc.station_id[at],
        "nearest_dcfc_name": dcfc.station_name[at],
    }


def summary(groups: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over the groups listed; areas with no population count in no population."""
    population = sum(g["population"] or 0 for g in groups)
    beyond = [g for g in groups if g["is_beyond"]]
    if groups and "population_beyond" in groups[0]:
        population_beyond = sum(g["population_beyond"] for g in groups)
    else:
        population_beyond = sum(g["population"] or 0 for g in beyond)
    return {
        "areas": len(groups),
        "population": population,
        "areas_beyond": len(beyond),
        "population_beyond": population_beyond,
        "share_beyond": round(population_beyond / population, 4) if population else None,
    }


def state_groups(
    areas: Areas,
    coverage: Cover,
    network: Network,
    within: float,
    evs: dict[str, tuple[int, int]],
    conn: Connection,
) -> list[dict[str, Any]]:
    """One JSON group per state, from its counties (see the module's docstring)."""
    names = state_names(conn)
    beyond = coverage.beyond(within)
    working = np.array([s in WORKING for s in network.stations.status], dtype=bool)
    counted = network.stations.take(network.stations.is_counted & working)
    fips = {state: geoid[:2] for state, geoid in zip(areas.state, areas.geoid, strict=True)}
    groups = []
    for code in sorted(set(areas.state)):
        members = np.array([s == code for s in areas.state], dtype=bool)
        reach = _reach(areas.take(members), network, within)
        population = areas.population[members]
        people = float(np.nansum(population))
        ports = int(
            counted.all_ports[np.array([s == code for s in counted.state], dtype=bool)].sum()
        )
        year, registered = evs.get(code, (None, None))
        groups.append(
            {
                "geoid": fips[code],
                "name": names.get(code, code),
                "state": code,
                "population": int(people),
                "nearest_dcfc_miles": miles_or_none(float(np.max(coverage.nearest_miles[members]))),
                "dcfc_stations_within": len(reach),
                "dcfc_ports_within": int(network.dcfc.dc_fast_ports[reach].sum()),
                "is_beyond": bool(beyond[members].any()),
                "counties": int(members.sum()),
                "counties_beyond": int(beyond[members].sum()),
                "population_beyond": int(np.nansum(population[beyond[members]])),
                "public_ports": ports,
                "ev_registrations": registered,
                "ev_registrations_year": year,
                "ports_per_1000_evs": round(ports * 1000 / registered, 2) if registered else None,
                "ports_per_100k_people": round(ports * 100_000 / people, 2) if people else None,
            }
        )
    return groups


def _reach(areas: Areas, network: Network, within: float) -> Ints:
    """The DC fast stations within ``within`` miles of any of the areas."""
    found = [
        network.dcfc_index.within(float(a), float(b), within)
        for a, b in zip(areas.lat, areas.lon, strict=True)
    ]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
