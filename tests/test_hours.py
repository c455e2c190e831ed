"""Opening-hours parsing: every form of SPEC §4, then properties over random schedules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargewatch.hours import DAY, DAY_NAMES, WEEK, describe, merge, parse_hours

FULL_WEEK = ((0, WEEK),)
SEVEN_DAYS = "; ".join(f"{d} 6:00am - 11:59pm" for d in DAY_NAMES)


def days(*pairs: tuple[int, int], on: range = range(7)) -> tuple[tuple[int, int], ...]:
    """The same (start, end) minutes-of-day on each day of ``on``."""
    return merge([(d * DAY + s, d * DAY + e) for d in on for s, e in pairs])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 hours daily", FULL_WEEK),
        ("24 hours daily; for Tesla use only", FULL_WEEK),
        ("24 hours daily. Please check Tesla's online station map.", FULL_WEEK),
        ("24 Hours Daily", FULL_WEEK),
        ("Available 24 hours daily", FULL_WEEK),
        ("24/7", FULL_WEEK),
        (" | ".join(f"{d.upper()}: 24 hours" for d in DAY_NAMES), FULL_WEEK),
        ("; ".join(f"{d} 12:00am - 12:00am" for d in DAY_NAMES), FULL_WEEK),
        ("; ".join(f"{d[:2]}: 12:00am-12:00am" for d in DAY_NAMES), FULL_WEEK),
        ("; ".join(f"{d} 12:00am - 11:59pm" for d in DAY_NAMES), FULL_WEEK),
        ("; ".join(f"{d} 12:00am - 11:58pm" for d in DAY_NAMES), FULL_WEEK),
        (SEVEN_DAYS, days((360, DAY))),
        ("Mon: 6:00am-11:59pm; Tue: 6:00am-11:59pm", days((360, DAY), on=range(2))),
        ("Mon: 12:00am-7:00am, 4:00pm-12:00am", ((0, 420), (960, DAY))),
        ("6am-10pm daily", days((360, 1320))),
        ("8am-5pm M-F", days((480, 1020), on=range(5))),
        ("7am-7pm M-Sun", days((420, 1140))),
        ("9AM-5PM M-F", days((540, 1020), on=range(5))),
        (
            "8am-5pm M-F, 9am-1pm Sat",
            (*days((480, 1020), on=range(5)), (5 * DAY + 540, 5 * DAY + 780)),
        ),
        ("6am-12am daily", days((360, DAY))),
        ("12pm-9pm daily", days((720, 1260))),
        ("Sun 10:00pm - 2:00am", ((0, 120), (6 * DAY + 1320, WEEK))),
        ("Mon 11:00pm - 10:59pm", ((1380, DAY + 1379),)),
        ("8am-5pm M-F, 24 hours Sat-Sun", (*days((480, 1020), on=range(5)), (5 * DAY, WEEK))),
    ],
)
def test_forms_seen_in_real_exports(text: str, expected: tuple[tuple[int, int], ...]) -> None:
    schedule = parse_hours(text)
    assert schedule.known
    assert schedule.intervals == expected
    assert schedule.is_24_7 == (expected == FULL_WEEK)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "Dealership business hours",
        "Contact station for hours",
        "Contact station for hours of availability.",
        "Fleet use only",
        "Drivers must bring their own J1772 cordset for Level 1 charging",
        "Dawn to dusk daily",
    ],
)
def test_text_without_hours_is_unknown(text: str | None) -> None:
    schedule = parse_hours(text)
    assert not schedule.known
    assert not schedule.is_24_7
    assert schedule.intervals == ()


def test_days_not_listed_are_closed() -> None:
    schedule = parse_hours("Mon 8:00am - 5:00pm; Wed 8:00am - 5:00pm")
    assert schedule.intervals == ((480, 1020), (2 * DAY + 480, 2 * DAY + 1020))
    assert not schedule.is_open_at(DAY + 600)  # Tuesday 10:00


def test_an_hour_missing_on_one_day_is_not_24_7() -> None:
    text = "; ".join(f"{d} 12:00am - 12:00am" for d in DAY_NAMES[:6]) + "; Sun 1:00am - 12:00am"
    schedule = parse_hours(text)
    assert schedule.known and not schedule.is_24_7
    assert schedule.open_minutes == WEEK - 60


def test_describe_is_readable() -> None:
    assert describe(parse_hours("24 hours daily")) == "24/7"
    assert describe(parse_hours("Fleet use only")) == "unknown"
    assert describe(parse_hours("8am-5pm M-F, 24 hours Sat-Sun")).endswith("Sat 00:00-Mon 00:00")


# Property tests: render a random weekly schedule in each textual form and parse it back.


def _clock(minute: int) -> str:
    hour, mins = divmod(minute % DAY, 60)
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}:{mins:02d}{suffix}"


day_ranges = st.tuples(
    st.integers(0, DAY // 15 - 1).map(lambda q: q * 15),
    st.integers(1, DAY // 15 - 1).map(lambda q: q * 15),
).map(lambda se: (se[0], se[0] + se[1]))  # start, end (end may pass midnight)
week_plans = st.dictionaries(st.integers(0, 6), day_ranges, min_size=1)


def _expected(plan: dict[int, tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return merge([(d * DAY + s, d * DAY + e) for d, (s, e) in plan.items()])


@given(week_plans)
def test_per_day_form_round_trips(plan: dict[int, tuple[int, int]]) -> None:
    text = "; ".join(
        f"{DAY_NAMES[d]} {_clock(s)} - {_clock(e)}" for d, (s, e) in sorted(plan.items())
    )
    assert parse_hours(text).intervals == _expected(plan)


@given(week_plans)
def test_colon_form_round_trips(plan: dict[int, tuple[int, int]]) -> None:
    text = "; ".join(
        f"{DAY_NAMES[d][:2]}: {_clock(s)}-{_clock(e)}" for d, (s, e) in sorted(plan.items())
    )
    assert parse_hours(text).intervals == _expected(plan)


@given(day_ranges, st.sampled_from(["daily", "M-F", "M-Sun", "Sat-Sun", "M-Sat"]))
def test_compact_form_round_trips(span: tuple[int, int], days_text: str) -> None:
    on = {
        "daily": range(7),
        "M-F": range(5),
        "M-Sun": range(7),
        "Sat-Sun": range(5, 7),
        "M-Sat": range(6),
    }
    text = f"{_clock(span[0])}-{_clock(span[1])} {days_text}"
    expected = merge([(d * DAY + span[0], d * DAY + span[1]) for d in on[days_text]])
    assert parse_hours(text).intervals == expected


@given(st.text(max_size=120))
def test_any_text_parses_to_a_valid_schedule(text: str) -> None:
    schedule = parse_hours(text)
    previous_end = -1
    for start, end in schedule.intervals:
        assert 0 <= start < end <= WEEK
        assert start > previous_end
        previous_end = end
    assert schedule.is_24_7 == (schedule.known and schedule.open_minutes == WEEK)
