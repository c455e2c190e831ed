"""``chargewatch export tableau --hyper``: the extract reads back with the Hyper API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from tableauhyperapi import Connection as HyperConnection
from tableauhyperapi import HyperProcess, TableName, Telemetry

from chargewatch.export.hyper import VIEWS
from chargewatch.warehouse.connect import Connection
from tests.conftest import AFDC_DIR, CliRunnerCall, scalar

FILES = sorted(AFDC_DIR.glob("*.csv"))  # every real AFDC export


def test_the_extract_has_every_view_and_the_kpis_of_chargewatch_kpi(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    assert invoke("ingest", *map(str, FILES)).exit_code == 0
    path = tmp_path / "chargewatch.hyper"
    result = invoke("export", "tableau", "--hyper", str(path))
    assert result.exit_code == 0, result.output
    kpis = json.loads(invoke("kpi", "--format", "json").stdout)
    with (
        HyperProcess(
            telemetry=Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU,
            parameters={"log_dir": str(tmp_path)},
        ) as process,
        HyperConnection(process.endpoint, str(path)) as hyper,
    ):
        for view in VIEWS:
            rows = hyper.execute_scalar_query(f'select count(*) from "Extract"."{view}"')
            assert rows == scalar(conn, f"select count(*) from reporting.{view}"), view
        names = [c.name.unescaped for c in hyper.catalog.get_table_definition(
            TableName("Extract", "station")).columns]  # fmt: skip
        overall = hyper.execute_list_query(
            "select station_operational_rate, fast_charging_availability, existing_count "
            'from "Extract"."station_kpi_history" '
            f"where dimension = 'all' and as_of_date = '{kpis['as_of']}'"
        )
    assert names[:3] == ["source", "station_id", "station_name"]
    assert overall == [
        [
            kpis["kpis"]["station_operational_rate"],
            kpis["kpis"]["fast_charging_availability"],
            kpis["counts"]["existing"],
        ]
    ]


def test_without_the_hyper_api_the_message_says_what_to_install(
    invoke: CliRunnerCall, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tableauhyperapi", None)
    result = invoke("export", "tableau", "--hyper", str(tmp_path / "x.hyper"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: writing a Hyper extract needs the Tableau Hyper API: "
        "pip install 'chargewatch[tableau]'\n"
    )
