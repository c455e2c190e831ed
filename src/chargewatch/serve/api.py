"""The dashboard's JSON reports beside its KPIs: loads, reliability and data quality.

Each is the library's own report (the same JSON as ``chargewatch loads``,
``chargewatch reliability`` and the parts of ``chargewatch quality`` that the
``reporting`` views hold), so the CLI, the report and programs reading the API
see one set of numbers. Bad parameters are 422 with a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query

from chargewatch.errors import ConfigError
from chargewatch.loads import list_loads
from chargewatch.quality import quarantined_by_reason, reporting_load
from chargewatch.reliability import SHOWN, reliability
from chargewatch.serve.filters import Filters, stale_stations

if TYPE_CHECKING:
    from chargewatch.serve.dashboard import ReaderConnection

Limit = Annotated[int, Query(ge=1, le=10_000, description="At most this many rows per list")]


def add_report_routes(app: FastAPI, db: ReaderConnection) -> None:
    """``/api/loads``, ``/api/reliability`` and ``/api/quality`` on ``app``."""

    @app.get("/api/loads", summary="Loads, newest snapshot first (as chargewatch loads)")
    def loads(source: str | None = None, limit: Limit = 100) -> list[dict[str, Any]]:
        return db.run(lambda conn: list_loads(conn, source=source, limit=limit))

    @app.get(
        "/api/reliability", summary="Outages, down now, capacity loss (as chargewatch reliability)"
    )
    def reliability_report(
        by: Literal["network", "state"] | None = None,
        min_days: Annotated[int, Query(ge=0)] = 0,
        limit: Limit = SHOWN,
    ) -> dict[str, Any]:
        return db.run(lambda conn: reliability(conn, by=by, min_days=min_days, shown=limit))

    @app.get(
        "/api/quality",
        summary="A load's rows and quarantine; stale stations among all current ones",
    )
    def quality(
        load_id: Annotated[int | None, Query(ge=1, description="Default: the newest load")] = None,
        stale_days: Annotated[int, Query(ge=0)] = 365,
        limit: Limit = 15,
    ) -> dict[str, Any]:
        try:
            return db.run(lambda conn: _quality(conn, load_id, stale_days, limit))
        except ConfigError as error:
            raise HTTPException(422 if load_id is None else 404, str(error)) from None


def _quality(conn: Any, load_id: int | None, stale_days: int, limit: int) -> dict[str, Any]:
    load = reporting_load(conn, load_id)
    return {
        **load,
        "quarantined_by_reason": quarantined_by_reason(conn, load["load_id"]),
        "stale_current_stations": stale_stations(
            conn, Filters(), stale_days=stale_days, limit=limit
        ),
    }
