"""Coverage over time: the summary of every snapshot date, and the areas that became
unserved between one date and the next with the stations they lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from chargewatch.coverage.gaps import (
    Cover,
    Network,
    area_groups,
    check_options,
    count_or_none,
    cover,
    judged_areas,
    miles_or_none,
    no_us_state,
    number,
    state_groups,
    summary,
)
from chargewatch.coverage.inputs import (
    Areas,
    Stations,
    covered_states,
    read_stations,
    registrations,
    state_names,
)
from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection


@dataclass
class Dated:
    """One snapshot date's areas, network and coverage."""

    day: date
    areas: Areas
    network: Network
    coverage: Cover


def snapshot_dates(conn: Connection) -> list[date]:
    rows = conn.execute(
        "select distinct as_of_date from reporting.load "
        "where status = 'loaded' and model = 'stations' order by 1"
    ).fetchall()
    return [row[0] for row in rows]


def trend(
    conn: Connection, *, by: str = "county", within: float = 50.0, state: str | None = None
) -> dict[str, Any]:
    """The summary on every snapshot date (those covering ``state`` when given), oldest
    first, and ``newly_unserved``: areas beyond ``within`` miles on a date that were
    within on the date before, each with the DC fast stations it had and why they no
    longer count."""
    check_options(by, within)
    if state is not None and state not in state_names(conn):
        raise ConfigError(f"--state {state}: not a US state code")
    kind = "zcta" if by == "zcta" else "county"
    rows: list[dict[str, Any]] = []
    lost: list[dict[str, Any]] = []
    previous: Dated | None = None
    dates = snapshot_dates(conn)
    for day in dates:
        covered = covered_states(conn, day)
        if not covered or (state is not None and state not in covered):
            continue
        areas = judged_areas(conn, kind, day, state, covered)
        network = Network.of(read_stations(conn, day))
        current = Dated(day, areas, network, cover(areas, network, within))
        groups = _groups(conn, by, current, within)
        rows.append(
            {
                "as_of": day.isoformat(),
                "states": sorted(set(areas.state)),
                "summary": summary(groups),
            }
        )
        if previous is not None:
            lost += newly_unserved(previous, current, within)
        previous = current
    if dates and not rows:
        raise ConfigError(
            f"--state {state}: no station snapshot covers it" if state else no_us_state(None)
        )
    return {"within_miles": number(within), "by": by, "trend": rows, "newly_unserved": lost}


def _groups(conn: Connection, by: str, dated: Dated, within: float) -> list[dict[str, Any]]:
    if by == "state":
        evs = registrations(conn, dated.day)
        return state_groups(dated.areas, dated.coverage, dated.network, within, evs, conn)
    return area_groups(dated.areas, dated.coverage, dated.network, within)


def newly_unserved(before: Dated, after: Dated, within: float) -> list[dict[str, Any]]:
    """Areas judged on both dates, within ``within`` miles before and beyond after."""
    was_beyond = dict(zip(before.areas.geoid, before.coverage.beyond(within), strict=True))
    at = {geoid: i for i, geoid in enumerate(before.areas.geoid)}
    found = []
    for i, geoid in enumerate(after.areas.geoid):
        if geoid not in at or was_beyond[geoid] or not after.coverage.beyond(within)[i]:
            continue
        j = at[geoid]
        had = before.network.dcfc_index.within(
            float(before.areas.lat[j]), float(before.areas.lon[j]), within
        )
        found.append(
            {
                "as_of": after.day.isoformat(),
                "previous_as_of": before.day.isoformat(),
                "geoid": geoid,
                "name": after.areas.name[i],
                "state": after.areas.state[i],
                "population": count_or_none(after.areas.population[i]),
                "nearest_dcfc_miles": miles_or_none(after.coverage.nearest_miles[i]),
                "previous_nearest_dcfc_miles": miles_or_none(before.coverage.nearest_miles[j]),
                "lost_stations": [_lost(before.network, after.network, int(k)) for k in had],
            }
        )
    return found


def _lost(before: Network, after: Network, k: int) -> dict[str, str]:
    key = (before.dcfc.source[k], before.dcfc.station_id[k])
    return {
        "source": key[0],
        "station_id": key[1],
        "name": before.dcfc.station_name[k],
        "reason": _reason(after.stations, key),
    }


def _reason(listed: Stations, key: tuple[str, str]) -> str:
    """Why a station that counted no longer does."""
    i = listed.position(key)
    if i is None:
        return "gone: no longer listed as an existing public station"
    if listed.status[i] == "temporarily_unavailable":
        return "temporarily unavailable"
    if listed.dc_fast_ports[i] == 0:
        return "no DC fast port"
    if listed.is_dcfc[i]:
        return "moved out of reach"
    return "counted under another registry's listing"
