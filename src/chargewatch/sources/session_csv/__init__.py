"""Any other session export as CSV: a header of chargewatch's own field names, or
``ingest --column-map`` saying which header gives each field.

Fields: ``session_id``, ``plug_in_at``, ``plug_out_at`` and ``energy_kwh`` (needed);
``station_id``, ``port_id``, ``network``, ``state``, ``charge_start_at``,
``charge_end_at``, ``charging_minutes``, ``peak_kw``, ``rated_kw``, ``error_code``,
``ended_by``, ``payment_method``, ``time_zone``, ``user_id`` (kept only hashed) and
``status_source`` (the status feed whose station and port IDs the line uses, such as
``esb``: its outages, opening hours and anomalies then meet these sessions).
Times are ISO 8601 with their offset, or local times in the line's ``time_zone``
(an IANA name such as ``America/Chicago``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from chargewatch.errors import ConfigError
from chargewatch.sources.sessions import SessionFile, SessionLayout, SessionSource
from chargewatch.sources.status_csv import parse_pairs

FIELDS = ("session_id", "station_id", "port_id", "network", "state", "plug_in_at",
          "plug_out_at", "charge_start_at", "charge_end_at", "charging_minutes",
          "energy_kwh", "peak_kw", "rated_kw", "error_code", "ended_by", "payment_method",
          "time_zone", "status_source")  # fmt: skip
NEEDED = ("session_id", "plug_in_at", "plug_out_at", "energy_kwh")
MAP_FIELDS = (*FIELDS, "user_id")


def layout(headers: Mapping[str, str]) -> SessionLayout:
    """The layout that reads each field from its header in ``headers`` (its own name
    when the map does not name it)."""
    return SessionLayout(
        raw_table="session_csv",
        columns={f: headers.get(f, f) for f in FIELDS},
        required=tuple(headers.get(f, f) for f in NEEDED),
        user=headers.get("user_id", "user_id"),
    )


LAYOUT = layout({})


def is_session_map(column_map: str) -> bool:
    """Whether a ``--column-map`` describes sessions (it names a session's own field)."""
    names = parse_pairs(column_map, "--column-map")
    return any(name in names for name in NEEDED)


@dataclass(frozen=True)
class SessionMap:
    """A session CSV's ``--column-map``: field → header."""

    headers: Mapping[str, str]
    source_name: ClassVar[str] = "session_csv"

    def reader(self, label: str) -> SessionFile:
        return SessionFile(SessionCsv(), layout(self.headers), label)


def session_map(column_map: str) -> SessionMap:
    """The ``--column-map`` of a session CSV, checked: field → header."""
    names = parse_pairs(column_map, "--column-map")
    unknown = [name for name in names if name not in MAP_FIELDS]
    if unknown:
        raise ConfigError(
            f"--column-map: {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a "
            f"session field; the fields are {', '.join(MAP_FIELDS)}"
        )
    return SessionMap(names)


class SessionCsv(SessionSource):
    """Session CSV with chargewatch's field names, or any by ``--column-map``."""

    name = "session_csv"
    title = "session CSV (chargewatch's fields, or by --column-map)"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "session_id"
    skipped_as = "not sessions"
    names = ("session_id", "plug_in_at", "plug_out_at", "energy_kwh")
    time_format = (
        "expected ISO 8601 with its offset (2024-01-21T02:51:19Z), or a local time "
        "(2024-01-21 08:51) with the line's time_zone (America/Chicago)"
    )

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return all(name.encode() in first for name in NEEDED)
