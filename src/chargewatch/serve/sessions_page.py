"""The dashboard's sessions: the ``/sessions`` page and its JSON.

``/api/sessions`` is ``chargewatch sessions --format json``, ``/api/attempts`` is
``chargewatch attempts --format json`` and ``/api/forecast`` is the newest stored
forecast run (``chargewatch forecast`` keeps each). The page and the report's section
show ``sessions_overview``: utilization by local hour of the week, success by
network, charge attempts, and the newest run's busiest series with their history,
forecast bands and backtest scores. Pages only read: a forecast is made by
``chargewatch forecast``, never on a page view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

from chargewatch import __version__
from chargewatch.attempts import attempt_summary
from chargewatch.forecast.run import STEPS, read_series
from chargewatch.serve.templates import environment
from chargewatch.serve.use_charts import forecast_chart, heat_map
from chargewatch.sessions import session_summary
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

if TYPE_CHECKING:
    from chargewatch.serve.dashboard import ReaderConnection

SHOWN_SERIES = 3
HISTORY = {"D": 56, "H": 168}
"""How many periods of history a forecast chart shows before its forecast."""
NO_SESSIONS = "No session file loaded yet. Load one with: chargewatch ingest FILE"


def sessions_overview(conn: Connection) -> dict[str, Any]:
    """What the page and the report show; ``{"empty": message}`` without sessions."""
    by_network = session_summary(conn, by="network")
    if not by_network["totals"]["sessions"]:
        return {"empty": NO_SESSIONS}
    cells = {
        (int(day), int(hour)): share
        for day, hour, share in conn.execute(read_sql("serve", "hour_of_week.sql")).fetchall()
    }
    attempts = attempt_summary(conn)
    return {
        "summary": by_network,
        "heat_svg": heat_map(cells),
        "attempts": attempts if attempts["totals"]["attempts"] else None,
        "forecast": newest_forecast(conn, SHOWN_SERIES),
    }


def newest_forecast(conn: Connection, shown: int | None = None) -> dict[str, Any] | None:
    """The newest stored run with its series (the ``shown`` first: backtested, then the
    largest forecast; each with its chart); None when no forecast was made."""
    series = dicts(conn, read_sql("serve", "newest_forecast.sql"), {})
    if not series:
        return None
    run = {k: series[0][k] for k in ("run_id", "created_at", "target", "freq", "horizon", "by")}
    picked = series[:shown] if shown else series
    history = _history(conn, run, {s["key"] for s in picked}) if shown else {}
    for s in picked:
        s["forecast"] = s.pop("points")
        if shown:
            s["svg"] = forecast_chart(history.get(s["key"], []), s["forecast"])
        for name in ("run_id", "created_at", "target", "freq", "horizon", "by", "total"):
            s.pop(name)
    return {**run, "created_at": run["created_at"].isoformat(), "series": picked}


def _history(conn: Connection, run: dict[str, Any], keys: set[str]) -> dict[str, list[Any]]:
    """The last ``HISTORY`` periods of each series the run forecast."""
    freq, periods = run["freq"], HISTORY[run["freq"]]
    found = {}
    for s in read_series(conn, run["by"], run["target"], freq):
        if s.key in keys:
            first = max(len(s.values) - periods, 0)
            found[s.key] = [
                ((s.start + STEPS[freq] * i).isoformat(), float(s.values[i]))
                for i in range(first, len(s.values))
            ]
    return found


def render_sessions(conn: Connection) -> str:
    """The sessions page's HTML."""
    overview = sessions_overview(conn)
    return environment().get_template("sessions.html").render(use=overview, version=__version__)


def add_sessions_routes(app: FastAPI, db: ReaderConnection) -> None:
    """``/sessions``, ``/api/sessions``, ``/api/attempts`` and ``/api/forecast`` on ``app``."""

    @app.get("/sessions", response_class=HTMLResponse, include_in_schema=False)
    def page() -> str:
        return db.run(render_sessions)

    @app.get("/api/sessions", summary="Sessions summed (as chargewatch sessions --format json)")
    def sessions_json(
        by: Literal["station", "port", "network", "state", "source"] = "station",
        min_kwh: Annotated[float, Query(ge=0)] = 1.0,
    ) -> dict[str, Any]:
        return db.run(lambda conn: session_summary(conn, by, min_kwh))

    @app.get("/api/attempts", summary="OCPP charge attempts (as chargewatch attempts)")
    def attempts_json(
        by: Literal["station", "port"] = "station",
        min_kwh: Annotated[float, Query(ge=0)] = 0.1,
        visit_minutes: Annotated[int, Query(ge=0)] = 30,
    ) -> dict[str, Any]:
        return db.run(lambda conn: attempt_summary(conn, by, min_kwh, visit_minutes))

    @app.get("/api/forecast", summary="The newest stored forecast run (chargewatch forecast)")
    def forecast_json() -> dict[str, Any]:
        found = db.run(newest_forecast)
        if found is None:
            raise HTTPException(404, "no forecast yet; make one with: chargewatch forecast")
        return found
