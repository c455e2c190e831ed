"""The dashboard's anomalies and maintenance: the ``/maintenance`` page and its JSON.

``/api/anomalies`` is ``chargewatch anomalies --format json``; ``/api/maintenance`` is
the newest morning list ``chargewatch predict maintenance`` kept. The page and the
report's section show the morning list (ports to visit, why, how likely), the
anomalies going on, and both on a map of the status feeds' ports. Pages only read: a
morning list is made by ``chargewatch predict maintenance``, never on a page view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

from chargewatch import __version__
from chargewatch.anomalies import KINDS, anomaly_list
from chargewatch.serve.templates import environment
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

if TYPE_CHECKING:
    from chargewatch.serve.dashboard import ReaderConnection

SHOWN = 10
SHOWN_ANOMALIES = 50
MAP_WIDTH, MAP_HEIGHT = 900.0, 520.0
EMPTY = ("No anomaly and no morning list yet: load a status feed (chargewatch ingest FILE), "
         "then make a list with: chargewatch predict maintenance")  # fmt: skip


def morning_list(conn: Connection, top: int = SHOWN) -> dict[str, Any] | None:
    """The newest morning list's first ``top`` ports; None when none was made."""
    rows = dicts(conn, read_sql("serve", "morning_list.sql"), {"top": top})
    if not rows:
        return None
    run = {"run_id": rows[0]["run_id"], "run_at": rows[0]["run_at"].isoformat(),
           "model_version": rows[0]["model_version"], "day": rows[0]["day"].isoformat()}  # fmt: skip
    for row in rows:
        for key in ("run_id", "run_at", "model_version", "day"):
            row.pop(key)
    return {**run, "ports": rows}


def maintenance_overview(conn: Connection) -> dict[str, Any]:
    """What the page and the report show; ``{"empty": message}`` when there is nothing."""
    listed = morning_list(conn)
    found = anomaly_list(conn)
    if listed is None and not found["anomalies"]:
        return {"empty": EMPTY}
    shown = sorted(found["anomalies"], key=lambda a: not a["is_open"])[:SHOWN_ANOMALIES]
    ports = dicts(conn, read_sql("serve", "feed_ports.sql"), {})
    return {
        "list": listed,
        "counts": found["counts"],
        "anomalies": shown,
        "more": max(len(found["anomalies"]) - SHOWN_ANOMALIES, 0),
        "map_svg": point_map(ports, found["anomalies"], listed["ports"] if listed else []),
    }


def point_map(
    ports: Sequence[Mapping[str, Any]], anomalies: Sequence[Mapping[str, Any]],
    listed: Sequence[Mapping[str, Any]],
) -> str:  # fmt: skip
    """The feeds' ports as grey dots on a plain longitude/latitude frame (the feeds may be
    anywhere), anomalies as purple diamonds and the morning list's ports ringed."""
    placed = [a for a in anomalies if a["longitude"] is not None]
    points = [(p["longitude"], p["latitude"]) for p in (*ports, *placed, *listed)
              if p["longitude"] is not None]  # fmt: skip
    if not points:
        return ""
    to_xy = _frame(points)
    parts = [f'<svg class="map points" viewBox="0 0 {MAP_WIDTH:.0f} {MAP_HEIGHT:.0f}" role="img" '
             f'aria-label="Map of ports, anomalies and the morning list" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<rect width="{MAP_WIDTH:.0f}" height="{MAP_HEIGHT:.0f}" class="sea"/>']  # fmt: skip
    parts += [_dot(to_xy(p["longitude"], p["latitude"]), "port", f"{p['station_id']} · {p['port_id']}")
              for p in ports]  # fmt: skip
    for a in placed:
        x, y = to_xy(a["longitude"], a["latitude"])
        parts.append(f'<polygon points="{x},{y - 6} {x + 6},{y} {x},{y + 6} {x - 6},{y}" '
                     f'class="anomaly"><title>{escape(a["reason_code"])}: '
                     f'{escape(a["evidence"])}</title></polygon>')  # fmt: skip
    parts += [_dot(to_xy(p["longitude"], p["latitude"]), "listed",
                   f"#{p['rank']} {p['station_id']} · {p['port_id']}: {p['probability']:.0%}", 8)
              for p in listed if p["longitude"] is not None]  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)


def _frame(points: Sequence[tuple[float, float]]) -> Any:
    """Longitude and latitude to the map's pixels: the points' extent, padded, with
    longitude shrunk by the cosine of the middle latitude (so shapes are not stretched)."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    width = max((max(lons) - min(lons)) * squeeze, 0.01) * 1.1
    height = max(max(lats) - min(lats), 0.01) * 1.1
    scale = min(MAP_WIDTH / width, MAP_HEIGHT / height)
    mid_lon, mid_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2

    def to_xy(lon: float, lat: float) -> tuple[float, float]:
        return (round(MAP_WIDTH / 2 + (lon - mid_lon) * squeeze * scale, 1),
                round(MAP_HEIGHT / 2 - (lat - mid_lat) * scale, 1))  # fmt: skip

    return to_xy


def _dot(at: tuple[float, float], kind: str, title: str, radius: float = 2.5) -> str:
    return (f'<circle cx="{at[0]}" cy="{at[1]}" r="{radius}" class="{kind}">'
            f"<title>{escape(title)}</title></circle>")  # fmt: skip


def render_maintenance(conn: Connection) -> str:
    """The maintenance page's HTML."""
    overview = maintenance_overview(conn)
    return environment().get_template("maintenance.html").render(
        care=overview, version=__version__)  # fmt: skip


def add_maintenance_routes(app: FastAPI, db: ReaderConnection) -> None:
    """``/maintenance``, ``/api/anomalies`` and ``/api/maintenance`` on ``app``."""

    @app.get("/maintenance", response_class=HTMLResponse, include_in_schema=False)
    def page() -> str:
        return db.run(render_maintenance)

    @app.get("/api/anomalies", summary="Anomalies (as chargewatch anomalies --format json)")
    def anomalies_json(
        since: Annotated[date | None, Query(description="YYYY-MM-DD, UTC")] = None,
        kind: Annotated[list[str] | None, Query()] = None,
        source: str | None = None,
    ) -> dict[str, Any]:
        unknown = [k for k in kind or () if k not in KINDS]
        if unknown:
            raise HTTPException(
                422, f"{unknown[0]!r} is not a kind; the kinds are {', '.join(KINDS)}"
            )
        return db.run(lambda conn: anomaly_list(conn, since, tuple(kind or ()), source))

    @app.get(
        "/api/maintenance", summary="The newest morning list (chargewatch predict maintenance)"
    )
    def maintenance_json(top: Annotated[int, Query(ge=1)] = SHOWN) -> dict[str, Any]:
        found = db.run(lambda conn: morning_list(conn, top))
        if found is None:
            raise HTTPException(
                404, "no morning list yet; make one with: chargewatch predict maintenance"
            )
        return found
