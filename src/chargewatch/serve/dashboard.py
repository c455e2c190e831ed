"""``chargewatch serve``: a read-only web dashboard and its JSON API (FastAPI).

One page, rendered on the server: KPI tiles, filters (state, network,
facility type, access, status) that reload the page, a station map drawn as
inline SVG over the bundled states outline (no CDN, no tile server), the
operational-rate trend, KPIs by state, and lists of down and stale stations.
The JSON endpoints return the same numbers; the OpenAPI description is at
``/openapi.json`` (the interactive docs pages are off: they load scripts from
a CDN). The app reads through one connection in the ``chargewatch_reader``
role with read-only transactions, so it can see reporting views and nothing else.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from chargewatch import __version__
from chargewatch.config import Settings
from chargewatch.errors import TransientError
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.serve import filters as data
from chargewatch.serve.filters import NAMES, Filters
from chargewatch.serve.report import KPI_TILES
from chargewatch.serve.svg import STATUS_COLOURS, line_chart, station_map
from chargewatch.serve.templates import environment
from chargewatch.warehouse.connect import Connection, connect

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
                self._conn = connect(self.settings)
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
    state: str | None = None,
    network: str | None = None,
    facility_type: str | None = None,
    access: str | None = None,
    status: str | None = None,
) -> Filters:
    """The filters from the query string; an empty value means any."""
    return Filters(state or None, network or None, facility_type or None, access or None,
                   status or None)  # fmt: skip


def create_app(settings: Settings) -> FastAPI:
    """The dashboard app reading the warehouse ``settings`` names."""
    app = FastAPI(title="chargewatch", version=__version__, docs_url=None, redoc_url=None)
    db = ReaderConnection(settings)
    chosen = Depends(_filters)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(filters: Filters = chosen) -> str:
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

    @app.get("/api/stations", summary="Existing stations on the map: [longitude, latitude, status]")
    def stations(filters: Filters = chosen) -> dict[str, Any]:
        found = db.run(lambda conn: data.stations(conn, filters))
        return {"count": len(found), "stations": found}

    @app.get("/api/down", summary="Stations in an open outage, longest first")
    def down(filters: Filters = chosen) -> list[dict[str, Any]]:
        return db.run(lambda conn: data.down_stations(conn, filters))

    @app.get("/api/stale", summary="Stations not confirmed in over a year")
    def stale(filters: Filters = chosen) -> dict[str, Any]:
        return db.run(lambda conn: data.stale_stations(conn, filters))

    return app


def render_page(conn: Connection, filters: Filters) -> str:
    """The dashboard's HTML under ``filters``."""
    trend = data.filtered_kpis(conn, filters, newest=False)
    newest = snapshot_on_or_before(conn)
    stamp = newest.isoformat() if newest else None
    points = data.stations(conn, filters)
    return (
        environment()
        .get_template("dashboard.html")
        .render(
            as_of=stamp,
            overall=next((row for row in trend if row["as_of"] == stamp), None),
            by_state=data.filtered_kpis(conn, filters, by_state=True),
            trend=trend,
            trend_svg=line_chart(
                [(r["as_of"], r["kpis"]["station_operational_rate"]) for r in trend]
            ),
            stations=points,
            map_svg=station_map(points),
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
