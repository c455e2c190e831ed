"""Files whose header names are spelt another way load like the export they came from:
the DOT's upper-case copies (``FUEL_TYPE_CODE``) and files saved from the AFDC API's
field names (``ev_dc_fast_num``)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from chargewatch.sources import afdc_csv
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall

REAL = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
ALIASES = Path(__file__).parents[1] / "src" / "chargewatch" / "sources" / "afdc_header_aliases.csv"


def _snake(header: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", header).strip("_")


def _api_name(header: str) -> str:
    with ALIASES.open(encoding="utf-8", newline="") as f:
        renamed = {row["header"]: row["alias"] for row in csv.DictReader(f)}
    return renamed.get(header, _snake(header).lower())


STYLES: dict[str, Callable[[str], str]] = {
    "upper snake case": lambda header: _snake(header).upper(),
    "AFDC API field names": _api_name,
}


def _renamed_copy(folder: Path, rename: Callable[[str], str]) -> Path:
    with REAL.open(encoding="utf-8-sig", newline="") as f:
        header, *records = list(csv.reader(f))
    path = folder / "renamed.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([rename(name) for name in header])
        writer.writerows(records)
    return path


def _existing_and_fast_ports() -> tuple[int, int]:
    """Worked out from the original file: existing electric stations and their DC fast ports."""
    with REAL.open(encoding="utf-8-sig", newline="") as f:
        existing = [
            row
            for row in csv.DictReader(f)
            if row["Fuel Type Code"] == "ELEC" and row["Status Code"] in ("E", "T")
        ]
    return len(existing), sum(int(row["EV DC Fast Count"] or 0) for row in existing)


@pytest.mark.parametrize("style", STYLES)
def test_a_header_spelt_another_way_loads_like_the_export(
    style: str, invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = _renamed_copy(tmp_path, STYLES[style])
    result = invoke("ingest", str(path))
    assert result.exit_code == 0, result.output
    found = conn.execute(
        "select count(*), sum(dc_fast_port_count) from reporting.station where is_existing"
    ).fetchone()
    assert found == _existing_and_fast_ports()
    # every column was recognised: nothing was set aside as unknown
    assert conn.execute(
        "select count(*) from raw.afdc_station where extra is not null"
    ).fetchone() == (0,)


def test_a_file_with_only_the_identity_columns_loads_and_says_what_it_lacks(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "ids_only.csv"
    path.write_text("id,fuel_type_code,EV DC Fast Count\n7,ELEC,2\n8,ELEC,\n9,CNG,\n")
    result = invoke("ingest", "--as-of", "2024-06-30", str(path))
    assert result.exit_code == 0, result.output
    assert conn.execute(
        "select station_id, status, is_existing, dc_fast_port_count from reporting.station "
        "order by station_id"
    ).fetchall() == [("7", "unknown", True, 2), ("8", "unknown", True, 0)]
    shown = json.loads(invoke("quality", "--format", "json").stdout)
    assert "Status Code" in shown["absent_columns"]
    assert "EV DC Fast Count" not in shown["absent_columns"]
    assert len(shown["absent_columns"]) == len(afdc_csv.VALUE_KINDS) - 3
    kpis = json.loads(invoke("kpi", "--format", "json").stdout)["kpis"]
    assert kpis["station_operational_rate"] is None
    assert kpis["fast_charging_availability"] == 0.5
