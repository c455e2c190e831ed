"""Swiss federal energy office (BFE) EVSE status: the national feed behind
ich-tanke-strom.ch, as snapshots of every EVSE's ``EvseStatus`` and the
``lastUpdate`` it took it.

A snapshot file is the feed's GeoJSON flattened to CSV (``properties_EvseID``,
``properties_EvseStatus``, ``properties_lastUpdate``, …, columns found by
name), read as ``sources.snapshots`` describes. ``tables/status.csv`` maps the
statuses (the OICP EvseStatus codes).
"""

from __future__ import annotations

from chargewatch.sources.snapshots import Layout, SnapshotSource

LAYOUT = Layout(
    raw_table="bfe_evse_status",
    columns={
        "evse_id": "properties_EvseID",
        "evse_status": "properties_EvseStatus",
        "last_update": "properties_lastUpdate",
        "charging_station_id": "properties_ChargingStationId",
        "operator_id": "properties_OperatorID",
        "plugs": "properties_Plugs",
        "latitude": "properties_GeoCoordinates_DecimalDegree_Latitude",
        "longitude": "properties_GeoCoordinates_DecimalDegree_Longitude",
        "city": "properties_Address_City",
    },
    package=__name__,
)


class Bfe(SnapshotSource):
    """Swiss BFE EVSE status snapshots: each EVSE's status and when it took it."""

    name = "bfe"
    title = "Swiss federal energy office (BFE) EVSE status"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "properties_EvseID"
    skipped_as = "lines without an EVSE ID"

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"properties_EvseStatus" in first and b"properties_EvseID" in first
