"""A Tableau data source (``.tds``) and workbook (``.twb``) on the live reporting views.

Both connect to PostgreSQL as a login in ``chargewatch_reader`` (no password is
written: Tableau asks for it). By default they connect where ``chargewatch db
serve`` listens (the constants of ``warehouse.expose``: 127.0.0.1:5432, database
``postgres``, login ``chargewatch_tableau``, SSL off on loopback), so the files
open right against it; for a server elsewhere (RDS) pass its host, database,
login and ``require``.

The KPIs are calculated fields over ``reporting.station_group`` (the counts
behind them): ``SUM(numerator) / SUM(denominator)``, the same definitions as
``reporting.kpi_values``, so they stay right under any filter or grouping
(averaging per-group ratios would not). A ``Newest snapshot`` field
(``[as_of_date] = {FIXED : MAX([as_of_date])}``) keeps KPI sheets to the newest
snapshot. The workbook has one text sheet per KPI, a station map (one mark per
station: source and station id on Detail, latitude/longitude as coordinates,
colour by status, name, network and ports in the tooltip), KPIs by state, the
operational-rate trend, and a dashboard of them all; and, over
``reporting.port_uptime_month``, NEVI uptime by month (minutes summed, then
divided), the share of port-months at 97% or more, and a map of ports coloured
by uptime, in a second dashboard; over ``reporting.county_coverage``, counties
coloured by miles to the nearest DC fast station (geoid has Tableau's County
role, so the marks become a filled map in one click), the worst-served counties
and the population beyond 50 miles by date, in a third; and the sessions dashboard of
``export.tableau_use`` (utilization by hour of the week and by network, sessions per
day, the newest forecast), in a fourth; and the maintenance dashboard of
``export.tableau_care`` (anomalies on a map and by kind, the newest morning list), in a
fifth. The ``.tds`` is the KPI counts source with
those calculations, to build one's own sheets on.

The XML follows what Tableau Desktop writes (datasource → federated connection
→ named postgres connection → relation; columns with calculations and
geographic roles; worksheets whose ``datasource-dependencies`` declare every
column instance their shelves, encodings and filters use; dashboard zones
naming the worksheets). It is checked with ``tableaudocumentapi`` and by tests
that resolve every reference; it was not opened in Tableau Desktop here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from chargewatch.export.tableau_care import CARE_SHEETS, CARE_SOURCES
from chargewatch.export.tableau_model import (
    DERIVATIONS,
    NEWEST_NAME,
    Field,
    Sheet,
    Source,
    Use,
    coordinates,
    count,
)
from chargewatch.export.tableau_use import SESSION_SHEETS, SESSION_SOURCES
from chargewatch.warehouse.expose import EMBEDDED_DBNAME, HOST, LOGIN, PORT, SSLMODE

VERSION = "18.1"
USER_NS = "http://www.tableausoftware.com/xml/user"
ET.register_namespace("user", USER_NS)


@dataclass(frozen=True)
class Target:
    """Where Tableau connects: a reader login on the warehouse (defaults: ``db serve``)."""

    host: str = HOST
    port: int = PORT
    dbname: str = EMBEDDED_DBNAME
    user: str = LOGIN
    sslmode: str = SSLMODE


# KPI → (caption, formula over reporting.station_group); reporting.kpi_values in Tableau's words.
KPI_FORMULAS = {
    "station_operational_rate": (
        "Station operational rate",
        "SUM([operational_count]) / SUM([operational_count] + [temporarily_unavailable_count])",
    ),
    "fast_charging_availability": (
        "Fast charging availability", "SUM([dc_fast_count]) / SUM([dc_fast_given_count])"),
    "accessibility_24_7_rate": (
        "24/7 accessibility rate", "SUM([open_24_7_count]) / SUM([hours_given_count])"),
    "public_private_ratio": (
        "Public/private ratio", "SUM([public_count]) / SUM([private_count])"),
    "public_share": (
        "Public share", "SUM([public_count]) / SUM([public_count] + [private_count])"),
    "avg_connector_diversity": (
        "Connector types per station",
        "SUM([connector_type_total]) / SUM([connector_types_known_count])",
    ),
}  # fmt: skip
NEWEST = Field(NEWEST_NAME, "boolean", caption="Newest snapshot",
               formula="[as_of_date] = {FIXED : MAX([as_of_date])}")  # fmt: skip
PORTS = Field("Calculation_ports", "integer", "measure", "quantitative", caption="Ports",
              formula="[level1_port_count] + [level2_port_count] + [dc_fast_port_count]")  # fmt: skip

# fmt: off
KPI_COUNTS = Source(
    "federated.chargewatch_kpi_counts",
    "chargewatch KPI counts",
    "station_group",
    (
        Field("as_of_date", "date", "dimension", "ordinal"),
        Field("state", "string"),
        *map(count, ("operational_count", "temporarily_unavailable_count", "existing_count",
                      "dc_fast_count", "open_24_7_count", "public_count", "private_count",
                      "connector_types_known_count", "connector_type_total",
                      "dc_fast_given_count", "hours_given_count")),
        NEWEST,
        *(Field(f"Calculation_{kpi}", "real", "measure", "quantitative", caption, formula)
          for kpi, (caption, formula) in KPI_FORMULAS.items()),
    ),
)
STATIONS = Source(
    "federated.chargewatch_stations",
    "chargewatch stations",
    "station",
    (
        Field("source", "string"),
        Field("station_id", "string"),
        Field("station_name", "string"),
        Field("network", "string"),
        Field("status", "string"),
        *coordinates(),
        *map(count, ("level1_port_count", "level2_port_count", "dc_fast_port_count")),
        PORTS,
    ),
)
UPTIME_NEVI = Field(
    "Calculation_uptime_nevi", "real", "measure", "quantitative", "NEVI uptime",
    "(SUM([period_minutes]) - (SUM([outage_minutes]) - SUM([excluded_minutes]))) "
    "/ SUM([period_minutes])",
)
OBSERVED_SHARE = Field(
    "Calculation_observed_share", "real", "measure", "quantitative", "Observed share",
    "SUM([observed_minutes]) / SUM([period_minutes])",
)
AT_97 = Field(
    "Calculation_port_at_97", "integer", "measure", "quantitative", "Port at 97%",
    "IF ([period_minutes] - ([outage_minutes] - [excluded_minutes])) / [period_minutes] "
    ">= 0.97 THEN 1 ELSE 0 END",
)
PORT_UPTIME = Source(
    "federated.chargewatch_port_uptime",
    "chargewatch port uptime",
    "port_uptime_month",
    (
        Field("source", "string"),
        Field("station_id", "string"),
        Field("port_id", "string"),
        Field("port_key", "string"),
        Field("network", "string"),
        Field("state", "string"),
        Field("month", "string", "dimension", "ordinal"),
        *coordinates(),
        *(Field(name, "real", "measure", "quantitative") for name in (
            "period_minutes", "observed_minutes", "outage_minutes", "excluded_minutes")),
        count("outage_count"),
        UPTIME_NEVI, OBSERVED_SHARE, AT_97,
    ),
)
POPULATION_BEYOND = Field(
    "Calculation_population_beyond", "integer", "measure", "quantitative",
    "Population beyond 50 miles", "IF [is_beyond] THEN [population] ELSE 0 END",
)
COUNTY_COVERAGE = Source(
    "federated.chargewatch_county_coverage",
    "chargewatch county coverage",
    "county_coverage",
    (
        Field("as_of_date", "date", "dimension", "ordinal"),
        Field("geoid", "string", semantic_role="[County].[Name]"),
        Field("name", "string"),
        Field("state", "string", semantic_role="[State].[Name]"),
        *coordinates(),
        Field("nearest_dcfc_miles", "real", "measure", "quantitative"),
        count("population"),
        count("dcfc_stations_within"),
        Field("is_beyond", "boolean"),
        NEWEST, POPULATION_BEYOND,
    ),
)
# fmt: on
SOURCES = (KPI_COUNTS, STATIONS, PORT_UPTIME, COUNTY_COVERAGE, *SESSION_SOURCES, *CARE_SOURCES)

# fmt: off
SHEETS = (
    *(Sheet(caption, KPI_COUNTS, "Text", encodings=(("text", ("usr", f"Calculation_{kpi}")),),
            newest_only=True) for kpi, (caption, _) in KPI_FORMULAS.items()),
    Sheet(
        "Station map", STATIONS, "Circle",
        rows=(("avg", "latitude"),), cols=(("avg", "longitude"),),
        encodings=(("color", ("none", "status")), ("lod", ("none", "source")),
                   ("lod", ("none", "station_id")), ("tooltip", ("none", "station_name")),
                   ("tooltip", ("none", "network")), ("tooltip", ("sum", PORTS.name))),
    ),
    Sheet("KPI by state", KPI_COUNTS, "Bar", rows=(("none", "state"),),
          cols=(("usr", "Calculation_station_operational_rate"),), newest_only=True),
    Sheet("Operational rate trend", KPI_COUNTS, "Line", cols=(("none", "as_of_date"),),
          rows=(("usr", "Calculation_station_operational_rate"),)),
)
UPTIME_SHEETS = (
    Sheet("Port uptime by month", PORT_UPTIME, "Line", cols=(("none", "month"),),
          rows=(("usr", UPTIME_NEVI.name),), encodings=(("tooltip", ("usr", OBSERVED_SHARE.name)),)),
    Sheet("Ports at 97% by month", PORT_UPTIME, "Bar", cols=(("none", "month"),),
          rows=(("avg", AT_97.name),)),
    Sheet(
        "Port uptime map", PORT_UPTIME, "Circle",
        rows=(("avg", "latitude"),), cols=(("avg", "longitude"),),
        encodings=(("color", ("usr", UPTIME_NEVI.name)), ("lod", ("none", "source")),
                   ("lod", ("none", "port_key")), ("tooltip", ("none", "station_id")),
                   ("tooltip", ("none", "port_id")), ("tooltip", ("usr", OBSERVED_SHARE.name))),
    ),
)
COVERAGE_SHEETS = (
    Sheet(
        "Distance to DC fast by county", COUNTY_COVERAGE, "Circle",
        rows=(("avg", "latitude"),), cols=(("avg", "longitude"),),
        encodings=(("color", ("avg", "nearest_dcfc_miles")), ("lod", ("none", "geoid")),
                   ("tooltip", ("none", "name")), ("tooltip", ("sum", "population"))),
        newest_only=True,
    ),
    Sheet("Worst-served counties", COUNTY_COVERAGE, "Bar", rows=(("none", "name"),),
          cols=(("avg", "nearest_dcfc_miles"),), newest_only=True),
    Sheet("Population beyond 50 miles", COUNTY_COVERAGE, "Line", cols=(("none", "as_of_date"),),
          rows=(("sum", POPULATION_BEYOND.name),)),
)
# fmt: on


def column_reference(source: Source, use: Use) -> str:
    """``[federated.x].[avg:latitude:qk]``: how shelves, encodings and filters name a field."""
    return f"[{source.name}].{_instance_name(source, use)}"


def _instance_name(source: Source, use: Use) -> str:
    derivation, name = use
    quantitative = derivation != "none" or source.field(name).kind == "quantitative"
    kind = "qk" if quantitative else {"ordinal": "ok"}.get(source.field(name).kind, "nk")
    return f"[{derivation}:{name}:{kind}]"


def datasource(target: Target, source: Source) -> ET.Element:
    """A ``<datasource>``: a live PostgreSQL connection to one reporting view, and its fields."""
    element = ET.Element(
        "datasource",
        {"caption": source.caption, "inline": "true", "name": source.name, "version": VERSION},
    )
    connection = ET.SubElement(element, "connection", {"class": "federated"})
    named = ET.SubElement(ET.SubElement(connection, "named-connections"), "named-connection",
                          {"caption": target.host, "name": "postgres.chargewatch"})  # fmt: skip
    ET.SubElement(named, "connection", {
        "authentication": "username-password", "class": "postgres", "dbname": target.dbname,
        "odbc-native-protocol": "", "one-time-sql": "", "port": str(target.port),
        "server": target.host,
        # Tableau writes "require" when "Require SSL" is ticked and "" when it is not.
        "sslmode": "require" if target.sslmode == "require" else "",
        "username": target.user,
    })  # fmt: skip
    ET.SubElement(connection, "relation", {"connection": "postgres.chargewatch",
                  "name": source.view, "table": f"[reporting].[{source.view}]",
                  "type": "table"})  # fmt: skip
    for field in source.fields:
        element.append(_column(field))
    return element


def _column(field: Field) -> ET.Element:
    attributes = {"datatype": field.datatype, "name": f"[{field.name}]", "role": field.role,
                  "type": field.kind}  # fmt: skip
    if field.caption:
        attributes["caption"] = field.caption
    if field.semantic_role:
        attributes["semantic-role"] = field.semantic_role
    column = ET.Element("column", attributes)
    if field.formula:
        ET.SubElement(column, "calculation", {"class": "tableau", "formula": field.formula})
    return column


def tds(target: Target) -> str:
    """The KPI counts source, with the KPI calculations, as a ``.tds`` document."""
    return _document(datasource(target, KPI_COUNTS))


def twb(target: Target) -> str:
    """The workbook: its data sources, one sheet per KPI, map, by state, trend, the uptime,
    coverage, sessions and maintenance sheets, and their five dashboards."""
    workbook = ET.Element("workbook", {"source-platform": "linux", "version": VERSION})
    sources = ET.SubElement(workbook, "datasources")
    for source in SOURCES:
        sources.append(datasource(target, source))
    worksheets = ET.SubElement(workbook, "worksheets")
    for sheet in (*SHEETS, *UPTIME_SHEETS, *COVERAGE_SHEETS, *SESSION_SHEETS, *CARE_SHEETS):
        worksheets.append(_worksheet(sheet))
    dashboards = ET.SubElement(workbook, "dashboards")
    tile_width = 100000 // len(KPI_FORMULAS)
    boxes = [(n * tile_width, 0, tile_width, 16000) for n in range(len(KPI_FORMULAS))]
    boxes += [(0, 16000, 60000, 84000), (60000, 16000, 40000, 42000),
              (60000, 58000, 40000, 42000)]  # fmt: skip
    dashboards.append(_dashboard("chargewatch", SHEETS, boxes))
    uptime_boxes = [(0, 0, 50000, 50000), (0, 50000, 50000, 50000), (50000, 0, 50000, 100000)]
    dashboards.append(_dashboard("chargewatch uptime", UPTIME_SHEETS, uptime_boxes))
    dashboards.append(_dashboard("chargewatch coverage", COVERAGE_SHEETS, uptime_boxes))
    quarters = [(0, 0, 50000, 50000), (50000, 0, 50000, 50000), (0, 50000, 50000, 50000),
                (50000, 50000, 50000, 50000)]  # fmt: skip
    dashboards.append(_dashboard("chargewatch sessions", SESSION_SHEETS, quarters))
    dashboards.append(_dashboard("chargewatch maintenance", CARE_SHEETS, uptime_boxes))
    return _document(workbook)


def _dashboard(
    name: str, sheets: tuple[Sheet, ...], boxes: list[tuple[int, int, int, int]]
) -> ET.Element:
    """The sheets in their boxes (x, y, width, height in 1/100000 of the dashboard): the
    KPIs' tiles in a row on top, the map left, by state and the trend right; the uptime
    trend and ports at 97% left, the uptime map right."""
    dashboard = ET.Element("dashboard", {"name": name})
    ET.SubElement(dashboard, "size", {"maxheight": "900", "maxwidth": "1400"})
    root = ET.SubElement(ET.SubElement(dashboard, "zones"), "zone",
                         {"h": "100000", "id": "1", "type": "layout-basic", "w": "100000",
                          "x": "0", "y": "0"})  # fmt: skip
    for number, (sheet, (x, y, w, h)) in enumerate(zip(sheets, boxes, strict=True), start=2):
        ET.SubElement(root, "zone", {"h": str(h), "id": str(number), "name": sheet.title,
                                     "w": str(w), "x": str(x), "y": str(y)})  # fmt: skip
    return dashboard


def _worksheet(sheet: Sheet) -> ET.Element:
    source = sheet.source
    element = ET.Element("worksheet", {"name": sheet.title})
    table = ET.SubElement(element, "table")
    view = ET.SubElement(table, "view")
    ET.SubElement(ET.SubElement(view, "datasources"), "datasource",
                  {"caption": source.caption, "name": source.name})  # fmt: skip
    uses = [*sheet.rows, *sheet.cols, *(use for _, use in sheet.encodings)]
    if sheet.newest_only:
        uses.append(("none", NEWEST_NAME))
    view.append(_dependencies(source, uses))
    if sheet.newest_only:
        _newest_filter(view, source)
    ET.SubElement(view, "aggregation", {"value": "true"})
    pane = ET.SubElement(ET.SubElement(table, "panes"), "pane")
    ET.SubElement(pane, "mark", {"class": sheet.mark})
    if sheet.encodings:
        encodings = ET.SubElement(pane, "encodings")
        for tag, use in sheet.encodings:
            ET.SubElement(encodings, tag, {"column": column_reference(source, use)})
    ET.SubElement(table, "rows").text = " / ".join(column_reference(source, u) for u in sheet.rows)
    ET.SubElement(table, "cols").text = " / ".join(column_reference(source, u) for u in sheet.cols)
    return element


def _dependencies(source: Source, uses: list[Use]) -> ET.Element:
    """Every field a sheet uses (and those its calculations read), with each instance of it."""
    element = ET.Element("datasource-dependencies", {"datasource": source.name})
    names = {name for _, name in uses}
    names |= {f.name for f in source.fields if any(f"[{f.name}]" in (source.field(n).formula or "")
                                                   for n in names)}  # fmt: skip
    for field in source.fields:
        if field.name in names:
            element.append(_column(field))
    for use in dict.fromkeys(uses):
        derivation, name = use
        field = source.field(name)
        ET.SubElement(element, "column-instance", {
            "column": f"[{name}]", "derivation": DERIVATIONS[derivation],
            "name": _instance_name(source, use), "pivot": "key",
            "type": "quantitative" if derivation != "none" else field.kind,
        })  # fmt: skip
    return element


def _newest_filter(view: ET.Element, source: Source) -> None:
    """Keep only rows of the newest snapshot: ``Newest snapshot`` is true."""
    reference = column_reference(source, ("none", NEWEST_NAME))
    level = _instance_name(source, ("none", NEWEST_NAME))
    condition = ET.SubElement(view, "filter", {"class": "categorical", "column": reference})
    ET.SubElement(condition, "groupfilter", {
        "function": "member", "level": level, "member": "true",
        f"{{{USER_NS}}}ui-domain": "database", f"{{{USER_NS}}}ui-enumeration": "inclusive",
        f"{{{USER_NS}}}ui-marker": "enumerate",
    })  # fmt: skip
    ET.SubElement(ET.SubElement(view, "slices"), "column").text = reference


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n" + ET.tostring(root, encoding="unicode") + "\n"
    )
