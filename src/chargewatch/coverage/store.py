"""Coverage kept in the warehouse for the reporting views (and Tableau): every area's
coverage within the default 50 miles on every snapshot date, computed again when the
station loads or the reference tables it stands on change."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from chargewatch import geography
from chargewatch.coverage.gaps import (
    DEFAULT_MILES,
    Network,
    area_groups,
    cover,
    judged_areas,
    state_groups,
)
from chargewatch.coverage.inputs import read_stations, registrations
from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.warehouse.connect import Connection

COLUMNS = (
    "as_of_date", "kind", "geoid", "within_miles", "nearest_dcfc_miles", "nearest_dcfc_source",
    "nearest_dcfc_station_id", "nearest_dcfc_name", "dcfc_stations_within", "dcfc_ports_within",
    "level2_ports_within_10", "is_beyond", "public_ports",
)  # fmt: skip


def fingerprint(conn: Connection) -> str:
    """What every date's coverage stands on: the loaded station files (all of them, since
    duplicates across registries are judged on the current stations) and the geography."""
    row = conn.execute(
        "select string_agg(load_id::text, ',' order by load_id) from core.load "
        "where status = 'loaded' and model = 'stations'"
    ).fetchone()
    loads = str(row[0]) if row and row[0] else ""
    return hashlib.sha256(f"{loads}|{geography.checksum()}".encode()).hexdigest()


def refresh(conn: Connection, progress: Progress = NULL_PROGRESS) -> list[date]:
    """Compute the coverage of every snapshot date whose inputs changed, drop that of
    dates no longer loaded; returns the dates computed."""
    stamp = fingerprint(conn)
    dates = [
        row[0]
        for row in conn.execute(
            "select distinct as_of_date from core.load "
            "where status = 'loaded' and model = 'stations' order by 1"
        ).fetchall()
    ]
    rows = conn.execute("select as_of_date, fingerprint from core.coverage_build").fetchall()
    built: dict[date, str] = {row[0]: str(row[1]) for row in rows}
    stale = [day for day in dates if built.get(day) != stamp]
    with conn.transaction():
        conn.execute("delete from core.area_coverage where not (as_of_date = any(%s))", (dates,))
        conn.execute("delete from core.coverage_build where not (as_of_date = any(%s))", (dates,))
        for day in stale:
            progress.step(f"coverage as of {day}")
            _store(conn, day, stamp)
    return stale


def _store(conn: Connection, day: date, stamp: str) -> None:
    conn.execute("delete from core.area_coverage where as_of_date = %s", (day,))
    network = Network.of(read_stations(conn, day))
    rows: list[tuple[Any, ...]] = []
    for kind in ("county", "zcta"):
        areas = judged_areas(conn, kind, day, None)
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
