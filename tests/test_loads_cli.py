"""``chargewatch loads`` with the real CLI and a real database."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from chargewatch.loads import FIELDS
from tests.conftest import AFDC_DIR, CliRunnerCall

NY = AFDC_DIR / "afdc_NY_allfuels_2025-02.csv"
WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"


def _expected(path: Path) -> dict[str, object]:
    """What a first load of ``path`` should report, counted here with the csv module."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    elec = sum(r["Fuel Type Code"] == "ELEC" for r in records)
    return {
        "file_name": path.name,
        "as_of": max(r["Updated At"] for r in records)[:10],
        "status": "loaded",
        "rows_read": len(records),
        "rows_loaded": elec,
        "rows_skipped": len(records) - elec,
        "rows_quarantined": 0,
        "stations_written": elec,
    }


def test_no_loads_yet(invoke: CliRunnerCall) -> None:
    result = invoke("loads")
    assert (result.exit_code, result.stdout) == (
        0,
        "No loads yet. Load a file with: chargewatch ingest FILE\n",
    )
    assert invoke("loads", "--format", "json").stdout == "[]\n"


def test_loads_are_listed_newest_snapshot_first_with_their_counts(invoke: CliRunnerCall) -> None:
    assert invoke("ingest", str(NY), str(WA_FEB)).exit_code == 0
    result = invoke("loads", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [load["load_id"] for load in listed] == [1, 2]
    for load, path in zip(listed, (NY, WA_FEB), strict=True):
        assert list(load) == list(FIELDS)
        assert {key: load[key] for key in _expected(path)} == _expected(path)
        assert load["source"] == "afdc"
        assert len(load["sha256"]) == 64


def test_loads_filtered_limited_and_as_csv(invoke: CliRunnerCall) -> None:
    invoke("ingest", str(NY), str(WA_FEB))
    newest = json.loads(invoke("loads", "--limit", "1", "--format", "json").stdout)
    assert [load["file_name"] for load in newest] == [NY.name]
    assert json.loads(invoke("loads", "--source", "ocm", "--format", "json").stdout) == []
    lines = invoke("loads", "--format", "csv").stdout.splitlines()
    assert lines[0] == ",".join(FIELDS)
    assert len(lines) == 3
    table = invoke("loads").stdout
    assert "│ 1    │ afdc   │ afdc_NY_allfuels_2025-02.csv │ 2025-04-21 │ loaded │ 4,857 │" in table


def test_a_limit_below_one_is_a_usage_error(invoke: CliRunnerCall) -> None:
    result = invoke("loads", "--limit", "0")
    assert result.exit_code == 2
    assert "Invalid value for '--limit': 0 is not in the range x>=1." in result.stderr
