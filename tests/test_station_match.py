"""Probable matches between registries (``reporting.station_match``) and ``quality
--compare``, checked against the definition worked in plain Python over the two files:
within 50 m, names alike (word similarity ≥ 0.3) or street addresses alike (≥ 0.5),
best pairs one to one."""

from __future__ import annotations

import csv
import json
import math
import re
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
    best_a = {
        a: min((p for p in pairs if p[0] == a), key=lambda p: (-pairs[p]["score"], p[1]))
        for a, _ in pairs
    }
    best_b = {
        b: min((p for p in pairs if p[1] == b), key=lambda p: (-pairs[p]["score"], p[0]))
        for _, b in pairs
    }
    for pair, found in pairs.items():
        found["is_best"] = best_a[pair[0]] == pair and best_b[pair[1]] == pair
    return pairs


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
