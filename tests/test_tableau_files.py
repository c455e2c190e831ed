"""The .tds and .twb: they connect where db serve listens, every reference resolves, and the
KPI calculations give the hand-worked KPIs of the newest snapshot.

Structure is read twice: by ``tableaudocumentapi`` (Tableau's own Python reader of these
files) and by the checks here, which resolve every field a sheet names against the sheet's
declared dependencies, the workbook's data sources and the reporting views' real columns.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tableaudocumentapi import Datasource, Workbook

from chargewatch.measures import KPIS
from chargewatch.warehouse.connect import Connection
from tests.conftest import FIXTURES, CliRunnerCall

USER_NS = "{http://www.tableausoftware.com/xml/user}"
REFERENCE = re.compile(r"\[(federated\.\w+)\]\.(\[(\w+):(\w+):(\w+)\])")


def _write(invoke: CliRunnerCall, tmp_path: Path, *options: str) -> tuple[Path, Path]:
    tds, twb = tmp_path / "cw.tds", tmp_path / "cw.twb"
    result = invoke("export", "tableau", "--tds", str(tds), "--twb", str(twb), *options)
    assert result.exit_code == 0, result.output
    return tds, twb


def _view_columns(conn: Connection, view: str) -> set[str]:
    rows = conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'reporting' and table_name = %s",
        (view,),
    ).fetchall()
    return {str(row[0]) for row in rows}


def test_defaults_connect_where_db_serve_listens(invoke: CliRunnerCall, tmp_path: Path) -> None:
    tds, twb = _write(invoke, tmp_path)
    # What test_db_serve.py sees db serve print with its default --port.
    expected = ("127.0.0.1", "5432", "postgres", "chargewatch_tableau", "username-password")
    sources = [Datasource.from_file(str(tds)), *Workbook(str(twb)).datasources]
    assert len(sources) == 10  # the .tds, and the workbook's nine
    for source in sources:
        (connection,) = source.connections
        found = (connection.server, connection.port, connection.dbname, connection.username,
                 connection.authentication)  # fmt: skip
        assert found == expected
    for path in (tds, twb):
        for element in ET.parse(path).getroot().iter("connection"):
            assert "password" not in element.attrib
            if element.attrib["class"] == "postgres":
                assert element.attrib["sslmode"] == ""  # Tableau's "Require SSL" unticked


def test_options_name_another_server(invoke: CliRunnerCall, tmp_path: Path) -> None:
    tds, twb = _write(invoke, tmp_path, "--host", "db.example", "--port", "6543", "--dbname",
                      "chargewatch", "--user", "analyst", "--sslmode", "require")  # fmt: skip
    postgres = [e for p in (tds, twb) for e in ET.parse(p).getroot().iter("connection")
                if e.attrib["class"] == "postgres"]  # fmt: skip
    assert len(postgres) == 10
    for element in postgres:
        assert {k: element.attrib[k] for k in ("server", "port", "dbname", "username", "sslmode")} == {
            "server": "db.example", "port": "6543", "dbname": "chargewatch", "username": "analyst",
            "sslmode": "require",
        }  # fmt: skip


def test_tableaudocumentapi_reads_sheets_dashboard_and_calculations(
    invoke: CliRunnerCall, tmp_path: Path
) -> None:
    tds, twb = _write(invoke, tmp_path)
    workbook = Workbook(str(twb))
    kpi_sheets = ["Station operational rate", "Fast charging availability", "24/7 accessibility rate",
                  "Public/private ratio", "Public share", "Connector types per station"]  # fmt: skip
    assert workbook.worksheets == [
        *kpi_sheets,
        "Station map",
        "KPI by state",
        "Operational rate trend",
        "Port uptime by month",
        "Ports at 97% by month",
        "Port uptime map",
        "Distance to DC fast by county",
        "Worst-served counties",
        "Population beyond 50 miles",
        "Utilization by hour of week",
        "Utilization by network",
        "Sessions per day",
        "Forecast with its 95% band",
        "Anomalies on the map",
        "Anomalies by kind",
        "Morning list",
    ]
    assert workbook.dashboards == ["chargewatch", "chargewatch uptime", "chargewatch coverage",
                                   "chargewatch sessions", "chargewatch maintenance"]  # fmt: skip
    (counts, stations, uptime, coverage, port_day, hour_of_week, forecast, anomaly,
     maintenance) = workbook.datasources  # fmt: skip
    formulas = {f.caption: f.calculation for f in counts.fields.values() if f.calculation}
    assert formulas == {
        "Newest snapshot": "[as_of_date] = {FIXED : MAX([as_of_date])}",
        "Station operational rate":
            "SUM([operational_count]) / SUM([operational_count] + [temporarily_unavailable_count])",
        "Fast charging availability": "SUM([dc_fast_count]) / SUM([dc_fast_given_count])",
        "24/7 accessibility rate": "SUM([open_24_7_count]) / SUM([hours_given_count])",
        "Public/private ratio": "SUM([public_count]) / SUM([private_count])",
        "Public share": "SUM([public_count]) / SUM([public_count] + [private_count])",
        "Connector types per station":
            "SUM([connector_type_total]) / SUM([connector_types_known_count])",
    }  # fmt: skip
    assert {f.caption: f.calculation for f in stations.fields.values() if f.calculation} == {
        "Ports": "[level1_port_count] + [level2_port_count] + [dc_fast_port_count]"
    }
    # Sheets' dependencies mark the fields as used, as Tableau's reader sees them.
    assert sorted(counts.fields["[Calculation_station_operational_rate]"].worksheets) == [
        "KPI by state", "Operational rate trend", "Station operational rate"]  # fmt: skip
    assert stations.fields["[station_id]"].worksheets == ["Station map"]
    assert {f.caption: f.calculation for f in uptime.fields.values() if f.calculation} == {
        "NEVI uptime": "(SUM([period_minutes]) - (SUM([outage_minutes]) - "
        "SUM([excluded_minutes]))) / SUM([period_minutes])",
        "Observed share": "SUM([observed_minutes]) / SUM([period_minutes])",
        "Port at 97%": "IF ([period_minutes] - ([outage_minutes] - [excluded_minutes])) / "
        "[period_minutes] >= 0.97 THEN 1 ELSE 0 END",
    }
    assert sorted(uptime.fields["[Calculation_uptime_nevi]"].worksheets) == [
        "Port uptime by month", "Port uptime map"]  # fmt: skip
    assert {f.caption: f.calculation for f in coverage.fields.values() if f.calculation} == {
        "Newest snapshot": "[as_of_date] = {FIXED : MAX([as_of_date])}",
        "Population beyond 50 miles": "IF [is_beyond] THEN [population] ELSE 0 END",
    }
    assert coverage.fields["[geoid]"].worksheets == ["Distance to DC fast by county"]
    assert {f.caption: f.calculation for f in port_day.fields.values() if f.calculation} == {
        "Occupied utilization": "SUM([occupied_minutes]) / SUM([available_minutes])",
        "Charging utilization": "SUM([charging_minutes]) / SUM([available_minutes])",
    }
    assert {f.caption: f.calculation for f in hour_of_week.fields.values() if f.calculation} == {
        "Occupied utilization": "SUM([occupied_minutes]) / SUM([available_minutes])",
    }
    assert {f.caption: f.calculation for f in forecast.fields.values() if f.calculation} == {
        "Newest run": "[run_id] = {FIXED : MAX([run_id])}",
    }
    assert forecast.fields["[mean]"].worksheets == ["Forecast with its 95% band"]
    assert {f.caption: f.calculation for f in anomaly.fields.values() if f.calculation} == {
        "Anomalies": "COUNT([reason_code])",
    }
    assert sorted(anomaly.fields["[reason_code]"].worksheets) == [
        "Anomalies by kind", "Anomalies on the map"]  # fmt: skip
    assert {f.caption: f.calculation for f in maintenance.fields.values() if f.calculation} == {
        "Newest morning list": "[is_newest_list]",
    }
    assert maintenance.fields["[probability]"].worksheets == ["Morning list"]
    tds_fields = Datasource.from_file(str(tds)).fields
    assert {f.caption for f in tds_fields.values() if f.calculation} == set(formulas)


def test_every_calculation_and_reference_resolves(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    _, twb = _write(invoke, tmp_path)
    root = ET.parse(twb).getroot()
    declared = {}  # datasource → {column name: calculation formula or None}
    for source in root.find("datasources") or []:
        view = source.find(".//relation").attrib["table"]  # type: ignore[union-attr]
        schema, name = re.fullmatch(r"\[(\w+)\]\.\[(\w+)\]", view).groups()  # type: ignore[union-attr]
        assert schema == "reporting"
        columns = {
            c.attrib["name"].strip("[]"): c.find("calculation") for c in source.findall("column")
        }
        real = _view_columns(conn, name)
        for column, calculation in columns.items():
            if calculation is None:
                assert column in real, (name, column)
            else:
                for used in re.findall(r"\[(\w+)\]", calculation.attrib["formula"]):
                    assert used in columns and columns[used] is None, (column, used)
        declared[source.attrib["name"]] = columns

    for sheet in root.iter("worksheet"):
        title = sheet.attrib["name"]
        (used_source,) = [
            d.attrib["name"] for d in sheet.findall("table/view/datasources/datasource")
        ]
        dependencies = sheet.find(
            f"table/view/datasource-dependencies[@datasource='{used_source}']"
        )
        assert dependencies is not None, title
        instances = {i.attrib["name"]: i.attrib["column"].strip("[]")
                     for i in dependencies.findall("column-instance")}  # fmt: skip
        depended = {c.attrib["name"].strip("[]") for c in dependencies.findall("column")}
        texts = [sheet.findtext("table/rows") or "", sheet.findtext("table/cols") or ""]
        texts += [
            e.attrib["column"]
            for e in sheet.iter()
            if "column" in e.attrib and e.tag != "column-instance"
        ]
        texts += [e.text or "" for e in sheet.iter("column") if e.text]
        references = [r for text in texts for r in REFERENCE.findall(text)]
        assert references, title
        for named_source, instance, _, field, _ in references:
            assert named_source == used_source, (title, named_source)
            assert instances[instance] == field and field in depended, (title, instance)
            assert field in declared[used_source], (title, field)
        assert set(instances) == {instance for _, instance, *_ in references}, title

    zones = [z.attrib["name"] for z in root.iter("zone") if "name" in z.attrib]
    assert zones == [s.attrib["name"] for s in root.iter("worksheet")]


def _sheet(twb: Path, title: str) -> ET.Element:
    sheet = ET.parse(twb).getroot().find(f".//worksheet[@name='{title}']")
    assert sheet is not None
    return sheet


def _encodings(sheet: ET.Element) -> list[tuple[str, str]]:
    return [(e.tag, e.attrib["column"].split("].", 1)[1]) for e in sheet.find(".//encodings") or []]


def test_station_map_has_one_mark_per_station(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    _, twb = _write(invoke, tmp_path)
    sheet = _sheet(twb, "Station map")
    assert sheet.findtext("table/rows") == "[federated.chargewatch_stations].[avg:latitude:qk]"
    assert sheet.findtext("table/cols") == "[federated.chargewatch_stations].[avg:longitude:qk]"
    assert _encodings(sheet) == [
        ("color", "[none:status:nk]"),
        ("lod", "[none:source:nk]"),
        ("lod", "[none:station_id:nk]"),
        ("tooltip", "[none:station_name:nk]"),
        ("tooltip", "[none:network:nk]"),
        ("tooltip", "[sum:Calculation_ports:qk]"),
    ]
    roles = {c.attrib["name"]: c.attrib.get("semantic-role")
             for c in sheet.iter("column") if c.attrib.get("name") in ("[latitude]", "[longitude]")}  # fmt: skip
    assert roles == {
        "[latitude]": "[Geographical].[Latitude]",
        "[longitude]": "[Geographical].[Longitude]",
    }
    assert sheet.find(".//filter") is None  # every station, whatever its status
    # Source and station id (the detail level) are the view's key: one row, so one mark, each.
    invoke("ingest", str(FIXTURES / "afdc_kpi_handmade.csv"))
    row = conn.execute(
        "select count(*), count(distinct (source, station_id)) from reporting.station"
    ).fetchone()
    assert row == (7, 7)


def _second_snapshot(tmp_path: Path) -> Path:
    """The hand-made fixture a month later: station 2 is back in operation."""
    with (FIXTURES / "afdc_kpi_handmade.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["ID"] == "2":
            row["Status Code"], row["Updated At"] = "E", "2024-04-01 10:00:00 UTC"
    path = tmp_path / "afdc_kpi_handmade_april.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _as_sql(formula: str) -> str:
    """A KPI formula, SUM(a) / SUM(b), in PostgreSQL (Tableau's / is float, x/0 is null)."""
    match = re.fullmatch(r"SUM\((.+)\) / SUM\((.+)\)", formula)
    assert match, formula
    numerator, denominator = (re.sub(r"\[(\w+)\]", r'"\1"', part) for part in match.groups())
    return f"sum({numerator})::float8 / nullif(sum({denominator}), 0)"


def test_kpi_sheets_show_summed_counts_divided_at_the_newest_snapshot(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    for path in (FIXTURES / "afdc_kpi_handmade.csv", _second_snapshot(tmp_path)):
        assert invoke("ingest", str(path)).exit_code == 0
    _, twb = _write(invoke, tmp_path)
    counts = Workbook(str(twb)).datasources[0]
    newest = counts.fields["[Calculation_newest_snapshot]"].calculation
    assert newest == "[as_of_date] = {FIXED : MAX([as_of_date])}"
    at_newest = "as_of_date = (select max(as_of_date) from reporting.station_group)"
    # Hand-worked from the fixture's header comment in test_kpi.py, station 2 now operational.
    expected = {
        "station_operational_rate": 5 / 5,  # 1, 2, 3, 5, 8 of those + 0 down (was 4 / 5)
        "fast_charging_availability": 2 / 6,
        "accessibility_24_7_rate": 3 / 6,
        "public_private_ratio": 4 / 2,
        "public_share": 4 / 6,
        "avg_connector_diversity": (2 + 1 + 2 + 2 + 1) / 5,
    }
    assert set(expected) == set(KPIS)
    for kpi, value in expected.items():
        formula = counts.fields[f"[Calculation_{kpi}]"].calculation
        query = f"select {_as_sql(formula)} from reporting.station_group where {at_newest}"
        assert conn.execute(query).fetchone() == (pytest.approx(value),), kpi
        sheet = _sheet(twb, counts.fields[f"[Calculation_{kpi}]"].caption)
        assert sheet.find(".//mark").attrib["class"] == "Text"  # type: ignore[union-attr]
        assert _encodings(sheet) == [("text", f"[usr:Calculation_{kpi}:qk]")]
        assert _newest_only(sheet)
    # The trend sums per date, oldest first: 4/5 then 5/5 (an average of the two would be 0.9).
    trend = conn.execute(
        f"select as_of_date::text, {_as_sql(counts.fields['[Calculation_station_operational_rate]'].calculation)} "
        "from reporting.station_group group by as_of_date order by as_of_date"
    ).fetchall()
    assert trend == [("2024-03-05", pytest.approx(4 / 5)), ("2024-04-01", pytest.approx(1.0))]
    assert _newest_only(_sheet(twb, "KPI by state"))
    assert not _newest_only(_sheet(twb, "Operational rate trend"))


def _newest_only(sheet: ET.Element) -> bool:
    """The sheet keeps rows whose Newest snapshot is true, and nothing else filters it."""
    filters = sheet.findall(".//filter")
    if not filters:
        return False
    (condition,) = filters
    (member,) = condition.findall("groupfilter")
    return (
        condition.attrib["column"]
        == "[federated.chargewatch_kpi_counts].[none:Calculation_newest_snapshot:nk]"
        and member.attrib["function"] == "member"
        and member.attrib["member"] == "true"
        and member.attrib[f"{USER_NS}ui-enumeration"] == "inclusive"
    )
