"""Paris Belib charging points' status (Paris open data, ODbL): snapshots of each
charging point's status, in French, and the time it took it.

A snapshot file is the portal's CSV export, ``;``-separated (``ID PDC local``,
``Statut du point de recharge``, ``Heure mise à jour``, …), read as
``sources.snapshots`` describes. ``tables/status.csv`` maps the French labels.
"""

from __future__ import annotations

from chargewatch.sources.snapshots import Layout, SnapshotSource

LAYOUT = Layout(
    raw_table="belib_status",
    columns={
        "pdc_id": "ID PDC local",
        "status_label": "Statut du point de recharge",
        "updated": "Heure mise à jour",
        "coordinates": "Coordonnées géographiques",
        "address": "Adresse station",
        "insee_code": "Code INSEE commune",
        "district": "Arrondissement",
    },
    package=__name__,
    delimiter=";",
)


class Belib(SnapshotSource):
    """Paris Belib status snapshots: each charging point's status and when it took it."""

    name = "belib"
    title = "Paris Belib charging point status"
    layout = LAYOUT
    raw_table = LAYOUT.raw_table
    id_column = "ID PDC local"
    skipped_as = "lines without a charging point ID"

    def recognises(self, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0]
        return b"ID PDC local" in first and b"Statut du point de recharge" in first
