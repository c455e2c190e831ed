"""Siting (``chargewatch sites``): greedy maximal covering, on a hand-made grid whose
order is worked out below, and on the real Washington file against a brute force."""

from __future__ import annotations

import json
from typing import Any

import h3
import numpy as np

from chargewatch.coverage.inputs import Areas
from chargewatch.coverage.siting import Candidates, greedy
from tests.conftest import AFDC_DIR, CliRunnerCall
from tests.test_gaps import GEO, dc_fast_stations, miles


def _centre(lat: float, lon: float) -> tuple[str, float, float]:
    cell = h3.latlng_to_cell(lat, lon, 5)
    centre = h3.cell_to_latlng(cell)
    return cell, centre[0], centre[1]


def test_greedy_order_on_a_hand_made_grid() -> None:
    """Cells 1 and 2 about 60 miles apart, area M halfway (about 30 miles from each),
    cell 3 some 400 miles away. Within 50 miles: cell 1 reaches A and M, cell 2 B and
    M, cell 3 only C. Populations A 20, B 30, M 45, C 40: gains 65, 75, 40. Cell 2 goes
    first (75) and serves M; cell 1 is then worth 20 and cell 3 40, so cell 3 comes
    second and cell 1 last: running totals 75, 115, 135. (Ranking by the first gains
    would have given 2, 1, 3.)"""
    one = _centre(46.0, -119.0)
    two = _centre(46.0, -117.75)
    three = _centre(40.0, -112.0)
    mid = ((one[1] + two[1]) / 2, (one[2] + two[2]) / 2)
    assert 55 < miles(one[1], one[2], two[1], two[2]) < 70
    assert miles(*mid, one[1], one[2]) < 50 and miles(*mid, two[1], two[2]) < 50
    areas = Areas(
        "zcta",
        ["A", "B", "C", "M"],
        ["A", "B", "C", "M"],
        ["WA"] * 4,
        np.array([one[1], two[1], three[1], mid[0]]),
        np.array([one[2], two[2], three[2], mid[1]]),
        np.array([20.0, 30.0, 40.0, 45.0]),
    )
    picks = greedy(areas, Candidates.of([one[0], two[0], three[0]]), 50.0, 5)
    assert [(p["cell"], p["areas"], p["population"], p["population_served"]) for p in picks] == [
        (two[0], ["B", "M"], 75, 75),
        (three[0], ["C"], 40, 115),
        (one[0], ["A"], 20, 135),
    ]
    assert picks[0]["latitude"] == round(two[1], 6)


def test_greedy_stops_when_no_cell_serves_anyone_more() -> None:
    one = _centre(46.0, -119.0)
    areas = Areas("zcta", ["A"], ["A"], ["WA"], np.array([one[1]]), np.array([one[2]]),
                  np.array([10.0]))  # fmt: skip
    assert len(greedy(areas, Candidates.of([one[0], _centre(40.0, -100.0)[0]]), 50.0, 5)) == 1


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _washington_rings() -> list[list[list[float]]]:
    data = json.loads((GEO / "census_states_gz2010_20m.geojson").read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["STATE"] == "53":
            geometry = feature["geometry"]
            polygons = geometry["coordinates"]
            polygons = [polygons] if geometry["type"] == "Polygon" else polygons
            return [polygon[0] for polygon in polygons]
    raise AssertionError("Washington's outline is missing")


def _zctas_beyond(stations: list[tuple[float, float, int]]) -> list[dict[str, Any]]:
    population = {
        row[3]: int(row[1])
        for row in json.loads((GEO / "census_acs5_2023_zcta_population.json").read_text())[1:]
    }
    beyond = []
    for zcta in _wa_zctas():
        if (
            zcta["geoid"] in population
            and min(miles(zcta["lat"], zcta["lon"], s[0], s[1]) for s in stations) > 50
        ):
            beyond.append({**zcta, "population": population[zcta["geoid"]]})
    return beyond


def _wa_zctas() -> list[dict[str, Any]]:
    from chargewatch.geography import area_rows

    return [
        {"geoid": r["geoid"], "lat": float(r["latitude"]), "lon": float(r["longitude"])}
        for r in area_rows("zcta")
        if r["state"] == "WA"
    ]


def test_sites_on_the_real_washington_file(invoke: CliRunnerCall) -> None:
    path = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
    assert invoke("ingest", "-q", str(path)).exit_code == 0
    result = invoke("sites", "--within", "50", "--top", "20", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    unserved = _zctas_beyond(dc_fast_stations([path]))
    assert report["unserved"] == {
        "areas": len(unserved),
        "population": sum(z["population"] for z in unserved),
    }
    assert report["states"] == ["WA"] and report["resolution"] == 5
    served: set[str] = set()
    total = 0
    rings = _washington_rings()
    for rank, pick in enumerate(report["sites"], start=1):
        reach = {
            z["geoid"]: z["population"] for z in unserved
            if z["geoid"] not in served and miles(z["lat"], z["lon"], pick["latitude"], pick["longitude"]) <= 50
        }  # fmt: skip
        assert pick["rank"] == rank
        assert pick["areas"] == sorted(reach)
        assert pick["population"] == sum(reach.values()) > 0
        served |= set(reach)
        total += pick["population"]
        assert pick["population_served"] == total
        assert any(_inside(pick["longitude"], pick["latitude"], ring) for ring in rings)
        assert h3.get_resolution(pick["cell"]) == 5
    assert total == report["unserved"]["population"]  # the picks serve everyone unserved
    gains = [p["population"] for p in report["sites"]]
    assert gains == sorted(gains, reverse=True)  # each pick's gain is no more than the last's
