"""Open Charge Map, a second registry: its POI JSON in every shape loads into the same
canonical stations, told by content not name; values are checked against the files
read with plain Python here, and hand-checked POIs."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from click.testing import Result

from chargewatch.cli.main import cli
from chargewatch.sources.ocm import tables
from chargewatch.warehouse.connect import Connection
from tests.conftest import SHARED_DATA, CliRunnerCall, scalar, settings_env
from tests.replay import Reply, replaying

OCM = SHARED_DATA / "ocm"
EXPORT = OCM / "ocm_export_poi_2020-11-20.jsonl.gz"
COMPACT = OCM / "ocm_api_compact_berlin_2025.json"
SAMPLE = Path(tables.__file__).parent / "samples" / "ocm_wa_sample_2020-11-20.jsonl"
LIVE = {100, 200}
"""OCM's published submission statuses (Imported and Published, Submission Published)."""
REMOVED = {200, 210}
"""OCM's removed status types (decommissioned, duplicate listing)."""


def _pois(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("["):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _in_scope(poi: dict[str, Any]) -> bool:
    submission = poi.get("SubmissionStatusTypeID")
    return poi.get("StatusTypeID") not in REMOVED and (submission is None or submission in LIVE)


def _station(conn: Connection, station_id: str) -> dict[str, Any]:
    cur = conn.execute(
        "select name, street_address, city, state, zip, country, latitude, longitude, status, "
        "access, network, level1_port_count, level2_port_count, dc_fast_port_count, "
        "connector_types, date_last_confirmed::text, updated_at::text "
        "from core.station where source = 'ocm' and source_station_id = %s",
        (station_id,),
    )
    row = cur.fetchone()
    assert row is not None, station_id
    return dict(zip([d.name for d in cur.description or []], row, strict=True))


def test_every_shape_loads_with_the_files_own_counts(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    for path in (EXPORT, COMPACT, SAMPLE):
        pois = _pois(path)
        kept = [p for p in pois if _in_scope(p)]
        result = invoke("ingest", str(path))
        assert result.exit_code == 0, result.output
        assert (
            f"  {len(pois)} rows read: {len(kept)} loaded, {len(pois) - len(kept)} skipped "
            "(removed or unpublished listings), 0 quarantined"
        ) in result.stdout
    assert scalar(conn, "select count(distinct source) from core.load") == 1
    assert scalar(conn, "select count(*) from core.load where source = 'ocm'") == 3


def test_a_verbose_poi_maps_to_canonical_values(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("ingest", str(EXPORT)).exit_code == 0
    # Worked by hand from POI 2388: UsageType 2 "Private - Restricted Access", StatusType 0
    # "Unknown", a NEMA 5-20R level-1 connection x22 and a J1772 level-2 connection x22.
    assert _station(conn, "2388") == {
        "name": "Southern California Edison - Rosemead Office Building 1",
        "street_address": "2244 Walnut Grove Ave",
        "city": "Rosemead",
        "state": "CA",
        "zip": "91770",
        "country": "US",
        "latitude": 34.050745,
        "longitude": -118.081014,
        "status": "unknown",
        "access": "private",
        "network": "GreenLots",
        "level1_port_count": 22,
        "level2_port_count": 22,
        "dc_fast_port_count": None,
        "connector_types": ["J1772", "NEMA520"],
        "date_last_confirmed": "2011-05-31",
        "updated_at": "2019-04-06 04:01:00+00",
    }


def test_a_compact_poi_is_decoded_with_the_reference_lookups(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", str(COMPACT)).exit_code == 0
    # POI 181518 gives only IDs: CountryID 87 is Germany, StatusTypeID 50 "Operational",
    # two ConnectionTypeID 25 "Type 2 (Socket Only)" level-2 connections, no operator.
    station = _station(conn, "181518")
    assert (station["country"], station["status"], station["access"]) == (
        "DE",
        "operational",
        "unknown",
    )
    assert (station["level2_port_count"], station["connector_types"]) == (2, ["TYPE2"])
    assert station["network"] is None
    assert station["date_last_confirmed"] == "2021-07-12"


def test_us_state_names_become_codes(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("ingest", str(EXPORT)).exit_code == 0
    us = [
        p for p in _pois(EXPORT)
        if _in_scope(p) and (p["AddressInfo"].get("Country") or {}).get("ISOCode") == "US"
    ]  # fmt: skip
    # Every spelling of California in the export, read off the file by eye.
    spellings = ("CA", "California", "california", "ca", "California - CA", "Ca")
    expected = sum((p["AddressInfo"].get("StateOrProvince") or "") in spellings for p in us)
    assert (
        scalar(conn, "select count(*) from core.station where source = 'ocm' and state = 'CA'")
        == expected
    )


def test_a_search_speaks_only_for_the_pois_it_lists(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    """The Berlin response (a radius search, newer) ends none of the export's stations,
    German ones included: OCM files are searches, not whole states."""
    assert invoke("ingest", str(EXPORT)).exit_code == 0
    assert invoke("ingest", str(COMPACT)).exit_code == 0
    kept = {str(p["ID"]) for p in _pois(EXPORT) + _pois(COMPACT) if _in_scope(p)}
    current = conn.execute("select source_station_id from core.station where source = 'ocm'")
    assert {s for (s,) in current.fetchall()} == kept
    assert scalar(conn, "select count(*) from core.station_version where source = 'ocm'") == 0


def test_a_listing_marked_removed_ends_its_station(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    pois = [p for p in _pois(SAMPLE) if _in_scope(p)]
    assert invoke("ingest", str(SAMPLE), "--as-of", "2020-11-20").exit_code == 0
    removed, dropped = pois[0], pois[1]
    later = [{**removed, "StatusTypeID": 200}, *pois[2:]]
    path = tmp_path / "later.json"
    path.write_text(json.dumps(later))
    assert invoke("ingest", str(path), "--as-of", "2021-01-01").exit_code == 0
    ended = conn.execute(
        "select source_station_id, valid_to::text, ended_by from core.station_version "
        "where source = 'ocm'"
    ).fetchall()
    assert ended == [(str(removed["ID"]), "2021-01-01", "removed")]
    current = {s for (s,) in conn.execute("select source_station_id from core.station")}
    assert str(dropped["ID"]) in current and str(removed["ID"]) not in current
    assert len(current) == len(pois) - 1


def test_regions_of_other_countries_are_kept_apart(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("ingest", str(COMPACT)).exit_code == 0
    regions = {f"DE:{p['AddressInfo'].get('StateOrProvince') or '?'}" for p in _pois(COMPACT)}
    found = conn.execute("select distinct state from core.station order by 1").fetchall()
    assert [s for (s,) in found] == sorted(regions)


def test_ocm_is_told_by_content_not_name(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    renamed = tmp_path / "stations.csv"
    shutil.copy(COMPACT, renamed)
    result = invoke("ingest", str(renamed))
    assert result.exit_code == 0, result.output
    assert scalar(conn, "select source from core.load") == "ocm"


def test_a_poi_list_without_ids_is_refused(invoke: CliRunnerCall, tmp_path: Path) -> None:
    path = tmp_path / "no_ids.json"
    path.write_text(json.dumps([{"UUID": "X", "AddressInfo": {"Title": "Somewhere"}}]))
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no_ids.json: its first POI has no ID (found UUID, AddressInfo); expected Open "
        "Charge Map POI JSON (the API's /v3/poi or the data export) (recorded as failed load 1)\n"
    )


def test_bad_values_are_quarantined_naming_the_poi_and_field(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    pois = _pois(COMPACT)
    pois[2]["AddressInfo"]["Latitude"] = 123.4
    pois[4]["DateLastStatusUpdate"] = "last Tuesday"
    path = tmp_path / "berlin_bad.json"
    path.write_text(json.dumps(pois))
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert (
        "berlin_bad.json line 3, column \"AddressInfo.Latitude\": '123.4' is outside -90..90 "
        "(quarantined as LAT_OUT_OF_RANGE)"
    ) in result.stdout
    assert "line 5, column \"DateLastStatusUpdate\": 'last Tuesday'" in result.stdout
    assert scalar(conn, "select count(*) from core.station where source = 'ocm'") == 98


def test_the_kpis_that_need_what_ocm_lacks_are_unknown(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    assert invoke("ingest", str(SAMPLE)).exit_code == 0
    pois = [p for p in _pois(SAMPLE) if _in_scope(p)]
    assert scalar(conn, "select absent_fields from core.load") == [
        "groups_with_access", "restricted_access", "facility_type", "owner_type", "hours",
        "open_date",
    ]  # fmt: skip
    row = conn.execute(
        "select existing_count, hours_given_count, dc_fast_given_count, accessibility_24_7_rate "
        "from reporting.station_kpi_history where dimension = 'all'"
    ).fetchone()
    assert row == (len(pois), 0, len(pois), None)


def _pull(invoke: CliRunnerCall, url: str, *args: str, key: str = "") -> Result:
    env = {**settings_env(invoke.settings), "CHARGEWATCH_OCM_API_URL": url}
    if key:
        env["CHARGEWATCH_OCM_API_KEY"] = key
    return invoke.runner.invoke(cli, ["pull", "ocm", "--quiet", *args], env=env)


def test_a_pull_loads_the_response_as_one_snapshot(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([Reply(body=COMPACT.read_bytes())], path="/v3/poi") as api:
        result = _pull(
            invoke, api.url, "--country", "de", "--bbox", "52.4,13.2,52.6,13.6", key="k-123"
        )
    assert result.exit_code == 0, result.output
    (request,) = api.requests
    assert parse_qs(urlsplit(request).query) == {
        "output": ["json"],
        "countrycode": ["DE"],
        "maxresults": ["100000"],
        "compact": ["true"],
        "verbose": ["false"],
        "boundingbox": ["(52.4,13.2),(52.6,13.6)"],
    }
    assert api.headers[0]["x-api-key"] == "k-123"
    assert "api_key" not in request and "k-123" not in request
    assert scalar(conn, "select count(*) from reporting.station where source = 'ocm'") == len(
        [p for p in _pois(COMPACT) if _in_scope(p)]
    )
    lake_uri = str(scalar(conn, "select lake_uri from reporting.load"))
    assert Path(lake_uri.removeprefix("file://")).read_bytes() == COMPACT.read_bytes()


def test_a_refused_key_names_the_setting(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([Reply(403, b"{}")], path="/v3/poi") as api:
        result = _pull(invoke, api.url, "--country", "US")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the Open Charge Map API refused the API key (HTTP 403); set "
        "CHARGEWATCH_OCM_API_KEY to a valid key (free at openchargemap.org, under My Profile)\n"
    )
    assert scalar(conn, "select count(*) from core.load") == 0


def test_a_bad_box_is_a_usage_error(invoke: CliRunnerCall) -> None:
    result = invoke("pull", "ocm", "--country", "US", "--bbox", "52.6,13.2,52.4,13.6")
    assert result.exit_code == 2
    assert "'52.6,13.2,52.4,13.6': expected south < north within -90..90" in result.stderr


def test_an_empty_answer_says_so_and_loads_nothing(invoke: CliRunnerCall, conn: Connection) -> None:
    with replaying([Reply(body=b"[]")], path="/v3/poi") as api:
        result = _pull(invoke, api.url, "--country", "US", "--bbox", "39.6,-105.1,39.9,-104.8")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the Open Charge Map API has no POI for --country US in the box "
        "39.6,-105.1,39.9,-104.8; nothing to load (check the country code, and the box's "
        "order: south,west,north,east)\n"
    )
    assert scalar(conn, "select count(*) from core.load") == 0


def test_quality_names_the_fields_ocm_lacks_and_those_often_empty(
    invoke: CliRunnerCall,
) -> None:
    assert invoke("ingest", str(SAMPLE)).exit_code == 0
    result = invoke("quality", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["absent_fields"] == [
        "groups_with_access", "restricted_access", "facility_type", "owner_type", "hours",
        "open_date",
    ]  # fmt: skip
    pois = [p for p in _pois(SAMPLE) if _in_scope(p)]
    no_operator = sum(
        (p.get("OperatorInfo") or {}).get("Title") in (None, "(Unknown Operator)") for p in pois
    )
    missing = {f["column"]: f["missing"] for f in report["missing_fields"]}
    assert no_operator > 0 and missing["OperatorID"] == no_operator
    text = invoke("quality").stdout
    assert "  fields the file does not give (the KPIs that need them are unknown): " in text


def _poi(poi_id: int | None, **fields: Any) -> dict[str, Any]:
    """A compact POI worked by hand: in Denver unless told otherwise."""
    address = {"Title": f"Site {poi_id}", "CountryID": 2, "Latitude": 39.74, "Longitude": -104.99}
    place = {**address, **fields.pop("address", {})}
    return {"ID": poi_id, "DataProviderID": 1, "AddressInfo": place, **fields}


def test_hand_worked_connections_dates_and_places(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    pois = [
        _poi(
            1,
            StatusTypeID=50,
            DateLastStatusUpdate={"$date": {"$numberLong": "1605830400000"}},
            Connections=[
                {"ConnectionTypeID": 0, "LevelID": 2, "Quantity": 2.0},  # unknown type
                {"ConnectionTypeID": 25, "LevelID": 3, "CurrentTypeID": 20},  # 43 kW AC
                {"ConnectionTypeID": 2},  # CHAdeMO, no level: DC only
            ],
        ),
        _poi(2, address={"CountryID": 181, "StateOrProvince": "Bayamón"}),  # Puerto Rico
        _poi(None, StatusTypeID=50),
    ]
    path = tmp_path / "hand.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pois) + "\n")
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "hand.jsonl line 3, column \"ID\": '' is empty" in result.stdout
    first = _station(conn, "1")
    assert (first["level1_port_count"], first["level2_port_count"]) == (None, 3)
    assert (first["dc_fast_port_count"], first["connector_types"]) == (1, ["CHADEMO", "TYPE2"])
    assert first["updated_at"] == "2020-11-20 00:00:00+00"
    assert _station(conn, "2")["state"] == "PR"
    assert scalar(conn, "select as_of_date::text from core.load") == "2020-11-20"


def test_a_null_between_json_lines_is_refused_not_the_end(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "gap.jsonl"
    path.write_text(f"{json.dumps(_poi(1))}\nnull\n{json.dumps(_poi(2))}\n")
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert "gap.jsonl: item 2 is not a POI object but NoneType" in result.stderr
    assert scalar(conn, "select count(*) from core.station") == 0


def test_a_search_that_only_lists_a_removal_ends_that_station(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", str(SAMPLE), "--as-of", "2020-11-20").exit_code == 0
    gone = next(p for p in _pois(SAMPLE) if _in_scope(p))
    path = tmp_path / "removal.json"
    path.write_text(json.dumps([{**gone, "StatusTypeID": 200}]))
    result = invoke("ingest", str(path), "--as-of", "2021-01-01")
    assert result.exit_code == 0, result.output
    assert "1 rows read: 0 loaded, 1 skipped" in result.stdout
    assert (
        scalar(
            conn,
            "select ended_by from core.station_version where source_station_id = %s",
            str(gone["ID"]),
        )
        == "removed"
    )
