"""The KPI counts and the dimensions they are cut by, declared once.

Python reads these names to shape JSON, CSV and the CLI's choices; the SQL that
lists or sums counts names them with placeholders written out by ``expand``
(``{{counts}}``, ``{{shown_counts}}``, ``{{count_sums}}``, each optionally
``:alias``), and the SQL that filters by dimension is given ``filter_clause``. What each count counts is
defined once in SQL (``core.station_groups_at``), as are the KPIs
(``reporting.kpi_values``).
"""

from __future__ import annotations

import re
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


def _stored() -> tuple[str, ...]:
    shown = list(COUNTS.values())
    at = shown.index("connector_types_known_count") + 1
    return (*shown[:at], *SUMMED_ONLY, *shown[at:])


STORED_COUNTS = _stored()
"""Every count, in the column order of ``core.station_group_history`` and the views."""

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


_PLACEHOLDER = re.compile(r"\{\{(counts|shown_counts|count_sums)(?::([a-z_]+))?\}\}")


def expand(text: str) -> str:
    """SQL with its count placeholders written out: ``{{counts:g}}`` → ``g.station_count,
    g.existing_count, …`` (every count), ``{{shown_counts}}`` (those JSON shows) and
    ``{{count_sums}}`` → ``sum(station_count)::bigint as station_count, …``."""

    def written(match: re.Match[str]) -> str:
        kind, alias = match[1], f"{match[2]}." if match[2] else ""
        names = STORED_COUNTS if kind != "shown_counts" else tuple(COUNTS.values())
        if kind == "count_sums":
            return ", ".join(f"sum({alias}{n})::bigint as {n}" for n in names)
        return ", ".join(f"{alias}{n}" for n in names)

    return _PLACEHOLDER.sub(written, text)


def filter_clause(alias: str, names: Iterable[str]) -> sql.Composed:
    """``(%(state)s::text is null or s.state = %(state)s) and …``: a null value matches all."""
    return sql.SQL(" and ").join(
        sql.SQL("({value}::text is null or {column} = {value})").format(
            value=sql.Placeholder(name), column=sql.Identifier(alias, name)
        )
        for name in names
    )
