"""Write the bundled US states outline from the Census 1:20m cartographic boundaries.

    python scripts/make_us_states.py ../shared/data/geo/census_states_gz2010_20m.geojson

Keeps each ring's points rounded to 0.05 degree (a few km: enough to place
stations on a state map), drops repeats and rings that collapse, and writes
``src/chargewatch/serve/assets/us_states.json``: {"WA": [[[lon, lat], ...], ...]}.
US Census data is public domain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "72": "PR",
}  # fmt: skip
STEP = 0.05
TARGET = Path(__file__).resolve().parents[1] / "src/chargewatch/serve/assets/us_states.json"


def simplify(ring: list[list[float]]) -> list[list[float]]:
    points: list[list[float]] = []
    for lon, lat in ring:
        point = [round(round(lon / STEP) * STEP, 2), round(round(lat / STEP) * STEP, 2)]
        if not points or point != points[-1]:
            points.append(point)
    return points if len(points) >= 4 else []


def main(source: str) -> None:
    states: dict[str, list[list[list[float]]]] = {}
    for feature in json.loads(Path(source).read_text(encoding="utf-8"))["features"]:
        code = FIPS.get(feature["properties"]["STATE"])
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [simplify(polygon[0]) for polygon in polygons]
        if code:
            states[code] = [ring for ring in rings if ring]
    TARGET.write_text(json.dumps(states, separators=(",", ":")), encoding="utf-8")
    print(f"{TARGET}: {len(states)} states, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
