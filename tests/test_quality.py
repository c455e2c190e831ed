"""``chargewatch quality`` on a hand-made snapshot whose answers are worked out here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from chargewatch.quality import MISSING_FIELDS
from chargewatch.sources.afdc.quality import MODEL_HEADERS
from tests.conftest import AFDC_DIR, CliRunnerCall

WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"
AS_OF = "2024-06-30"

# (Date Last Confirmed, Status Code, EV Network); the snapshot is as of 2024-06-30.
RECORDS = [
    ("2024-06-20", "E", "A"),  # 10 days: fresh
    ("2023-05-27", "E", "A"),  # 400 days: stale
    ("2023-07-01", "E", "B"),  # 365 days: not more than 365, fresh
    ("", "E", "B"),  # never confirmed: stale
    ("", "P", "B"),  # planned: not an existing station, left out
    ("2020-01-01", "T", "B"),  # 1642 days: stale
    ("2024-02-30", "E", "A"),  # no such date: quarantined
]

# Where the first four records stand, and what they are called. One metre is
# 1/111320 degree of latitude; at 47.6° one degree of longitude is 75,059 m.
PLACES = [
    ("47.6", "-122.3", "Acme Garage", "100 Main St"),
    ("47.6000898", "-122.3", "ACME garage", "100 Main Street"),  # 10 m north: a duplicate
    ("47.6", "-122.2996003", "Acme Garage", "100 Main St"),  # 30 m east: too far
    ("47.5999551", "-122.3", "City Library", "9 Elm Rd"),  # 5 m south, nothing alike
]


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    with WA_FEB.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        originals = [next(reader) for _ in RECORDS]
    path = tmp_path / "afdc_quality.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        for row, (confirmed, status, network) in zip(originals, RECORDS, strict=True):
            row.update(
                {"Date Last Confirmed": confirmed, "Status Code": status, "EV Network": network}
            )
        for row, (lat, lon, name, address) in zip(originals, PLACES, strict=False):
            row.update(
                {"Latitude": lat, "Longitude": lon, "Station Name": name, "Street Address": address}
            )
        writer.writerows(originals)
    return path


def _quality(invoke: CliRunnerCall, *args: str) -> dict[str, object]:
    result = invoke("quality", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_stale_share_overall_and_by_network(invoke: CliRunnerCall, snapshot: Path) -> None:
    assert invoke("ingest", str(snapshot), "--as-of", AS_OF).exit_code == 0
    report = _quality(invoke)
    assert report["as_of"] == AS_OF
    assert report["rows"] == {"read": 7, "loaded": 6, "skipped": 0, "quarantined": 1}
    assert report["quarantined_by_reason"] == [
        {"reason_code": "BAD_DATE", "reason": "is not a date; expected YYYY-MM-DD", "rows": 1}
    ]
    assert report["staleness"] == {
        "existing": 5,
        "stale": 3,
        "never_confirmed": 1,
        "stale_share": 0.6,
    }
    assert report["staleness_by"]["network"] == [  # type: ignore[index]
        {"network": "A", "existing": 2, "stale": 1, "never_confirmed": 0, "stale_share": 0.5},
        {"network": "B", "existing": 3, "stale": 2, "never_confirmed": 1, "stale_share": 2 / 3},
    ]


def test_the_threshold_is_configurable(invoke: CliRunnerCall, snapshot: Path) -> None:
    invoke("ingest", str(snapshot), "--as-of", AS_OF)
    staleness = _quality(invoke, "--stale-days", "400")["staleness"]
    assert staleness == {"existing": 5, "stale": 2, "never_confirmed": 1, "stale_share": 0.4}


def test_the_table_names_the_load_and_the_stale_share(
    invoke: CliRunnerCall, snapshot: Path
) -> None:
    invoke("ingest", str(snapshot), "--as-of", AS_OF)
    lines = invoke("quality", "1").stdout.splitlines()
    assert lines[:3] == [
        f"Load 1: afdc_quality.csv (as of {AS_OF})",
        "  7 rows read: 6 loaded, 0 skipped, 1 quarantined",
        "  stale: 3 of 5 existing stations (60.0%) not confirmed in more than 365 days "
        "(1 of them never confirmed)",
    ]


def test_an_unknown_load_is_an_error_and_an_empty_warehouse_a_hint(invoke: CliRunnerCall) -> None:
    empty = invoke("quality")
    assert (empty.exit_code, empty.stdout) == (
        0,
        "No loads yet. Load a file with: chargewatch ingest FILE\n",
    )
    missing = invoke("quality", "9")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "Error: there is no loaded load 9; see chargewatch loads\n",
    )


def _expected_missing(path: Path) -> list[dict[str, object]]:
    """Model columns most often empty in the records kept (the last one is quarantined)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        kept = list(reader)[:-1]
        headers = [h for h in reader.fieldnames or [] if h in MODEL_HEADERS]
    counted = [(h, sum(not r[h].strip() for r in kept)) for h in headers]
    ranked = sorted((c for c in counted if c[1]), key=lambda c: -c[1])[:MISSING_FIELDS]
    return [{"column": h, "missing": n, "share": n / len(kept)} for h, n in ranked]


def test_missing_fields_are_the_model_columns_most_often_empty(
    invoke: CliRunnerCall, snapshot: Path
) -> None:
    invoke("ingest", str(snapshot), "--as-of", AS_OF)
    missing = _quality(invoke)["missing_fields"]
    assert missing == _expected_missing(snapshot)
    assert {"column": "Date Last Confirmed", "missing": 2, "share": 2 / 6} in missing


def test_duplicate_candidates_are_near_and_alike(invoke: CliRunnerCall, snapshot: Path) -> None:
    invoke("ingest", str(snapshot), "--as-of", AS_OF)
    with snapshot.open(encoding="utf-8", newline="") as f:
        first, second = (row["ID"] for row, _ in zip(csv.DictReader(f), range(2), strict=False))
    found = _quality(invoke)["duplicate_candidates"]
    # 10 m apart: nearness 1 - 10/25 = 0.6; names share both words (1.0); addresses
    # share 2 of 4 words (0.5): 0.4 x 0.6 + 0.3 x 1.0 + 0.3 x 0.5 = 0.69.
    assert found == {
        "pairs": 1,
        "top": [
            {
                "station_a": min(first, second),
                "station_b": max(first, second),
                "name_a": "Acme Garage" if first < second else "ACME garage",
                "name_b": "ACME garage" if first < second else "Acme Garage",
                "address_a": "100 Main St" if first < second else "100 Main Street",
                "address_b": "100 Main Street" if first < second else "100 Main St",
                "network_a": "A",  # both records are on network A (RECORDS)
                "network_b": "A",
                "distance_m": 10.0,
                "name_similarity": 1.0,
                "address_similarity": 0.5,
                "score": 0.69,
            }
        ],
    }


def test_updated_at_that_went_backwards(invoke: CliRunnerCall, tmp_path: Path) -> None:
    may = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
    with WA_FEB.open(encoding="utf-8-sig", newline="") as f:
        feb = {r["ID"]: r["Updated At"] for r in csv.DictReader(f)}
    with may.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields, records = list(reader.fieldnames or []), list(reader)
    moved = next(r for r in records if r["ID"] in feb)
    moved["Updated At"] = "2020-01-01 00:00:00 UTC"
    rewound = tmp_path / "afdc_WA_elec_2024-05_rewound.csv"
    with rewound.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(records)
    assert invoke("ingest", str(WA_FEB), str(rewound)).exit_code == 0
    assert _quality(invoke, "1")["updated_at_backwards"] == {"stations": 0, "top": []}
    before = feb[moved["ID"]].replace(" UTC", "+00:00").replace(" ", "T")
    assert _quality(invoke, "2")["updated_at_backwards"] == {
        "stations": 1,
        "top": [
            {
                "station_id": moved["ID"],
                "updated_at": "2020-01-01T00:00:00+00:00",
                "newest_before": before,
            }
        ],
    }
