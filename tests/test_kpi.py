"""KPI values on a hand-made fixture whose answers are worked out by hand below.

tests/fixtures/afdc_kpi_handmade.csv, one line per station:
  1 WA E  dc=2 24h daily   public   J1772COMBO CHADEMO      (2 types)
  2 WA T  dc=0 Mon 8-5     public   J1772                   (1)
  3 WA E  dc=1 24/7        private  TESLA NACS J1772        (2: NACS, J1772)
  4 OR P  dc=4 24h daily   public   J1772COMBO              planned: not existing
  5 OR E  dc=  dealership  public (from "(Public)")  none   hours unknown, connectors unknown
  6 OR ?  dc=0 (empty)     private (from "Private - …")  J1772 NEMA515  (2), hours unknown
  7 OR CNG                 skipped: not a charging station
  8 WA E  dc=  MO..SU 12am-12am (24/7)  public  J3400   (1: NACS)
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, CliRunnerCall

FIXTURE = str(FIXTURES / "afdc_kpi_handmade.csv")


@pytest.fixture
def loaded(invoke: CliRunnerCall) -> CliRunnerCall:
    result = invoke("ingest", FIXTURE)
    assert (
        result.stdout.splitlines()[1]
        == "  8 rows read: 7 loaded, 1 skipped (other fuels), 0 quarantined"
    )
    return invoke


def test_overall_counts_and_kpis(loaded: CliRunnerCall) -> None:
    report = json.loads(loaded("kpi", "--format", "json").stdout)
    assert report["as_of"] == "2024-03-05"  # newest Updated At in the file, the CNG row's
    assert report["counts"] == {
        "stations": 7,  # ELEC rows 1-6 and 8
        "existing": 6,  # all but planned 4
        "operational": 4,  # 1, 3, 5, 8
        "temporarily_unavailable": 1,  # 2
        "planned": 1,  # 4
        "status_unknown": 1,  # 6
        "dc_fast": 2,  # 1, 3 (4 is planned)
        "open_24_7": 3,  # 1, 3, 8
        "hours_unknown": 2,  # 5, 6
        "public": 4,  # 1, 2, 5, 8
        "private": 2,  # 3, 6
        "connector_types_known": 5,  # 1, 2, 3, 6, 8
        "dc_fast_given": 6,  # every existing one: the file has EV DC Fast Count
        "hours_given": 6,  # … and Access Days Time
    }
    assert report["kpis"] == pytest.approx(
        {
            "station_operational_rate": 4 / 5,
            "fast_charging_availability": 2 / 6,
            "accessibility_24_7_rate": 3 / 6,
            "public_private_ratio": 4 / 2,
            "public_share": 4 / 6,
            "avg_connector_diversity": (2 + 1 + 2 + 2 + 1) / 5,
        }
    )


def test_kpis_by_state(loaded: CliRunnerCall) -> None:
    report = json.loads(loaded("kpi", "--by", "state", "--format", "json").stdout)
    assert report["by"] == "state"
    wa, oregon = report["groups"]  # most existing stations first
    assert (wa["state"], wa["counts"]["existing"]) == ("WA", 4)
    assert wa["kpis"] == pytest.approx(
        {
            "station_operational_rate": 3 / 4,
            "fast_charging_availability": 2 / 4,
            "accessibility_24_7_rate": 3 / 4,
            "public_private_ratio": 3 / 1,
            "public_share": 3 / 4,
            "avg_connector_diversity": 6 / 4,
        }
    )
    assert (oregon["state"], oregon["counts"]["existing"], oregon["counts"]["planned"]) == (
        "OR",
        2,
        1,
    )
    assert oregon["kpis"] == pytest.approx(
        {
            "station_operational_rate": 1.0,
            "fast_charging_availability": 0.0,
            "accessibility_24_7_rate": 0.0,
            "public_private_ratio": 1.0,
            "public_share": 0.5,
            "avg_connector_diversity": 2.0,
        }
    )


def test_kpis_by_other_dimensions(loaded: CliRunnerCall) -> None:
    def groups(by: str) -> dict[str | None, int]:
        report = json.loads(loaded("kpi", "--by", by, "--format", "json").stdout)
        return {g[by]: g["counts"]["existing"] for g in report["groups"]}

    assert groups("access") == {"public": 4, "private": 2}
    assert groups("city") == {"Seattle, WA": 3, "Portland, OR": 2, "Tacoma, WA": 1}
    assert groups("owner_type") == {
        "private": 4,
        "utility": 1,
        "federal_government": 1,
        None: 0,
    }  # None: planned 4
    assert groups("network") == {
        "Tesla": 2,
        "ChargePoint Network": 2,
        "Non-Networked": 2,
        "Electrify America": 0,  # only planned 4: a group with no existing station
    }
    assert groups("facility_type")[None] == 2


def test_no_private_station_gives_a_null_ratio(invoke: CliRunnerCall, tmp_path: object) -> None:
    from pathlib import Path

    lines = (FIXTURES / "afdc_kpi_handmade.csv").read_text().splitlines()
    path = Path(str(tmp_path)) / "public_only.csv"
    path.write_text("\n".join([lines[0], lines[1], lines[2]]) + "\n")
    invoke("ingest", str(path))
    report = json.loads(invoke("kpi", "--format", "json").stdout)
    assert report["kpis"]["public_private_ratio"] is None
    assert report["kpis"]["public_share"] == 1.0


def test_an_empty_warehouse_has_zero_counts_and_null_kpis(invoke: CliRunnerCall) -> None:
    report = json.loads(invoke("kpi", "--format", "json").stdout)
    assert report["as_of"] is None
    assert set(report["counts"].values()) == {0}
    assert set(report["kpis"].values()) == {None}


def test_csv_output_has_one_row_per_group(loaded: CliRunnerCall) -> None:
    lines = loaded("kpi", "--by", "state", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("as_of,state,stations,existing,operational,")
    assert lines[1].startswith("2024-03-05,WA,4,4,3,1,0,0,2,3,0,3,1,4,0.75,0.5,0.75,3.0,0.75,1.5")
    assert len(lines) == 3
