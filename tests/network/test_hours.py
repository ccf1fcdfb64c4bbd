"""Tests for network.hours: seat timetables, holidays and the 18-hour network rule
(D.G.R. 1507/2023, Allegato A, § 3.3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.hours import (
    ERR_CLOSED_WITH_HOURS,
    ERR_CLOSES_BEFORE_OPENS,
    ERR_MISSING_HOURS,
    ERR_VALIDITY,
    ERR_WEEKDAY,
    MIN_NETWORK_WEEKLY_HOURS,
    NATIONAL_HOLIDAYS,
    ROME,
    WEEKDAY_NAMES_IT,
    DateException,
    ItalianHolidays,
    WeeklySlot,
    exception_errors,
    intervals_on,
    is_open_at,
    italian_public_holidays,
    meets_minimum_opening,
    merge_intervals,
    network_weekly_hours,
    next_opening,
    patron_day_for_capoluogo,
    slot_errors,
    week_hours,
    weekly_nominal_hours,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
NO_HOLIDAYS: frozenset[date] = frozenset()


def t(hhmm: str) -> time:
    return time.fromisoformat(hhmm)


def slot(weekday: int, opens: str, closes: str, **kw: date | None) -> WeeklySlot:
    return WeeklySlot(weekday, t(opens), t(closes), **kw)


def rome(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=ROME)


WEEKDAYS_9_13 = [slot(d, "09:00", "13:00") for d in (MON, TUE, WED, THU, FRI)]


# --- Holidays -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 4, 21), True),  # Pasquetta 2025
        (date(2026, 4, 6), True),  # Pasquetta 2026
        (date(2025, 1, 1), True),
        (date(2025, 1, 6), True),
        (date(2025, 4, 25), True),
        (date(2025, 5, 1), True),
        (date(2025, 6, 2), True),
        (date(2025, 8, 15), True),
        (date(2025, 11, 1), True),
        (date(2025, 12, 8), True),
        (date(2025, 12, 25), True),
        (date(2025, 12, 26), True),
        (date(2025, 10, 4), False),  # San Francesco: national holiday only from 2026
        (date(2026, 10, 4), True),
        (date(2025, 4, 22), False),
    ],
)
def test_national_holidays(day: date, expected: bool) -> None:
    assert (day in italian_public_holidays(day.year)) is expected
    assert (day in NATIONAL_HOLIDAYS) is expected


def test_holiday_names_are_italian() -> None:
    names = italian_public_holidays(2025)
    assert names[date(2025, 12, 25)] == "Natale"
    assert names[date(2025, 12, 26)] == "Santo Stefano"


@pytest.mark.parametrize(
    ("abbr", "expected"),
    [
        ("MI", (12, 7)),
        ("BG", (8, 26)),
        ("BS", (2, 15)),
        ("mb", (6, 24)),
        ("RM", None),  # not in Lombardy
        ("XX", None),
    ],
)
def test_patron_day_for_capoluogo(abbr: str, expected: tuple[int, int] | None) -> None:
    assert patron_day_for_capoluogo(abbr) == expected


@pytest.mark.parametrize(
    ("year", "patron", "day", "expected"),
    [
        (2025, (12, 7), date(2025, 12, 7), True),
        (2025, None, date(2025, 12, 7), False),
        (2025, (2, 29), date(2025, 3, 1), False),  # no 29 Feb in a common year
        (2024, (2, 29), date(2024, 2, 29), True),
    ],
)
def test_patron_day_added(year: int, patron: tuple[int, int] | None, day: date, expected: bool) -> None:
    assert (day in italian_public_holidays(year, patron)) is expected


# --- Validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (slot(MON, "09:00", "13:00"), []),
        (slot(MON, "13:00", "09:00"), [ERR_CLOSES_BEFORE_OPENS]),
        (slot(MON, "09:00", "09:00"), [ERR_CLOSES_BEFORE_OPENS]),
        (slot(7, "09:00", "13:00"), [ERR_WEEKDAY]),
        (
            slot(
                MON,
                "09:00",
                "13:00",
                valid_from=date(2025, 5, 1),
                valid_to=date(2025, 4, 1),
            ),
            [ERR_VALIDITY],
        ),
    ],
)
def test_slot_errors(candidate: WeeklySlot, expected: list[str]) -> None:
    assert slot_errors(candidate) == expected


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (DateException(date(2025, 5, 5), closed=True), []),
        (
            DateException(date(2025, 5, 5), True, t("09:00"), None),
            [ERR_CLOSED_WITH_HOURS],
        ),
        (DateException(date(2025, 5, 5), False, t("09:00"), None), [ERR_MISSING_HOURS]),
        (
            DateException(date(2025, 5, 5), False, t("12:00"), t("10:00")),
            [ERR_CLOSES_BEFORE_OPENS],
        ),
        (DateException(date(2025, 5, 5), False, t("10:00"), t("12:00")), []),
    ],
)
def test_exception_errors(candidate: DateException, expected: list[str]) -> None:
    assert exception_errors(candidate) == expected


# --- Intervals of a day ---------------------------------------------------------------

MONDAY_SLOTS = [
    slot(MON, "09:00", "12:00"),
    slot(MON, "15:00", "17:00", valid_from=date(2025, 5, 5)),  # afternoon only from 5 May
    slot(TUE, "09:00", "12:00"),
    slot(TUE, "18:00", "17:00"),  # invalid: ignored
]


@pytest.mark.parametrize(
    ("day", "exceptions", "holidays", "expected"),
    [
        pytest.param(date(2025, 4, 28), [], NATIONAL_HOLIDAYS, [("09:00", "12:00")], id="plain"),
        pytest.param(date(2025, 4, 21), [], NATIONAL_HOLIDAYS, [], id="pasquetta-2025"),
        pytest.param(date(2026, 4, 6), [], NATIONAL_HOLIDAYS, [], id="pasquetta-2026"),
        pytest.param(
            date(2025, 5, 5),
            [],
            NATIONAL_HOLIDAYS,
            [("09:00", "12:00"), ("15:00", "17:00")],
            id="valid-from-date",
        ),
        pytest.param(date(2025, 8, 26), [], ItalianHolidays((8, 26)), [], id="patron-day-bergamo"),
        pytest.param(
            date(2025, 8, 26),
            [],
            NATIONAL_HOLIDAYS,
            [("09:00", "12:00")],
            id="no-patron",
        ),
        pytest.param(
            date(2025, 4, 21),
            [DateException(date(2025, 4, 21), False, t("10:00"), t("12:00"), "Festa in piazza")],
            NATIONAL_HOLIDAYS,
            [("10:00", "12:00")],
            id="exception-reopens-holiday",
        ),
        pytest.param(
            date(2025, 4, 28),
            [DateException(date(2025, 4, 28), closed=True, note="Chiusura straordinaria")],
            NATIONAL_HOLIDAYS,
            [],
            id="closure-exception",
        ),
        pytest.param(
            date(2025, 4, 28),
            [
                DateException(date(2025, 4, 28), False, t("14:00"), t("16:00")),
                DateException(date(2025, 4, 29), closed=True),  # other day: irrelevant
            ],
            NATIONAL_HOLIDAYS,
            [("14:00", "16:00")],
            id="special-hours-replace-slots",
        ),
        pytest.param(
            date(2025, 4, 28),
            [
                DateException(date(2025, 4, 28), False, t("14:00"), t("16:00")),
                DateException(date(2025, 4, 28), closed=True),
            ],
            NATIONAL_HOLIDAYS,
            [],
            id="closure-wins",
        ),
    ],
)
def test_intervals_on(
    day: date,
    exceptions: list[DateException],
    holidays: ItalianHolidays,
    expected: list[tuple[str, str]],
) -> None:
    got = intervals_on(day, MONDAY_SLOTS, exceptions, holidays)
    assert got == [(t(a), t(b)) for a, b in expected]


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        ([], []),
        ([("09:00", "12:00"), ("11:00", "13:00")], [("09:00", "13:00")]),  # overlap
        (
            [("12:00", "15:00"), ("09:00", "12:00")],
            [("09:00", "15:00")],
        ),  # adjacent, unsorted
        ([("09:00", "17:00"), ("10:00", "11:00")], [("09:00", "17:00")]),  # contained
        (
            [("09:00", "10:00"), ("11:00", "12:00")],
            [("09:00", "10:00"), ("11:00", "12:00")],
        ),
        ([("10:00", "10:00"), ("12:00", "11:00")], []),  # empty/negative dropped
    ],
)
def test_merge_intervals(intervals: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    assert merge_intervals([(t(a), t(b)) for a, b in intervals]) == [(t(a), t(b)) for a, b in expected]


# --- Weekly hours and the 18-hour rule ------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "on", "expected"),
    [
        pytest.param(
            [[slot(MON, "09:00", "13:00")], [slot(MON, "11:00", "15:00")]],
            date(2025, 5, 5),
            "6.00",
            id="overlap-counted-once",
        ),
        pytest.param(
            [[slot(MON, "09:00", "12:00")], [slot(MON, "12:00", "15:00")]],
            date(2025, 5, 5),
            "6.00",
            id="adjacent",
        ),
        pytest.param(
            [[slot(MON, "09:00", "13:00")], [slot(TUE, "09:00", "13:00")]],
            date(2025, 5, 5),
            "8.00",
            id="different-days-add-up",
        ),
        pytest.param(
            [
                [slot(MON, "09:00", "13:00")],
                [slot(MON, "14:00", "18:00", valid_from=date(2025, 6, 1))],
            ],
            date(2025, 5, 5),
            "4.00",
            id="slot-not-yet-valid",
        ),
        pytest.param(
            [
                [slot(MON, "09:00", "13:00")],
                [slot(MON, "14:00", "18:00", valid_from=date(2025, 6, 1))],
            ],
            date(2025, 6, 1),
            "8.00",
            id="slot-valid-from-date",
        ),
        pytest.param([[slot(MON, "09:00", "09:20")]], date(2025, 5, 5), "0.33", id="truncated"),
    ],
)
def test_network_weekly_hours(seats: list[list[WeeklySlot]], on: date, expected: str) -> None:
    assert network_weekly_hours(seats, on) == Decimal(expected)


def test_weekly_nominal_hours_single_seat() -> None:
    assert weekly_nominal_hours(WEEKDAYS_9_13, date(2025, 5, 5)) == Decimal("20.00")


@pytest.mark.parametrize(
    ("seats", "hours", "meets"),
    [
        pytest.param(
            [[slot(d, "09:00", "12:00") for d in range(5)] + [slot(SAT, "09:00", "11:59:24")]],
            "17.99",
            False,
            id="17.99",
        ),
        pytest.param(
            [[slot(d, "09:00", "12:00") for d in range(5)] + [slot(SAT, "09:00", "11:59:59")]],
            "17.99",
            False,
            id="one-second-short",
        ),
        pytest.param([[slot(d, "09:00", "12:00") for d in range(6)]], "18.00", True, id="18.00"),
        pytest.param(
            [
                [slot(d, "09:00", "12:00") for d in range(3)],
                [slot(d, "09:00", "12:00") for d in range(3, 6)],
            ],
            "18.00",
            True,
            id="hub-plus-spoke",
        ),
        pytest.param(
            [
                [slot(d, "09:00", "12:00") for d in range(6)],
                [slot(d, "09:00", "12:00") for d in range(6)],
            ],
            "18.00",
            True,
            id="same-hours-twice",
        ),
        pytest.param(
            [
                [slot(d, "09:00", "12:00") for d in range(5)],
                [slot(FRI, "10:00", "13:00")],
            ],
            "16.00",
            False,
            id="overlap-not-double-counted",
        ),
    ],
)
def test_meets_minimum_opening(seats: list[list[WeeklySlot]], hours: str, meets: bool) -> None:
    on = date(2025, 5, 5)
    assert network_weekly_hours(seats, on) == Decimal(hours)
    assert meets_minimum_opening(seats, on) is meets
    assert MIN_NETWORK_WEEKLY_HOURS == Decimal(18)


@pytest.mark.parametrize(
    ("week_start", "slots", "expected"),
    [
        pytest.param(date(2025, 5, 5), WEEKDAYS_9_13, "20.00", id="ordinary-week"),
        # Pasquetta (Mon 21/04) and Liberazione (Fri 25/04) 2025 fall in the same week.
        pytest.param(date(2025, 4, 21), WEEKDAYS_9_13, "12.00", id="pasquetta-liberazione"),
        pytest.param(date(2025, 3, 17), [slot(SUN, "01:00", "04:00")], "3.00", id="no-dst"),
        # Europe/Rome: 30/03/2025 02:00 -> 03:00, 26/10/2025 03:00 -> 02:00.
        pytest.param(date(2025, 3, 24), [slot(SUN, "01:00", "04:00")], "2.00", id="dst-start"),
        pytest.param(date(2025, 10, 20), [slot(SUN, "01:00", "04:00")], "4.00", id="dst-end"),
        pytest.param(date(2025, 3, 24), WEEKDAYS_9_13, "20.00", id="dst-week-daytime"),
    ],
)
def test_week_hours(week_start: date, slots: list[WeeklySlot], expected: str) -> None:
    assert week_hours(week_start, slots, (), NATIONAL_HOLIDAYS) == Decimal(expected)


def test_week_hours_with_exceptions() -> None:
    exceptions = [
        DateException(date(2025, 5, 5), closed=True),
        DateException(date(2025, 5, 10), False, t("10:00"), t("12:00")),  # Saturday event
    ]
    assert week_hours(date(2025, 5, 5), WEEKDAYS_9_13, exceptions) == Decimal("18.00")


# --- Open now / next opening ----------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(rome(2025, 4, 28, 9, 0), True, id="at-opening"),
        pytest.param(rome(2025, 4, 28, 8, 59, 59), False, id="just-before-opening"),
        pytest.param(rome(2025, 4, 28, 12, 59, 59), True, id="just-before-closing"),
        pytest.param(rome(2025, 4, 28, 13, 0), False, id="at-closing"),
        pytest.param(rome(2025, 4, 21, 10, 0), False, id="pasquetta"),
        pytest.param(rome(2025, 4, 26, 10, 0), False, id="saturday"),
        # Monday after the spring DST change: 07:00 UTC is 09:00 CEST.
        pytest.param(datetime(2025, 3, 31, 7, 0, tzinfo=UTC), True, id="dst-cest-open"),
        # Monday before it: 07:00 UTC is 08:00 CET, 08:00 UTC is 09:00 CET.
        pytest.param(datetime(2025, 3, 24, 7, 0, tzinfo=UTC), False, id="dst-cet-closed"),
        pytest.param(datetime(2025, 3, 24, 8, 0, tzinfo=UTC), True, id="dst-cet-open"),
        pytest.param(datetime(2025, 3, 31, 11, 0, tzinfo=UTC), False, id="dst-cest-closed"),
    ],
)
def test_is_open_at(moment: datetime, expected: bool) -> None:
    assert is_open_at(moment, WEEKDAYS_9_13) is expected


def test_naive_datetimes_rejected() -> None:
    naive = datetime(2025, 4, 28, 10, 0)  # deliberately naive
    with pytest.raises(ValueError, match="timezone-aware"):
        is_open_at(naive, WEEKDAYS_9_13)
    with pytest.raises(ValueError, match="timezone-aware"):
        next_opening(naive, WEEKDAYS_9_13)


@pytest.mark.parametrize(
    ("moment", "slots", "expected"),
    [
        # Friday evening before Pasquetta 2025: Monday 21/04 is skipped.
        pytest.param(
            rome(2025, 4, 18, 18, 0),
            [slot(MON, "09:00", "12:00")],
            rome(2025, 4, 28, 9, 0),
            id="skips-pasquetta",
        ),
        pytest.param(
            rome(2025, 4, 28, 10, 0),
            [slot(MON, "09:00", "12:00"), slot(MON, "14:00", "17:00")],
            rome(2025, 4, 28, 14, 0),
            id="open-now-next-session",
        ),
        pytest.param(
            rome(2025, 4, 28, 9, 0),
            [slot(MON, "09:00", "12:00")],
            rome(2025, 5, 5, 9, 0),
            id="strictly-after",
        ),
        pytest.param(rome(2025, 4, 28, 10, 0), [], None, id="no-slots"),
        pytest.param(
            rome(2025, 4, 28, 10, 0),
            [slot(MON, "09:00", "12:00", valid_from=date(2025, 6, 2))],
            None,
            id="beyond-14-days",
        ),
        # Saturday before the spring DST change; result keeps the Rome offset (+02:00).
        pytest.param(
            datetime(2025, 3, 29, 12, 0, tzinfo=UTC),
            [slot(MON, "09:00", "12:00")],
            rome(2025, 3, 31, 9, 0),
            id="across-dst",
        ),
    ],
)
def test_next_opening(moment: datetime, slots: list[WeeklySlot], expected: datetime | None) -> None:
    got = next_opening(moment, slots)
    assert got == expected
    if got is not None:
        assert got.tzinfo is ROME
        assert got - moment <= timedelta(days=14)


def test_next_opening_label() -> None:
    got = next_opening(rome(2025, 4, 18, 18, 0), [slot(MON, "09:00", "12:00")])
    assert got is not None
    label = f"apre {WEEKDAY_NAMES_IT[got.weekday()]} alle {got.hour}:{got.minute:02d}"
    assert label == "apre lunedì alle 9:00"
    assert got.utcoffset() == timedelta(hours=2)


# --- Property -------------------------------------------------------------------------


# Quarter-hour grid: every duration is an exact number of hundredths of an hour, so the
# property holds exactly on the 2-decimal values (no truncation slack needed).
def quarter_time(n: int) -> time:
    return time(n // 4, n % 4 * 15)


@st.composite
def weekly_slots(draw: st.DrawFn) -> WeeklySlot:
    start = draw(st.integers(min_value=0, max_value=94))
    end = draw(st.integers(min_value=start + 1, max_value=95))
    return WeeklySlot(draw(st.integers(0, 6)), quarter_time(start), quarter_time(end))


@settings(database=None, max_examples=200)
@given(st.lists(st.lists(weekly_slots(), max_size=6), min_size=1, max_size=4))
def test_network_hours_between_max_and_sum(seats: list[list[WeeklySlot]]) -> None:
    on = date(2025, 5, 5)
    network = network_weekly_hours(seats, on)
    per_seat = [weekly_nominal_hours(s, on) for s in seats]
    assert max(per_seat) <= network <= sum(per_seat, Decimal(0))
