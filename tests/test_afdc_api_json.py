"""Every AFDC API response in ../shared/data/afdc_api (all, nearest and get, 2017 to
2025) loads as a snapshot, and so does a GeoJSON FeatureCollection of the same stations;
the KPIs follow SPEC §4, worked out here from the JSON with plain Python (the CSV oracle
of test_real_files, fed the API's field names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chargewatch.warehouse.connect import Connection
from tests.conftest import SHARED_DATA, CliRunnerCall
from tests.test_real_files import assert_matches

API_DIR = SHARED_DATA / "afdc_api"
RESPONSES = sorted(API_DIR.glob("*.json"))


def api_stations(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        response = json.load(f)
    if "alt_fuel_station" in response:
        return [response["alt_fuel_station"]]
    return list(response["fuel_stations"])


def as_csv_row(station: dict[str, Any]) -> dict[str, str]:
    """The fields the oracle reads, under their CSV headers."""

    def text(key: str) -> str:
        value = station.get(key)
        return "" if value is None else str(value)

    return {
        "Status Code": text("status_code"),
        "EV DC Fast Count": text("ev_dc_fast_num"),
        "Access Days Time": text("access_days_time"),
        "Access Code": text("access_code"),
        "Groups With Access Code": text("groups_with_access_code"),
        "EV Connector Types": " ".join(station.get("ev_connector_types") or []),
        "State": text("state"),
    }


def elec(stations: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [as_csv_row(s) for s in stations if s.get("fuel_type_code") == "ELEC"]


def test_the_shared_folder_has_every_vintage() -> None:
    assert len(RESPONSES) >= 10
    assert {p.name.split("_")[3] for p in RESPONSES if p.name.startswith("afdc_apidoc")} == {
        "all",
        "get",
        "nearest",
    }


@pytest.mark.parametrize("path", RESPONSES, ids=lambda p: p.name)
def test_each_api_response_loads_with_the_kpis_of_its_stations(
    invoke: CliRunnerCall, conn: Connection, path: Path
) -> None:
    stations = api_stations(path)
    rows = elec(stations)
    result = invoke("ingest", "--quiet", "--as-of", "2025-12-31", str(path))
    assert result.exit_code == (0 if rows else 1), result.output
    if not rows:
        return
    assert f"{len(stations)} rows read: {len(rows)} loaded" in result.stdout
    shown = invoke("kpi", "--format", "json")
    assert_matches(json.loads(shown.stdout), rows)
    assert conn.execute("select count(*) from core.quarantine").fetchone() == (0,)


def test_a_geojson_feature_collection_loads_like_the_response(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    source = API_DIR / "afdc_api_nearest_denver_2018-05.json"
    features = []
    for station in api_stations(source):
        properties = {k: v for k, v in station.items() if k not in ("latitude", "longitude")}
        point = {"type": "Point", "coordinates": [station["longitude"], station["latitude"]]}
        features.append({"type": "Feature", "geometry": point, "properties": properties})
    path = tmp_path / "denver.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert invoke("ingest", "--quiet", str(path)).exit_code == 0
    found = conn.execute(
        "select station_id, latitude, longitude from reporting.station order by station_id"
    ).fetchall()
    assert found == sorted(
        (str(s["id"]), s["latitude"], s["longitude"])
        for s in api_stations(source)
        if s["fuel_type_code"] == "ELEC"
    )
    assert_matches(json.loads(invoke("kpi", "--format", "json").stdout), elec(api_stations(source)))


def test_nested_fields_are_kept_whole(invoke: CliRunnerCall, conn: Connection) -> None:
    path = API_DIR / "afdc_apidoc_example_all_2025-12-12.json"
    assert invoke("ingest", "--quiet", "--as-of", "2025-12-31", str(path)).exit_code == 0
    first = api_stations(path)[0]
    extra, agency = conn.execute(
        "select extra, federal_agency_name from raw.afdc_station order by line_number limit 1"
    ).fetchone() or (None, None)
    assert extra["ev_charging_units"] == first["ev_charging_units"]
    assert extra["ev_network_ids"] == first["ev_network_ids"]
    assert agency == ((first.get("federal_agency") or {}).get("name"))


def test_a_response_cut_short_is_refused(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    text = (API_DIR / "afdc_apidoc_example_all_2025-12-12.json").read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    start = text.index("[", text.index('"fuel_stations"')) + 1
    start += len(text[start:]) - len(text[start:].lstrip())
    _, end = json.JSONDecoder().raw_decode(text, start)
    path.write_text(text[:end] + ",")  # cut after the first station
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.stderr == "Error: cut.json: the JSON ends inside a list (cut short?)\n"
    assert conn.execute("select count(*) from core.station").fetchone() == (0,)
