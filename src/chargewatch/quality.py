"""Data quality of one load: what was quarantined and why, what is missing, how stale it is.

Staleness is the days from a station's Date Last Confirmed to the load's
snapshot date (as of). A station last confirmed more than ``stale_days``
before, or never, is stale. Missing fields: which of the columns the station
model is built from (``MODEL_HEADERS``) are most often empty in the records the
load kept; None for loads made before the header was kept. Duplicate
candidates are pairs of the source's current stations within 25 m with similar
names or addresses (``reporting.duplicate_candidate``), best score first.
Updated At went backwards for a station when this load's value is older than
the newest one an earlier snapshot of the same source gave.

JSON contract (``chargewatch quality --format json``)::

    {"load_id": 3, "source": "afdc", "file_name": "...", "as_of": "2024-05-22",
     "stale_days": 365,
     "rows": {"read": .., "loaded": .., "skipped": .., "quarantined": ..},
     "absent_columns": ["Status Code", ...] (null for loads made before it was kept),
     "absent_fields": ["status", "hours", ...] (the fields the file does not give),
     "quarantined_by_reason": [{"reason_code": "BAD_DATE", "reason": "...", "rows": 2}],
     "missing_fields": [{"column": "Open Date", "missing": 12, "share": 0.01}, ...],
     "normalised": [{"column": "Open Date", "rule": "date_shape", "values": 4100,
                     "detail": "month-first: a second number is above 12"}, ...],
     "staleness": {"existing": .., "stale": .., "never_confirmed": .., "stale_share": 0.25},
     "sites": {"multi_station_sites": 740, "stations_in_them": 2523},
     "duplicate_candidates": {"pairs": 12, "top": [{"station_a": .., "station_b": .., ...}]},
     "updated_at_backwards": {"stations": 1, "top": [{"station_id": .., "updated_at": ..,
                                                       "newest_before": ..}]},
     "staleness_by": {"network": [{"network": "..", "existing": .., ...}], "state": [...]}}
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError, EmptyWarehouse
from chargewatch.sources import registry
from chargewatch.sources.base import Source
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.query import one_row
from chargewatch.warehouse.sqlfiles import read_sql
from chargewatch.warehouse.stations import staging_view

STALE_DAYS = 365
MISSING_FIELDS = 10
SHOWN = 10


def load_quality(
    conn: Connection,
    load_id: int | None = None,
    *,
    stale_days: int = STALE_DAYS,
    shown: int = SHOWN,
) -> dict[str, Any]:
    """The quality report of load ``load_id`` (default: the newest loaded one), with the
    first ``shown`` rows of each list."""
    report = reporting_load(conn, load_id)
    source = registry.source(report["source"])
    report["model"] = source.model
    if source.model == "port_status":
        report["feed"] = feed_summary(conn, source, report["load_id"])
    if source.model == "sessions":
        report["sessions"] = session_summary(conn, report["load_id"])
    staleness = _staleness(conn, source, report["load_id"], stale_days)
    report["stale_days"] = stale_days
    report["quarantined_by_reason"] = quarantined_by_reason(conn, report["load_id"])
    report["missing_fields"] = source.missing_fields(conn, report["load_id"], MISSING_FIELDS)
    report["normalised"] = normalised(conn, report["load_id"])
    report.update(sites_and_duplicates(conn, report["source"], shown))
    report["updated_at_backwards"] = _updated_at_backwards(conn, source, report["load_id"], shown)
    report["staleness"] = staleness.pop("all")[0]
    report["staleness_by"] = staleness
    return report


def reporting_load(conn: Connection, load_id: int | None) -> dict[str, Any]:
    """One loaded load (the newest when ``load_id`` is None): file, snapshot date, row counts."""
    row = conn.execute(
        "select load_id, source, file_name, as_of_date::text, "
        "rows_read, rows_loaded, rows_skipped, rows_quarantined, absent_columns, absent_fields "
        "from reporting.load where status = 'loaded' and (%(id)s::bigint is null or load_id = %(id)s) "
        "order by load_id desc limit 1",
        {"id": load_id},
    ).fetchone()
    if row is None and load_id is None:
        raise EmptyWarehouse("no loads yet; load a file with: chargewatch ingest FILE")
    if row is None:
        raise ConfigError(f"there is no loaded load {load_id}; see chargewatch loads")
    keys = ("read", "loaded", "skipped", "quarantined")
    return {
        "load_id": row[0],
        "source": row[1],
        "file_name": row[2],
        "as_of": row[3],
        "rows": dict(zip(keys, row[4:8], strict=True)),
        "absent_columns": row[8],
        "absent_fields": row[9],
    }


def quarantined_by_reason(conn: Connection, load_id: int) -> list[dict[str, Any]]:
    """A load's quarantined rows counted by reason code, most first."""
    rows = conn.execute(
        "select reason_code, reason, count(distinct line_number) from reporting.quarantine "
        "where load_id = %s group by reason_code, reason order by 3 desc, 1",
        (load_id,),
    ).fetchall()
    return [{"reason_code": r[0], "reason": r[1], "rows": r[2]} for r in rows]


def normalised(conn: Connection, load_id: int) -> list[dict[str, Any]]:
    """What the load rewrote so that its values could be read, per column and rule."""
    rows = conn.execute(
        "select column_name, rule, value_count, detail from reporting.load_normalisation "
        "where load_id = %s order by value_count desc, column_name, rule",
        (load_id,),
    ).fetchall()
    return [{"column": r[0], "rule": r[1], "values": r[2], "detail": r[3]} for r in rows]


def feed_summary(conn: Connection, source: Source, load_id: int) -> dict[str, Any]:
    """What a status feed's load listed: ports, observation times and failed polls, and
    the ports the feed has listed in all."""
    listed, times, failed = one_row(
        conn,
        sql.SQL(
            "select count(distinct port_key), count(distinct observed_at), "
            "count(distinct observed_at) filter (where not poll_succeeded) "
            "from {} where load_id = %s"
        ).format(staging_view(source.name, "observation")),
        (load_id,),
    )
    (known,) = one_row(
        conn,
        "select count(*) from core.port where source = %s and not whole_station",
        (source.name,),
    )
    return {"ports": listed, "times": times, "failed_polls": failed, "feed_ports": known}


def session_summary(conn: Connection, load_id: int) -> dict[str, Any]:
    """What a session export gave: its sessions, their first start and last end, and how
    many the specification's warnings flag."""
    sessions, first, last, flagged = one_row(
        conn,
        "select count(*), min(plug_in_at), max(plug_out_at), "
        "count(*) filter (where flags <> '') from reporting.session where load_id = %s",
        (load_id,),
    )
    return {"sessions": sessions, "first": _iso(first), "last": _iso(last), "flagged": flagged}


def _staleness(
    conn: Connection, source: Source, load_id: int, stale_days: int
) -> dict[str, list[dict[str, Any]]]:
    if source.model != "stations":  # a status feed's file lists ports, not stations
        none = {"existing": 0, "stale": 0, "never_confirmed": 0, "stale_share": None}
        return {"all": [none], "network": [], "state": []}
    rows = conn.execute(
        _quality_sql("staleness", source), {"load_id": load_id, "stale_days": stale_days}
    ).fetchall()
    found: dict[str, list[dict[str, Any]]] = {"all": [], "network": [], "state": []}
    for dimension, value, existing, stale, never in rows:
        counts = {"existing": existing, "stale": stale, "never_confirmed": never}
        share = stale / existing if existing else None
        label = {} if dimension == "all" else {dimension: value}
        found[dimension].append({**label, **counts, "stale_share": share})
    return found


def compare_sources(conn: Connection, a: str, b: str) -> dict[str, Any]:
    """Two sources' current existing stations compared, overall and by state, in the
    states both list stations in: matched one to one (``reporting.station_match``'s best
    pairs), only in ``a``, only in ``b``."""
    for name in (a, b):
        registry.source(name)
    if a == b:
        raise ConfigError(f"--compare needs two different sources, not {a} twice")
    rows = conn.execute(read_sql("quality", "compare_sources.sql"), {"a": a, "b": b}).fetchall()
    keys = ("matched", f"only_in_{a}", f"only_in_{b}")
    by_state = [{"state": r[0] or None, **dict(zip(keys, r[2:], strict=True))} for r in rows[:-1]]
    return {
        "sources": [a, b],
        "total": dict(zip(keys, rows[-1][2:], strict=True)),
        "by_state": by_state,
    }


def sites_and_duplicates(conn: Connection, source: str, limit: int) -> dict[str, Any]:
    """Sites of more than one station (site siblings) and probable duplicate pairs, best
    first (the first ``limit``), among the source's current stations."""
    sites, stations, duplicates = one_row(
        conn, read_sql("quality", "sites_and_duplicates.sql"), {"source": source}
    )
    return {
        "sites": {"multi_station_sites": sites, "stations_in_them": stations},
        "duplicate_candidates": {"pairs": len(duplicates), "top": duplicates[:limit]},
    }


def _quality_sql(name: str, source: Source) -> sql.Composed:
    """``sql/quality/<name>.sql`` over ``source``'s staging model of stations."""
    text = sql.SQL(read_sql("quality", f"{name}.sql"))
    return text.format(staging=staging_view(source.name, "station"))


def _updated_at_backwards(
    conn: Connection, source: Source, load_id: int, limit: int
) -> dict[str, Any]:
    if source.model != "stations":
        return {"stations": 0, "top": []}
    rows = conn.execute(
        _quality_sql("updated_at_backwards", source), {"load_id": load_id}
    ).fetchall()
    return {
        "stations": len(rows),
        "top": [
            {"station_id": r[0], "updated_at": _iso(r[1]), "newest_before": _iso(r[2])}
            for r in rows[:limit]
        ],
    }


def _iso(moment: Any) -> str:
    return str(moment.isoformat())
