"""The geography chargewatch ships: US states, counties and ZCTAs with their Census
internal points, land areas and ACS population, EV registrations by state, and county
outlines for maps. Public domain; ``scripts/make_geography.py`` rebuilds the tables from
the Census and AFDC files (``tables/manifest.json`` records which)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from chargewatch.warehouse.connect import Connection

Rings = list[list[list[float]]]
TABLE_FILES = ("areas.csv.gz", "ev_registrations.csv")
"""The tables ``db build`` loads (their checksum decides when it loads them again)."""
AREA_COLUMNS = (
    "kind",
    "geoid",
    "name",
    "state",
    "latitude",
    "longitude",
    "land_sqmi",
    "population",
)


def _table(name: str) -> Traversable:
    return resources.files("chargewatch.geography").joinpath("tables", name)


def _text(name: str) -> str:
    data = _table(name).read_bytes()
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")


@cache
def checksum() -> str:
    """SHA-256 over the shipped tables, as the build records it."""
    digest = hashlib.sha256()
    for name in TABLE_FILES:
        digest.update(name.encode() + b"\n" + _table(name).read_bytes())
    return digest.hexdigest()


def load(conn: Connection) -> None:
    """Replace the warehouse's reference geography with the shipped tables (in the
    caller's transaction)."""
    conn.execute("truncate core.geo_area, core.ev_registration")
    columns = ", ".join(AREA_COLUMNS)
    _copy(conn, f"copy core.geo_area ({columns}) from stdin (format csv, header)", "areas.csv.gz")
    _copy(
        conn,
        "copy core.ev_registration (state, year, ev_registrations) from stdin (format csv, header)",
        "ev_registrations.csv",
    )
    conn.execute("truncate core.coverage_build")


def _copy(conn: Connection, statement: str, name: str) -> None:
    with conn.cursor() as cur, cur.copy(statement) as copy:
        copy.write(_text(name))


@cache
def county_outlines() -> dict[str, list[Rings]]:
    """Each county's polygons (outer ring, then holes) by geoid, points to 0.01 degree.
    Counties created since 2010 (Connecticut's planning regions) have none."""
    outlines: dict[str, list[Rings]] = json.loads(_text("county_outlines.json.gz"))
    return outlines


def manifest() -> dict[str, object]:
    """The vintages of the shipped tables and the SHA-256 of the files they came from."""
    found: dict[str, object] = json.loads(_text("manifest.json"))
    return found


def area_rows(kind: str) -> list[dict[str, str]]:
    """The shipped rows of one kind of area, as text (for tests and the benchmark)."""
    reader = csv.DictReader(io.StringIO(_text("areas.csv.gz")))
    return [row for row in reader if row["kind"] == kind]
