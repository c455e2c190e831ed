"""The dashboard's coverage gaps: the ``/gaps`` page and its JSON.

``/api/gaps`` is ``chargewatch gaps --format json`` and ``/api/sites`` is
``chargewatch sites --format json`` (the same contracts); the page and the report's
section show ``coverage_overview``: the county map with the proposed sites, the
population beyond 50 miles on every date (as the loads kept it), and the
worst-served counties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

from chargewatch import __version__
from chargewatch.errors import ConfigError
from chargewatch.serve.templates import environment
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql

if TYPE_CHECKING:
    from chargewatch.serve.dashboard import ReaderConnection

SHOWN_SITES = 10
WORST = 15
State = Annotated[str | None, Query(description="Two-letter state code, e.g. WA")]
Miles = Annotated[float, Query(gt=0, le=12_450, description="Served within this many miles")]


def coverage_overview(conn: Connection, state: str | None = None) -> dict[str, Any]:
    """What the page and the report show; ``{"empty": message}`` when nothing can be."""
    from chargewatch.coverage.gaps import gaps
    from chargewatch.coverage.siting import sites
    from chargewatch.serve.county_map import BINS, county_map

    try:
        report = gaps(conn, by="county", state=state)
    except ConfigError as exc:
        return {"empty": str(exc)}
    if report["as_of"] is None:
        return {"empty": "No station file loaded yet. Load one with: chargewatch ingest FILE"}
    proposed = sites(conn, top=SHOWN_SITES, state=state)
    worst = sorted(
        report["groups"],
        key=lambda g: (g["nearest_dcfc_miles"] is not None, -(g["nearest_dcfc_miles"] or 0)),
    )[:WORST]
    return {
        "gaps": report,
        "sites": proposed,
        "trend": kept_trend(conn, state),
        "worst": worst,
        "bins": BINS,
        "map_svg": county_map(report["groups"], proposed["sites"], report["within_miles"]),
    }


def kept_trend(conn: Connection, state: str | None) -> list[dict[str, Any]]:
    """The county summary of every snapshot date as the loads kept it (within 50 miles),
    in the shape of ``gaps --trend``: read, not computed again on every page view."""
    rows = conn.execute(read_sql("serve", "coverage_trend.sql"), {"state": state}).fetchall()
    return [
        {
            "as_of": day.isoformat(),
            "states": list(states),
            "summary": {
                "areas": areas, "population": people, "areas_beyond": beyond,
                "population_beyond": people_beyond,
                "share_beyond": round(people_beyond / people, 4) if people else None,
            },
        }
        for day, states, areas, people, beyond, people_beyond in rows
    ]  # fmt: skip


def render_gaps(conn: Connection, state: str | None) -> str:
    """The gaps page's HTML for the covered states or one."""
    overview = coverage_overview(conn, state)
    return (
        environment()
        .get_template("gaps.html")
        .render(cov=overview, state=state, version=__version__)
    )


def _state(state: str | None) -> str | None:
    if state is not None and (len(state) != 2 or not state.isalpha()):
        raise HTTPException(422, f"{state!r} is not a two-letter state code, e.g. WA")
    return state.upper() if state else None


def add_gaps_routes(app: FastAPI, db: ReaderConnection) -> None:
    """``/gaps``, ``/api/gaps`` and ``/api/sites`` on ``app``."""
    from chargewatch.coverage.gaps import gaps
    from chargewatch.coverage.siting import sites

    @app.get("/gaps", response_class=HTMLResponse, include_in_schema=False)
    def page(state: State = None) -> str:
        chosen = _state(state)
        return db.run(lambda conn: render_gaps(conn, chosen))

    @app.get("/api/gaps", summary="Coverage gaps (as chargewatch gaps --format json)")
    def gaps_json(
        by: Literal["county", "zcta", "state"] = "county",
        within: Miles = 50.0,
        state: State = None,
    ) -> dict[str, Any]:
        chosen = _state(state)
        return db.run(lambda conn: _or_422(lambda: gaps(conn, by=by, within=within, state=chosen)))

    @app.get("/api/sites", summary="Proposed DC fast sites (as chargewatch sites --format json)")
    def sites_json(
        within: Miles = 50.0,
        top: Annotated[int, Query(ge=1, le=200)] = 20,
        resolution: Annotated[int, Query(ge=0, le=7)] = 5,
        state: State = None,
    ) -> dict[str, Any]:
        chosen = _state(state)
        return db.run(
            lambda conn: _or_422(
                lambda: sites(conn, within=within, top=top, resolution=resolution, state=chosen)
            )
        )


def _or_422(compute: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = compute()
    except ConfigError as exc:
        raise HTTPException(422, str(exc)) from exc
    return result
