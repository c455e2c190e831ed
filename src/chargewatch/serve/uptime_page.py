"""The dashboard's port uptime: the ``/uptime`` page and its JSON.

``/api/uptime`` is ``chargewatch uptime --format json`` (the same contract);
``/api/uptime/overview`` is what the page and the report show
(``chargewatch.uptime.uptime_overview``). Bad parameters are 422 with a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

from chargewatch import __version__
from chargewatch.serve.templates import environment
from chargewatch.serve.timeline import outage_timeline
from chargewatch.times import is_month
from chargewatch.uptime import nothing_to_show, port_uptime, uptime_overview
from chargewatch.warehouse.connect import Connection

if TYPE_CHECKING:
    from chargewatch.serve.dashboard import ReaderConnection

Month = Annotated[str | None, Query(description="YYYY-MM (default: the newest observed)")]


def checked_month(month: str | None) -> str | None:
    if month is not None and not is_month(month):
        raise HTTPException(422, f"{month!r} is not a month YYYY-MM, e.g. 2024-03")
    return month


def render_uptime(conn: Connection, month: str | None) -> str:
    """The uptime page's HTML for ``month``."""
    overview = uptime_overview(conn, month)
    months = [m for (m,) in conn.execute(
        "select distinct month from reporting.port_uptime_month order by 1 desc").fetchall()]  # fmt: skip
    timeline = timeline_of(overview)
    empty = "" if overview["month"] else nothing_to_show(conn)
    return (
        environment()
        .get_template("uptime.html")
        .render(
            uptime=overview, months=months, timeline_svg=timeline, empty=empty, version=__version__
        )
    )


def timeline_of(overview: dict[str, Any]) -> str:
    """The month's outage timeline with its feed outages and anomalies ("" without a month)."""
    if not overview["month"]:
        return ""
    return outage_timeline(overview["timeline"], overview["month"],
                           feed_outages=overview["feed_outages"], anomalies=overview["anomalies"])  # fmt: skip


def add_uptime_routes(app: FastAPI, db: ReaderConnection) -> None:
    """``/uptime``, ``/api/uptime`` and ``/api/uptime/overview`` on ``app``."""

    @app.get("/uptime", response_class=HTMLResponse, include_in_schema=False)
    def page(month: Month = None) -> str:
        chosen = checked_month(month)
        return db.run(lambda conn: render_uptime(conn, chosen))

    @app.get("/api/uptime", summary="Port uptime of a month (as chargewatch uptime --format json)")
    def uptime(
        month: Month = None,
        by: Literal["port", "station", "network", "state", "source"] = "port",
        below: Annotated[float | None, Query(ge=0, le=1)] = None,
    ) -> dict[str, Any]:
        chosen = checked_month(month)
        return db.run(lambda conn: port_uptime(conn, chosen, by, below))

    @app.get("/api/uptime/overview", summary="A month's ports at a glance, as the page shows")
    def overview(month: Month = None) -> dict[str, Any]:
        chosen = checked_month(month)
        return db.run(lambda conn: uptime_overview(conn, chosen))
