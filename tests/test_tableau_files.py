"""The .tds and .twb: well-formed, live on reporting views only, every reference resolves."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from chargewatch.warehouse.connect import Connection
from tests.conftest import CliRunnerCall


def _written(invoke: CliRunnerCall, tmp_path: Path) -> tuple[ET.Element, ET.Element]:
    tds, twb = tmp_path / "cw.tds", tmp_path / "cw.twb"
    result = invoke("export", "tableau", "--tds", str(tds), "--twb", str(twb),
                    "--host", "db.example", "--user", "analyst")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{tds}: live connection to analyst@db.example:5432/chargewatch (reporting views)",
        f"{twb}: live connection to analyst@db.example:5432/chargewatch (reporting views)",
    ]
    return ET.parse(tds).getroot(), ET.parse(twb).getroot()


def _view_columns(conn: Connection, view: str) -> set[str]:
    rows = conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'reporting' and table_name = %s",
        (view,),
    ).fetchall()
    return {str(row[0]) for row in rows}


def test_connections_name_only_reporting_views_and_no_password(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    tds, twb = _written(invoke, tmp_path)
    relations = tds.findall(".//relation") + twb.findall(".//relation")
    assert len(relations) == 3
    for relation in relations:
        schema, view = re.fullmatch(r"\[(\w+)\]\.\[(\w+)\]", relation.attrib["table"]).groups()  # type: ignore[union-attr]
        assert schema == "reporting" and _view_columns(conn, view), relation.attrib
    for connection in tds.iter("connection"):
        assert "password" not in connection.attrib
    servers = {c.attrib["server"] for c in twb.iter("connection") if "server" in c.attrib}
    assert servers == {"db.example"}


def test_every_sheet_and_zone_reference_resolves(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    _, twb = _written(invoke, tmp_path)
    sources = {
        d.attrib["name"]: d.find(".//relation").attrib["name"]  # type: ignore[union-attr]
        for d in twb.find("datasources")  # type: ignore[union-attr]
    }
    sheets = [w.attrib["name"] for w in twb.iter("worksheet")]
    assert sheets == ["KPI tiles", "Station map", "KPI by state", "Operational rate trend"]
    for sheet in twb.iter("worksheet"):
        text = " ".join(filter(None, (sheet.findtext(".//rows"), sheet.findtext(".//cols"))))
        text += " ".join(e.attrib.get("column", "") for e in sheet.iter())
        for source, field in re.findall(r"\[(federated\.\w+)\]\.\[\w+:(\w+):\w+\]", text):
            assert field in _view_columns(conn, sources[source]), (sheet.attrib["name"], field)
    zones = [z.attrib["name"] for z in twb.iter("zone")]
    assert sorted(zones) == sorted(sheets)
