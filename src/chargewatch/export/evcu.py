"""Uptime and outages in the EV Charging Use specification's shapes
(AtlasPublicPolicy/charging-use-spec; the schemas of
clean-energy-tools/ev-charging-use-specification-code), as CSV for a programme's
quarterly submission (23 CFR 680.112)."""

from __future__ import annotations

import re

from chargewatch.cli.render import rows_csv
from chargewatch.errors import ConfigError
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import dicts
from chargewatch.warehouse.sqlfiles import read_sql

UPTIME_FIELDS = (
    "port_id", "station_id", "uptime_period_start", "uptime_period_end", "report_yr_mon",
    "uptime_pct", "outage_total", "outage_excluded",
)  # fmt: skip
OUTAGE_FIELDS = (
    "outage_id", "port_id", "station_id", "outage_start", "outage_end", "outage_duration",
    "outage_cause", "exempted_outage",
)  # fmt: skip


def quarter_months(quarter: str) -> list[str]:
    """``2024Q1`` → ``["2024-01", "2024-02", "2024-03"]``; ``ConfigError`` otherwise."""
    match = re.fullmatch(r"(\d{4})Q([1-4])", quarter.strip().upper())
    if match is None:
        raise ConfigError(f"--quarter {quarter!r} is not a quarter YYYYQn, e.g. 2024Q1")
    year, number = int(match[1]), int(match[2])
    return [f"{year}-{month:02d}" for month in range(3 * number - 2, 3 * number + 1)]


def uptime_csv(conn: Connection, quarter: str) -> str:
    """Each port's uptime in each month of ``quarter``, as the Uptime CSV."""
    rows = dicts(conn, read_sql("uptime", "evcu_uptime.sql"), {"months": quarter_months(quarter)})
    return rows_csv(UPTIME_FIELDS, rows)


def outages_csv(conn: Connection, quarter: str | None = None) -> str:
    """Every outage (or those that started in ``quarter``), as the Outage CSV."""
    months = quarter_months(quarter) if quarter else None
    rows = dicts(conn, read_sql("uptime", "evcu_outages.sql"), {"months": months})
    for row in rows:
        row["exempted_outage"] = "true" if row["exempted_outage"] else "false"
    return rows_csv(OUTAGE_FIELDS, rows)
