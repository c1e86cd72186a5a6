"""Chinese working days (工作日): official holidays and make-up working days (调休).

chinesecalendar knows the State Council's schedules of past years. The admin's ``CalendarDay``
rows override single days; a ``CalendarYear`` row declares a year that the library does not
know yet (weekdays work, except its entered days). A date in a year known to neither is an
error with the year named, never a guess.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conference.configuration import Configuration
from conference.models import CalendarDay, CalendarYear

# Far enough for "N working days" with N up to a few dozen across the Spring Festival.
MAX_SCAN_DAYS = 400


class UnknownCalendarYear(ValidationError):
    def __init__(self, year: int):
        super().__init__(
            _(
                "%(year)s 年的节假日安排尚未录入，无法计算工作日。"
                "请组委会在后台“节假日年份”中录入该年安排。"
            ),
            code="unknown_calendar_year",
            params={"year": year},
        )
        self.year = year


@dataclass
class WorkingCalendar:
    """Answers "is this a working day?" from the library and the admin's overrides.

    One instance loads the overrides once; use a fresh one per request or task so that an
    organizer's edit is seen at once.
    """

    days: dict[date, CalendarDay] = field(default_factory=dict)
    years: dict[int, CalendarYear] = field(default_factory=dict)
    provisional_used: bool = False

    @classmethod
    def load(cls) -> "WorkingCalendar":
        days, years = _overrides()
        return cls(days=days, years=years)

    @classmethod
    def cached(cls, config: Configuration) -> "WorkingCalendar":
        """The same, from the cache at ``config``'s version (no query once built): for pages
        every unit opens, such as its dashboard."""
        days, years = config.cached("working-calendar", _overrides)
        return cls(days=days, years=years)

    def is_working_day(self, day: date) -> bool:
        override = self.days.get(day)
        if override is not None:
            self.provisional_used |= override.provisional or self._year_provisional(day.year)
            return override.is_working_day
        entered = self.years.get(day.year)
        if entered is not None:
            self.provisional_used |= entered.provisional
            return day.weekday() < 5
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise UnknownCalendarYear(day.year) from None

    def _year_provisional(self, year: int) -> bool:
        entered = self.years.get(year)
        return bool(entered and entered.provisional)

    def shift(self, day: date, working_days: int) -> date:
        """The ``working_days``-th working day after ``day`` (before it, when negative).

        ``day`` itself is not counted: 5 working days before Saturday 2023-04-15 is Monday
        2023-04-10; 1 working day after Friday 2023-04-28 is Thursday 2023-05-04.
        """
        if working_days == 0:
            return day
        step = timedelta(days=1 if working_days > 0 else -1)
        remaining = abs(working_days)
        current = day
        for _scanned in range(MAX_SCAN_DAYS):
            current += step
            if self.is_working_day(current):
                remaining -= 1
                if remaining == 0:
                    return current
        raise ValidationError(
            _("%(n)s 个工作日超出可计算范围。"),
            code="too_many_working_days",
            params={"n": working_days},
        )


def _overrides() -> tuple[dict[date, CalendarDay], dict[int, CalendarYear]]:
    return (
        {d.date: d for d in CalendarDay.objects.all()},
        {y.year: y for y in CalendarYear.objects.all()},
    )


def shift_working_days(day: date, working_days: int) -> date:
    return WorkingCalendar.load().shift(day, working_days)


def is_working_day(day: date) -> bool:
    return WorkingCalendar.load().is_working_day(day)
