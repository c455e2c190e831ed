"""Bad input: refused files load nothing; bad rows are quarantined, the rest loads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chargewatch.warehouse.connect import Connection
from tests.conftest import FIXTURES, SHARED_DATA, CliRunnerCall, scalar

NOT_AFDC = (
    "line 1: not an AFDC station export: no column identifies a station: {missing} missing. "
    "Found {found}. Expected an AFDC alt_fuel_stations CSV, whose ID and Fuel Type Code are "
    "needed (in any spelling: id, FUEL_TYPE_CODE); every other column is optional."
)


def assert_nothing_loaded(conn: Connection, lake: Path) -> None:
    """Nothing but the refusal itself, recorded as a failed load with no data of its own."""
    for table in ("raw.afdc_station", "core.station", "core.quarantine"):
        assert scalar(conn, f"select count(*) from {table}") == 0, table
    assert scalar(conn, "select count(*) from core.load where status <> 'failed'") == 0
    assert scalar(conn, "select count(*) from core.load where as_of_date is not null") == 0
    assert not lake.exists() or not any(p.is_file() for p in lake.rglob("*"))


def test_bad_rows_are_quarantined_with_line_column_value_and_reason(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    result = invoke("ingest", str(FIXTURES / "afdc_bad_rows.csv"))
    assert result.exit_code == 0, result.output
    expected = (FIXTURES / "afdc_bad_rows.expected.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert scalar(conn, "select read_path from core.load") == "exact"
    assert scalar(conn, "select array_agg(source_station_id) from core.station") == ["39763"]
    assert scalar(conn, "select source_line_number from core.station") == 2


def test_quarantine_is_visible_in_reporting(invoke: CliRunnerCall, conn: Connection) -> None:
    invoke("ingest", str(FIXTURES / "afdc_bad_rows.csv"))
    row = conn.execute(
        "select file_name, line_number, column_name, value, reason_code, reason "
        "from reporting.quarantine where reason_code = 'LAT_OUT_OF_RANGE'"
    ).fetchone()
    assert row == (
        "afdc_bad_rows.csv",
        3,
        "Latitude",
        "123.4",
        "LAT_OUT_OF_RANGE",
        "is outside -90..90",
    )


def test_value_problems_on_the_fast_path_are_quarantined_too(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    source = SHARED_DATA / "afdc" / "afdc_VA_elec_2022-04-25.csv"
    lines = source.read_bytes().split(b"\n")
    assert b",39.156514," in lines[5]
    lines[5] = lines[5].replace(b",39.156514,", b",139.156514,")
    path = tmp_path / "va_one_bad.csv"
    path.write_bytes(b"\n".join(lines))
    result = invoke("ingest", str(path))
    assert result.exit_code == 0
    assert "117 rows read: 116 loaded, 0 skipped (other fuels), 1 quarantined" in result.stdout
    assert (
        "va_one_bad.csv line 6, column \"Latitude\": '139.156514' is outside -90..90 "
        "(quarantined as LAT_OUT_OF_RANGE)" in result.stdout
    )
    assert scalar(conn, "select read_path from core.load") == "fast"


def _refused(invoke: CliRunnerCall, conn: Connection, path: Path, settings_lake: str) -> str:
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_nothing_loaded(conn, Path(settings_lake))
    (failed,) = conn.execute(
        "select load_id from core.load where status = 'failed'"
    ).fetchone() or (0,)
    suffix = f" (recorded as failed load {failed})\n"
    assert result.stderr.endswith(suffix)
    return result.stderr.removesuffix(suffix) + "\n"


def test_a_different_csv_is_refused_naming_the_missing_columns(
    invoke: CliRunnerCall, conn: Connection
) -> None:
    path = SHARED_DATA / "registrations" / "afdc_ev_registrations_by_state_2016-2022.csv"
    stderr = _refused(invoke, conn, path, invoke.settings.lake)
    assert stderr.startswith(
        f"Error: {path.name} line 1: not an AFDC station export: no column identifies a "
        'station: "ID", "Fuel Type Code" missing.'
    )


def test_a_header_without_a_station_id_names_exactly_that(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "two_missing.csv"
    path.write_text(
        "Fuel Type Code,Station Name,City,State,Status Code,Latitude,Longitude\n", encoding="utf-8"
    )
    stderr = _refused(invoke, conn, path, invoke.settings.lake)
    found = (
        '7 columns: "Fuel Type Code", "Station Name", "City", "State", "Status Code", '
        '"Latitude", "Longitude"'
    )
    assert stderr == "Error: two_missing.csv " + NOT_AFDC.format(missing='"ID"', found=found) + "\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty; expected an AFDC station CSV with a header"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not a text file (it contains NUL bytes); expected an AFDC CSV",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
            "not a readable zip archive (File is not a zip file)",
        ),
    ],
    ids=["empty", "binary", "broken zip"],
)
def test_empty_and_binary_files_are_refused(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "stations.csv"
    path.write_bytes(content)
    assert _refused(invoke, conn, path, invoke.settings.lake) == f"Error: stations.csv: {message}\n"


def test_a_missing_file_is_refused(invoke: CliRunnerCall, tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.csv'}: no such file\n"


def _with_bytes_at_line_41(tmp_path: Path, replacement: bytes) -> Path:
    source = SHARED_DATA / "afdc" / "afdc_VA_elec_2022-04-25.csv"
    lines = source.read_bytes().replace("’".encode(), b"'").split(b"\n")
    lines[40] = lines[40].replace(b"Sheetz", replacement, 1)
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"\n".join(lines))
    return path


def test_windows_1252_bytes_mid_file_are_read_as_such_and_noted(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    result = invoke("ingest", str(_with_bytes_at_line_41(tmp_path, b"Sh\xe9etz")))
    assert result.exit_code == 0, result.output
    assert (
        scalar(conn, "select count(*) from reporting.station where station_name like 'Shéetz%'")
        == 1
    )
    assert scalar(conn, "select rule from reporting.load_normalisation") == "encoding"


def test_bytes_of_no_encoding_fail_the_load_with_the_line(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    result = invoke("ingest", str(_with_bytes_at_line_41(tmp_path, b"Sh\x81etz")))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: latin1.csv line 41: neither UTF-8 nor Windows-1252 text (character maps to "
        "<undefined>); save the file as UTF-8 and ingest it again\n"
    )
    for table in ("core.load", "raw.afdc_station", "core.station"):
        assert scalar(conn, f"select count(*) from {table}") == 0


def test_one_bad_file_does_not_stop_the_others(invoke: CliRunnerCall, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    good = tmp_path / "va.csv"
    shutil.copy(SHARED_DATA / "afdc" / "afdc_VA_elec_2022-04-25.csv", good)
    result = invoke("ingest", str(empty), str(good))
    assert result.exit_code == 1
    assert "va.csv → load 2" in result.stdout  # load 1 is the refused empty file
    assert result.stderr.startswith("Error: empty.csv: the file is empty")


def test_json_of_another_standard_is_refused_naming_what_it_lacks(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """An OCPI Tariff (the one of the specification's CDR example; no source reads
    tariffs) is refused by the last source asked."""
    cdr = SHARED_DATA / "ocpi" / "ocpi221_cdr_example.json"
    tariff = json.loads(cdr.read_text(encoding="utf-8"))["tariffs"][0]
    path = tmp_path / "tariff.json"
    path.write_text(json.dumps(tariff), encoding="utf-8")
    fields = list(tariff)
    assert len(fields) < 8  # so all are named, with no "…"
    stderr = _refused(invoke, conn, path, invoke.settings.lake)
    assert stderr == (
        f"Error: {path.name}: not an AFDC API response: no station in it (its top-level "
        f"fields: {', '.join(fields)}; expected fuel_stations, alt_fuel_station or "
        "GeoJSON features)\n"
    )


def test_an_id_of_blanks_is_missing(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    lines = (FIXTURES / "afdc_kpi_handmade.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "blank_id.csv"
    path.write_text(
        "\n".join([lines[0], lines[1].replace(",1,2024-03-01", ",   ,2024-03-01"), lines[2]]) + "\n"
    )
    result = invoke("ingest", str(path))
    assert (
        "blank_id.csv line 2, column \"ID\": '   ' is empty; every station needs its ID"
        in result.stdout
    )
    assert scalar(conn, "select count(*) from core.station") == 1


def test_a_list_of_other_objects_is_refused_naming_their_fields(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """OCPI tariffs (from a CDR) as a bare list: the AFDC reader looks for a station's
    fields."""
    source = SHARED_DATA / "ocpi" / "ocpi221_cdr_example.json"
    sessions = json.loads(source.read_text(encoding="utf-8"))["tariffs"]
    path = tmp_path / "locations.json"
    path.write_text(json.dumps(sessions))
    fields = list(sessions[0])
    assert len(fields) < 8  # so all are named, with no "…"
    stderr = _refused(invoke, conn, path, invoke.settings.lake)
    assert stderr == (
        "Error: locations.json: not an AFDC API response: its first station has no "
        f'"fuel_type_code" field (found {", ".join(fields)}); expected the JSON of the '
        "AFDC API's all, nearest or get\n"
    )
