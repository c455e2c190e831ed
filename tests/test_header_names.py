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

from chargewatch.sources.afdc import export_csv
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall

REAL = AFDC_DIR / "afdc_WA_elec_2024-05.csv"
ALIASES = (
    Path(__file__).parents[1] / "src" / "chargewatch" / "sources" / "afdc" / "header_aliases.csv"
)


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
    assert len(shown["absent_columns"]) == len(export_csv.VALUE_KINDS) - 3
    shown_kpis = json.loads(invoke("kpi", "--format", "json").stdout)
    kpis, counts = shown_kpis["kpis"], shown_kpis["counts"]
    assert kpis["station_operational_rate"] is None  # no Status Code: every status unknown
    assert kpis["fast_charging_availability"] == 0.5
    assert kpis["accessibility_24_7_rate"] is None  # no Access Days Time: unknown, not 0
    assert (counts["existing"], counts["dc_fast_given"], counts["hours_given"]) == (2, 2, 0)


def test_a_kpi_over_files_with_and_without_its_column_counts_the_stations_given_it(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    """A state whose file lacks Access Days Time leaves its stations out of the 24/7 rate
    (worked by hand: WA 1 of 2 open 24/7; OR unknown → 1/2 overall, not 1/3)."""
    with_hours = tmp_path / "wa.csv"
    with_hours.write_text(
        "ID,Fuel Type Code,State,Status Code,Access Days Time\n"
        "1,ELEC,WA,E,24 hours daily\n2,ELEC,WA,E,9am-5pm M-F\n"
    )
    without = tmp_path / "or.csv"
    without.write_text("ID,Fuel Type Code,State,Status Code\n3,ELEC,OR,E\n")
    for path in (with_hours, without):
        assert invoke("ingest", "--as-of", "2024-06-30", str(path)).exit_code == 0
    overall = json.loads(invoke("kpi", "--format", "json").stdout)
    assert overall["kpis"]["accessibility_24_7_rate"] == 0.5
    by_state = json.loads(invoke("kpi", "--by", "state", "--format", "json").stdout)
    rates = {g["state"]: g["kpis"]["accessibility_24_7_rate"] for g in by_state["groups"]}
    assert rates == {"WA": 0.5, "OR": None}


TWINS = (
    "ID,Fuel Type Code,EV Network,Status Code,ev_network\n"
    "1,ELEC,ChargePoint Network,E,ChargePoint Network\n"
    "2,ELEC,Tesla,E,{second}\n"
)


def test_a_repeated_column_with_the_same_values_loads_and_is_noted(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "twins.csv"
    path.write_text(TWINS.format(second="Tesla"))
    result = invoke("ingest", "--as-of", "2024-06-30", str(path))
    assert result.exit_code == 0, result.output
    assert conn.execute(
        "select station_id, network from reporting.station order by station_id"
    ).fetchall() == [("1", "ChargePoint Network"), ("2", "Tesla")]
    assert conn.execute(
        "select column_name, rule, value_count, detail from reporting.load_normalisation"
    ).fetchall() == [
        ("ev_network", "repeated_column_ignored", 2, 'the same values as "EV Network" (column 3)')
    ]


def test_a_repeated_column_with_other_values_is_refused_until_one_is_chosen(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "twins.csv"
    path.write_text(TWINS.format(second="Tesla Destination"))
    refused = invoke("ingest", "--as-of", "2024-06-30", str(path))
    assert refused.exit_code == 1
    assert refused.stderr == (
        'Error: twins.csv line 3: "EV Network" (column 3) and "ev_network" (column 5) hold one '
        "field but differ here ('Tesla' and 'Tesla Destination'); choose the column to read "
        'with --column "EV Network=3" or --column "ev_network=5"\n'
    )
    assert conn.execute("select count(*) from core.station").fetchone() == (0,)
    chosen = invoke("ingest", "--as-of", "2024-06-30", "--column", "EV Network=5", str(path))
    assert chosen.exit_code == 0, chosen.output
    assert conn.execute(
        "select network from reporting.station where station_id = '2'"
    ).fetchone() == ("Tesla Destination",)
    assert conn.execute(
        "select column_name, detail from reporting.load_normalisation"
    ).fetchall() == [("EV Network", 'chosen with --column: "ev_network" (column 5)')]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            "EV Network=2",
            'Error: twins.csv: --column EV Network=2: column 2 is "Fuel Type Code", not EV '
            "Network; give the position (1 to 5) of a column that holds EV Network",
        ),
        (
            "EV Network=9",
            "Error: twins.csv: --column EV Network=9: column 9 is no column, not EV Network; "
            "give the position (1 to 5) of a column that holds EV Network",
        ),
    ],
)
def test_a_column_choice_that_does_not_fit_the_header_is_refused(
    invoke: CliRunnerCall, tmp_path: Path, choice: str, message: str
) -> None:
    path = tmp_path / "twins.csv"
    path.write_text(TWINS.format(second="Tesla"))
    result = invoke("ingest", "--column", choice, str(path))
    assert result.exit_code == 1
    assert result.stderr == message + " (recorded as failed load 1)\n"


def test_a_kpi_keeps_its_snapshot_when_a_later_file_lacks_the_column(invoke: CliRunnerCall) -> None:
    """Station 2 is unchanged between the files; the June snapshot still counts it as
    given DC fast ports (worked by hand: 1 of 2), also after every snapshot is recounted."""
    june = Path(invoke.settings.home) / "june.csv"
    june.parent.mkdir(parents=True, exist_ok=True)
    june.write_text(
        "ID,Fuel Type Code,State,Status Code,EV DC Fast Count\n1,ELEC,WA,E,2\n2,ELEC,WA,E,\n"
    )
    july = june.with_name("july.csv")
    july.write_text("ID,Fuel Type Code,State,Status Code\n1,ELEC,WA,E\n2,ELEC,WA,E\n")
    assert invoke("ingest", "--as-of", "2024-06-30", str(june)).exit_code == 0
    assert invoke("ingest", "--as-of", "2024-07-31", str(july)).exit_code == 0

    def fast(day: str) -> object:
        shown = json.loads(invoke("kpi", "--as-of", day, "--format", "json").stdout)
        return shown["kpis"]["fast_charging_availability"]

    for _ in ("as loaded", "recounted"):
        assert (fast("2024-06-30"), fast("2024-07-31")) == (0.5, None)
        assert invoke("db", "build", "--all").exit_code == 0


def test_a_zip_code_written_as_a_float_gets_its_zeros_back(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    path = tmp_path / "zips.csv"
    path.write_text("ID,Fuel Type Code,ZIP\n1,ELEC,2134.0\n2,ELEC,98101.0\n3,ELEC,2134\n4,ELEC,\n")
    assert invoke("ingest", "--as-of", "2024-06-30", str(path)).exit_code == 0
    assert conn.execute("select zip from reporting.station order by station_id").fetchall() == [
        ("02134",),
        ("98101",),
        ("02134",),
        (None,),
    ]


def test_a_file_without_status_or_ports_changes_no_station_history(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """It says nothing about them: no status change, no lost ports, no new versions; its
    snapshot's status and port KPIs are unknown; the June snapshot keeps its numbers."""
    june = tmp_path / "june.csv"
    june.write_text(
        "ID,Fuel Type Code,State,Status Code,EV Level2 EVSE Num,EV DC Fast Count\n"
        "1,ELEC,WA,E,2,2\n2,ELEC,WA,T,4,\n"
    )
    july = tmp_path / "july.csv"
    july.write_text("ID,Fuel Type Code,State,Station Name\n1,ELEC,WA,One\n2,ELEC,WA,Two\n")
    assert invoke("ingest", "--as-of", "2024-06-30", str(june)).exit_code == 0
    assert invoke("ingest", "--as-of", "2024-07-31", str(july)).exit_code == 0
    assert conn.execute(
        "select station_id, status, level2_port_count, dc_fast_port_count, station_name "
        "from reporting.station order by 1"
    ).fetchall() == [
        ("1", "operational", 2, 2, "One"),
        ("2", "temporarily_unavailable", 4, 0, "Two"),
    ]
    assert conn.execute("select count(*) from reporting.capacity_loss").fetchone() == (0,)
    assert conn.execute(
        "select count(*) from reporting.status_change where from_status is not null"
    ).fetchone() == (0,)

    def kpis(day: str) -> dict[str, object]:
        shown = json.loads(invoke("kpi", "--as-of", day, "--format", "json").stdout)
        return {
            k: shown["kpis"][k] for k in ("station_operational_rate", "fast_charging_availability")
        }

    assert kpis("2024-06-30") == {
        "station_operational_rate": 0.5,
        "fast_charging_availability": 0.5,
    }
    assert kpis("2024-07-31") == {
        "station_operational_rate": None,
        "fast_charging_availability": None,
    }
