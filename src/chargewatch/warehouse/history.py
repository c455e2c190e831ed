"""Station history by snapshot date: apply each load in snapshot order, whatever order it came in.

A load is a snapshot of its source on its ``as_of`` date. Applying snapshots
in date order gives each station a type-2 history (``core.station_history``):
a new version when an attribute it follows changes, an end when a snapshot
that covers the station's state no longer lists it (for a source whose files
are searches, ``Source.lists_whole_states`` false: when a snapshot lists it as
removed). A snapshot that arrives
after a newer one was applied cannot be slotted in by patching versions (each
version keeps the last record seen while it held), so the source's history
is rebuilt by applying every snapshot again, in order. That costs one build
per loaded snapshot of the source; snapshots arriving in order cost one.

Snapshot order is (as_of date, file SHA-256): two files of one date apply in
the same order whichever was loaded first, and a file loaded twice is one load.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import NamedTuple

from psycopg import sql

from chargewatch.progress import NULL_PROGRESS, Progress
from chargewatch.timing import timed
from chargewatch.warehouse import stations
from chargewatch.warehouse.connect import Connection

log = logging.getLogger(__name__)

LOAD_LOCK = 0x63_77_6C_64
""""cwld": with a source's key, one load (or history rebuild) of that source at a time;
loads of different sources run at once (they write different partitions)."""


def lock_source(conn: Connection, source: str) -> None:
    """Wait for any other load of ``source``, then hold its lock until the transaction ends."""
    conn.execute("select pg_advisory_xact_lock(%s, hashtext(%s))", (LOAD_LOCK, source))


def apply_load(
    conn: Connection, source: str, load_id: int, progress: Progress = NULL_PROGRESS
) -> int:
    """Bring ``source``'s stations and history up to date with ``load_id``; returns its stations.

    The load's ``as_of_date`` must be set. Raises what ``stations.build_partition``
    raises for bad records, for the caller to quarantine them and call again.
    """
    order = snapshot_order(conn, source, load_id)
    if order[-1].load_id == load_id:
        written = _apply(conn, source, order[-1])
    else:
        log.info(
            "load %s is older than a snapshot already loaded: rebuilding %s history from %s "
            "snapshots", load_id, source, len(order),
        )  # fmt: skip
        written = _rebuild(conn, source, order, progress)[load_id]
    with timed("key station names", load_id):
        stations.key_station_names(conn, source)
    return written


def rebuild_all(conn: Connection, progress: Progress = NULL_PROGRESS) -> dict[str, int]:
    """Rebuild every source's stations and history from its loaded snapshots; returns the
    snapshots applied per source.

    For a warehouse whose history predates this code (history then starts at
    its current stations) or after a fix to how history is built. Waits for
    the running loads of those sources, and runs in the caller's transaction.
    """
    sources = conn.execute(
        "select distinct source from core.load where status = 'loaded' order by 1"
    ).fetchall()
    for (source,) in sources:
        lock_source(conn, source)
    applied = {}
    for (source,) in sources:
        order = snapshot_order(conn, source, None)
        _rebuild(conn, source, order, progress)
        applied[source] = len(order)
    stations.key_station_names(conn)
    conn.execute("delete from core.coverage_build")  # the kept coverage is computed again
    return applied


class Snapshot(NamedTuple):
    load_id: int
    as_of: date


def snapshot_order(conn: Connection, source: str, load_id: int | None) -> list[Snapshot]:
    """The loaded snapshots of ``source`` (and ``load_id``), in the order they apply."""
    rows = conn.execute(
        "select load_id, as_of_date from core.load "
        "where source = %s and (status = 'loaded' or load_id = %s) order by as_of_date, sha256",
        (source, load_id),
    ).fetchall()
    return [Snapshot(int(row[0]), row[1]) for row in rows]


def _apply(conn: Connection, source: str, snapshot: Snapshot) -> int:
    """Apply the newest snapshot so far and count its KPI groups."""
    written = stations.build_partition(conn, source, snapshot.load_id, snapshot.as_of)
    with timed("refresh KPI groups", snapshot.load_id):
        stations.refresh_station_groups(conn, source, snapshot.as_of)
    # The first snapshot applied skips the coverage pass (nothing can be missing from it):
    # its states are those its KPI groups were just counted over.
    conn.execute(
        "update core.load set covered_states = (select coalesce(array_agg(distinct "
        "coalesce(state, '') order by coalesce(state, '')), '{}') "
        "from core.station_group_history where source = %s and as_of_date = %s) "
        "where load_id = %s and covered_states is null",
        (source, snapshot.as_of, snapshot.load_id),
    )
    return written


def _rebuild(
    conn: Connection, source: str, order: list[Snapshot], progress: Progress
) -> dict[int, int]:
    """Forget ``source``'s stations and history, then apply each snapshot in ``order``;
    returns the stations each load wrote."""
    conn.execute("delete from core.station_version where source = %s", (source,))
    conn.execute("delete from core.station_group_history where source = %s", (source,))
    # The stations start again from a source's first, empty partition, so the first
    # snapshot's build (station_<source>_l<load>) cannot meet the table it replaces.
    current = stations.current_partition(conn, source)
    conn.execute(sql.SQL("alter table core.station detach partition {}").format(current))
    conn.execute(sql.SQL("drop table {}").format(current))
    stations.current_partition(conn, source)
    written = {}
    for position, snapshot in enumerate(order, start=1):
        progress.step(
            f"{source}: applying snapshot {position} of {len(order)} "
            f"(load {snapshot.load_id}, {snapshot.as_of})"
        )
        written[snapshot.load_id] = _apply(conn, source, snapshot)
    return written
