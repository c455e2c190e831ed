"""The map projection (Albers USA with insets) and the trend chart's axes, worked by hand.

The projection is checked against Snyder's Albers equal-area formulas for the
sphere (Map Projections: A Working Manual, 1987, eq. 14-1 to 14-4), written
out here independently of chargewatch.serve.projection.
"""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from chargewatch.serve.projection import INSETS, project, region
from chargewatch.serve.svg import date_ticks, line_chart, rate_axis, station_map, view_for


def _snyder(
    lon: float, lat: float, lon0: float, parallels: tuple[float, float]
) -> tuple[float, float]:
    """Albers on the unit sphere: (x, y), y up, with the origin's latitude left out (it
    cancels against the centre's)."""
    p1, p2, phi = (math.radians(v) for v in (*parallels, lat))
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho = math.sqrt(c - 2 * n * math.sin(phi)) / n
    theta = n * math.radians(lon - lon0)
    return rho * math.sin(theta), -rho * math.cos(theta)


def _lower48(lon: float, lat: float) -> tuple[float, float]:
    """d3's geoAlbersUsa lower 48: scale 1070, (-96.6°, 38.7°) at (480, 250)."""
    x, y = _snyder(lon, lat, -96, (29.5, 45.5))
    cx, cy = _snyder(-96.6, 38.7, -96, (29.5, 45.5))
    return 480 + 1070 * (x - cx), 250 - 1070 * (y - cy)


def test_the_centre_lands_in_the_middle_and_cities_where_snyder_puts_them() -> None:
    assert project(-96.6, 38.7) == (480.0, 250.0)
    for lon, lat in ((-74.0, 40.7), (-122.3, 47.6), (-80.2, 25.8), (-117.2, 32.7), (-69.0, 47.3)):
        expected = _lower48(lon, lat)
        assert project(lon, lat) == pytest.approx(expected, abs=0.01)
    x, y = project(-74.0, 40.7)  # New York: right of and above the middle
    assert 780 < x < 810 and 160 < y < 190


@pytest.mark.parametrize(
    ("lon", "lat", "inset"),
    [
        (-149.9, 61.2, "alaska"),  # Anchorage
        (-134.4, 58.3, "alaska"),  # Juneau
        (-164.0, 54.1, "alaska"),  # the Aleutians, west of 180° too:
        (173.0, 52.9, "alaska"),  # Attu
        (-157.86, 21.3, "hawaii"),  # Honolulu
        (-155.1, 19.7, "hawaii"),  # Hilo
        (-66.1, 18.45, "puerto_rico"),  # San Juan
    ],
)
def test_alaska_hawaii_and_puerto_rico_land_inside_their_insets(
    lon: float, lat: float, inset: str
) -> None:
    assert region(lon, lat) == inset
    left, top, right, bottom = INSETS[inset]
    x, y = project(lon, lat)
    assert left <= x <= right and top <= y <= bottom


def test_the_lower_48_stays_on_the_plane_and_out_of_the_insets() -> None:
    for lon, lat in ((-124.7, 48.4), (-67.0, 44.8), (-81.8, 24.55), (-97.4, 25.9), (-95.2, 49.3)):
        x, y = project(lon, lat)
        assert 0 <= x <= 960 and 0 <= y <= 500
        assert not any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in INSETS.values())


def test_a_states_map_is_framed_on_its_stations_and_dots_sit_at_their_projection() -> None:
    stations = [(-77.4, 37.5, "operational"), (-80.0, 37.3, "temporarily_unavailable")]
    svg = station_map(stations)
    view = view_for([(lon, lat) for lon, lat, _ in stations])
    assert f'viewBox="{view.box()}"' in svg
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert [(float(x), float(y)) for x, y in dots] == [project(-77.4, 37.5), project(-80.0, 37.3)]
    for x, y in dots:
        assert view.left < float(x) < view.left + view.width
        assert view.top < float(y) < view.top + view.height
    assert view.width == pytest.approx(960 / 6)  # two close stations: the smallest view
    assert 'fill="#d73027"' in svg  # the one down is red


def test_the_national_map_holds_alaska_without_squeezing_the_lower_48() -> None:
    stations = [(-149.9, 61.2, "operational"), (-67.0, 44.8, "operational"), (-124.0, 48.0, "x")]
    view = view_for([(lon, lat) for lon, lat, _ in stations])
    assert view.left < INSETS["alaska"][0] + 150 and view.width < 960  # the inset, not 170°W
    assert view.height / view.width < 0.6


def _cx(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


def test_the_time_axis_spaces_dates_by_days() -> None:
    svg = line_chart([("2024-01-01", 0.5), ("2024-01-11", 0.6), ("2024-02-10", 0.7)])
    x0, x1, x2 = _cx(svg)
    assert (x1 - x0) / (x2 - x0) == pytest.approx(10 / 40, abs=0.002)  # 10 days of 40
    # 480 px between the axes: at most 4 ticks (one per 100 px); 40 days / 7 = 5.7 is too
    # many, 40 / 14 = 2.9 is not: every other week
    ticks = ["Jan 1", "Jan 15", "Jan 29"]
    assert re.findall(r'class="tick" text-anchor="middle">([^<]+)</text>', svg) == ticks


def test_eleven_months_and_eight_days_are_not_spaced_alike() -> None:
    svg = line_chart([("2023-03-01", 0.9), ("2024-02-09", 0.9), ("2024-02-17", 0.91)])
    x0, x1, x2 = _cx(svg)
    assert (x2 - x1) / (x1 - x0) == pytest.approx(8 / 345, abs=0.002)


def test_the_rate_axis_fits_the_values() -> None:
    # 50%..70%: padded by 3 points to 47%..73%, on a step of 10%: 40% to 80%
    assert rate_axis([0.5, 0.6, 0.7]) == pytest.approx((0.4, 0.8, 0.1))
    # 97.1%..97.9%: padded by half a point (more than 15% of 0.8), step 0.25%: 96.5%..98.5%
    assert rate_axis([0.971, 0.979]) == pytest.approx((0.965, 0.985, 0.005))
    svg = line_chart([("2024-01-01", 0.5), ("2024-01-11", 0.6), ("2024-02-10", 0.7)])
    assert re.findall(r'class="tick" text-anchor="end">([^<]+)</text>', svg) == [
        "40%",
        "50%",
        "60%",
        "70%",
        "80%",
    ]
    assert rate_axis([0.999, 1.0])[1] == 1.0  # never past 100%
    svg = line_chart([("2024-01-01", 0.971), ("2024-02-01", 0.979)])
    labels = ["96.5%", "97.0%", "97.5%", "98.0%", "98.5%"]  # half-point steps need a decimal
    assert re.findall(r'class="tick" text-anchor="end">([^<]+)</text>', svg) == labels


def test_date_ticks_pick_round_months_or_years() -> None:
    assert date_ticks(date(2022, 4, 25), date(2025, 2, 15), 6) == [
        (date(2022, 7, 1), "Jul 2022"), (date(2023, 1, 1), "Jan 2023"),
        (date(2023, 7, 1), "Jul 2023"), (date(2024, 1, 1), "Jan 2024"),
        (date(2024, 7, 1), "Jul 2024"), (date(2025, 1, 1), "Jan 2025"),
    ]  # fmt: skip
    assert date_ticks(date(2019, 3, 1), date(2025, 2, 1), 5) == [
        (date(2020, 1, 1), "2020"), (date(2022, 1, 1), "2022"), (date(2024, 1, 1), "2024")
    ]  # fmt: skip


def test_the_newest_value_is_written_by_its_point() -> None:
    svg = line_chart([("2024-01-01", 0.5), ("2024-02-10", 0.7)])
    assert re.findall(r'class="last" text-anchor="end">([^<]+)</text>', svg) == ["70.0%"]


def test_markers_are_drawn_at_their_date() -> None:
    svg = line_chart(
        [("2024-01-01", 0.5), ("2024-02-10", 0.7)], markers=[("2024-01-21", "WA first loaded")]
    )
    x0, x1 = _cx(svg)
    marker = re.search(r'<g class="marker"><line x1="([\d.]+)"', svg)
    assert marker and float(marker.group(1)) == pytest.approx((x0 + x1) / 2, abs=0.1)
    assert "<title>2024-01-21: WA first loaded</title>" in svg


def test_one_snapshot_sits_in_the_middle_and_none_says_so() -> None:
    (x,) = _cx(line_chart([("2024-05-01", 0.8)], width=560))
    assert x == pytest.approx((62 + 10 + 560 - 18 - 10) / 2)
    assert "no snapshots yet" in line_chart([])
