"""Coverage gaps (``chargewatch gaps``) against a plain-Python brute force over the real
AFDC files and the Census files, and hand-made cases worked out below.

Brute force: every county of the state at its Gazetteer internal point, every DC fast
station of the files (ELEC, status E, public, a DC fast port, coordinates), the
haversine distance (Earth radius 3,958.8 miles) of every pair, no index."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pytest

from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, SHARED_DATA, CliRunnerCall

GEO = SHARED_DATA / "geo"
FILES = ("afdc_WA_elec_2024-05.csv", "afdc_NY_allfuels_2025-02.csv", "afdc_VA_elec_2022-04-25.csv")
R = 3958.8
HEADER = (
    "Fuel Type Code,Station Name,City,State,Status Code,Latitude,Longitude,ID,Updated At,"
    "EV Level2 EVSE Num,EV DC Fast Count,Access Days Time,Access Code,Groups With Access Code,"
    "EV Connector Types,EV Network,Facility Type,Owner Type Code"
)


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(math.sqrt(h))


def gazetteer_counties(state: str) -> list[dict[str, Any]]:
    population = {}
    rows = json.loads((GEO / "census_acs5_2023_county_population.json").read_text())
    for row in rows[1:]:
        population[row[3] + row[4]] = int(row[1])
    found = []
    with (GEO / "census_2025_Gaz_counties_national.txt").open(encoding="utf-8") as f:
        for raw in csv.DictReader(f, delimiter="|"):
            row = {k.strip(): v.strip() for k, v in raw.items()}
            if row["USPS"] == state:
                found.append(
                    {"geoid": row["GEOID"], "lat": float(row["INTPTLAT"]),
                     "lon": float(row["INTPTLONG"]), "population": population.get(row["GEOID"])}
                )  # fmt: skip
    return found


def dc_fast_stations(paths: list[Path]) -> list[tuple[float, float, int]]:
    found = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                ports = int(r["EV DC Fast Count"] or 0)
                if (
                    r["Fuel Type Code"] == "ELEC" and r["Status Code"] == "E"
                    and r["Access Code"] == "public" and ports > 0
                    and r["Latitude"] and r["Longitude"]
                ):  # fmt: skip
                    found.append((float(r["Latitude"]), float(r["Longitude"]), ports))
    return found


def brute_force(state: str, stations: list[tuple[float, float, int]]) -> dict[str, Any]:
    groups = {}
    beyond = 0
    for county in gazetteer_counties(state):
        far = [miles(county["lat"], county["lon"], s[0], s[1]) for s in stations]
        near = [(d, s) for d, s in zip(far, stations, strict=True) if d <= 50]
        groups[county["geoid"]] = {
            "nearest": min(far),
            "stations": len(near),
            "ports": sum(s[2] for _, s in near),
            "population": county["population"],
        }
        beyond += county["population"] if min(far) > 50 else 0
    return {"groups": groups, "population_beyond": beyond}


def test_real_files_equal_a_brute_force_for_wa_ny_and_va(invoke: CliRunnerCall) -> None:
    for name in FILES:
        assert invoke("ingest", "-q", str(AFDC_DIR / name)).exit_code == 0
    stations = dc_fast_stations([AFDC_DIR / name for name in FILES])
    for state in ("WA", "NY", "VA"):
        result = invoke("gaps", "--by", "county", "--state", state, "--format", "json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        expected = brute_force(state, stations)
        assert report["as_of"] == "2025-04-21"
        assert report["within_miles"] == 50 and report["by"] == "county"
        assert {g["geoid"] for g in report["groups"]} == set(expected["groups"])
        for group in report["groups"]:
            want = expected["groups"][group["geoid"]]
            assert group["state"] == state
            assert group["nearest_dcfc_miles"] == pytest.approx(want["nearest"], abs=0.005)
            assert group["dcfc_stations_within"] == want["stations"], group
            assert group["dcfc_ports_within"] == want["ports"], group
            assert group["population"] == want["population"]
        summary = report["summary"]
        assert summary["areas"] == len(expected["groups"])
        assert summary["population"] == sum(g["population"] for g in expected["groups"].values())
        assert summary["population_beyond"] == expected["population_beyond"]
        assert summary["areas_beyond"] == sum(
            g["nearest"] > 50 for g in expected["groups"].values()
        )


# Hand-made: Ferry County, WA (53019) and Asotin County, WA (53003) at their Gazetteer
# points; Nez Perce County, ID (16069) across the Snake River from Asotin.
FERRY = (48.473256, -118.533589)
ASOTIN = (46.181861, -117.227781)
NEZ_PERCE = (46.333791, -116.760909)
BOISE = (43.6, -116.2)


def _exactly_fifty_south() -> tuple[float, float]:
    """The point due south of Ferry's whose haversine distance is 50 miles or the least
    float above it: a rule of strict "less than 50" would call it beyond."""
    lat = FERRY[0] - math.degrees(50 / R)
    while miles(*FERRY, lat, FERRY[1]) < 50:
        lat = math.nextafter(lat, -90)
    return lat, FERRY[1]


FIFTY_SOUTH = _exactly_fifty_south()


def station(
    n: int, state: str, status: str, point: tuple[float, float], dc: int, access: str
) -> str:
    groups = "Public" if access == "public" else "Private"
    return (
        f"ELEC,Station {n},Town,{state},{status},{point[0]},{point[1]},{n},"
        f"2024-03-01 10:00:00 UTC,2,{dc},24 hours daily,{access},{groups},J1772COMBO,,,P"
    )


def write_csv(path: Path, lines: list[str]) -> str:
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def handmade(invoke: CliRunnerCall, tmp_path: Path) -> CliRunnerCall:
    lines = [
        station(1, "WA", "E", FIFTY_SOUTH, 2, "public"),  # exactly 50 miles from Ferry
        station(2, "WA", "T", FERRY, 4, "public"),  # temporarily unavailable: no
        station(3, "WA", "E", FERRY, 3, "private"),  # private: no
        station(4, "ID", "E", NEZ_PERCE, 1, "public"),  # serves Asotin from Idaho
        station(5, "WA", "P", ASOTIN, 6, "public"),  # planned: no
        station(6, "ID", "E", BOISE, 1, "public"),  # far from Washington
    ]
    path = write_csv(tmp_path / "handmade.csv", lines)
    assert invoke("ingest", "-q", path, "--as-of", "2024-03-01").exit_code == 0
    return invoke


def _groups(invoke: CliRunnerCall, *args: str) -> dict[str, Any]:
    result = invoke("gaps", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    report["by_geoid"] = {g["geoid"]: g for g in report["groups"]}
    return report


def test_a_county_exactly_fifty_miles_away_is_within(handmade: CliRunnerCall) -> None:
    assert 50 <= miles(*FERRY, *FIFTY_SOUTH) < 50 + 1e-9
    ferry = _groups(handmade, "--state", "WA")["by_geoid"]["53019"]
    assert ferry["nearest_dcfc_miles"] == 50.0
    assert ferry["nearest_dcfc_station_id"] == "1"
    assert ferry["dcfc_stations_within"] == 1 and ferry["dcfc_ports_within"] == 2
    assert ferry["is_beyond"] is False
    tighter = _groups(handmade, "--state", "WA", "--within", "49.99")["by_geoid"]["53019"]
    assert tighter["is_beyond"] is True and tighter["dcfc_stations_within"] == 0


def test_t_private_and_planned_stations_do_not_count(handmade: CliRunnerCall) -> None:
    groups = _groups(handmade, "--state", "WA")["by_geoid"]
    # Stations 2 and 3 stand on Ferry's point and station 5 on Asotin's; none counts.
    assert groups["53019"]["nearest_dcfc_miles"] == 50.0
    assert groups["53003"]["nearest_dcfc_station_id"] == "4"


def test_a_border_county_is_served_from_the_next_state(handmade: CliRunnerCall) -> None:
    report = _groups(handmade, "--state", "WA")
    asotin = report["by_geoid"]["53003"]
    assert asotin["nearest_dcfc_miles"] == round(miles(*ASOTIN, *NEZ_PERCE), 2)
    assert asotin["nearest_dcfc_miles"] < 30
    assert asotin["dcfc_stations_within"] == 1 and asotin["is_beyond"] is False
    assert report["states"] == ["WA"]  # --state limits the areas, not the stations


def test_a_county_without_population_is_listed_with_null_and_summed_nowhere(
    handmade: CliRunnerCall, conn: Connection
) -> None:
    before = _groups(handmade, "--state", "WA")
    conn.execute(
        "update core.geo_area set population = null where kind = 'county' and geoid = '53019'"
    )
    conn.commit()
    after = _groups(handmade, "--state", "WA")
    assert after["by_geoid"]["53019"]["population"] is None
    ferry = before["by_geoid"]["53019"]["population"]
    assert ferry == 7326
    assert after["summary"]["population"] == before["summary"]["population"] - ferry
    assert after["summary"]["areas"] == before["summary"]["areas"] == 39


def test_the_zctas_without_population_are_listed_with_null(handmade: CliRunnerCall) -> None:
    report = _groups(handmade, "--by", "zcta", "--state", "WA")
    missing = [g["geoid"] for g in report["groups"] if g["population"] is None]
    acs = json.loads((GEO / "census_acs5_2023_zcta_population.json").read_text())
    known = {row[3] for row in acs[1:]}
    assert missing == sorted(set(report["by_geoid"]) - known)
    total = sum(g["population"] or 0 for g in report["groups"])
    assert report["summary"]["population"] == total


def test_summary_and_exact_messages(handmade: CliRunnerCall) -> None:
    result = handmade("gaps", "--state", "id")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    report = _groups(handmade, "--state", "ID")
    s = report["summary"]
    share = f"{s['share_beyond']:.1%}"
    assert first == (
        f"As of 2024-03-01, {s['population_beyond']:,} of {s['population']:,} people ({share}) "
        f"live more than 50 miles from a public DC fast station; {s['areas_beyond']} of "
        f"{s['areas']} counties in ID."
    )
    refused = handmade("gaps", "--state", "OR")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: --state OR: no station snapshot of 2024-03-01 covers it (covered: ID, WA)\n"
    )
    assert handmade("gaps", "--state", "XX").stderr == (
        "Error: --state XX: not a US state code (covered: ID, WA)\n"
    )


def test_states_are_their_counties_taken_together(handmade: CliRunnerCall) -> None:
    counties = _groups(handmade, "--state", "WA")
    state = _groups(handmade, "--by", "state", "--state", "WA")["groups"][0]
    groups = counties["groups"]
    assert state["population"] == counties["summary"]["population"]
    assert state["population_beyond"] == counties["summary"]["population_beyond"]
    assert state["counties_beyond"] == counties["summary"]["areas_beyond"]
    assert state["nearest_dcfc_miles"] == max(g["nearest_dcfc_miles"] for g in groups)
    assert state["dcfc_stations_within"] == 2  # stations 1 and 4 each serve a county
    # Public ports located in WA: station 1's 2 + 2 Level 2 (station 2 is T, 3 private,
    # 5 planned); WA registered 104,100 EVs in 2022, the newest year on or before 2024.
    assert state["public_ports"] == 4
    assert (state["ev_registrations"], state["ev_registrations_year"]) == (104100, 2022)
    assert state["ports_per_1000_evs"] == round(4 * 1000 / 104100, 2)


def test_trend_names_the_county_that_lost_its_only_station(
    handmade: CliRunnerCall, tmp_path: Path
) -> None:
    lines = [
        station(1, "WA", "T", FIFTY_SOUTH, 2, "public"),  # now temporarily unavailable
        station(2, "WA", "T", FERRY, 4, "public"),
        station(3, "WA", "E", FERRY, 3, "private"),
        station(5, "WA", "P", ASOTIN, 6, "public"),
        station(6, "ID", "E", BOISE, 1, "public"),
    ]  # station 4 is no longer listed (the file still covers Idaho: station 6)
    later = write_csv(tmp_path / "later.csv", lines)
    assert handmade("ingest", "-q", later, "--as-of", "2024-06-01").exit_code == 0
    report = json.loads(handmade("gaps", "--trend", "--format", "json").stdout)
    assert [row["as_of"] for row in report["trend"]] == ["2024-03-01", "2024-06-01"]
    first, second = (row["summary"] for row in report["trend"])
    assert second["population_beyond"] > first["population_beyond"]
    lost = {row["geoid"]: row for row in report["newly_unserved"]}
    assert lost["53019"]["lost_stations"] == [
        {
            "source": "afdc",
            "station_id": "1",
            "name": "Station 1",
            "reason": "temporarily unavailable",
        }
    ]
    assert lost["53019"]["previous_nearest_dcfc_miles"] == 50.0
    assert lost["53019"]["nearest_dcfc_miles"] == round(miles(*FERRY, *BOISE), 2)
    reasons = {s["reason"] for s in lost["53003"]["lost_stations"]}
    assert reasons == {"gone: no longer listed as an existing public station"}
    then = _groups(handmade, "--state", "WA", "--as-of", "2024-05-31")
    assert then["as_of"] == "2024-03-01"  # the newest snapshot on or before the date
    assert then["by_geoid"]["53019"]["nearest_dcfc_miles"] == 50.0
    now = _groups(handmade, "--state", "WA")
    assert now["as_of"] == "2024-06-01" and now["by_geoid"]["53019"]["is_beyond"] is True


def _ocm_poi(poi_id: int, title: str, point: tuple[float, float]) -> dict[str, Any]:
    """An operational public Open Charge Map POI in Washington with two CHAdeMO ports."""
    return {
        "ID": poi_id, "DataProviderID": 1, "UsageTypeID": 1, "StatusTypeID": 50,
        "AddressInfo": {"Title": title, "CountryID": 2, "StateOrProvince": "WA",
                        "Latitude": point[0], "Longitude": point[1]},
        "Connections": [{"ConnectionTypeID": 2, "LevelID": 3, "Quantity": 2}],
    }  # fmt: skip


def test_a_station_two_registries_list_counts_once(
    handmade: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Open Charge Map lists AFDC's station 1 again (11 m away, the same name) and one
    station of its own 20 miles north of Ferry's point: Ferry then has two DC fast
    stations within 50 miles, not three, and four DC fast ports."""
    north = (FERRY[0] + math.degrees(20 / R), FERRY[1])
    pois = [_ocm_poi(101, "Station 1", (FIFTY_SOUTH[0] + 0.0001, FIFTY_SOUTH[1])),
            _ocm_poi(102, "Zebra Quokka Garage", north)]  # fmt: skip
    path = tmp_path / "ocm.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pois) + "\n", encoding="utf-8")
    assert handmade("ingest", "-q", str(path), "--as-of", "2024-03-01").exit_code == 0
    pair = conn.execute(
        "select station_a, station_b, is_best from reporting.station_match "
        "where source_a = 'afdc' and source_b = 'ocm'"
    ).fetchall()
    assert pair == [("1", "101", True)]
    ferry = _groups(handmade, "--state", "WA")["by_geoid"]["53019"]
    assert (ferry["dcfc_stations_within"], ferry["dcfc_ports_within"]) == (2, 4)
    assert ferry["nearest_dcfc_miles"] == round(miles(*FERRY, *north), 2)
    assert ferry["nearest_dcfc_source"] == "ocm"


def test_no_dc_fast_station_at_all(invoke: CliRunnerCall, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "level2.csv", [station(1, "WA", "E", FERRY, 0, "public")])
    assert invoke("ingest", "-q", path, "--as-of", "2024-03-01").exit_code == 0
    report = _groups(invoke, "--state", "WA")
    assert all(g["nearest_dcfc_miles"] is None and g["is_beyond"] for g in report["groups"])
    assert all(g["nearest_dcfc_station_id"] is None for g in report["groups"])
    summary = report["summary"]
    assert summary["areas_beyond"] == summary["areas"] == 39
    assert summary["population_beyond"] == summary["population"] and summary["share_beyond"] == 1
    ferry = report["by_geoid"]["53019"]
    assert ferry["level2_ports_within_10"] == 2  # station 1's two Level 2 ports
    table = invoke("gaps", "--state", "WA", "--limit", "1").stdout
    assert " none │" in table


def test_the_reporting_views_hold_what_the_cli_prints(
    handmade: CliRunnerCall, conn: Connection
) -> None:
    counties = _groups(handmade, "--state", "WA")
    rows = conn.execute(
        "select geoid, nearest_dcfc_miles, dcfc_stations_within, dcfc_ports_within, "
        "level2_ports_within_10, is_beyond, population from reporting.county_coverage "
        "where state = 'WA' and as_of_date = '2024-03-01'"
    ).fetchall()
    assert {r[0]: r[1:] for r in rows} == {
        g["geoid"]: (g["nearest_dcfc_miles"], g["dcfc_stations_within"], g["dcfc_ports_within"],
                     g["level2_ports_within_10"], g["is_beyond"], g["population"])
        for g in counties["groups"]
    }  # fmt: skip
    state = _groups(handmade, "--by", "state", "--state", "WA")["groups"][0]
    row = conn.execute(
        "select population, population_beyond, counties_beyond, nearest_dcfc_miles, "
        "dcfc_stations_within, public_ports, ev_registrations, ports_per_1000_evs "
        "from reporting.state_coverage where state = 'WA'"
    ).fetchone()
    assert row == (
        state["population"], state["population_beyond"], state["counties_beyond"],
        state["nearest_dcfc_miles"], state["dcfc_stations_within"], state["public_ports"],
        state["ev_registrations"], state["ports_per_1000_evs"],
    )  # fmt: skip
    assert state["geoid"] == "53"
    trend = conn.execute(
        "select sum(areas), sum(population), sum(areas_beyond), sum(population_beyond) "
        "from reporting.coverage_trend where kind = 'county'"
    ).fetchall()
    both = _groups(handmade)["summary"]
    assert trend == [
        (both["areas"], both["population"], both["areas_beyond"], both["population_beyond"])
    ]


def test_the_pages_trend_is_the_cli_trend(handmade: CliRunnerCall, conn: Connection) -> None:
    from chargewatch.serve.gaps_page import kept_trend

    cli = json.loads(handmade("gaps", "--trend", "--format", "json").stdout)["trend"]
    assert kept_trend(conn, None) == cli
    wa = json.loads(handmade("gaps", "--trend", "--state", "WA", "--format", "json").stdout)
    assert kept_trend(conn, "WA") == wa["trend"]


def test_no_us_state_covered_says_so(invoke: CliRunnerCall, tmp_path: Path) -> None:
    berlin = _ocm_poi(7, "Kurfürstendamm", (52.5, 13.3))
    berlin["AddressInfo"].update({"CountryID": 87, "StateOrProvince": "Berlin"})
    path = tmp_path / "berlin.jsonl"
    path.write_text(json.dumps(berlin) + "\n", encoding="utf-8")
    assert invoke("ingest", "-q", str(path), "--as-of", "2024-03-01").exit_code == 0
    message = (
        "Error: no station file loaded on 2024-03-01 covers a US state: coverage is measured "
        "over the counties and ZCTAs of the 50 states, DC and Puerto Rico\n"
    )
    for args in (("gaps",), ("sites",)):
        result = invoke(*args)
        assert (result.exit_code, result.stderr) == (1, message)
    trend = invoke("gaps", "--trend")
    assert trend.exit_code == 1 and "no station file loaded covers a US state" in trend.stderr
