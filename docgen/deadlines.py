"""Deadline arithmetic on the Chinese working calendar: N 日, N 个工作日 and notice lead times.

Why one module:
    The 条例 counts most limits in 日 (calendar days, 民法典 第二百零一条、第二百零三条) and a few
    in 工作日; offices choose per step. Keeping every count here, on one calendar with the
    office's own overrides, means a hearing notice, a plan deadline and `docgen check` can never
    disagree about which day a limit ends on.

The calendar data comes from `chinesecalendar` (years 2004–2026 in version 1.11). A year it does
not cover is assumed to work Monday to Friday, and every result says which years were assumed, so
the caller can warn the clerk instead of crashing or silently trusting a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

import chinese_calendar

DayUnit = Literal["calendar", "workday"]
"""How a limit is counted: `calendar` for N 日, `workday` for N 个工作日."""
DAY_UNIT_LABELS: Final[Mapping[str, str]] = {"calendar": "日", "workday": "工作日"}
"""The Chinese name of each `DayUnit`, as a clerk writes it (N 日, N 个工作日)."""
DAY_UNIT_ALIASES: Final[Mapping[str, str]] = {
    "日历日": "calendar",
    "自然日": "calendar",
    "天": "calendar",
    "个工作日": "workday",
}
"""Other Chinese spellings of a `DayUnit` a clerk may write, with the unit each means."""


class HolidayClash(ValueError):
    """Raised when a day is listed both as a day off and as a workday; `days` are those days."""

    def __init__(self, days: Iterable[date]) -> None:
        self.days = tuple(sorted(days))
        listed = "、".join(d.isoformat() for d in self.days)
        super().__init__(f"{listed} 同时写在放假日 days_off 和上班日 workdays 中")


class BeyondCalendar(ValueError):
    """Raised when a count of days would run past the dates Python can hold (years 1–9999).

    Case and settings dates are limited to 1900–2100 (`docgen.values`), so only a program
    calling with extreme dates meets it; it replaces Python's bare `OverflowError`.
    """


@dataclass(frozen=True)
class CountedDay:
    """A day computed on the calendar, and the years for which Monday–Friday had to be assumed.

    `assumed_years` is empty when every day consulted was known (from chinesecalendar's data or
    from the office's overrides); otherwise the caller should warn that the result may be off.
    """

    day: date
    assumed_years: frozenset[int] = frozenset()


class WorkCalendar:
    """Which days are working days: chinesecalendar's data, corrected by the office's overrides.

    `days_off` and `workdays` come from `holidays:` in docgen.yaml. They win over the built-in data,
    so an office can also record a local day off. A year outside the built-in data counts as
    *covered* once any day of it is listed in the overrides: listing a day tells docgen that the
    office has entered that year's 放假调休 schedule, so no warning is due for it.

    Raises:
        HolidayClash: a day is listed both as a day off and as a workday.
    """

    def __init__(self, days_off: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        self._days_off = frozenset(days_off)
        self._workdays = frozenset(workdays)
        clash = self._days_off & self._workdays
        if clash:
            raise HolidayClash(clash)
        self._override_years = frozenset(d.year for d in self._days_off | self._workdays)

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day (an assumed year counts Monday–Friday as working)."""
        if day in self._workdays:
            return True
        if day in self._days_off:
            return False
        known = _builtin_is_workday(day)
        return day.weekday() < 5 if known is None else known

    def is_assumed(self, day: date) -> bool:
        """Whether `day` is judged by guess: no built-in data and no override in its year."""
        return day.year not in self._override_years and _builtin_is_workday(day) is None

    def add_days(self, start: date, n: int) -> CountedDay:
        """The last day of a limit of `n` 日 that starts on `start`.

        The start day is not counted (民法典 第二百零一条); if the n-th day is not a working day,
        the limit ends on the next working day (第二百零三条: 最后一日是法定休假日的，以法定休假日
        结束的次日为最后一日; weekends count as 休假日, a 调休 Saturday is a working day).

        Raises:
            BeyondCalendar: the count runs past 9999-12-31 (or before 0001-01-01).
        """
        _require_non_negative(n)
        day = _shift(start, n)
        consulted = [day]
        while not self.is_workday(day):
            day = _shift(day, 1)
            consulted.append(day)
        return CountedDay(day, self._assumed_years(consulted))

    def add_workdays(self, start: date, n: int) -> CountedDay:
        """The n-th working day after `start` (`start` itself never counts; n = 0 gives `start`).

        Why not `chinese_calendar.find_workday`:
            It counts `start` as day 0 only when `start` is a working day, so from a Saturday it
            returns one working day too late (docs: domain.md §5). Stepping day by day from the
            day after `start` is the reading of “N 个工作日” every office uses.

        Raises:
            BeyondCalendar: the count runs past 9999-12-31 (or before 0001-01-01).
        """
        _require_non_negative(n)
        day, counted, consulted = start, 0, []
        while counted < n:
            day = _shift(day, 1)
            consulted.append(day)
            if self.is_workday(day):
                counted += 1
        return CountedDay(day, self._assumed_years(consulted))

    def add(self, start: date, n: int, unit: DayUnit) -> CountedDay:
        """`add_days` or `add_workdays`, as `unit` says."""
        return self.add_days(start, n) if unit == "calendar" else self.add_workdays(start, n)

    def latest_notice_day(self, hearing: date, lead: int, unit: DayUnit) -> CountedDay:
        """The last day a hearing notice can be served and still give `lead` days of notice.

        Definition (the common reading of “提前 N 日/N 个工作日送达”): a notice served on day d
        gives enough notice when the N days, counted from the day after d (d itself excluded, as
        民法典 第二百零一条 counts every period), are complete on or before the hearing day H.
        - calendar: d + N ≤ H, so the latest day is H − N (hearing on 6月12日 with 7 日 → 6月5日).
          No roll-forward: 第二百零三条 extends the time *to act*; here it would shorten notice.
        - workday: the N-th working day after d must be on or before H, so the latest day is the
          day before the N-th working day counted backwards from H (H included if it is one).
          It can be a weekend: serving on a Sunday before a Monday still gives full notice.
        lead = 0 gives H itself.

        Raises:
            BeyondCalendar: the count runs past 9999-12-31 (or before 0001-01-01).
        """
        _require_non_negative(lead)
        if unit == "calendar" or lead == 0:
            return CountedDay(_shift(hearing, -lead))
        day, counted, consulted = hearing, 0, []
        while True:  # `day` runs back from H, H included, to the lead-th working day
            consulted.append(day)
            if self.is_workday(day):
                counted += 1
            if counted == lead:
                return CountedDay(_shift(day, -1), self._assumed_years(consulted))
            day = _shift(day, -1)

    def _assumed_years(self, days: Iterable[date]) -> frozenset[int]:
        return frozenset(d.year for d in days if self.is_assumed(d))


def _builtin_is_workday(day: date) -> bool | None:
    """chinesecalendar's answer for `day`, or None for a year outside its data."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # "no available data for year 2027, ..."
        return None


def _shift(day: date, days: int) -> date:
    """`day` moved by `days` days.

    Raises:
        BeyondCalendar: the result would be before 0001-01-01 or after 9999-12-31.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        limit = "0001-01-01 至 9999-12-31"
        raise BeyondCalendar(
            f"从 {day.isoformat()} 起算 {days} 天，超出了日期范围（{limit}）"
        ) from None


def _require_non_negative(n: int) -> None:
    if n < 0:
        raise ValueError(f"a count of days cannot be negative: {n}")
