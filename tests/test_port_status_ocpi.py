"""OCPI Locations as a status feed: the specification's examples loaded from files,
pulled from a local server that replays a CPO's paged GET /locations, and pushed to
chargewatch's own receiver (serve --ocpi), with the statuses and minutes worked out
by hand."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from chargewatch.cli.main import cli
from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.serve.dashboard import create_app
from chargewatch.serve.ocpi import add_ocpi_routes
from chargewatch.warehouse.connect import connect
from tests.conftest import SHARED_DATA, CliRunnerCall, settings_env
from tests.replay import Reply, replaying

OCPI = SHARED_DATA / "ocpi"
LOCATION = OCPI / "ocpi221_location_example.json"
PATCH = OCPI / "ocpi221_location_patch_evse_status.json"
LIMITED = OCPI / "ocpi221_location_uc4_limited_visibility.json"
NDW_PAGE = OCPI / "ocpi_ndw_receiver_test_page0_NL_2021.json"
NDW_LIST = OCPI / "ocpi_ndw_receiver_test_locations_NL_2021.json"
TOKEN = "s3cret-token"
RECEIVED = datetime(2019, 10, 1, 6, 0, tzinfo=UTC)
"""When the receiver says the pushes arrived: a push watches what it says until then."""
STATUS = {"AVAILABLE": "available", "BLOCKED": "in_use", "CHARGING": "in_use",
          "RESERVED": "reserved"}  # fmt: skip
EVENTS = (
    "select p.port_id, e.observed_at, e.status, e.source_status from core.status_event as e "
    "join core.port as p using (port_pk) order by 1, 2"
)
INTERVALS = (
    "select p.port_id, i.starts_at, i.ends_at, i.status "
    "from core.port_status_interval as i join core.port as p using (port_pk) order by 1, 2"
)
MONTHS = (
    "select port_id, month, observed_minutes::float8, outage_minutes::float8 "
    "from reporting.port_uptime_month order by 1, 2"
)


def _rows(settings: Settings, query: str) -> list[tuple[Any, ...]]:
    with connect(settings) as conn:
        return conn.execute(query).fetchall()


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture
def receiver(settings: Settings) -> TestClient:
    app = create_app(settings)
    add_ocpi_routes(app, settings, TOKEN, max_bytes=4096, clock=lambda: RECEIVED)
    return TestClient(app)


def _push(client: TestClient, method: str, path: str, body: Any, token: str | None) -> Any:
    headers = {"Authorization": f"Token {token}"} if token is not None else {}
    url = f"/ocpi/2.2.1/locations/BE/BEC/{path}"
    return client.request(method, url, content=json.dumps(body), headers=headers)


def test_the_location_example_then_its_status_patch_give_the_minutes_worked_by_hand(
    settings: Settings, receiver: TestClient
) -> None:
    with connect(settings) as conn:
        ingest_file(conn, Lake(settings.lake), str(LOCATION))
    # The file's time is its newest last_updated, 2015-06-29 20:39:09: EVSE 3256 is
    # available from its own last_updated, 2015-06-28 08:12:01, until then; 3257's
    # RESERVED is at the file's time, so nothing of it is observed yet.
    assert _rows(settings, MONTHS) == [("3256", "2015-06", 1440 + 12 * 60 + 27 + 8 / 60, 0.0)]
    answer = _push(receiver, "PATCH", "LOC1/3256", json.loads(PATCH.read_text()), TOKEN)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status_code"] == 1000
    # The PATCH (CHARGING at 2019-06-24 12:39:09) ends the available run there, and,
    # received on 1 October 2019 at 06:00, watches the EVSE in use until then: every month
    # from July 2015 to September 2019 is observed whole, and October for six hours.
    months = _rows(settings, MONTHS)
    assert len(months) == 53
    assert months[0] == ("3256", "2015-06", 2 * 1440 + 15 * 60 + 47 + 59 / 60, 0.0)
    assert months[1] == ("3256", "2015-07", 31 * 1440.0, 0.0)
    assert months[-5:] == [
        ("3256", "2019-06", 30 * 1440.0, 0.0), ("3256", "2019-07", 31 * 1440.0, 0.0),
        ("3256", "2019-08", 31 * 1440.0, 0.0), ("3256", "2019-09", 30 * 1440.0, 0.0),
        ("3256", "2019-10", 360.0, 0.0),
    ]  # fmt: skip
    assert _rows(settings, EVENTS) == [
        ("3256", _at("2015-06-28T08:12:01Z"), "available", "AVAILABLE"),
        ("3256", _at("2019-06-24T12:39:09Z"), "in_use", "CHARGING"),
        ("3257", _at("2015-06-29T20:39:09Z"), "reserved", "RESERVED"),
    ]


def test_a_push_without_the_right_token_is_401_and_stores_nothing(
    settings: Settings, receiver: TestClient
) -> None:
    body = json.loads(LIMITED.read_text())
    for token in (None, "wrong", base64.b64encode(b"wrong").decode()):
        answer = _push(receiver, "PUT", body["id"], body, token)
        assert answer.status_code == 401
        assert answer.json()["status_code"] == 2000
    assert _rows(settings, "select count(*) from core.load") == [(0,)]
    assert not any(Path(settings.lake).rglob("*.json"))
    for token in (TOKEN, base64.b64encode(TOKEN.encode()).decode()):
        assert _push(receiver, "PUT", body["id"], body, token).status_code == 200
    assert _rows(settings, EVENTS) == [
        ("8c1b3487-61ac-40a7-a367-21eee99dbd90", _at("2019-09-27T00:19:45Z"), "available",
         "AVAILABLE"),
    ]  # fmt: skip
    assert _rows(settings, "select count(*) from core.load") == [(1,)]


def test_a_bad_push_is_answered_with_what_is_wrong_and_stores_nothing(
    settings: Settings, receiver: TestClient
) -> None:
    broken = {"status": "BROKEN", "last_updated": "2024-01-01T00:00:00Z"}
    answer = _push(receiver, "PUT", "LOC1/3256", broken, TOKEN)
    assert (answer.status_code, answer.json()["status_code"]) == (400, 2001)
    assert answer.json()["status_message"].startswith(
        "push, Location LOC1, EVSE 3256, status: 'BROKEN' is not an OCPI EVSE status (AVAILABLE"
    )
    undated = _push(receiver, "PATCH", "LOC1/3256", {"status": "AVAILABLE"}, TOKEN)
    assert undated.status_code == 400
    assert undated.json()["status_message"] == (
        "last_updated: missing; a PATCH carries the time of its change"
    )
    big = _push(receiver, "PUT", "LOC1", {"id": "LOC1", "name": "x" * 5000}, TOKEN)
    assert big.status_code == 413
    no_status = _push(
        receiver, "PATCH", "LOC1/3256", {"floor_level": "2", "last_updated": "2024-01-01T00:00Z"},
        TOKEN,
    )  # fmt: skip
    assert no_status.json()["status_code"] == 1000
    assert _rows(settings, "select count(*) from core.load") == [(0,)]


def _page(locations: list[Any], link: str | None) -> Reply:
    body = {"data": locations, "status_code": 1000, "timestamp": "2024-05-01T12:00:00Z"}
    headers = {"X-Total-Count": "2", "Content-Type": "application/json"}
    if link:
        headers["Link"] = f'<{link}>; rel="next"'
    return Reply(body=json.dumps(body).encode(), headers=headers)


def _pull(invoke: CliRunnerCall, *args: str) -> Result:
    env = {**settings_env(invoke.settings), "CHARGEWATCH_OCPI_TOKEN": TOKEN}
    return invoke.runner.invoke(cli, ["pull", "ocpi", "--quiet", *args], env=env)


def test_a_pull_follows_the_pages_and_loads_every_evse(invoke: CliRunnerCall) -> None:
    first = json.loads(LOCATION.read_text())
    second = json.loads(LIMITED.read_text())
    with replaying([], path="/ocpi/2.2.1/locations") as api:
        api.replies.extend([_page([first], f"{api.url}?offset=1&limit=1"), _page([second], None)])
        result = _pull(invoke, api.url, "--date-from", "2015-01-01T00:00:00")
        started = datetime.now(UTC)
    assert result.exit_code == 0, result.output
    assert [parse_qs(urlsplit(r).query) for r in api.requests] == [
        {"offset": ["0"], "limit": ["100"], "date_from": ["2015-01-01T00:00:00Z"]},
        {"offset": ["1"], "limit": ["1"]},
    ]
    sent = base64.b64encode(TOKEN.encode()).decode()
    assert [h["authorization"] for h in api.headers] == [f"Token {sent}"] * 2
    events = _rows(invoke.settings, EVENTS)
    assert [(port, at, status) for port, at, status, _ in events] == [
        ("3256", _at("2015-06-28T08:12:01Z"), "available"),
        ("3257", _at("2015-06-29T20:39:09Z"), "reserved"),
        ("8c1b3487-61ac-40a7-a367-21eee99dbd90", _at("2019-09-27T00:19:45Z"), "available"),
    ]
    # The pull watched every EVSE up to the time it was made: each status holds until then.
    (watched,) = _rows(invoke.settings, "select min(last_seen), max(last_seen) from core.port")
    assert watched[0] == watched[1]
    assert abs((watched[0] - started).total_seconds()) < 120


def test_a_refused_token_names_the_option(invoke: CliRunnerCall) -> None:
    with replaying([Reply(401, b"{}")], path="/ocpi/2.2.1/locations") as api:
        result = _pull(invoke, api.url)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: the OCPI platform at " + urlsplit(api.url).netloc + " refused the API key (HTTP "
        "401); set --token to a valid key"
    )


def test_the_dutch_receivers_page_and_list_give_each_evse_its_status(
    settings: Settings,
) -> None:
    with connect(settings) as conn:
        for path in (NDW_PAGE, NDW_LIST):
            ingest_file(conn, Lake(settings.lake), str(path))
    expected = sorted(
        (evse["uid"], _at(evse["last_updated"]), STATUS[evse["status"]])
        for place in json.loads(NDW_LIST.read_text())
        for evse in place["evses"]
    )
    assert [(port, at, status) for port, at, status, _ in _rows(settings, EVENTS)] == expected


def test_a_push_and_a_file_in_either_order_or_twice_give_the_same_intervals(
    make_settings: Callable[[], Settings],
) -> None:
    patch = json.loads(PATCH.read_text())
    found = []
    for order in ("file first", "push first", "twice"):
        settings = make_settings()
        app = create_app(settings)
        add_ocpi_routes(app, settings, TOKEN, clock=lambda: RECEIVED)
        receiver = TestClient(app)
        steps = {"file first": "fp", "push first": "pf", "twice": "fpfp"}[order]
        for step in steps:
            if step == "f":
                with connect(settings) as conn:
                    ingest_file(conn, Lake(settings.lake), str(LOCATION))
            else:
                assert _push(receiver, "PATCH", "LOC1/3256", patch, TOKEN).status_code == 200
        found.append(_rows(settings, INTERVALS))
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == 54  # available June 2015 to June 2019, in use to 1 October


def test_a_token_of_other_characters_or_a_chunked_body_over_the_limit_is_refused(
    settings: Settings, receiver: TestClient
) -> None:
    body = json.loads(LIMITED.read_text())
    odd = base64.b64encode("é".encode()).decode()
    assert _push(receiver, "PUT", body["id"], body, odd).status_code == 401
    latin = receiver.request(
        "PUT", f"/ocpi/2.2.1/locations/BE/BEC/{body['id']}", content=json.dumps(body),
        headers={"Authorization": "Token é".encode("latin-1")},
    )  # fmt: skip
    assert latin.status_code == 401

    def chunks() -> Any:
        yield b'{"id": "LOC1", "name": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    chunked = receiver.request(
        "PUT", "/ocpi/2.2.1/locations/BE/BEC/LOC1", content=chunks(),
        headers={"Authorization": f"Token {TOKEN}"},
    )  # fmt: skip
    assert chunked.status_code == 413
    assert _rows(settings, "select count(*) from core.load") == [(0,)]


def test_a_pull_resolves_a_relative_next_page_and_refuses_one_on_another_server(
    invoke: CliRunnerCall,
) -> None:
    first = json.loads(LOCATION.read_text())
    with replaying([], path="/ocpi/2.2.1/locations") as api:
        api.replies.extend([_page([first], "?offset=1&limit=1"), _page([], None)])
        result = _pull(invoke, api.url)
    assert result.exit_code == 0, result.output
    assert urlsplit(api.requests[1]).query == "offset=1&limit=1"
    with replaying([], path="/ocpi/2.2.1/locations") as api:
        api.replies.append(_page([first], "http://192.0.2.1/ocpi/2.2.1/locations?offset=1"))
        result = _pull(invoke, api.url)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the next page is on another server "
        "(http://192.0.2.1/ocpi/2.2.1/locations?offset=1); not following it\n"
    )
    assert len(api.requests) == 1


GARAGE = OCPI / "ocpi221_location_parking_garage_opening_hours.json"
STATIONS = (
    "select source_station_id, name, street_address, city, zip, country, latitude, "
    "longitude, status, access, network, level1_port_count, level2_port_count, "
    "dc_fast_port_count, connector_types, is_24_7, hours_known, "
    "(select sum(upper(r) - lower(r)) from unnest(hours_schedule) as r) "
    "from core.station where source = 'ocpi' order by 1"
)


def test_locations_are_stations_with_the_fields_worked_out_from_the_files(
    settings: Settings,
) -> None:
    with connect(settings) as conn:
        for path in (LOCATION, GARAGE, LIMITED):
            ingest_file(conn, Lake(settings.lake), str(path))
    # Gent Zuid: two AC EVSEs of Type 2 (IEC_62196_T2, no registry code: kept as
    # written), published; the garage is open 07:00-18:00 every day (7 x 11 hours);
    # the limited-visibility Location is not published, so it is private.
    assert _rows(settings, STATIONS) == [
        (
            "LOC1", "Gent Zuid", "F.Rooseveltlaan 3A", "Gent", "9000", "BEL", 51.047599,
            3.729944, "operational", "public", "BeCharged", 0, 2, 0, ["IEC_62196_T2"],
            False, False, None,
        ),
        (
            "cbb0df21-d17d-40ba-a4aa-dc588c8f98cb", "P-Huset Leonard", "Claesgatan 6",
            "Malmö", "214 26", "SWE", 55.590325, 13.008307, "operational", "public", "EVC",
            0, 1, 0, ["IEC_62196_T2"], False, True, 7 * 11 * 60,
        ),
        (
            "f76c2e0c-a6ef-4f67-bf23-6a187e5ca0e0", "Water State", "Taco van der Veenplein 12",
            "Leeuwarden", "8923 EM", "NLD", 53.213763, 5.804638, "operational", "private",
            "ALL", 0, 1, 0, ["IEC_62196_T2"], False, False, None,
        ),
    ]  # fmt: skip


def _location(evses: list[dict[str, Any]], updated: str, latitude: str = "50.1") -> dict[str, Any]:
    return {
        "country_code": "BE", "party_id": "BEC", "id": "LOC9", "publish": True,
        "name": "Depot", "address": "Kaai 1", "city": "Gent", "country": "BEL",
        "coordinates": {"latitude": latitude, "longitude": "3.7"}, "time_zone": "Europe/Brussels",
        "opening_times": {"twentyfourseven": True}, "evses": evses, "last_updated": updated,
    }  # fmt: skip


def _evse(uid: str, status: str, power_type: str, volts: int, standard: str) -> dict[str, Any]:
    connector = {"id": "1", "standard": standard, "format": "CABLE", "power_type": power_type,
                 "max_voltage": volts, "max_amperage": 16, "last_updated": "2024-05-01T00:00:00Z"}  # fmt: skip
    return {"uid": uid, "status": status, "connectors": [connector],
            "last_updated": "2024-05-01T00:00:00Z"}  # fmt: skip


def test_a_locations_ports_by_level_its_status_and_its_removal_follow_its_evses(
    settings: Settings, receiver: TestClient
) -> None:
    evses = [
        _evse("A", "AVAILABLE", "DC", 400, "IEC_62196_T1_COMBO"),
        _evse("B", "CHARGING", "AC_1_PHASE", 120, "IEC_62196_T1"),
        _evse("C", "OUTOFORDER", "AC_1_PHASE", 240, "IEC_62196_T1"),
        _evse("D", "REMOVED", "DC", 400, "CHADEMO"),
    ]
    answer = _push(receiver, "PUT", "LOC9", _location(evses, "2024-05-01T00:00:00Z"), TOKEN)
    assert answer.status_code == 200, answer.text
    query = (
        "select status, level1_port_count, level2_port_count, dc_fast_port_count, "
        "connector_types, is_24_7 from core.station where source_station_id = 'LOC9'"
    )
    # D is removed: no port and no connector; B is Level 1 (single phase at 120 V).
    assert _rows(settings, query) == [("operational", 1, 1, 1, ["J1772", "J1772COMBO"], True)]
    # A status push of one EVSE says nothing of the place: the station stands as it was.
    patch = {"status": "OUTOFORDER", "last_updated": "2024-05-02T00:00:00Z"}
    assert _push(receiver, "PATCH", "LOC9/A", patch, TOKEN).status_code == 200
    assert _rows(settings, query) == [("operational", 1, 1, 1, ["J1772", "J1772COMBO"], True)]
    down = [{**e, "status": "INOPERATIVE"} for e in evses[:3]]
    assert _push(receiver, "PUT", "LOC9", _location(down, "2024-05-03T00:00:00Z"), TOKEN).is_success
    assert _rows(settings, query)[0][0] == "temporarily_unavailable"
    gone = [{**e, "status": "REMOVED"} for e in evses]
    assert _push(receiver, "PUT", "LOC9", _location(gone, "2024-05-04T00:00:00Z"), TOKEN).is_success
    assert _rows(settings, query) == []


def test_a_location_with_coordinates_out_of_range_is_quarantined_and_its_evses_still_count(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "far.json"
    place = _location([_evse("A", "AVAILABLE", "DC", 400, "CHADEMO")], "2024-05-01T00:00:00Z")
    path.write_text(json.dumps({**place, "coordinates": {"latitude": "95.5", "longitude": "3.7"}}))
    with connect(settings) as conn:
        ingest_file(conn, Lake(settings.lake), str(path))
    assert _rows(settings, "select count(*) from core.station") == [(0,)]
    assert _rows(settings, "select line_number, column_name, value, reason_code from core.quarantine") == [
        (1, "coordinates.latitude", "95.5", "LAT_OUT_OF_RANGE")
    ]  # fmt: skip
    assert [row[2] for row in _rows(settings, EVENTS)] == ["available"]
