"""The AFDC CSV source: headers by name, record numbering, both read paths agree."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.errors import DataError
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.sources.afdc import export_csv, lines
from chargewatch.sources.afdc.export_csv import (
    KNOWN_HEADERS,
    BadRecord,
    column_name,
    exact_rows,
    read_header,
)
from chargewatch.warehouse.connect import Connection, connect
from tests.conftest import AFDC_DIR, SHARED_DATA, real_afdc_files


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


def _as_copied(pieces: Iterable[lines.Piece]) -> list[tuple[int, bytes]]:
    """What PostgreSQL makes of the pieces: (line, record) per record, a sequenced
    record taking the sequence's next value, a numbered one its first field. Records
    are told apart by the parity of quotes, as in PostgreSQL's CSV parser."""
    records: list[tuple[int, bytes]] = []
    sequence = 0
    in_quotes = False
    for piece in pieces:
        assert piece.data.endswith(b"\n") or not piece.data
        if piece.line is not None:
            sequence = piece.line
        for line in piece.data.split(b"\n")[:-1]:
            if in_quotes:
                started, text = records.pop()
                records.append((started, text + b"\n" + line))
            elif piece.numbered:
                number, text = line.split(b",", 1)
                records.append((int(number), text))
            else:
                records.append((sequence, line))
                sequence += 1
            in_quotes ^= bool(line.count(b'"') & 1)
    return records


def _physical(body: bytes, first_line: int = 2) -> list[tuple[int, bytes]]:
    """(line, record) per record, counted plainly: a record ends at a newline with an
    even count of quotes before it; blank lines are no records."""
    records: list[tuple[int, bytes]] = []
    start, current, in_quotes = 0, list[bytes](), False
    for number, line in enumerate(body.split(b"\n"), first_line):
        if not in_quotes and line in (b"", b"\r"):
            continue
        start = start if current else number
        current.append(line)
        in_quotes ^= bool(line.count(b'"') & 1)
        if not in_quotes:
            records.append((start, b"\n".join(current)))
            current = []
    if current and b"".join(current).strip():
        records.append((start, b"\n".join(current)))
    return records


@pytest.mark.parametrize("path", real_afdc_files()[:5], ids=lambda p: p.name)
def test_fast_path_numbers_records_by_their_first_physical_line(path: Path) -> None:
    with path.open("rb") as f:
        header = read_header(f, path.name)
        f.seek(header.byte_length)
        copied = _as_copied(lines.pieces(f))
    numbered = [int(number) for number, _ in copied]
    assert numbered == _record_lines(path)


def test_a_record_spanning_lines_keeps_its_first_line_and_later_lines_stay_right() -> None:
    body = b'1,"two\nlines"\n2,plain\n\n3,last'
    copied = _as_copied(lines.pieces(io.BytesIO(body)))
    assert copied == [(2, b'1,"two\nlines"'), (4, b"2,plain"), (6, b"3,last")]


@pytest.mark.parametrize("chunk", [1, 5, 64, 1 << 16])
@pytest.mark.parametrize("many_jumps", [False, True])
def test_pieces_give_every_record_its_line_whatever_the_blocks_and_jumps(
    chunk: int, many_jumps: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines, "CHUNK_BYTES", chunk)
    if many_jumps:  # past the limit, the rest is numbered in Python
        monkeypatch.setattr(lines, "MAX_JUMPS", 1)
    parts = [b"a,b", b'"x\ny",z', b"", b"\r", b'"q""r",s', b'p,"1\n\n2"', b"c,d\r", b"e,f"]
    body = b"\n".join(parts[i % len(parts)] for i in range(200))
    copied = _as_copied(lines.pieces(io.BytesIO(body)))
    assert copied == _physical(body)
    assert any(p.numbered for p in lines.pieces(io.BytesIO(body))) == many_jumps


def test_raw_rows_carry_the_line_their_record_starts_on(settings: Settings) -> None:
    path = AFDC_DIR / "afdc_WA_allfuels_2023-03.csv"  # records over several lines, blank lines
    with connect(settings) as conn:
        ingest_file(conn, Lake(settings.lake), str(path))
        rows = conn.execute("select line_number from raw.afdc_station order by 1").fetchall()
    assert [n for (n,) in rows] == _record_lines(path)


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
