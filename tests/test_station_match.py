"""Probable matches between registries (``reporting.station_match``) and ``quality
--compare``, checked against the definition worked in plain Python over the two files:
within 50 m, names alike (word similarity ≥ 0.3) or street addresses alike (≥ 0.5),
best pairs one to one."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Any

from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar
from tests.test_ocm import SAMPLE, _in_scope, _pois

AFDC_WA = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
Station = tuple[str, str | None, str | None, float, float, str | None]
"""(id, name, street address, latitude, longitude, state)"""


def _afdc_stations() -> list[Station]:
    with AFDC_WA.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        (r["ID"], r["Station Name"] or None, r["Street Address"] or None,
         float(r["Latitude"]), float(r["Longitude"]), r["State"])
        for r in rows
        if r["Fuel Type Code"] == "ELEC" and r["Status Code"] != "P"
    ]  # fmt: skip


def _ocm_stations() -> list[Station]:
    return [
        (str(p["ID"]), p["AddressInfo"]["Title"], p["AddressInfo"]["AddressLine1"],
         p["AddressInfo"]["Latitude"], p["AddressInfo"]["Longitude"], "WA")
        for p in _pois(SAMPLE)
        if _in_scope(p) and p.get("StatusTypeID") != 150
    ]  # fmt: skip


def _metres(a: Station, b: Station) -> float:
    lat_a, lon_a, lat_b, lon_b = map(math.radians, (a[3], a[4], b[3], b[4]))
    h = math.sin((lat_b - lat_a) / 2) ** 2
    h += math.cos(lat_a) * math.cos(lat_b) * math.sin((lon_b - lon_a) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def _similarity(a: str | None, b: str | None) -> float | None:
    words_a = {w for w in re.split(r"[^a-z0-9]+", (a or "").lower()) if w}
    words_b = {w for w in re.split(r"[^a-z0-9]+", (b or "").lower()) if w}
    both = words_a | words_b
    return len(words_a & words_b) / len(both) if both else None


def _expected_pairs() -> dict[tuple[str, str], dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for a in _afdc_stations():
        for b in _ocm_stations():
            metres = _metres(a, b)
            names, addresses = _similarity(a[1], b[1]), _similarity(a[2], b[2])
            alike = (names or 0) >= 0.3 or (addresses or 0) >= 0.5
            if metres <= 50 and alike:
                score = 0.4 * (1 - round(metres, 1) / 50) + 0.3 * (names or 0)
                score += 0.3 * (addresses or 0)
                pairs[(a[0], b[0])] = {"distance_m": metres, "score": score, "state": a[5]}
    for pair in _one_to_one({p: round(found["score"], 3) for p, found in pairs.items()}):
        pairs[pair]["is_best"] = True
    for found in pairs.values():
        found.setdefault("is_best", False)
    return pairs


def _one_to_one(scores: dict[tuple[str, str], float]) -> set[tuple[str, str]]:
    """Rounds of pairs that are each other's best (ties to the smaller ID) among the
    pairs whose stations are still free."""
    chosen: set[tuple[str, str]] = set()
    free = dict(scores)
    while free:
        best_a = {
            a: min((p for p in free if p[0] == a), key=lambda p: (-free[p], p[1])) for a, _ in free
        }
        best_b = {
            b: min((p for p in free if p[1] == b), key=lambda p: (-free[p], p[0])) for _, b in free
        }
        taken = {p for p in free if best_a[p[0]] == p and best_b[p[1]] == p}
        chosen |= taken
        free = {
            p: s for p, s in free.items()
            if all(p[0] != a and p[1] != b for a, b in taken)
        }  # fmt: skip
    return chosen


def test_a_station_whose_best_match_went_to_another_gets_its_next_best(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Worked by hand. All four are "Alpha Garage" on Main St, 0.0001 degrees of latitude
    (11.1 m) apart: A1 and O1 at 47.0000 (1 Main St), A2 at 47.0001 (3 Main St), O2 at
    47.00025 (5 Main St). Scores: A1-O1 1.0; A2-O1 0.4 x (1 - 11.1/50) + 0.3 + 0.3 x 0.5 =
    0.761; A2-O2 (16.7 m) 0.716; A1-O2 (27.8 m) 0.628. A1-O1 are each other's best; A2's
    best, O1, is taken, so A2 gets O2."""
    afdc = tmp_path / "afdc.csv"
    afdc.write_text(
        "ID,Fuel Type Code,Station Name,Street Address,City,State,Latitude,Longitude,Status Code\n"
        "A1,ELEC,Alpha Garage,1 Main St,Town,WA,47.0000,-122.0,E\n"
        "A2,ELEC,Alpha Garage,3 Main St,Town,WA,47.0001,-122.0,E\n"
    )
    place = {"Title": "Alpha Garage", "CountryID": 2, "StateOrProvince": "WA", "Longitude": -122.0}
    ocm = tmp_path / "ocm.json"
    ocm.write_text(json.dumps([
        {"ID": "O1", "DataProviderID": 1, "StatusTypeID": 50,
         "AddressInfo": {**place, "AddressLine1": "1 Main St", "Latitude": 47.0}},
        {"ID": "O2", "DataProviderID": 1, "StatusTypeID": 50,
         "AddressInfo": {**place, "AddressLine1": "5 Main St", "Latitude": 47.00025}},
    ]))  # fmt: skip
    assert invoke("ingest", str(afdc), "--as-of", "2024-01-01").exit_code == 0
    assert invoke("ingest", str(ocm), "--as-of", "2024-01-01").exit_code == 0
    rows = conn.execute(
        "select station_a, station_b, score, is_best from reporting.station_match order by 1, 2"
    ).fetchall()
    assert rows == [
        ("A1", "O1", 1.0, True),
        ("A1", "O2", 0.628, False),
        ("A2", "O1", 0.761, False),
        ("A2", "O2", 0.716, True),
    ]


def test_matches_are_the_definition_worked_in_python(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", str(AFDC_WA)).exit_code == 0
    assert invoke("ingest", str(SAMPLE)).exit_code == 0
    expected = _expected_pairs()
    assert expected, "the WA sample should match some AFDC stations"
    rows = conn.execute(
        "select station_a, station_b, distance_m, score, is_best from reporting.station_match "
        "where source_a = 'afdc' and source_b = 'ocm'"
    ).fetchall()
    assert {(a, b) for a, b, *_ in rows} == set(expected)
    for a, b, metres, score, is_best in rows:
        assert abs(metres - expected[(a, b)]["distance_m"]) <= 0.06
        assert abs(score - expected[(a, b)]["score"]) <= 0.0006
        assert is_best == expected[(a, b)]["is_best"], (a, b)


def test_compare_counts_matched_and_only_in_each_by_state(invoke: CliRunnerCall) -> None:
    assert invoke("ingest", str(AFDC_WA)).exit_code == 0
    assert invoke("ingest", str(SAMPLE)).exit_code == 0
    matched = sum(p["is_best"] for p in _expected_pairs().values())
    result = invoke("quality", "--compare", "afdc", "ocm", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = {
        "matched": matched,
        "only_in_afdc": len(_afdc_stations()) - matched,
        "only_in_ocm": len(_ocm_stations()) - matched,
    }
    assert json.loads(result.stdout) == {
        "sources": ["afdc", "ocm"],
        "total": counts,
        "by_state": [{"state": "WA", **counts}],
    }


def test_compare_names_an_unknown_source(invoke: CliRunnerCall) -> None:
    result = invoke("quality", "--compare", "afdc", "osm")
    assert result.exit_code == 2
    assert "Invalid value for '--compare': 'osm' is not one of 'ocm', 'afdc'." in result.stderr
    result = invoke("quality", "--compare", "afdc", "afdc")
    assert result.exit_code == 2
    assert "Invalid value for '--compare': two different sources, not afdc twice" in result.stderr


def test_kpis_per_source_and_over_all_sources(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("ingest", str(AFDC_WA)).exit_code == 0
    assert invoke("ingest", str(SAMPLE)).exit_code == 0
    existing = {"afdc": len(_afdc_stations()), "ocm": len(_ocm_stations())}

    def kpi(*args: str) -> dict[str, Any]:
        result = invoke("kpi", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return dict(json.loads(result.stdout))

    by_source = kpi("--by", "source")
    assert {g["source"]: g["counts"]["existing"] for g in by_source["groups"]} == existing
    assert kpi()["counts"]["existing"] == sum(existing.values())
    ocm = kpi("--source", "ocm")
    assert ocm["counts"]["existing"] == existing["ocm"]
    assert ocm["kpis"]["accessibility_24_7_rate"] is None  # OCM gives no opening hours
    assert [s["source"] for s in ocm["snapshots"]] == ["ocm"]
    assert (
        kpi("--source", "afdc", "--by", "state")["groups"][0]["counts"]["existing"]
        == (existing["afdc"])
    )
    table = invoke("kpi").stdout
    assert f"/ {existing['afdc']} existing with hours given (" in table
    assert f"{existing['ocm']} from files without hours)" in table
    assert "Mixes snapshot dates: afdc WA as of 2024-05-22; ocm WA as of " in table
    trend = kpi("--trend", "--source", "ocm")["trend"]
    assert [(row["as_of"], row["counts"]["existing"]) for row in trend] == [
        (
            scalar(conn, "select as_of_date::text from core.load where source = 'ocm'"),
            existing["ocm"],
        )
    ]
