"""A Tableau data source (``.tds``) and workbook (``.twb``) on the live reporting views.

Both connect to PostgreSQL as a member of ``chargewatch_reader`` (no password
is written: Tableau asks for it) and name only ``reporting`` views. The
workbook holds four sheets (KPI tiles, a station map coloured by status, KPIs
by state, the operational-rate trend) on one dashboard. The XML follows the
structure Tableau Desktop writes (datasource → connection → named connection
→ relation; worksheets with rows/cols shelves over datasource columns;
a dashboard of zones naming the worksheets); it was checked for that
structure, not opened in Tableau here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

VERSION = "18.1"


@dataclass(frozen=True)
class Target:
    """Where Tableau connects: a reader login on the warehouse."""

    host: str
    port: int = 5432
    dbname: str = "chargewatch"
    user: str = "tableau"
    sslmode: str = "require"


@dataclass(frozen=True)
class Source:
    name: str
    caption: str
    view: str
    filter_sql: str | None = None


STATIONS = Source("federated.chargewatch_stations", "chargewatch stations", "station")
KPIS = Source("federated.chargewatch_kpis", "chargewatch KPIs by snapshot", "station_kpi_history")
SOURCES = (STATIONS, KPIS)


def datasource(target: Target, source: Source = STATIONS) -> ET.Element:
    """A ``<datasource>`` with a live PostgreSQL connection to one reporting view."""
    element = ET.Element(
        "datasource",
        {"name": source.name, "caption": source.caption, "inline": "true", "version": VERSION},
    )
    connection = ET.SubElement(element, "connection", {"class": "federated"})
    named = ET.SubElement(ET.SubElement(connection, "named-connections"), "named-connection",
                          {"caption": target.host, "name": "postgres.chargewatch"})  # fmt: skip
    ET.SubElement(
        named,
        "connection",
        {
            "class": "postgres",
            "server": target.host,
            "port": str(target.port),
            "dbname": target.dbname,
            "username": target.user,
            "authentication": "username-password",
            "sslmode": target.sslmode,
        },
    )
    ET.SubElement(
        connection,
        "relation",
        {
            "connection": "postgres.chargewatch",
            "name": source.view,
            "table": f"[reporting].[{source.view}]",
            "type": "table",
        },
    )
    return element


def tds(target: Target) -> str:
    """The stations data source as a ``.tds`` document."""
    return _document(datasource(target, STATIONS))


def _column(source: Source, derivation: str, field: str, kind: str) -> str:
    return f"[{source.name}].[{derivation}:{field}:{kind}]"


SHEETS = {
    "KPI tiles": (KPIS, "Text", "", _column(KPIS, "avg", "station_operational_rate", "qk"),
                  "[dimension] = 'all'"),
    "Station map": (STATIONS, "Circle", _column(STATIONS, "avg", "longitude", "qk"),
                    _column(STATIONS, "avg", "latitude", "qk"), None),
    "KPI by state": (KPIS, "Bar", _column(KPIS, "avg", "station_operational_rate", "qk"),
                     _column(KPIS, "none", "dimension_value", "nk"), "[dimension] = 'state'"),
    "Operational rate trend": (KPIS, "Line", _column(KPIS, "none", "as_of_date", "ok"),
                               _column(KPIS, "avg", "station_operational_rate", "qk"),
                               "[dimension] = 'all'"),
}  # fmt: skip


def twb(target: Target) -> str:
    """The workbook: both data sources, four worksheets and a dashboard of them."""
    workbook = ET.Element("workbook", {"version": VERSION, "source-platform": "linux"})
    sources = ET.SubElement(workbook, "datasources")
    for source in SOURCES:
        sources.append(datasource(target, source))
    worksheets = ET.SubElement(workbook, "worksheets")
    for title, (source, mark, cols, rows, condition) in SHEETS.items():
        worksheets.append(_worksheet(title, source, mark, cols, rows, condition))
    dashboards = ET.SubElement(workbook, "dashboards")
    dashboard = ET.SubElement(dashboards, "dashboard", {"name": "chargewatch"})
    ET.SubElement(dashboard, "size", {"maxheight": "900", "maxwidth": "1400"})
    zones = ET.SubElement(dashboard, "zones")
    layout = {"KPI tiles": (0, 0, 100000, 16000), "Station map": (0, 16000, 60000, 84000),
              "KPI by state": (60000, 16000, 40000, 42000),
              "Operational rate trend": (60000, 58000, 40000, 42000)}  # fmt: skip
    for number, (title, (x, y, w, h)) in enumerate(layout.items(), start=1):
        ET.SubElement(zones, "zone", {"id": str(number), "name": title, "x": str(x), "y": str(y),
                                      "w": str(w), "h": str(h)})  # fmt: skip
    return _document(workbook)


def _worksheet(
    title: str, source: Source, mark: str, cols: str, rows: str, condition: str | None
) -> ET.Element:
    sheet = ET.Element("worksheet", {"name": title})
    table = ET.SubElement(sheet, "table")
    view = ET.SubElement(table, "view")
    ET.SubElement(ET.SubElement(view, "datasources"), "datasource",
                  {"name": source.name, "caption": source.caption})  # fmt: skip
    if condition:
        ET.SubElement(view, "filter", {"class": "calculation", "column": f"[{source.name}]",
                                       "formula": condition})  # fmt: skip
    pane = ET.SubElement(ET.SubElement(table, "panes"), "pane")
    ET.SubElement(pane, "mark", {"class": mark})
    if source is STATIONS:
        encodings = ET.SubElement(pane, "encodings")
        ET.SubElement(encodings, "color", {"column": _column(STATIONS, "none", "status", "nk")})
    ET.SubElement(table, "rows").text = rows
    ET.SubElement(table, "cols").text = cols
    return sheet


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n" + ET.tostring(root, encoding="unicode") + "\n"
    )
