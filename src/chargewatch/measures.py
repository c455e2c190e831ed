"""The KPI counts and the dimensions they are cut by, declared once.

Python reads these names to shape JSON, CSV and the CLI's choices; the SQL that
sums counts or filters by dimension is given them as fragments (``count_sums``,
``filter_clause``) instead of listing them again. The KPIs themselves are
defined once in SQL (``reporting.kpi_values``).
"""

from __future__ import annotations

from collections.abc import Iterable

from psycopg import sql

COUNTS: dict[str, str] = {
    "stations": "station_count",
    "existing": "existing_count",
    "operational": "operational_count",
    "temporarily_unavailable": "temporarily_unavailable_count",
    "planned": "planned_count",
    "status_unknown": "status_unknown_count",
    "dc_fast": "dc_fast_count",
    "open_24_7": "open_24_7_count",
    "hours_unknown": "hours_unknown_count",
    "public": "public_count",
    "private": "private_count",
    "connector_types_known": "connector_types_known_count",
    "dc_fast_given": "dc_fast_given_count",
    "hours_given": "hours_given_count",
}
"""JSON count key → column of ``reporting.station_group`` (and the KPI views)."""

SUMMED_ONLY = ("connector_type_total",)
"""Counts summed for a KPI but not shown (the connector diversity numerator)."""

GIVEN_COUNTS = ("dc_fast_given", "hours_given")
"""Counts added after the first twelve (existing stations whose file has the field a KPI
reads): CSV puts them after the KPIs, so that the older columns keep their places."""

KPIS = (
    "station_operational_rate",
    "fast_charging_availability",
    "accessibility_24_7_rate",
    "public_private_ratio",
    "public_share",
    "avg_connector_diversity",
)

DIMENSIONS: dict[str, str] = {
    "source": "{g}.source",
    "state": "{g}.state",
    "city": "{g}.city || ', ' || coalesce({g}.state, '?')",
    "network": "{g}.network",
    "facility_type": "{g}.facility_type",
    "owner_type": "{g}.owner_type",
    "access": "{g}.access",
}
"""Each dimension and its value over a ``reporting.station_group`` row (alias ``{g}``): a
city is labelled with its state ("Seattle, WA")."""

FILTERS = ("source", "state", "network", "facility_type", "access")
"""The dimensions the dashboard filters by (with the stations' status)."""


def dimension_value(name: str | None, alias: str = "g") -> sql.Composable:
    """The SQL of a dimension's value (null for none: one group of everything)."""
    if name is None:
        return sql.SQL("null::text")
    return sql.SQL(DIMENSIONS[name].format(g=alias))


def count_sums(alias: str = "g") -> sql.Composed:
    """``sum(g.station_count)::bigint as station_count, …`` for every count."""
    return sql.SQL(", ").join(
        sql.SQL("sum({})::bigint as {}").format(sql.Identifier(alias, c), sql.Identifier(c))
        for c in (*COUNTS.values(), *SUMMED_ONLY)
    )


def filter_clause(alias: str, names: Iterable[str]) -> sql.Composed:
    """``(%(state)s::text is null or s.state = %(state)s) and …``: a null value matches all."""
    return sql.SQL(" and ").join(
        sql.SQL("({value}::text is null or {column} = {value})").format(
            value=sql.Placeholder(name), column=sql.Identifier(alias, name)
        )
        for name in names
    )
