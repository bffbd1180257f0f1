"""Tests of docgen/deadlines.py: 日 and 工作日 counts, notice lead times, years without data."""

from __future__ import annotations

import typing
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.deadlines import (
    DAY_UNIT_LABELS,
    BeyondCalendar,
    CountedDay,
    DayUnit,
    HolidayClash,
    WorkCalendar,
)

CALENDAR = WorkCalendar()

# 2020 端午节: Thursday 25 to Saturday 27 June off, Sunday 28 June a 调休 working day.
DRAGON_BOAT_DAYS_OFF = [date(2020, 6, 25), date(2020, 6, 26), date(2020, 6, 27)]
DRAGON_BOAT_WORKDAY = date(2020, 6, 28)


class TestIsWorkday:
    def test_knows_the_2020_dragon_boat_holiday_and_its_makeup_sunday(self) -> None:
        assert CALENDAR.is_workday(date(2020, 6, 24))
        assert not any(CALENDAR.is_workday(d) for d in DRAGON_BOAT_DAYS_OFF)
        assert CALENDAR.is_workday(DRAGON_BOAT_WORKDAY)
        assert CALENDAR.is_workday(date(2020, 6, 29))

    def test_assumes_monday_to_friday_in_a_year_without_data(self) -> None:
        assert CALENDAR.is_workday(date(2027, 1, 1))  # a Friday; New Year unknown to the data
        assert not CALENDAR.is_workday(date(2027, 1, 2))  # a Saturday
        assert CALENDAR.is_assumed(date(2027, 1, 1))
        assert not CALENDAR.is_assumed(date(2026, 12, 31))

    def test_lets_overrides_win_and_cover_their_year(self) -> None:
        office = WorkCalendar(days_off=[date(2027, 1, 1)], workdays=[date(2027, 2, 6)])
        assert not office.is_workday(date(2027, 1, 1))
        assert office.is_workday(date(2027, 2, 6))  # a Saturday made a working day
        assert not office.is_assumed(date(2027, 7, 1))

    def test_lets_an_override_correct_a_year_with_data(self) -> None:
        local = WorkCalendar(days_off=[date(2020, 6, 24)])
        assert not local.is_workday(date(2020, 6, 24))

    def test_refuses_a_day_listed_both_ways(self) -> None:
        with pytest.raises(HolidayClash, match="2027-01-01") as caught:
            WorkCalendar(days_off=[date(2027, 1, 1)], workdays=[date(2027, 1, 1)])
        assert caught.value.days == (date(2027, 1, 1),)
        assert str(caught.value) == "2027-01-01 同时写在放假日 days_off 和上班日 workdays 中"


class TestAddDays:
    def test_excludes_the_start_day(self) -> None:
        assert CALENDAR.add_days(date(2020, 6, 1), 7) == CountedDay(date(2020, 6, 8))

    def test_moves_a_last_day_in_the_holiday_to_the_makeup_workday(self) -> None:
        # 7 日 from 18 June ends on 25 June, a holiday; the next working day is Sunday 28 June.
        assert CALENDAR.add_days(date(2020, 6, 18), 7).day == date(2020, 6, 28)
        assert CALENDAR.add_days(date(2020, 6, 19), 8).day == date(2020, 6, 28)

    def test_moves_a_last_day_on_a_weekend_to_monday(self) -> None:
        assert CALENDAR.add_days(date(2020, 6, 1), 5).day == date(2020, 6, 8)  # Sat 6 -> Mon 8

    def test_reports_an_assumed_year(self) -> None:
        result = CALENDAR.add_days(date(2026, 12, 28), 7)
        assert result == CountedDay(date(2027, 1, 4), frozenset({2027}))

    def test_counts_a_covered_year_with_overrides_and_without_warning(self) -> None:
        office = WorkCalendar(days_off=[date(2027, 1, 1)])
        assert office.add_days(date(2026, 12, 25), 7) == CountedDay(date(2027, 1, 4))

    def test_refuses_a_negative_count(self) -> None:
        with pytest.raises(ValueError):
            CALENDAR.add_days(date(2020, 6, 1), -1)


class TestAddWorkdays:
    def test_skips_the_holiday_and_counts_the_makeup_sunday(self) -> None:
        # 23, 24, (25–27 off), 28 (调休), 29, 30
        assert CALENDAR.add_workdays(date(2020, 6, 22), 5).day == date(2020, 6, 30)

    def test_counts_from_the_day_after_a_saturday(self) -> None:
        # domain.md §5: find_workday(5, 2025-03-01) gives 03-10, one working day too late.
        assert CALENDAR.add_workdays(date(2025, 3, 1), 5).day == date(2025, 3, 7)

    def test_gives_the_start_for_zero(self) -> None:
        assert CALENDAR.add_workdays(date(2020, 6, 27), 0) == CountedDay(date(2020, 6, 27))

    def test_reports_only_the_years_it_had_to_assume(self) -> None:
        result = CALENDAR.add_workdays(date(2026, 12, 30), 3)  # 31 Dec 2026, then 2027
        assert result == CountedDay(date(2027, 1, 4), frozenset({2027}))

    def test_follows_the_office_schedule_for_a_year_beyond_the_data(self) -> None:
        office = WorkCalendar(days_off=[date(2027, 1, 1)], workdays=[date(2027, 1, 2)])
        assert office.add_workdays(date(2026, 12, 31), 1) == CountedDay(date(2027, 1, 2))

    def test_dispatches_on_the_unit(self) -> None:
        start = date(2020, 6, 22)
        assert CALENDAR.add(start, 5, "calendar") == CALENDAR.add_days(start, 5)
        assert CALENDAR.add(start, 5, "workday") == CALENDAR.add_workdays(start, 5)


class TestLatestNoticeDay:
    def test_is_n_calendar_days_before_the_hearing(self) -> None:
        assert CALENDAR.latest_notice_day(date(2020, 6, 12), 7, "calendar").day == date(2020, 6, 5)

    def test_does_not_move_for_holidays_in_calendar_mode(self) -> None:
        # H − 7 = 25 June, a holiday: serving then still gives 7 日.
        assert CALENDAR.latest_notice_day(date(2020, 7, 2), 7, "calendar").day == date(2020, 6, 25)

    def test_counts_working_days_back_across_the_holiday(self) -> None:
        # Working days back from 30 June: 30, 29, 28 (调休), 24, 23 -> serve by 22 June.
        latest = CALENDAR.latest_notice_day(date(2020, 6, 30), 5, "workday")
        assert latest == CountedDay(date(2020, 6, 22))
        assert CALENDAR.add_workdays(latest.day, 5).day == date(2020, 6, 30)
        assert CALENDAR.add_workdays(latest.day + timedelta(days=1), 5).day > date(2020, 6, 30)

    def test_can_be_a_weekend_day(self) -> None:
        # Hearing Monday 8 June 2020, 1 working day: served on Sunday 7 June, Monday is the 1st.
        assert CALENDAR.latest_notice_day(date(2020, 6, 8), 1, "workday").day == date(2020, 6, 7)

    def test_is_the_hearing_day_for_no_lead(self) -> None:
        assert CALENDAR.latest_notice_day(date(2020, 6, 8), 0, "workday").day == date(2020, 6, 8)

    def test_reports_an_assumed_year_in_workday_mode(self) -> None:
        latest = CALENDAR.latest_notice_day(date(2027, 1, 8), 5, "workday")
        assert latest == CountedDay(date(2027, 1, 3), frozenset({2027}))

    def test_assumes_nothing_in_calendar_mode(self) -> None:
        latest = CALENDAR.latest_notice_day(date(2027, 1, 8), 7, "calendar")
        assert latest == CountedDay(date(2027, 1, 1))

    @given(
        hearing=st.dates(min_value=date(2004, 2, 1), max_value=date(2028, 12, 31)),
        lead=st.integers(min_value=0, max_value=15),
        unit=st.sampled_from(["calendar", "workday"]),
    )
    def test_is_the_last_day_that_still_gives_full_notice(
        self, hearing: date, lead: int, unit: DayUnit
    ) -> None:
        latest = CALENDAR.latest_notice_day(hearing, lead, unit).day

        def notice_ends(served: date) -> date:
            if unit == "calendar":
                return served + timedelta(days=lead)  # the n-th day, not moved forward
            return CALENDAR.add_workdays(served, lead).day

        assert notice_ends(latest) <= hearing
        assert notice_ends(latest + timedelta(days=1)) > hearing


class TestEdgesOfTheCalendar:
    """Counting past 0001-01-01 or 9999-12-31 raises `BeyondCalendar`, never `OverflowError`."""

    @pytest.mark.parametrize("unit", ["calendar", "workday"])
    def test_a_notice_before_year_one(self, unit: DayUnit) -> None:
        with pytest.raises(BeyondCalendar, match="0001-01-0"):
            CALENDAR.latest_notice_day(date(1, 1, 3), 7, unit)

    def test_a_limit_after_year_9999(self) -> None:
        with pytest.raises(BeyondCalendar):
            CALENDAR.add_days(date.max, 1)
        with pytest.raises(BeyondCalendar):
            CALENDAR.add_workdays(date(9999, 12, 30), 5)
        with pytest.raises(BeyondCalendar):
            CALENDAR.add_days(date(2020, 1, 1), 10**10)  # beyond what timedelta holds

    def test_a_notice_on_the_last_day_python_knows(self) -> None:
        assert CALENDAR.latest_notice_day(date.max, 0, "workday").day == date.max
        assert CALENDAR.latest_notice_day(date.max, 1, "workday").day == date(9999, 12, 30)

    def test_says_which_count_went_too_far(self) -> None:
        with pytest.raises(BeyondCalendar) as caught:
            CALENDAR.add_days(date(9999, 12, 1), 31)
        assert str(caught.value) == (
            "从 9999-12-01 起算 31 天，超出了日期范围（0001-01-01 至 9999-12-31）"
        )


def test_every_unit_has_a_chinese_label() -> None:
    assert set(DAY_UNIT_LABELS) == set(typing.get_args(DayUnit))
