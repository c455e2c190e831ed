"""``/api/stations`` and the filter checks of the dashboard's JSON API, on a real warehouse.

Two snapshots of the hand-made fixture tests/fixtures/afdc_kpi_handmade.csv
(see tests/test_kpi.py for its lines), worked out by hand:

  snapshot 1, as of 2024-03-01: the fixture as it is. Existing stations with
    coordinates: 1, 2 (T: temporarily unavailable), 3, 5, 6 (no status: unknown), 8;
    4 is planned, 7 is CNG (skipped).
  snapshot 2, as of 2024-04-01: station 2 back in service (E) and renamed "Two again",
    station 3 no longer listed (so removed), station 9 new. Existing now: 1, 2, 5, 6, 8, 9.

Operational rate: 4 of 5 (80%) on 2024-03-01 (1, 3, 5, 8 of those plus 2);
5 of 5 (100%) on 2024-04-01, so the tile reads "+20.0 pts since 2024-03-01"
(in WA: 3 of 4, then 4 of 4: "+25.0 pts").
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chargewatch.serve.dashboard import ReaderConnection, create_app
from chargewatch.serve.filters import options
from tests.conftest import AFDC_DIR, FIXTURES, CliRunnerCall
from tests.test_dates import newest_update

FIXTURE = FIXTURES / "afdc_kpi_handmade.csv"
NINE = "ELEC,Nine,Spokane,WA,E,47.66,-117.43,9,2024-03-20 10:00:00 UTC,6,0,24 hours daily,public,Public,J1772,Blink Network,HOTEL,P"  # noqa: E501


@pytest.fixture
def client(invoke: CliRunnerCall, tmp_path: Path) -> TestClient:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    second = [lines[0]]
    for line in lines[1:]:
        fields = line.split(",")
        if fields[7] == "3":
            continue
        if fields[7] == "2":
            fields[1], fields[4] = "Two again", "E"
        second.append(",".join(fields))
    later = tmp_path / "afdc_second.csv"
    later.write_text("\n".join([*second, NINE]) + "\n", encoding="utf-8")
    assert invoke("ingest", str(FIXTURE), "--as-of", "2024-03-01").exit_code == 0
    assert invoke("ingest", str(later), "--as-of", "2024-04-01").exit_code == 0
    return TestClient(create_app(invoke.settings))


def _get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_stations_have_their_fields_now(client: TestClient) -> None:
    body = _get(client, "/api/stations")
    paging = (body["as_of"], body["total"], body["offset"], body["limit"])
    assert paging == ("2024-04-01", 6, 0, 1000)
    assert [s["id"] for s in body["stations"]] == ["1", "2", "5", "6", "8", "9"]
    assert body["stations"][0] == {
        "id": "1", "name": "One", "network": "ChargePoint Network", "status": "operational",
        "ports": {"level1": 0, "level2": 2, "dc_fast": 2}, "latitude": 47.6, "longitude": -122.3, "source": "afdc",
    }  # fmt: skip
    two = body["stations"][1]
    assert (two["name"], two["status"]) == ("Two again", "operational")
    assert body["stations"][-1] == {
        "id": "9", "name": "Nine", "network": "Blink Network", "status": "operational",
        "ports": {"level1": 0, "level2": 6, "dc_fast": 0}, "latitude": 47.66, "longitude": -117.43, "source": "afdc",
    }  # fmt: skip
    assert [s["status"] for s in body["stations"]].count("unknown") == 1  # station 6


def test_stations_as_of_a_day_are_the_versions_valid_then(client: TestClient) -> None:
    body = _get(client, "/api/stations?as_of=2024-03-15")
    assert (body["as_of"], body["total"]) == ("2024-03-15", 6)
    assert [s["id"] for s in body["stations"]] == ["1", "2", "3", "5", "6", "8"]
    two = body["stations"][1]
    assert (two["name"], two["status"]) == ("Two", "temporarily_unavailable")
    assert body["stations"][2]["name"] == "Three"
    on_the_day = _get(client, "/api/stations?as_of=2024-04-01")
    assert [s["id"] for s in on_the_day["stations"]] == ["1", "2", "5", "6", "8", "9"]


def test_as_of_before_every_snapshot_or_not_a_date_is_422(client: TestClient) -> None:
    body = _get(client, "/api/stations?as_of=2024-02-01", 422)
    assert body == {
        "detail": "no snapshot on or before 2024-02-01: the oldest loaded snapshot is of 2024-03-01"
    }
    assert _get(client, "/api/stations?as_of=someday", 422)["detail"][0]["loc"] == [
        "query", "as_of"
    ]  # fmt: skip


def test_paging_keeps_the_total(client: TestClient) -> None:
    page = _get(client, "/api/stations?limit=2&offset=1")
    assert [s["id"] for s in page["stations"]] == ["2", "5"]
    assert (page["total"], page["limit"], page["offset"]) == (6, 2, 1)
    beyond = _get(client, "/api/stations?limit=2&offset=10")
    assert (beyond["stations"], beyond["total"]) == ([], 6)
    assert _get(client, "/api/stations?limit=0", 422)["detail"][0]["loc"] == ["query", "limit"]


def test_the_dashboard_filters_apply(client: TestClient) -> None:
    def ids(query: str) -> list[str]:
        return [s["id"] for s in _get(client, "/api/stations?" + query)["stations"]]

    assert ids("state=OR") == ["5", "6"]
    assert ids("network=Tesla") == ["8"]  # 3 was Tesla too, and is gone
    assert ids("network=Tesla&as_of=2024-03-15") == ["3", "8"]
    assert ids("status=unknown") == ["6"]
    assert ids("state=WA&access=public&facility_type=HOTEL") == ["2", "9"]
    assert ids("status=temporarily_unavailable") == []


def test_unknown_filter_values_are_422_naming_the_choices(client: TestClient) -> None:
    assert _get(client, "/api/stations?state=XX", 422) == {
        "detail": "unknown state 'XX': no station has it; one of OR, WA"
    }
    assert _get(client, "/api/stations?network=Teslaa", 422) == {
        "detail": "unknown network 'Teslaa': no station has it; one of Blink Network, "
        "ChargePoint Network, Electrify America, Non-Networked, Tesla"
    }
    assert _get(client, "/api/stations?status=broken", 422) == {
        "detail": "unknown status 'broken': no station has it; one of operational, "
        "temporarily_unavailable, planned, unknown, removed"
    }
    assert _get(client, "/api/kpis?state=XX", 422)["detail"].startswith("unknown state 'XX'")
    assert _get(client, "/api/kpis?state=OR")["counts"]["existing"] == 2


def test_the_compact_form_holds_the_same_stations_as_columns(client: TestClient) -> None:
    body = _get(client, "/api/stations?format=compact")
    assert (body["total"], body["limit"]) == (6, None)
    assert body["networks"] == ["Blink Network", "ChargePoint Network", "Non-Networked", "Tesla"]
    assert body["statuses"] == ["operational", "temporarily_unavailable", "planned", "unknown",
                                "removed"]  # fmt: skip
    columns = body["columns"]
    assert columns["id"] == ["1", "2", "5", "6", "8", "9"]
    assert columns["name"] == ["One", "Two again", "Five", "Six", "Eight", "Nine"]
    assert columns["network"] == [1, 1, 2, 2, 3, 0]
    assert columns["status"] == [0, 0, 0, 3, 0, 0]
    assert columns["level2_ports"] == [2, 4, 2, 1, 0, 6]
    assert columns["dc_fast_ports"] == [2, 0, 0, 0, 0, 0]
    assert columns["latitude"] == [47.6, 47.6, 45.5, 45.5, 47.6, 47.66]
    objects = _get(client, "/api/stations")["stations"]
    assert [s["longitude"] for s in objects] == columns["longitude"]


def test_the_page_shows_each_tiles_change_and_leaves_the_stations_to_the_map(
    client: TestClient,
) -> None:
    html = client.get("/?state=WA").text
    assert 'data-url="/api/stations?format=compact&amp;state=WA"' in html
    assert 'data-change="+25.0 pts since 2024-03-01"' in html  # WA: 3 of 4, then 4 of 4
    assert 'data-change="+20.0 pts since 2024-03-01"' in client.get("/").text
    assert 'class="point"' in html and 'class="station' not in html  # trend points, no stations
    assets = client.get("/assets/vendor/leaflet-1.9.4/leaflet.js")
    assert assets.status_code == 200 and assets.text.startswith("/* @preserve")
    assert assets.headers["content-encoding"] == "gzip"  # so is any response over 1 kB


def test_the_filter_choices_are_the_current_stations_values(
    client: TestClient, invoke: CliRunnerCall
) -> None:
    # current: 1, 2, 4 (planned), 5, 6, 8, 9; 3 was removed by the second snapshot
    with ReaderConnection(invoke.settings).use() as conn:
        assert options(conn) == {
            "source": ["afdc"],
            "state": ["OR", "WA"],
            "network": ["Blink Network", "ChargePoint Network", "Electrify America",
                        "Non-Networked", "Tesla"],
            "facility_type": ["CAR_DEALER", "FED_GOV", "HOTEL", "PARKING_LOT"],
            "access": ["private", "public"],
            "status": ["operational", "planned", "unknown"],
        }  # fmt: skip


def test_stale_counts_every_match_and_lists_the_longest_unconfirmed(client: TestClient) -> None:
    # the fixture has no Date Last Confirmed: every existing station is unconfirmed
    stale = _get(client, "/api/stale")
    assert (stale["stations"], stale["stale_days"]) == (6, 365)
    assert [row["station_id"] for row in stale["top"]] == ["1", "2", "5", "6", "8", "9"]
    assert stale["top"][0] == {"station_id": "1", "station_name": "One", "state": "WA",
                               "network": "ChargePoint Network", "date_last_confirmed": None,
                               "days": None}  # fmt: skip
    oregon = _get(client, "/api/stale?state=OR")
    assert (oregon["stations"], [r["station_id"] for r in oregon["top"]]) == (2, ["5", "6"])


def test_loads_reliability_and_quality_are_json_too(client: TestClient) -> None:
    first_rows = len(FIXTURE.read_text(encoding="utf-8").splitlines()) - 1
    loads = _get(client, "/api/loads")
    assert [(x["as_of"], x["file_name"], x["rows_read"]) for x in loads] == [
        ("2024-04-01", "afdc_second.csv", first_rows),  # one line out (3), one in (9)
        ("2024-03-01", "afdc_kpi_handmade.csv", first_rows),
    ]
    assert len(_get(client, "/api/loads?limit=1")) == 1
    found = _get(client, "/api/reliability")
    outages = found["outages"]
    assert (outages["outages"], outages["open"], outages["restored"]) == (1, 0, 1)  # station 2
    assert found["currently_down"]["stations"] == 0
    quality = _get(client, "/api/quality")
    assert (quality["file_name"], quality["as_of"], quality["quarantined_by_reason"]) == (
        "afdc_second.csv",
        "2024-04-01",
        [],
    )
    assert quality["rows"]["skipped"] == 1  # station 7 is CNG
    older = _get(client, f"/api/quality?load_id={loads[1]['load_id']}")
    assert older["file_name"] == "afdc_kpi_handmade.csv"


def test_bad_report_parameters_are_refused_with_a_message(client: TestClient) -> None:
    assert "there is no loaded load 99" in _get(client, "/api/quality?load_id=99", 404)["detail"]
    assert _get(client, "/api/reliability?by=colour", 422)["detail"]
    assert _get(client, "/api/loads?limit=0", 422)["detail"]


def test_down_now_lists_the_matching_stations_in_an_open_outage(invoke: CliRunnerCall) -> None:
    wa = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
    assert invoke("ingest", "--quiet", str(wa)).exit_code == 0
    with wa.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    blink = {
        r["ID"] for r in rows if r["Status Code"] == "T" and r["EV Network"] == "Blink Network"
    }
    client = TestClient(create_app(invoke.settings))
    down = _get(client, "/api/down?network=Blink+Network")
    assert len(down) == min(15, len(blink)) and {row["station_id"] for row in down} <= blink
    assert {row["last_listed_on"] for row in down} == {newest_update(wa)}
    assert [row["days"] for row in down] == sorted((row["days"] for row in down), reverse=True)
    assert _get(client, "/api/down?status=operational") == []
