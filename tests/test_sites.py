"""Site siblings and probable duplicates: a hand-made snapshot, and the real NY and WA files
against an independent implementation of the rule in plain Python."""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from pathlib import Path

import pytest

from chargewatch.warehouse.connect import Connection
from chargewatch.warehouse.migrate import migrate
from tests.conftest import AFDC_DIR, CliRunnerCall

WA_FEB = AFDC_DIR / "afdc_WA_elec_2024-02-17.csv"
REAL = [AFDC_DIR / "afdc_NY_allfuels_2025-02.csv", AFDC_DIR / "afdc_WA_elec_2024-05.csv"]
METRE_LAT = 1 / 111320  # one metre of latitude, in degrees

# (latitude, longitude, Station Name, Street Address, EV Network)
PLACES = [
    ("47.6", "-122.3", "X GARAGE #2", "1 Main St", "A"),
    (f"{47.6 + 10 * METRE_LAT:.7f}", "-122.3", "X GARAGE #3", "1 Main St", "A"),  # sibling
    ("47.61", "-122.3", "Tower 1st Floor", "5 Pine St", "A"),
    (f"{47.61 + 100 * METRE_LAT:.7f}", "-122.3", "Tower 2nd Floor", "5 Pine St.", "A"),  # sibling
    ("47.62", "-122.3", "Acme Hotel", "9 Elm Rd", "ChargePoint Network"),
    ("47.62", "-122.29993", "ACME HOTEL", "9 Elm Road", "CHARGEPOINT"),  # duplicate
    ("47.63", "-122.3", "Acme Hotel", "9 Elm Rd", "ChargePoint Network"),  # 1.1 km: neither
]


def haversine_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    a = (
        math.sin(math.radians(lat_b - lat_a) / 2) ** 2
        + math.cos(math.radians(lat_a))
        * math.cos(math.radians(lat_b))
        * math.sin(math.radians(lon_b - lon_a) / 2) ** 2
    )
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


@pytest.fixture
def snapshot(tmp_path: Path) -> list[dict[str, str]]:
    with WA_FEB.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = [next(reader) for _ in PLACES]
    for row, (lat, lon, name, address, network) in zip(rows, PLACES, strict=True):
        row.update(
            {
                "Latitude": lat,
                "Longitude": lon,
                "Station Name": name,
                "Street Address": address,
                "EV Network": network,
                "City": "Seattle",
                "Status Code": "E",
            }
        )
    path = tmp_path / "afdc_sites.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)
    rows[0]["_path"] = str(path)
    return rows


def _ports(row: dict[str, str]) -> int:
    keys = ("EV Level1 EVSE Num", "EV Level2 EVSE Num", "EV DC Fast Count")
    return sum(int(row[k] or 0) for k in keys)


def test_siblings_form_sites_and_only_the_same_place_is_a_duplicate(
    invoke: CliRunnerCall, conn: Connection, snapshot: list[dict[str, str]]
) -> None:
    result = invoke("ingest", snapshot[0]["_path"], "--as-of", "2024-06-30")
    assert result.exit_code == 0, result.output
    ids = [row["ID"] for row in snapshot]
    pairs = conn.execute(
        "select station_a, station_b, is_sibling, distance_m from reporting.station_pair "
        "order by 1, 2"
    ).fetchall()
    garage, tower, hotel = sorted(ids[0:2]), sorted(ids[2:4]), sorted(ids[4:6])
    hotel_m = haversine_m(47.62, -122.3, 47.62, -122.29993)
    assert round(hotel_m, 1) == 5.2  # worked out: 0.00007 deg x 75,033 m/deg at 47.62
    assert sorted(pairs) == sorted(
        [
            (garage[0], garage[1], True, 10.0),
            # 99.9 m on the sphere (a degree is 111,195 m there), at one address
            (
                tower[0],
                tower[1],
                True,
                round(haversine_m(47.61, -122.3, float(PLACES[3][0]), -122.3), 1),
            ),
            (hotel[0], hotel[1], False, round(hotel_m, 1)),
        ]
    )
    duplicates = conn.execute(
        "select station_a, station_b, network_a, network_b from reporting.duplicate_candidate"
    ).fetchall()
    networks = {row["ID"]: row["EV Network"] for row in snapshot}
    assert duplicates == [(hotel[0], hotel[1], networks[hotel[0]], networks[hotel[1]])]
    sites = conn.execute(
        "select site_id, station_count, port_count from reporting.site "
        "where station_count > 1 order by site_id"
    ).fetchall()
    by_id = {row["ID"]: row for row in snapshot}
    assert sites == sorted(
        (group[0], 2, sum(_ports(by_id[i]) for i in group)) for group in (garage, tower)
    )
    station_sites: dict[str, str] = dict(
        conn.execute("select station_id, site_id from reporting.station_site").fetchall()
    )
    assert station_sites == {
        **{i: i for i in ids},
        garage[1]: garage[0],
        tower[1]: tower[0],
    }
    quality = invoke("quality", "--format", "json")
    assert '"multi_station_sites": 2' in quality.stdout
    assert '"stations_in_them": 4' in quality.stdout


# An independent implementation of the rule, token by token (the SQL uses regular
# expressions over reversed text and a grid of cells).
UNIT_WORDS = set(
    re.findall(
        r"[a-z]+",
        """station stations stn unit units level lvl floor fl flr port ports charger chargers
        charging evse ev plug plugs dc dcfc fast stall stalls bay bays spot space pedestal post
        no num number left right center centre middle north south east west upper lower single
        dual first second third fourth fifth one two three four five six seven eight nine ten
        ii iii iv""",
    )
)
UNIT_CODE = re.compile(r"(?:[0-9]+[a-z]{0,2}|[a-z]{1,2}[0-9]+[a-z]?|[a-z])")


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _strip_units(tokens: list[str]) -> None:
    while tokens and (tokens[-1] in UNIT_WORDS or UNIT_CODE.fullmatch(tokens[-1])):
        tokens.pop()


def name_core(name: str) -> str:
    tokens = words(name)
    _strip_units(tokens)
    if tokens:
        tokens[-1] = re.sub(r"([a-z])[0-9]+[a-z]?$", r"\1", tokens[-1])
        _strip_units(tokens)
    return " ".join(tokens)


def _existing(paths: list[Path]) -> list[dict[str, str]]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows += [
                r
                for r in csv.DictReader(f)
                if r["Fuel Type Code"] == "ELEC" and r["Status Code"] in ("E", "T")
            ]
    return rows


def _classify(rows: list[dict[str, str]]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(sibling pairs, duplicate pairs) by brute force within 0.001-degree buckets."""
    buckets: dict[tuple[int, int], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        buckets[(int(float(r["Latitude"]) // 0.003), int(float(r["Longitude"]) // 0.003))].append(r)
    siblings, duplicates = set(), set()
    for (y, x), here in buckets.items():
        others = [
            b for dy in (-1, 0, 1) for dx in (-1, 0, 1) for b in buckets.get((y + dy, x + dx), [])
        ]
        for a in here:
            for b in others:
                if not a["ID"] < b["ID"]:
                    continue
                d = haversine_m(
                    *map(float, (a["Latitude"], a["Longitude"], b["Latitude"], b["Longitude"]))
                )
                key_a, key_b = (
                    " ".join(words(a["Station Name"])),
                    " ".join(words(b["Station Name"])),
                )
                unit_only = (
                    bool(key_a and key_b)
                    and key_a != key_b
                    and name_core(key_a) == name_core(key_b)
                )
                same_network = a["EV Network"].lower() == b["EV Network"].lower()
                address_a, address_b = (
                    r["Street Address"].lower().replace(".", "").replace(",", "") for r in (a, b)
                )
                same_address = (
                    address_a != ""
                    and address_a == address_b
                    and a["City"].lower() == b["City"].lower()
                )
                if same_network and unit_only and (d <= 25 or (same_address and d <= 200)):
                    siblings.add((a["ID"], b["ID"]))
                wa, wb = set(key_a.split()), set(key_b.split())
                nets = {
                    re.sub(r"network$", "", re.sub(r"[^a-z0-9]+", "", r["EV Network"].lower()))
                    for r in (a, b)
                }
                nets_alike = len(nets) == 1 or bool(nets & {"", "nonnetworked"})
                contained = bool(wa and wb) and (wa <= wb or wb <= wa)
                if d <= 25 and not unit_only and contained and nets_alike:
                    duplicates.add((a["ID"], b["ID"]))
    return siblings, duplicates


def _components(ids: list[str], pairs: set[tuple[str, str]]) -> dict[str, str]:
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


def test_real_ny_and_wa_files_match_the_rule(invoke: CliRunnerCall, conn: Connection) -> None:
    assert invoke("ingest", *map(str, REAL)).exit_code == 0
    rows = _existing(REAL)
    siblings, duplicates = _classify(rows)
    found_siblings = set(
        conn.execute("select station_a, station_b from reporting.station_pair where is_sibling")
    )
    found_duplicates = set(
        conn.execute("select station_a, station_b from reporting.duplicate_candidate")
    )
    assert found_siblings == siblings
    assert found_duplicates == duplicates
    assert not found_duplicates & found_siblings
    sites = _components([r["ID"] for r in rows], siblings)
    assert dict(conn.execute("select station_id, site_id from reporting.station_site")) == sites
    sizes: dict[str, int] = defaultdict(int)
    for site in sites.values():
        sizes[site] += 1
    multi = [n for n in sizes.values() if n > 1]
    assert conn.execute(
        "select count(*), sum(station_count) from reporting.site where station_count > 1"
    ).fetchone() == (len(multi), sum(multi))
    # Worked out by hand on these files: 6,974 pairs under the old rule (within 25 m,
    # half the words of name or address alike) were nearly all site siblings.
    assert len(duplicates) < 50 < len(multi)


def test_a_pile_of_records_on_one_spot_is_compared_only_up_to_the_cap(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """3,000 records of one station at one spot: uncapped, 4.5 million pairs; capped, the
    first 100 by ID (as text) are compared, all alike: 100 x 99 / 2 = 4,950 duplicates."""
    with WA_FEB.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields, row = list(reader.fieldnames or []), next(reader)
    path = tmp_path / "pile.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        for n in range(3000):
            writer.writerow({**row, "ID": str(100_000 + n), "Status Code": "E"})
    assert invoke("ingest", str(path)).exit_code == 0
    pairs = conn.execute("select count(*) from reporting.duplicate_candidate").fetchone()
    assert pairs == (4950,)
    sites = conn.execute("select count(*) from reporting.site where station_count > 1").fetchone()
    assert sites == (0,)  # equal names are the same place, not chargers told apart


def test_a_chain_of_siblings_of_any_length_is_one_site(
    invoke: CliRunnerCall, conn: Connection, tmp_path: Path
) -> None:
    """Twelve chargers in a row, 20 m apart: each is a sibling of the next only (the next
    but one is 40 m away), so the site is found by following the chain to its end."""
    with WA_FEB.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields, row = list(reader.fieldnames or []), next(reader)
    path = tmp_path / "chain.csv"
    ids = [str(200_000 + n) for n in range(12)]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        for n, station_id in enumerate(ids):
            latitude = 47.6 + n * 20 * METRE_LAT
            writer.writerow(
                {
                    **row,
                    "ID": station_id,
                    "Status Code": "E",
                    "Station Name": f"LOT B #{n + 1}",
                    "Street Address": f"{n + 1} Dock St",  # no two at one address
                    "Latitude": f"{latitude:.7f}",
                    "Longitude": "-122.3",
                }
            )
    assert invoke("ingest", str(path)).exit_code == 0
    siblings = conn.execute(
        "select count(*) from reporting.station_pair where is_sibling"
    ).fetchone()
    assert siblings == (11,)
    assert dict(conn.execute("select station_id, site_id from reporting.station_site")) == {
        i: ids[0] for i in ids
    }
    assert conn.execute(
        "select site_id, station_count from reporting.site where station_count > 1"
    ).fetchall() == [(ids[0], 12)]


def test_names_are_keyed_again_when_the_key_functions_are_rebuilt(
    invoke: CliRunnerCall, conn: Connection, snapshot: list[dict[str, str]]
) -> None:
    """A warehouse whose name keys are missing (loaded before they were kept) or stale
    gets them back when its core functions are rebuilt, and finds its sites again."""
    assert invoke("ingest", snapshot[0]["_path"], "--as-of", "2024-06-30").exit_code == 0
    conn.execute("truncate core.station_name_key")
    conn.execute("update core.schema_repeatable set checksum = 'older' where name = 'core objects'")
    conn.commit()
    assert conn.execute(
        "select count(*) from reporting.site where station_count > 1"
    ).fetchone() == (0,)
    assert migrate(conn) == ["core objects", "reporting views"]
    names = {row["Station Name"] for row in snapshot}
    assert conn.execute("select count(*) from core.station_name_key").fetchone() == (len(names),)
    assert conn.execute(
        "select count(*) from reporting.site where station_count > 1"
    ).fetchone() == (2,)
