"""Every reading command looks alike: the same hint on an empty warehouse, --limit, --format,
readable names in tables with codes kept in JSON and CSV, city and state apart in CSV."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from chargewatch.labels import label
from tests.conftest import AFDC_DIR, CliRunnerCall

HINT = "No loads yet. Load a file with: chargewatch ingest FILE\n"
NY = AFDC_DIR / "afdc_NY_allfuels_2025-02.csv"

READING = [("kpi",), ("kpi", "--by", "state"), ("kpi", "--trend"), ("loads",), ("quality",),
           ("reliability",), ("gaps",), ("gaps", "--by", "state"), ("gaps", "--trend"),
           ("sites",)]  # fmt: skip


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_an_empty_warehouse_gives_one_hint_and_exit_0(
    invoke: CliRunnerCall, args: tuple[str, ...]
) -> None:
    table = invoke(*args)
    assert (table.exit_code, table.stdout, table.stderr) == (0, HINT, "")
    as_json = invoke(*args, "--format", "json")
    assert (as_json.exit_code, as_json.stderr) == (0, HINT)
    json.loads(as_json.stdout)  # still a document of the usual shape


def elec_rows() -> list[dict[str, str]]:
    with NY.open(encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r["Fuel Type Code"] == "ELEC"]


@pytest.fixture
def ny(invoke: CliRunnerCall) -> CliRunnerCall:
    assert invoke("ingest", "--quiet", str(NY)).exit_code == 0
    return invoke


def test_limit_keeps_the_largest_groups(ny: CliRunnerCall) -> None:
    report = json.loads(ny("kpi", "--by", "network", "--limit", "3", "--format", "json").stdout)
    counts = Counter(r["EV Network"] for r in elec_rows())
    assert [
        (g["network"], g["counts"]["stations"]) for g in report["groups"]
    ] == counts.most_common(3)


def test_csv_has_city_and_state_apart(ny: CliRunnerCall) -> None:
    rows = list(csv.DictReader(ny("kpi", "--by", "city", "--format", "csv").stdout.splitlines()))
    expected = Counter((r["City"], r["State"]) for r in elec_rows())
    assert {(r["city"], r["state"]): int(r["stations"]) for r in rows} == dict(expected)


def test_tables_name_codes_and_json_keeps_them(ny: CliRunnerCall) -> None:
    report = json.loads(ny("kpi", "--by", "facility_type", "--format", "json").stdout)
    codes = {g["facility_type"] for g in report["groups"]}
    assert "PAY_GARAGE" in codes and "MULTI_UNIT_DWELLING" in codes
    table = ny("kpi", "--by", "facility_type").stdout
    assert "Pay garage" in table and "Multi-unit dwelling" in table and "PAY_GARAGE" not in table


def test_labels() -> None:
    assert label("network", "SHELL_RECHARGE") == "Shell Recharge"
    assert label("network", "NEW_NETWORK") == "NEW NETWORK"
    assert label("network", "ChargePoint Network") == "ChargePoint Network"
    assert label("facility_type", "OFFICE_BLDG") == "Office building"
    assert label("facility_type", "GAS_STATION") == "Gas station"
    assert label("state", "NY") == "NY"
    assert label("network", None) is None


def test_reliability_csv_lists_the_stations_down_now(invoke: CliRunnerCall) -> None:
    wa = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
    assert invoke("ingest", "--quiet", str(wa)).exit_code == 0
    with wa.open(encoding="utf-8-sig", newline="") as f:
        down = {r["ID"] for r in csv.DictReader(f) if r["Status Code"] == "T"}
    out = invoke("reliability", "--format", "csv", "--limit", "10000").stdout
    rows = list(csv.DictReader(out.splitlines()))
    assert {r["station_id"] for r in rows} == down
    limited = invoke("reliability", "--format", "csv", "--limit", "5").stdout
    assert len(limited.splitlines()) == 6


def test_db_status_and_roles_as_data(invoke: CliRunnerCall) -> None:
    va = AFDC_DIR / "afdc_VA_elec_2022-04-25.csv"
    assert invoke("ingest", "--quiet", str(va)).exit_code == 0
    status = json.loads(invoke("db", "status", "--format", "json").stdout)
    assert (status["loads"], status["latest_as_of"]) == (1, "2022-04-25")
    assert status["row_counts"]["core.station"] == 117
    rows = list(csv.DictReader(invoke("db", "roles", "--format", "csv").stdout.splitlines()))
    reader = {r["schema"]: r["table_privileges"] for r in rows if r["role"] == "chargewatch_reader"}
    assert reader == {"raw": "", "core": "", "reporting": "SELECT"}


def test_quality_csv_lists_the_probable_duplicates(invoke: CliRunnerCall) -> None:
    wa = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
    assert invoke("ingest", "--quiet", str(wa)).exit_code == 0
    report = json.loads(invoke("quality", "--format", "json", "--limit", "1000").stdout)
    rows = list(
        csv.DictReader(invoke("quality", "--format", "csv", "--limit", "1000").stdout.splitlines())
    )
    pairs = report["duplicate_candidates"]
    assert len(rows) == len(pairs["top"]) == pairs["pairs"]
    assert [(r["station_a"], r["station_b"]) for r in rows] == [
        (p["station_a"], p["station_b"]) for p in pairs["top"]
    ]
    limited = invoke("quality", "--format", "csv", "--limit", "1").stdout.splitlines()
    assert len(limited) == 1 + min(1, len(rows))
