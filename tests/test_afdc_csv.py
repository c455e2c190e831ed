"""The AFDC CSV source: headers by name, record numbering, both read paths agree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from chargewatch.errors import DataError
from chargewatch.sources.afdc import export_csv
from chargewatch.sources.afdc.export_csv import (
    KNOWN_HEADERS,
    BadRecord,
    column_name,
    exact_rows,
    numbered_chunks,
    read_header,
)
from chargewatch.warehouse.connect import Connection
from tests.conftest import SHARED_DATA, real_afdc_files


def header_of(path: Path) -> tuple[int, list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        names = next(csv.reader(f))
    return len(names), names


@pytest.mark.parametrize("path", real_afdc_files(), ids=lambda p: p.name)
def test_every_real_vintage_maps_every_column_by_name(path: Path) -> None:
    count, names = header_of(path)
    with path.open("rb") as f:
        header = read_header(f, path.name)
    assert header.names == tuple(names)
    assert header.unknown == []
    assert len(header.known_columns) == count


def test_nearest_files_have_distance_columns_in_the_middle() -> None:
    path = next(p for p in real_afdc_files() if "nearest_2025" in p.name)
    with path.open("rb") as f:
        header = read_header(f, path.name)
    assert header.columns[28] == "distance"
    assert "distance_km" in header.columns


def test_raw_table_has_one_column_per_known_header(conn: Connection) -> None:
    rows = conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'raw' and table_name = 'afdc_station' order by ordinal_position"
    ).fetchall()
    expected = [
        "load_id",
        "line_number",
        *map(column_name, KNOWN_HEADERS),
        "extra",
        "quarantined",
        "source_index",
    ]
    assert [r[0] for r in rows] == expected


def _record_lines(path: Path) -> list[int]:
    """The line each record starts on, lines ending at \n as grep -n counts them."""
    starts = []
    with path.open(encoding="utf-8-sig", newline="\n") as f:
        reader = csv.reader(f)
        next(reader)
        end = 1
        for record in reader:
            if record:
                starts.append(end + 1)
            end = reader.line_num
    return starts


@pytest.mark.parametrize("path", real_afdc_files()[:5], ids=lambda p: p.name)
def test_fast_path_numbers_records_by_their_first_physical_line(path: Path) -> None:
    with path.open("rb") as f:
        header = read_header(f, path.name)
        f.seek(header.byte_length)
        body = b"".join(numbered_chunks(f)).decode("utf-8")
    numbered = [int(rec[0]) for rec in csv.reader(io.StringIO(body, newline=""))]
    assert numbered == _record_lines(path)


def test_a_record_spanning_lines_keeps_its_first_line_and_later_lines_stay_right(
    tmp_path: Path,
) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('ID,Note\n1,"two\nlines"\n2,plain\n\n3,last', encoding="utf-8")
    with path.open("rb") as f:
        f.seek(len(b"ID,Note\n"))
        body = b"".join(numbered_chunks(f)).decode()
    assert [r[0] for r in csv.reader(io.StringIO(body, newline=""))] == ["2", "4", "6"]


def test_exact_path_reports_records_with_the_wrong_number_of_fields(tmp_path: Path) -> None:
    names = ",".join(KNOWN_HEADERS[:30])
    good = ",".join(["x"] * 30)
    path = tmp_path / "f.csv"
    path.write_text(f"{names}\n{good}\n{good},extra\n{good}\n", encoding="utf-8")
    with path.open("rb") as f:
        header = read_header(f, "f.csv")
        f.seek(header.byte_length)
        items = list(exact_rows(f, header, "f.csv"))
    assert [i.line_number if isinstance(i, BadRecord) else i[0] for i in items] == [2, 3, 4]
    assert isinstance(items[1], BadRecord) and items[1].field_count == 31


def test_unknown_columns_are_kept_as_json(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "ID,Fuel Type Code,Station Name,City,State,Status Code,Latitude,Longitude,"
        "Updated At,Brand New Column\n1,ELEC,A,B,WA,E,47,-122,,shiny\n",
        encoding="utf-8",
    )
    with path.open("rb") as f:
        header = read_header(f, "f.csv")
        f.seek(header.byte_length)
        [row] = list(exact_rows(f, header, "f.csv"))
    assert not isinstance(row, BadRecord)
    assert header.unknown == ["Brand New Column"]
    assert row[-1] == '{"Brand New Column": "shiny"}'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "e.csv: the file is empty; expected an AFDC station CSV with a header"),
        (
            b"\xef\xbb\xbf\r\n",
            "e.csv: the file is empty; expected an AFDC station CSV with a header",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "e.csv: not a text file (it contains NUL bytes); expected an AFDC CSV",
        ),
    ],
)
def test_files_that_are_not_afdc_exports_are_refused(content: bytes, message: str) -> None:
    with pytest.raises(DataError) as error:
        read_header(io.BytesIO(content), "e.csv")
    assert str(error.value) == message


def test_columns_that_name_one_field_are_twins_read_once() -> None:
    """Compared record by record on load (see test_header_names); the first is read."""
    header = read_header(
        io.BytesIO(b"ID,Fuel Type Code,EV DC Fast Count,id,ev_dc_fast_num\n"), "e.csv"
    )
    assert [(t.kept, t.other) for t in header.twins] == [(0, 3), (2, 4)]
    assert header.known_columns == ["id", "fuel_type_code", "ev_dc_fast_count"]
    assert header.needs_exact


NESTED_API_FIELDS = {"ev_charging_units", "ev_network_ids", "federal_agency", "related_stations"}
"""Objects in the API's JSON that have no one CSV column (read with the JSON, issue 11)."""


def test_every_field_of_the_afdc_api_has_its_csv_column() -> None:
    """A CSV saved from the API's JSON has the API's field names as its header."""
    fields: set[str] = set()
    for path in (SHARED_DATA / "afdc_api").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        stations = document.get("fuel_stations") or [document.get("alt_fuel_station", {})]
        for station in stations:
            fields.update(station)
    assert len(fields) > 70
    unknown = sorted(f for f in fields - NESTED_API_FIELDS if export_csv.raw_column(f) is None)
    assert unknown == []
