"""Paris Belib status snapshots (French labels, ``;``-separated): a hand-worked file and
the real December 2022 snapshot against plain Python over it."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from chargewatch.config import Settings
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.warehouse.connect import connect
from tests.conftest import SHARED_DATA

PARIS = SHARED_DATA / "status" / "fr_paris_belib_status_snapshot_2022-12.csv"
HEADER = (
    "ID PDC local;Statut du point de recharge;URL Description Point de charge;"
    "Heure mise à jour;Coordonnées géographiques;Adresse station;Code INSEE commune;"
    "Arrondissement\n"
)
LABELS = {
    "Disponible": "available",
    "Occupé (en charge)": "in_use",
    "En maintenance": "out_of_service",
    "Inconnu": "unknown",
}


def _load(settings: Settings, path: Path) -> None:
    with connect(settings) as conn:
        ingest_file(conn, Lake(settings.lake), str(path))


def test_a_hand_worked_snapshot_maps_labels_stations_places_and_time(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "belib.csv"
    path.write_text(
        HEADER
        + "FR*V75*E9006*02*3;En maintenance;u;2022-12-01T10:00:00+01:00;48.84824,2.339865;a;1;6e\n"
        + "FR*V75*E9006*02*1;Disponible;u;2022-12-01T12:00:00+01:00;48.84824,2.339865;a;1;6e\n",
        encoding="utf-8",
    )
    _load(settings, path)
    with connect(settings) as conn:
        ports = conn.execute(
            "select station_id, port_id, latitude, longitude, last_seen::text from core.port "
            "order by port_id"
        ).fetchall()
        intervals = conn.execute(
            "select p.port_id, i.starts_at::text, i.ends_at::text, i.status "
            "from core.port_status_interval as i join core.port as p using (port_pk) order by 1"
        ).fetchall()
    # The snapshot's time is its newest update, 12:00+01 (11:00 UTC): the point under
    # repair since 09:00 UTC is down for two hours; the free one was seen at that instant.
    assert ports == [
        ("FR*V75*E9006*02", "FR*V75*E9006*02*1", 48.84824, 2.339865, "2022-12-01 11:00:00+00"),
        ("FR*V75*E9006*02", "FR*V75*E9006*02*3", 48.84824, 2.339865, "2022-12-01 11:00:00+00"),
    ]
    assert intervals == [
        ("FR*V75*E9006*02*3", "2022-12-01 09:00:00+00", "2022-12-01 11:00:00+00", "out_of_service")
    ]


def test_the_real_snapshot_gives_every_point_and_its_status(settings: Settings) -> None:
    _load(settings, PARIS)
    with PARIS.open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f, delimiter=";"))
    times = [datetime.fromisoformat(r["Heure mise à jour"]) for r in records]
    by_status: dict[str, int] = {}
    for r in records:
        status = LABELS[r["Statut du point de recharge"]]
        by_status[status] = by_status.get(status, 0) + 1
    with connect(settings) as conn:
        stored: dict[str, int] = dict(
            conn.execute("select status, count(*) from core.status_event group by 1").fetchall()
        )
        (last_seen,) = conn.execute("select distinct last_seen from core.port").fetchone() or (
            None,
        )
    assert stored == by_status
    assert last_seen == max(times)
