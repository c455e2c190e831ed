"""The areas and stations coverage is computed over, read from the warehouse as arrays."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

import numpy as np

from chargewatch.coverage.sphere import Floats, Ints
from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql

KINDS = ("county", "zcta", "state")


@dataclass
class Areas:
    """Areas of one kind at their internal points; ``population`` is NaN where unknown."""

    kind: str
    geoid: list[str]
    name: list[str]
    state: list[str]
    lat: Floats
    lon: Floats
    population: Floats

    def __len__(self) -> int:
        return len(self.geoid)

    def take(self, mask: Any) -> Areas:
        """The areas a boolean mask (or index array) picks."""
        picked = np.arange(len(self))[mask]
        return Areas(
            self.kind,
            [self.geoid[i] for i in picked],
            [self.name[i] for i in picked],
            [self.state[i] for i in picked],
            self.lat[picked],
            self.lon[picked],
            self.population[picked],
        )


@dataclass
class Stations:
    """The public stations that count on a date (``sql/coverage/stations.sql``)."""

    source: list[str]
    station_id: list[str]
    station_name: list[str]
    state: list[str | None]
    status: list[str]
    lat: Floats
    lon: Floats
    dc_fast_ports: Ints
    level2_ports: Ints
    all_ports: Ints
    is_dcfc: Any
    is_level2: Any
    is_counted: Any
    _positions: dict[tuple[str, str], int] = field(default_factory=dict, init=False, repr=False)

    def __len__(self) -> int:
        return len(self.station_id)

    def position(self, key: tuple[str, str]) -> int | None:
        """Where the station ``(source, station_id)`` is, if listed."""
        if not self._positions and len(self):
            keys = zip(self.source, self.station_id, strict=True)
            self._positions = {found: i for i, found in enumerate(keys)}
        return self._positions.get(key)

    def take(self, mask: Any) -> Stations:
        picked = np.arange(len(self))[mask]
        values: dict[str, Any] = {}
        for known in fields(self):
            if not known.init:
                continue
            value = getattr(self, known.name)
            values[known.name] = (
                [value[i] for i in picked] if isinstance(value, list) else value[picked]
            )
        return Stations(**values)


def read_areas(conn: Connection, kind: str) -> Areas:
    """Counties or ZCTAs (``ConfigError`` when the reference tables are not loaded)."""
    rows = conn.execute(
        "select geoid, name, state, latitude, longitude, population from reporting.area "
        "where kind = %s and latitude is not null order by geoid",
        (kind,),
    ).fetchall()
    if not rows:
        raise ConfigError("the warehouse has no reference geography; run: chargewatch db build")
    geoid, name, state, lat, lon, population = zip(*rows, strict=True)
    return Areas(
        kind,
        list(geoid),
        list(name),
        list(state),
        np.array(lat, dtype=np.float64),
        np.array(lon, dtype=np.float64),
        np.array([np.nan if p is None else p for p in population], dtype=np.float64),
    )


def state_names(conn: Connection) -> dict[str, str]:
    """Two-letter code → state name, for the states the reference tables know."""
    rows = conn.execute("select state, name from reporting.area where kind = 'state'").fetchall()
    return {str(code): str(name) for code, name in rows}


def read_stations(conn: Connection, as_of: date) -> Stations:
    """Every source's public stations as listed on ``as_of``, duplicates across
    registries marked (matched only when more than one source is loaded)."""
    sources = conn.execute(
        "select count(distinct source) from reporting.load "
        "where status = 'loaded' and model = 'stations'"
    ).fetchone()
    dedupe = bool(sources and sources[0] > 1)
    rows = conn.execute(
        read_sql("coverage", "stations.sql"), {"as_of": as_of, "dedupe": dedupe}
    ).fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * 13
    ints = [np.array(c, dtype=np.int64) for c in columns[7:10]]
    return Stations(
        list(columns[0]),
        list(columns[1]),
        list(columns[2]),
        list(columns[3]),
        list(columns[6]),
        np.array(columns[4], dtype=np.float64),
        np.array(columns[5], dtype=np.float64),
        ints[0],
        ints[1],
        ints[0] + ints[1] + ints[2],
        np.array(columns[10], dtype=bool),
        np.array(columns[11], dtype=bool),
        np.array(columns[12], dtype=bool),
    )


def registrations(conn: Connection, as_of: date) -> dict[str, tuple[int, int]]:
    """Each state's EV registrations of the newest year on or before ``as_of``'s (the
    oldest year when all are newer): state → (year, count)."""
    rows = conn.execute(
        "select distinct on (state) state, year, ev_registrations from reporting.ev_registration "
        "order by state, year <= %s desc, "
        "case when year <= %s then -year else year end",
        (as_of.year, as_of.year),
    ).fetchall()
    return {str(s): (int(y), int(n)) for s, y, n in rows}


def covered_states(conn: Connection, as_of: date) -> list[str]:
    """The states whose stations the loaded snapshots give on ``as_of`` (a state export
    covers its state, a national file every state in it): only their areas are judged."""
    rows = conn.execute(
        "select distinct s.state from reporting.state_snapshot as s "
        "inner join reporting.area as g on g.kind = 'state' and g.state = s.state "
        "where s.as_of_date = %s order by s.state",
        (as_of,),
    ).fetchall()
    return [str(row[0]) for row in rows]
