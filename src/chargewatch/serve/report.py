"""``chargewatch report``: one self-contained HTML file with the KPIs, a map, trends and quality.

Everything is inline (styles, SVG charts, the states outline): the file opens
from disk with no network and can be emailed. The numbers come from the same
library calls as the CLI (``station_kpis``, ``kpi_trend``, ``reliability``,
``load_quality``), so they are the numbers ``chargewatch kpi`` prints.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chargewatch import __version__
from chargewatch.kpi import kpi_trend, station_kpis
from chargewatch.quality import load_quality
from chargewatch.reliability import reliability
from chargewatch.serve.filters import Filters, coverage
from chargewatch.serve.gaps_page import coverage_overview
from chargewatch.serve.maintenance_page import maintenance_overview
from chargewatch.serve.sessions_page import sessions_overview
from chargewatch.serve.svg import STATUS_COLOURS, line_chart, station_map
from chargewatch.serve.templates import environment
from chargewatch.serve.uptime_page import timeline_of
from chargewatch.uptime import uptime_overview
from chargewatch.warehouse.connect import Connection

KPI_TILES = (
    ("station_operational_rate", "Operational", "operational of operational + down"),
    ("fast_charging_availability", "DC fast charging", "existing stations with a DC fast port"),
    ("accessibility_24_7_rate", "Open 24/7", "existing stations open around the clock"),
    ("public_share", "Public", "public of public + private"),
    ("avg_connector_diversity", "Connector types", "per station with known connectors"),
)
SHOWN_STATES = 25
RATIOS = {"avg_connector_diversity"}
"""KPIs that are not rates: their change is shown as a plain difference, not in points."""


def tile_changes(
    trend: list[dict[str, Any]], as_of: str | None, first_loaded: dict[str, str] | None = None
) -> dict[str, str]:
    """Each KPI's change from the snapshot before ``as_of`` in ``trend`` (rows oldest
    first), e.g. ``{"public_share": "+1.2 pts since 2024-02-17"}``; empty without one.
    When states were first loaded on ``as_of`` (``first_loaded``: date → label) the
    change says so: it is partly new coverage, not a change of the stations."""
    dates = [row["as_of"] for row in trend]
    if as_of not in dates or dates.index(as_of) == 0:
        return {}
    now, before = trend[dates.index(as_of)], trend[dates.index(as_of) - 1]
    changes = {}
    for key, _, _ in KPI_TILES:
        new, old = now["kpis"].get(key), before["kpis"].get(key)
        if new is None or old is None:
            continue
        delta = new - old if key in RATIOS else (new - old) * 100
        text = f"{delta:+.2f}" if key in RATIOS else f"{delta:+.1f} pts"
        if text.lstrip("+-") in ("0.00", "0.0 pts"):
            text = "no change"
        added = (first_loaded or {}).get(str(as_of))
        coverage = f"; {added} on {as_of}: partly new coverage, not change" if added else ""
        changes[key] = f"{text} since {before['as_of']}{coverage}"
    return changes


def report_data(conn: Connection) -> dict[str, Any]:
    """Everything the report shows, from the library's own reports."""
    overall = station_kpis(conn)
    has_loads = overall["as_of"] is not None
    stations = conn.execute(
        "select longitude, latitude, status from reporting.station "
        "where is_existing and latitude is not null and longitude is not null"
    ).fetchall()
    return {
        "overall": overall,
        "by_state": station_kpis(conn, "state")["groups"][:SHOWN_STATES],
        "trend": kpi_trend(conn)["trend"],
        "reliability": reliability(conn, shown=10),
        "quality": load_quality(conn, _newest_snapshot_load(conn)) if has_loads else None,
        "stations": [(float(lon), float(lat), status) for lon, lat, status in stations],
        "coverage": coverage(conn, Filters()),
        "uptime": uptime_overview(conn),
        "cov": coverage_overview(conn),
        "use": sessions_overview(conn),
        "care": maintenance_overview(conn),
    }


def _newest_snapshot_load(conn: Connection) -> int | None:
    row = conn.execute(
        "select load_id from reporting.load where status = 'loaded' and model = 'stations' "
        "order by as_of_date desc, load_id desc limit 1"
    ).fetchone()
    return None if row is None else int(row[0])


def render(data: dict[str, Any]) -> str:
    """The report's HTML."""
    trend = [(row["as_of"], row["kpis"]["station_operational_rate"]) for row in data["trend"]]
    marks = data["coverage"]["first_loaded"]
    uptime = data["uptime"]
    return (
        environment()
        .get_template("report.html")
        .render(
            **data,
            tiles=KPI_TILES,
            map_svg=station_map(data["stations"]),
            trend_svg=line_chart(trend, width=960, height=240, markers=marks),
            grid="stack",
            changes=tile_changes(data["trend"], data["overall"]["as_of"], dict(marks)),
            first_loaded=dict(marks),
            colours=STATUS_COLOURS,
            timeline_svg=timeline_of(uptime),
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            version=__version__,
        )
    )


def write_report(conn: Connection, path: Path) -> dict[str, Any]:
    """Write the report to ``path``; returns what it showed (for a summary line)."""
    data = report_data(conn)
    path.write_text(render(data), encoding="utf-8")
    return data
