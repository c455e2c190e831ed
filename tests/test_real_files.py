"""Every real AFDC export in ../shared/data loads, and its KPIs follow SPEC §4.

The expected numbers come from an oracle written here, straight from the CSV
with Python's csv module and SPEC §4's rules, independent of the SQL under test.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRunnerCall, real_afdc_files

_FULL_DAY = r"(?:12:00am\s*-\s*(?:12:00am|11:59pm|11:58pm)|24 hours)"
_DAY_ENTRY = re.compile(rf"\b(mo|tu|we|th|fr|sa|su)[a-z]*:?\s*{_FULL_DAY}")


def oracle_is_24_7(text: str) -> bool:
    t = text.strip().lower()
    if re.match(r"^(available )?24 hours daily\b", t) or t.startswith("24/7"):
        return True
    return len(set(_DAY_ENTRY.findall(t))) == 7


def oracle_access(row: dict[str, str]) -> str:
    code = (row.get("Access Code") or "").strip().lower()
    if code in ("public", "private"):
        return code
    groups = row.get("Groups With Access Code") or ""
    for pattern in (r"^\s*([A-Za-z]+)", r"\(\s*([A-Za-z]+)"):
        match = re.search(pattern, groups)
        if match and match[1].lower() in ("public", "private"):
            return match[1].lower()
    return "unknown"


def oracle_connectors(text: str) -> set[str]:
    return {"NACS" if c in ("TESLA", "NACS", "J3400") else c for c in text.upper().split()}


def oracle_counts(rows: list[dict[str, str]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        status = {"E": "operational", "T": "temporarily_unavailable", "P": "planned"}.get(
            row["Status Code"].strip(), "status_unknown"
        )
        counts["stations"] += 1
        if status == "planned":
            counts["planned"] += 1
            continue
        counts["existing"] += 1
        counts[status] += 1
        counts["dc_fast"] += int((row["EV DC Fast Count"] or "0").strip() or 0) > 0
        counts["open_24_7"] += oracle_is_24_7(row["Access Days Time"])
        counts[oracle_access(row)] += 1
        counts["connector_types_known"] += bool(
            oracle_connectors(row.get("EV Connector Types") or "")
        )
        counts["connector_total"] += len(oracle_connectors(row.get("EV Connector Types") or ""))
    return counts


def oracle_kpis(c: dict[str, int]) -> dict[str, float | None]:
    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    return {
        "station_operational_rate": ratio(
            c["operational"], c["operational"] + c["temporarily_unavailable"]
        ),
        "fast_charging_availability": ratio(c["dc_fast"], c["existing"]),
        "accessibility_24_7_rate": ratio(c["open_24_7"], c["existing"]),
        "public_private_ratio": ratio(c["public"], c["private"]),
        "public_share": ratio(c["public"], c["public"] + c["private"]),
        "avg_connector_diversity": ratio(c["connector_total"], c["connector_types_known"]),
    }


def elec_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.DictReader(f) if row["Fuel Type Code"].strip() == "ELEC"]


def assert_matches(actual: dict[str, Any], rows: list[dict[str, str]]) -> None:
    expected = oracle_counts(rows)
    for key in (
        "stations",
        "existing",
        "operational",
        "temporarily_unavailable",
        "planned",
        "dc_fast",
        "open_24_7",
        "public",
        "private",
        "connector_types_known",
    ):
        assert actual["counts"][key] == expected[key], key
    for key, value in oracle_kpis(expected).items():
        assert actual["kpis"][key] == pytest.approx(value), key


@pytest.mark.parametrize("path", real_afdc_files(), ids=lambda p: p.name)
def test_kpis_of_each_real_file_follow_the_spec(invoke: CliRunnerCall, path: Path) -> None:
    ingested = invoke("ingest", "--quiet", str(path))
    assert ingested.exit_code == (0 if elec_rows(path) else 1)  # no station: no snapshot
    result = invoke("kpi", "--format", "json")
    assert result.exit_code == 0, result.output
    assert_matches(json.loads(result.stdout), elec_rows(path))

    by_state = json.loads(invoke("kpi", "--by", "state", "--format", "json").stdout)
    rows_by_state: dict[str | None, list[dict[str, str]]] = defaultdict(list)
    for row in elec_rows(path):
        rows_by_state[row["State"].strip() or None].append(row)
    assert {g["state"] for g in by_state["groups"]} == set(rows_by_state)
    for group in by_state["groups"]:
        assert_matches(group, rows_by_state[group["state"]])


@pytest.mark.parametrize("path", real_afdc_files(), ids=lambda p: p.name)
def test_counts_add_up_for_each_real_file(invoke: CliRunnerCall, path: Path) -> None:
    result = invoke("ingest", "--quiet", str(path))
    with path.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    other = sum(1 for r in records if r["Fuel Type Code"].strip() != "ELEC")
    expected = (
        f"  {len(records)} rows read: {len(records) - other} loaded, {other} skipped (other fuels), "
        "0 quarantined"
    )
    if other == len(records):  # a file without charging stations is no snapshot
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"Error: {path.name}: none of its {len(records)} records gave a station "
            f"({other} skipped as other fuels, 0 quarantined); nothing changed"
        )
        return
    assert result.stdout.splitlines()[1] == expected
