"""The stations behind the dashboard's map and ``/api/stations``: who, where, how many ports.

Two shapes of the same rows (``sql/serve/stations.sql``): a page of JSON
objects for people and scripts, and a compact, columnar one for the map
(one array per field, networks and statuses as indexes into a list of
names), which at 100,000 stations is a few MB before gzip instead of tens.
Both honour the dashboard's filters and ``as_of`` (the version of each
station valid on that day, from ``reporting.station_history``). Filter values
are checked first, so that a typo is a clear error, not an empty map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from psycopg import sql

from chargewatch.errors import ConfigError
from chargewatch.kpi import snapshot_on_or_before
from chargewatch.measures import filter_clause
from chargewatch.serve.filters import NAMES, Filters
from chargewatch.serve.svg import STATUS_COLOURS
from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.sqlfiles import read_sql

STATUSES = tuple(STATUS_COLOURS)
SHOWN_CHOICES = 12


@dataclass(frozen=True)
class Request:
    """What to list: the filters, the day (None: now) and the page (limit None: all)."""

    filters: Filters
    as_of: date | None = None
    limit: int | None = None
    offset: int = 0


def check_filters(conn: Connection, filters: Filters) -> None:
    """Raise ConfigError naming the first filter value no station has, and the values
    it can take (a status must be one of ``STATUSES``)."""
    for name, value in filters.active().items():
        if name == "status":
            if value not in STATUSES:
                raise ConfigError(_unknown(name, value, list(STATUSES)))
            continue
        column = sql.Identifier(name)
        exists = sql.SQL("select exists (select 1 from reporting.station where {} = %s)")
        row = conn.execute(exists.format(column), (value,)).fetchone()
        if not (row and row[0]):
            distinct = sql.SQL(
                "select distinct {col} from reporting.station where {col} is not null order by 1"
            ).format(col=column)
            choices = [str(found) for (found,) in conn.execute(distinct).fetchall()]
            raise ConfigError(_unknown(name, value, choices))


def _unknown(name: str, value: str, choices: list[str]) -> str:
    shown = ", ".join(choices[:SHOWN_CHOICES])
    more = f" … and {len(choices) - SHOWN_CHOICES} more" if len(choices) > SHOWN_CHOICES else ""
    return f"unknown {name} {value!r}: no station has it; one of {shown or '(none loaded)'}{more}"


def check_as_of(conn: Connection, as_of: date | None) -> str | None:
    """The snapshot date shown: ``as_of`` itself, or the newest when None (None when nothing
    is loaded). Raises ConfigError when every snapshot is newer than ``as_of``."""
    newest = snapshot_on_or_before(conn, as_of)
    if as_of is None or newest is None:
        return newest.isoformat() if newest else None
    return as_of.isoformat()


def _rows(conn: Connection, request: Request) -> tuple[int, list[tuple[Any, ...]]]:
    """The page's rows and the total of all pages (counted apart only when paging: a
    window count would cost a third of the query)."""
    query = sql.SQL(read_sql("serve", "stations.sql")).format(filters=filter_clause("s", NAMES))
    params = {
        **request.filters.params(),
        "as_of": request.as_of,
        "limit": request.limit,
        "offset": request.offset,
    }
    rows = conn.execute(query, params).fetchall()
    if request.limit is None or (request.offset == 0 and len(rows) < request.limit):
        return request.offset + len(rows), rows
    count = conn.execute(
        sql.SQL("select count(*) from ({}) as matching").format(query),
        params | {"limit": None, "offset": 0},
    ).fetchone()
    return (int(count[0]) if count else 0), rows


def station_objects(conn: Connection, request: Request) -> dict[str, Any]:
    """A page of stations as objects: id, name, network, status, ports, coordinates and
    source (the registry: two registries may use one ID for different stations)."""
    as_of = check_as_of(conn, request.as_of)
    total, rows = _rows(conn, request)
    return {
        "as_of": as_of,
        "total": total,
        "offset": request.offset,
        "limit": request.limit,
        "stations": [
            {
                "id": station_id,
                "name": name,
                "network": network,
                "status": status,
                "ports": {"level1": level1, "level2": level2, "dc_fast": dc_fast},
                "latitude": latitude,
                "longitude": longitude,
                "source": source,
            }
            for station_id, name, network, status, level1, level2, dc_fast, latitude, longitude,
            source in rows
        ],
    }  # fmt: skip


def station_columns(conn: Connection, request: Request) -> dict[str, Any]:
    """The same stations as columns: ``columns[field][i]`` is station i's field; ``network``
    and ``status`` hold indexes into ``networks`` and ``statuses`` (network None: unknown)."""
    as_of = check_as_of(conn, request.as_of)
    total, rows = _rows(conn, request)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 10
    ids, names, networks, statuses, level1, level2, dc_fast, latitudes, longitudes, sources = (
        columns
    )
    network_names = sorted({n for n in networks if n is not None})
    network_index: dict[str | None, int | None] = {n: i for i, n in enumerate(network_names)}
    network_index[None] = None
    status_index = {s: i for i, s in enumerate(STATUSES)}
    return {
        "as_of": as_of,
        "total": total,
        "offset": request.offset,
        "limit": request.limit,
        "networks": network_names,
        "statuses": list(STATUSES),
        "columns": {
            "id": ids,
            "name": names,
            "network": [network_index[n] for n in networks],
            "status": [status_index.get(s, status_index["unknown"]) for s in statuses],
            "level1_ports": level1,
            "level2_ports": level2,
            "dc_fast_ports": dc_fast,
            "latitude": latitudes,
            "longitude": longitudes,
            "source": sources,
        },
    }
