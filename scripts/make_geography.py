"""Rebuild the geography chargewatch ships from the Census and AFDC source files.

    python scripts/make_geography.py ../shared/data

Reads ``geo/`` (2025 Gazetteer counties and ZCTAs, ACS 2023 5-year population,
the 2010 1:20m cartographic boundaries) and ``registrations/`` (AFDC light-duty
EV registrations by state) under the given folder and writes:

- ``src/chargewatch/geography/tables/areas.csv.gz``: one row per state, county
  and ZCTA: kind, geoid, name, state, internal point, land area, population
  (empty when the ACS table has no row for the area);
- ``src/chargewatch/geography/tables/ev_registrations.csv``: state, year, count;
- ``src/chargewatch/geography/tables/county_outlines.json.gz``: each county's
  rings, points rounded to 0.01 degree (about 1 km), keyed by geoid;
- ``src/chargewatch/geography/tables/manifest.json``: the vintages and the
  SHA-256 of every file read, so a rebuilt table can be traced to its inputs;
- ``src/chargewatch/serve/assets/us_states.json``: state outlines for the
  station map, rounded to 0.05 degree.

A ZCTA has no state in the Gazetteer: it takes the state whose outline holds
its internal point, or, for a point the 1:20m outlines leave in the water, the
state of the nearest county's internal point (ZCTAs of the Virgin Islands, Guam,
the Northern Marianas and American Samoa are left out: those territories have no
counties here). The outlines are generalised by
a kilometre or so, so where that state differs from the one most ZCTAs of the
same three-digit ZIP prefix are in and the point lies within 3 km of that
state's outline, it takes the prefix's state (27 ZCTAs on rivers that are
borders; Fishers Island, NY, 5 km from Connecticut, stays in New York). US
Census and AFDC data are public domain.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import itertools
import json
import math
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "src/chargewatch/geography/tables"
STATES_ASSET = ROOT / "src/chargewatch/serve/assets/us_states.json"
INPUTS = {
    "counties": "geo/census_2025_Gaz_counties_national.txt",
    "zctas": "geo/census_2025_Gaz_zcta_national.txt",
    "county_population": "geo/census_acs5_2023_county_population.json",
    "zcta_population": "geo/census_acs5_2023_zcta_population.json",
    "county_outlines": "geo/census_counties_gz2010_20m.geojson",
    "state_outlines": "geo/census_states_gz2010_20m.geojson",
    "registrations": "registrations/afdc_ev_registrations_by_state_2016-2022.csv",
}
RENAMED = {"46113": "46102", "02270": "02158"}
"""2010 outlines whose county took a new code since (Shannon → Oglala Lakota, Wade
Hampton → Kusilvak); Connecticut's planning regions and Alaska's Chugach and Copper
River have no 2010 outline and are left undrawn."""
Rings = list[list[list[float]]]
TERRITORIES = ("008", "969", "96799")
"""ZIP prefixes of the Virgin Islands, Guam and the Northern Marianas, and American
Samoa: territories the county files do not cover, whose ZCTAs are left out."""


def pipe_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        header = [name.strip() for name in handle.readline().split("|")]
        for line in handle:
            yield dict(zip(header, (v.strip() for v in line.split("|")), strict=True))


def acs_population(path: Path, key_columns: int) -> dict[str, int]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    header = rows[0]
    at = header.index("B01003_001E")
    return {"".join(row[-key_columns:]): int(row[at]) for row in rows[1:] if int(row[at]) >= 0}


def round_ring(ring: list[list[float]], step: float) -> list[list[float]]:
    points: list[list[float]] = []
    for lon, lat in ring:
        point = [round(round(lon / step) * step, 2), round(round(lat / step) * step, 2)]
        if not points or point != points[-1]:
            points.append(point)
    return points if len(points) >= 4 else []


def outlines(path: Path, encoding: str) -> Iterator[tuple[dict[str, str], list[Rings]]]:
    """Each feature's properties and polygons (outer ring first, holes after)."""
    for feature in json.loads(path.read_text(encoding=encoding))["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        yield feature["properties"], [polygons] if geometry["type"] == "Polygon" else polygons


def inside(lon: float, lat: float, polygon: Rings) -> bool:
    """Even-odd rule over the polygon's rings (holes included)."""
    hit = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


class StateFinder:
    """Which state's 1:20m outline holds a point (bounding boxes first)."""

    def __init__(self, path: Path, fips: dict[str, str]) -> None:
        self.shapes: list[tuple[str, tuple[float, float, float, float], Rings]] = []
        for props, polygons in outlines(path, "utf-8"):
            for polygon in polygons:
                xs = [p[0] for p in polygon[0]]
                ys = [p[1] for p in polygon[0]]
                box = (min(xs), min(ys), max(xs), max(ys))
                if props["STATE"] in fips:
                    self.shapes.append((fips[props["STATE"]], box, polygon))

    def edge_km(self, lon: float, lat: float, code: str) -> float:
        """About how far a point is from a state's outline, km (flat within a few km)."""
        scale = math.cos(math.radians(lat))
        best = math.inf
        for found, _box, polygon in self.shapes:
            for ring in polygon if found == code else []:
                for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                    best = min(
                        best, segment_km((x1 - lon) * scale, y1 - lat, (x2 - lon) * scale, y2 - lat)
                    )
        return best

    def state(self, lon: float, lat: float) -> str | None:
        for code, (x0, y0, x1, y1), polygon in self.shapes:
            if x0 <= lon <= x1 and y0 <= lat <= y1 and inside(lon, lat, polygon):
                return code
        return None


def segment_km(ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from the origin to a segment, in scaled degrees, as km."""
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy) * 111.2


def nearest_county(lon: float, lat: float, counties: list[dict[str, str]]) -> tuple[str, float]:
    """The state of the county whose internal point is nearest, and how far it is (miles)."""

    def miles(row: dict[str, str]) -> float:
        la, lo = math.radians(float(row["INTPTLAT"])), math.radians(float(row["INTPTLONG"]))
        dlat, dlon = la - math.radians(lat), lo - math.radians(lon)
        a = (
            math.sin(dlat / 2) ** 2
            + math.cos(la) * math.cos(math.radians(lat)) * math.sin(dlon / 2) ** 2
        )
        return 2 * 3958.8 * math.asin(math.sqrt(a))

    nearest = min(counties, key=miles)
    return nearest["USPS"], miles(nearest)


def area_rows(data: Path) -> list[list[str]]:
    counties = list(pipe_rows(data / INPUTS["counties"]))
    fips = {row["GEOID"][:2]: row["USPS"] for row in counties}
    county_pop = acs_population(data / INPUTS["county_population"], 2)
    zcta_pop = acs_population(data / INPUTS["zcta_population"], 1)
    names = state_names(data)
    rows = []
    for code in sorted(fips):
        members = [county_pop.get(r["GEOID"]) for r in counties if r["GEOID"][:2] == code]
        total = "" if None in members else str(sum(m for m in members if m is not None))
        land = sum(float(r["ALAND_SQMI"]) for r in counties if r["GEOID"][:2] == code)
        rows.append(["state", code, names[code], fips[code], "", "", f"{land:.3f}", total])
    for row in counties:
        rows.append(area_row("county", row, row["NAME"], row["USPS"], county_pop))
    finder = StateFinder(data / INPUTS["state_outlines"], fips)
    zctas = []
    for row in pipe_rows(data / INPUTS["zctas"]):
        lon, lat = float(row["INTPTLONG"]), float(row["INTPTLAT"])
        if row["GEOID"].startswith(TERRITORIES):
            continue
        zctas.append((row, finder.state(lon, lat) or nearest_county(lon, lat, counties)[0]))
    prefix = prefix_states(zctas)
    for row, found in zctas:
        usual = prefix[row["GEOID"][:3]]
        lon, lat = float(row["INTPTLONG"]), float(row["INTPTLAT"])
        state = usual if usual != found and finder.edge_km(lon, lat, usual) < 3 else found
        rows.append(area_row("zcta", row, f"ZCTA5 {row['GEOID']}", state, zcta_pop))
    return rows


def prefix_states(zctas: list[tuple[dict[str, str], str]]) -> dict[str, str]:
    """Each three-digit ZIP prefix's most usual state."""
    counts: dict[str, Counter[str]] = {}
    for row, state in zctas:
        counts.setdefault(row["GEOID"][:3], Counter())[state] += 1
    return {prefix: count.most_common(1)[0][0] for prefix, count in counts.items()}


def area_row(
    kind: str, row: dict[str, str], name: str, state: str, pop: dict[str, int]
) -> list[str]:
    population = pop.get(row["GEOID"])
    return [
        kind, row["GEOID"], name, state, row["INTPTLAT"], row["INTPTLONG"], row["ALAND_SQMI"],
        "" if population is None else str(population),
    ]  # fmt: skip


def state_names(data: Path) -> dict[str, str]:
    """State FIPS → name, from the ACS county names ("Autauga County, Alabama")."""
    rows = json.loads((data / INPUTS["county_population"]).read_text(encoding="utf-8"))
    at = rows[0].index("state")
    return {row[at]: row[0].rsplit(", ", 1)[1] for row in rows[1:]}


def registration_rows(data: Path, names: dict[str, str], fips: dict[str, str]) -> list[list[str]]:
    usps = {name: fips[code] for code, name in names.items()}
    rows = []
    with (data / INPUTS["registrations"]).open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            state = usps.get(record["State"].strip())
            if state is None:
                continue
            for year, count in record.items():
                if year.strip().isdigit() and count and count.strip():
                    rows.append([state, year.strip(), count.replace(",", "").strip()])
    return rows


def county_outlines(data: Path) -> dict[str, list[Rings]]:
    found: dict[str, list[Rings]] = {}
    for props, polygons in outlines(data / INPUTS["county_outlines"], "latin-1"):
        geoid = props["STATE"] + props["COUNTY"]
        shapes = [[r for r in (round_ring(ring, 0.01) for ring in poly) if r] for poly in polygons]
        found[RENAMED.get(geoid, geoid)] = [shape for shape in shapes if shape]
    return found


def state_outlines(data: Path, fips: dict[str, str]) -> dict[str, Rings]:
    states: dict[str, Rings] = {}
    for props, polygons in outlines(data / INPUTS["state_outlines"], "utf-8"):
        rings = [round_ring(polygon[0], 0.05) for polygon in polygons]
        if props["STATE"] in fips:
            states[fips[props["STATE"]]] = [ring for ring in rings if ring]
    return states


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode()
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def main(data: Path) -> None:
    TABLES.mkdir(parents=True, exist_ok=True)
    counties = list(pipe_rows(data / INPUTS["counties"]))
    fips = {row["GEOID"][:2]: row["USPS"] for row in counties}
    areas = area_rows(data)
    header = ["kind", "geoid", "name", "state", "latitude", "longitude", "land_sqmi", "population"]
    write_csv(TABLES / "areas.csv.gz", header, areas)
    write_csv(
        TABLES / "ev_registrations.csv",
        ["state", "year", "ev_registrations"],
        registration_rows(data, state_names(data), fips),
    )
    shapes = json.dumps(county_outlines(data), separators=(",", ":"), sort_keys=True)
    (TABLES / "county_outlines.json.gz").write_bytes(gzip.compress(shapes.encode(), mtime=0))
    STATES_ASSET.write_text(
        json.dumps(state_outlines(data, fips), separators=(",", ":")), encoding="utf-8"
    )
    manifest = {
        "gazetteer": "Census 2025 Gazetteer (counties, ZCTAs)",
        "population": "ACS 2023 5-year, B01003_001E (total population)",
        "outlines": "Census 2010 cartographic boundaries, 1:20m",
        "registrations": "AFDC light-duty EV registrations by state, 2016-2022",
        "inputs": {
            name: hashlib.sha256((data / path).read_bytes()).hexdigest()
            for name, path in INPUTS.items()
        },
    }
    (TABLES / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    kinds = {
        kind: sum(1 for row in areas if row[0] == kind) for kind in ("state", "county", "zcta")
    }
    print(f"{TABLES}: {kinds}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
