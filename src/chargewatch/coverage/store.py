"""Coverage kept in the warehouse for the reporting views (and Tableau): every area's
coverage within the default 50 miles on every snapshot date, computed again for the
dates whose station loads or definition (``definition``: the code, the build, the
geography) changed. With one source a
new snapshot computes its own date (and the later ones, for an older file); with
several, every date, since duplicates across registries are matched on the current
stations. A history rebuild clears what was kept (``warehouse.history``)."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from chargewatch.coverage.gaps import (
    DEFAULT_MILES,
    Network,
    area_groups,
    cover,
    judged_areas,
    state_groups,
)
from chargewatch.coverage.inputs import covered_states, read_stations, registrations
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.migrate import build_checksums
from chargewatch.warehouse.sqlfiles import read_sql

COVERAGE_LOCK = 0x63_77_63_76  # "cwcv": one process computes coverage at a time
COLUMNS = (
    "as_of_date", "kind", "geoid", "within_miles", "nearest_dcfc_miles", "nearest_dcfc_source",
    "nearest_dcfc_station_id", "nearest_dcfc_name", "dcfc_stations_within", "dcfc_ports_within",
    "level2_ports_within_10", "is_beyond", "public_ports",
)  # fmt: skip


@cache
def definition() -> str:
    """A checksum of everything the numbers follow from besides the loads: the coverage
    code and SQL, the warehouse's build (the station history and registry matching
    views it reads) and the shipped geography."""
    digest = hashlib.sha256(read_sql("coverage", "stations.sql").encode())
    for module in sorted(resources.files("chargewatch.coverage").iterdir(), key=lambda f: f.name):
        if module.name.endswith(".py"):
            digest.update(module.read_bytes())
    for part, checksum in sorted(build_checksums().items()):
        digest.update(f"{part}={checksum}".encode())
    return digest.hexdigest()


def fingerprints(conn: Connection) -> dict[date, str]:
    """What each snapshot date's coverage stands on: the station files loaded up to it
    (all of them when several sources are loaded, since duplicates across registries
    are judged on the current stations), the geography and the definition."""
    rows = conn.execute(
        "select as_of_date, load_id, source from core.load "
        "where status = 'loaded' and model = 'stations' order by as_of_date, load_id"
    ).fetchall()
    several = len({row[2] for row in rows}) > 1
    found = {}
    for day in sorted({row[0] for row in rows}):
        loads = ",".join(str(row[1]) for row in rows if several or row[0] <= day)
        found[day] = hashlib.sha256(f"{loads}|{definition()}".encode()).hexdigest()
    return found


def refresh(conn: Connection, progress: Progress = NULL_PROGRESS) -> list[date]:
    """Compute the coverage of every snapshot date whose inputs changed, drop that of
    dates no longer loaded; returns the dates computed. Concurrent loads take turns
    (an advisory lock), the later one finding the work done."""
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (COVERAGE_LOCK,))
        wanted = fingerprints(conn)
        dates = list(wanted)
        rows = conn.execute("select as_of_date, fingerprint from core.coverage_build").fetchall()
        built: dict[date, str] = {row[0]: str(row[1]) for row in rows}
        stale = [day for day in dates if built.get(day) != wanted[day]]
        conn.execute("delete from core.area_coverage where not (as_of_date = any(%s))", (dates,))
        conn.execute("delete from core.coverage_build where not (as_of_date = any(%s))", (dates,))
        for day in stale:
            progress.step(f"coverage as of {day}")
            _store(conn, day, wanted[day])
    return stale


def _store(conn: Connection, day: date, stamp: str) -> None:
    conn.execute("delete from core.area_coverage where as_of_date = %s", (day,))
    covered = covered_states(conn, day)
    if not covered:  # no US state: nothing to measure
        _mark_built(conn, day, stamp)
        return
    network = Network.of(read_stations(conn, day))
    rows: list[tuple[Any, ...]] = []
    for kind in ("county", "zcta"):
        areas = judged_areas(conn, kind, day, None, covered)
        coverage = cover(areas, network, DEFAULT_MILES)
        groups = area_groups(areas, coverage, network, DEFAULT_MILES)
        rows += [_row(day, kind, group) for group in groups]
        if kind == "county":
            evs = registrations(conn, day)
            states = state_groups(areas, coverage, network, DEFAULT_MILES, evs, conn)
            rows += [_row(day, "state", group) for group in states]
    with (
        conn.cursor() as cur,
        cur.copy(f"copy core.area_coverage ({', '.join(COLUMNS)}) from stdin") as copy,
    ):
        for row in rows:
            copy.write_row(row)
    _mark_built(conn, day, stamp)


def _mark_built(conn: Connection, day: date, stamp: str) -> None:
    conn.execute(
        "insert into core.coverage_build (as_of_date, fingerprint) values (%s, %s) "
        "on conflict (as_of_date) do update set fingerprint = excluded.fingerprint, built_at = now()",
        (day, stamp),
    )


def _row(day: date, kind: str, group: dict[str, Any]) -> tuple[Any, ...]:
    return (
        day, kind, group["geoid"], DEFAULT_MILES, group["nearest_dcfc_miles"],
        group.get("nearest_dcfc_source"), group.get("nearest_dcfc_station_id"),
        group.get("nearest_dcfc_name"), group["dcfc_stations_within"],
        group["dcfc_ports_within"], group.get("level2_ports_within_10"), group["is_beyond"],
        group.get("public_ports"),
    )  # fmt: skip
