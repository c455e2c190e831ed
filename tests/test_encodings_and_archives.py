"""A real export saved as Windows-1252, gzipped or zipped loads exactly like the original;
what was decoded another way is noted on the load, and an archive of several files is
refused with the names inside it."""

from __future__ import annotations

import csv
import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.config import Settings
from chargewatch.warehouse.connect import Connection, connect
from tests.conftest import AFDC_DIR, CliRunnerCall

ORIGINAL = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
STATIONS = (
    "select station_id, station_name, street_address, city, status, level2_port_count, "
    "dc_fast_port_count, connector_types from reporting.station order by station_id"
)


def _text() -> str:
    return ORIGINAL.read_bytes().decode("utf-8-sig")


def cp1252(folder: Path) -> Path:
    path = folder / "wa_cp1252.csv"
    path.write_bytes(_text().encode("cp1252"))
    return path


def cp1252_with_a_column_we_do_not_know(folder: Path) -> Path:
    """Read record by record (an unknown column), so the other reader meets the bytes."""
    with ORIGINAL.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    path = folder / "wa_cp1252_notes.csv"
    with path.open("w", encoding="cp1252", newline="") as f:
        csv.writer(f).writerows([[*row, "Notes" if n == 0 else ""] for n, row in enumerate(rows)])
    return path


def gzipped(folder: Path) -> Path:
    path = folder / "wa.csv.gz"
    path.write_bytes(gzip.compress(ORIGINAL.read_bytes()))
    return path


def zipped(folder: Path) -> Path:
    path = folder / "wa.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(ORIGINAL, "alt_fuel_stations (May 2024).csv")
    return path


def _stations(settings: Settings, path: Path) -> list[tuple[object, ...]]:
    result = CliRunnerCall(settings)("ingest", str(path))
    assert result.exit_code == 0, result.output
    with connect(settings) as conn:
        return conn.execute(STATIONS).fetchall()


@pytest.mark.parametrize("make", [cp1252, cp1252_with_a_column_we_do_not_know, gzipped, zipped])
def test_a_file_in_another_encoding_or_archive_loads_like_the_original(
    make: Callable[[Path], Path], make_settings: Callable[[], Settings], tmp_path: Path
) -> None:
    copy = make(tmp_path)
    expected = _stations(make_settings(), ORIGINAL)
    assert len(expected) > 1000
    assert _stations(make_settings(), copy) == expected


def test_a_windows_1252_file_is_noted_on_its_load(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", str(cp1252(tmp_path))).exit_code == 0
    with ORIGINAL.open(encoding="utf-8-sig", newline="") as f:
        records = len(list(csv.reader(f))) - 1
    assert conn.execute(
        "select column_name, rule, value_count, detail from reporting.load_normalisation"
    ).fetchall() == [
        ("", "encoding", records, "the bytes are not UTF-8; read as Windows-1252 (cp1252)")
    ]


def test_a_zip_of_several_files_is_refused_naming_them(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "ID,Fuel Type Code\n1,ELEC\n")
        archive.writestr("b.csv", "ID,Fuel Type Code\n2,ELEC\n")
    result = invoke("ingest", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: two.zip: the zip archive holds 2 files (a.csv, b.csv); expected exactly one "
        "CSV. Unzip it and ingest the files one by one (recorded as failed load 1)\n"
    )


def test_a_gzip_cut_short_is_refused_and_the_next_file_still_loads(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    whole = gzipped(tmp_path).read_bytes()
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    result = invoke("ingest", str(cut), str(ORIGINAL))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: cut.csv.gz: the compressed file is damaged or cut short (Compressed file "
        "ended before the end-of-stream marker was reached)"
    )
    assert f"{ORIGINAL.name} → load" in result.stdout
