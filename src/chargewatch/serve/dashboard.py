"""``chargewatch serve``: a read-only web dashboard and its JSON API (FastAPI).

One page, rendered on the server: KPI tiles with their change since the
previous snapshot, filters (state, network, facility type, access, status)
that reload the page, an interactive station map, the operational-rate trend
on a time axis, KPIs by state, and lists of down and stale stations. The page
comes first; its map then fetches the stations in a compact, gzipped form
(``/api/stations?format=compact``) and clusters them in the browser with the
vendored Leaflet and supercluster (``assets/vendor``, served from ``/assets``:
no CDN, no tile server; the states outline is the basemap, in the Albers USA
projection of ``projection.py``, ported to ``assets/map.js``).
The JSON endpoints return the same numbers; the OpenAPI description is at
``/openapi.json`` (the interactive docs pages are off: they load scripts from
a CDN). The app reads through one connection in the ``chargewatch_reader``
role with read-only transactions, so it can see reporting views and nothing else.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

import psycopg
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from chargewatch import __version__
from chargewatch.config import Settings
from chargewatch.errors import ConfigError, TransientError
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.serve import filters as data
from chargewatch.serve.api import add_report_routes
from chargewatch.serve.filters import NAMES, Filters
from chargewatch.serve.gaps_page import add_gaps_routes
from chargewatch.serve.maintenance_page import add_maintenance_routes
from chargewatch.serve.report import KPI_TILES, tile_changes
from chargewatch.serve.sessions_page import add_sessions_routes
from chargewatch.serve.stations import Request, check_filters, station_columns, station_objects
from chargewatch.serve.svg import STATUS_COLOURS, line_chart
from chargewatch.serve.templates import environment
from chargewatch.serve.uptime_page import add_uptime_routes
from chargewatch.warehouse.connect import Connection, connect_reader

T = TypeVar("T")


class ReaderConnection:
    """One connection as the reader role, used by one request at a time.

    Reads are retried on a fresh connection when the old one was cut or the
    server is briefly unreachable (restarted by an administrator, or stopped and
    started again): requests wait up to ``RETRY_DELAYS`` in all rather than fail.
    Every read is a read-only query, so running it again is safe.
    """

    RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._conn: Connection | None = None
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Connection]:
        with self._lock:
            if self._conn is None or self._conn.closed or self._conn.broken:
                self._conn = connect_reader(self.settings)
                self._conn.execute("set role chargewatch_reader")
                self._conn.execute("set default_transaction_read_only = on")
            yield self._conn

    def run(self, read: Callable[[Connection], T]) -> T:
        for delay in (*self.RETRY_DELAYS, None):
            try:
                with self.use() as conn:
                    return read(conn)
            except (psycopg.OperationalError, TransientError):
                self._discard()
                if delay is None:
                    raise
                time.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _discard(self) -> None:
        """Forget a connection that failed, so the next attempt opens a new one."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn = None


def _filters(
    source: str | None = None,
    state: str | None = None,
    network: str | None = None,
    facility_type: str | None = None,
    access: str | None = None,
    status: str | None = None,
) -> Filters:
    """The filters from the query string; an empty value means any."""
    return Filters(
        source or None, state or None, network or None, facility_type or None, access or None,
        status or None,
    )  # fmt: skip


ASSETS = Path(str(resources.files("chargewatch.serve").joinpath("assets")))
GZIP_LEVEL = 5
"""Level 9 (Starlette's default) takes 0.9 s on the map's 7 MB at 100,000 stations for 3%
fewer bytes; level 5 takes 0.17 s."""
OBJECTS_LIMIT = 1000
"""Stations per page of ``/api/stations`` as objects when no ``limit`` is given."""


def create_app(settings: Settings) -> FastAPI:
    """The dashboard app reading the warehouse ``settings`` names."""
    app = FastAPI(title="chargewatch", version=__version__, docs_url=None, redoc_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=GZIP_LEVEL)
    app.mount("/assets", StaticFiles(directory=ASSETS), name="assets")
    db = ReaderConnection(settings)

    def checked(filters: Annotated[Filters, Depends(_filters)]) -> Filters:
        """The filters, once every value is one some station has (else 422 naming it)."""
        try:
            db.run(lambda conn: check_filters(conn, filters))
        except ConfigError as error:
            raise HTTPException(422, str(error)) from None
        return filters

    chosen = Depends(checked)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(filters: Annotated[Filters, Depends(_filters)]) -> str:
        return db.run(lambda conn: render_page(conn, filters))

    @app.get("/api/kpis", summary="KPIs of the newest snapshot under the filters")
    def kpis(filters: Filters = chosen) -> dict[str, Any]:
        rows = db.run(lambda conn: data.filtered_kpis(conn, filters))
        return rows[0] if rows else {"as_of": None, "counts": {}, "kpis": {}}

    @app.get("/api/kpis/by-state", summary="KPIs per state of the newest snapshot")
    def by_state(filters: Filters = chosen) -> list[dict[str, Any]]:
        return db.run(lambda conn: data.filtered_kpis(conn, filters, by_state=True))

    @app.get("/api/kpis/trend", summary="KPIs per snapshot date, oldest first")
    def trend(filters: Filters = chosen) -> list[dict[str, Any]]:
        return db.run(lambda conn: data.filtered_kpis(conn, filters, newest=False))

    _station_route(app, db, chosen)

    add_report_routes(app, db)
    add_uptime_routes(app, db)
    add_gaps_routes(app, db)
    add_sessions_routes(app, db)
    add_maintenance_routes(app, db)

    @app.get("/api/down", summary="Stations in an open outage, longest first")
    def down(filters: Filters = chosen) -> list[dict[str, Any]]:
        return db.run(lambda conn: data.down_stations(conn, filters))

    @app.get("/api/stale", summary="Stations not confirmed in over a year")
    def stale(filters: Filters = chosen) -> dict[str, Any]:
        return db.run(lambda conn: data.stale_stations(conn, filters))

    return app


def _station_route(app: FastAPI, db: ReaderConnection, chosen: Any) -> None:
    """``/api/stations``: objects by the page, or compact columns for the map."""

    @app.get(
        "/api/stations",
        summary="Existing stations with coordinates: id, name, network, status, ports",
        description=STATIONS_DOC,
    )
    def stations(
        filters: Filters = chosen,
        as_of: Annotated[date | None, Query(description="Stations as they were that day")] = None,
        limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        format: Literal["objects", "compact"] = "objects",
    ) -> Response:
        if format == "objects" and limit is None:
            limit = OBJECTS_LIMIT
        request = Request(filters, as_of, limit, offset)
        shape = station_objects if format == "objects" else station_columns
        try:
            found = db.run(lambda conn: shape(conn, request))
        except ConfigError as error:
            raise HTTPException(422, str(error)) from None
        body = json.dumps(found, separators=(",", ":"), ensure_ascii=False)
        return Response(body, media_type="application/json")


STATIONS_DOC = """Existing stations with coordinates under the dashboard's filters, by id.

`format=objects` (the default): `{as_of, total, offset, limit, stations: [{id, name,
network, status, ports: {level1, level2, dc_fast}, latitude, longitude}]}`, `limit`
stations from `offset` (1,000 unless given). `format=compact`: the same fields as
arrays under `columns` (network and status as indexes into `networks` and
`statuses`), every station unless `limit` is given; the dashboard's map reads it.
`as_of` gives each station as it was that day (422 when it is before every snapshot);
a filter value no station has is 422 with the values it can take."""


def render_page(conn: Connection, filters: Filters) -> str:
    """The dashboard's HTML under ``filters``: everything but the map's stations, which
    the page fetches from ``/api/stations?format=compact`` once it is shown."""
    trend = data.filtered_kpis(conn, filters, newest=False)
    newest = snapshot_on_or_before(conn)
    stamp = newest.isoformat() if newest else None
    query = urlencode({"format": "compact", **filters.active()})
    covered = data.coverage(conn, filters)
    marks = covered["first_loaded"]
    if covered["state_dates"]:
        # One state: its numbers change only with its own files, so the page is as of
        # the newest of them and its trend has a point per file, not per other state's.
        trend = [row for row in trend if row["as_of"] in covered["state_dates"]]
        stamp = covered["state_dates"][-1]
    overall = next((row for row in trend if row["as_of"] == stamp), None)
    return (
        environment()
        .get_template("dashboard.html")
        .render(
            as_of=stamp,
            overall=overall,
            changes=tile_changes(trend, stamp, dict(marks)),
            coverage=covered,
            first_loaded=dict(marks),
            by_state=data.filtered_kpis(conn, filters, by_state=True),
            trend=trend,
            trend_svg=line_chart(
                [(r["as_of"], r["kpis"]["station_operational_rate"]) for r in trend],
                markers=marks,
            ),
            map_data_url=f"/api/stations?{query}",
            fit_to_data=bool(filters.state),
            down=data.down_stations(conn, filters),
            stale=data.stale_stations(conn, filters),
            options=data.options(conn),
            filters=filters.params() | {"active": filters.active},
            filter_names=NAMES,
            tiles=KPI_TILES,
            colours=STATUS_COLOURS,
            version=__version__,
        )
    )
