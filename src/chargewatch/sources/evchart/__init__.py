"""EV-ChART session exports: the per-session data NEVI-funded chargers report to the
Joint Office (23 CFR 680.112), one line per session with ISO 8601 times in UTC
(``session_start``, ``session_end``), ``energy_kwh``, ``peak_power_kw``,
``session_error`` and the payment method."""

from __future__ import annotations

from chargewatch.sources.sessions import SessionLayout, SessionSource

LAYOUT = SessionLayout(
    raw_table="evchart_session",
    columns={
        "provider_id": "provider_id",
        "station_id": "station_id",
        "charger_id": "charger_id",
        "evse_id": "evse_id",
        "port_id": "port_id",
        "session_id": "session_id",
        "session_start": "session_start",
        "session_end": "session_end",
        "session_error": "session_error",
        "energy_kwh": "energy_kwh",
        "peak_power_kw": "peak_power_kw",
        "payment_method": "payment_method",
    },
    required=("session_id", "session_start", "session_end", "energy_kwh"),
)


class EvChart(SessionSource):
    """EV-ChART-style session CSV: one line per charging session."""

    name = "evchart"
    title = "EV-ChART session export"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "session_id"
    skipped_as = "not sessions"

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return all(name in first for name in (b"session_id", b"session_start", b"energy_kwh"))
