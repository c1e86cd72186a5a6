"""Provisional holiday schedules (暂定放假安排) for years chinesecalendar does not know yet.

The State Council publishes each year's schedule late in the year before. Until then the demo
data, whose dates move with the calendar, needs a best guess to count working days. These
tables are guesses from the lunar dates and recent practice (New Year 1 day, Spring Festival
4 days from New Year's Eve, Labour Day 2 days, the others 1 day each, with weekend make-up
days); every row they write is marked provisional, and an organizer replaces them in the
admin (节假日年份, 节假日调整) once the official schedule is out.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from conference.models import CalendarDay, CalendarYear


@dataclass(frozen=True)
class Holiday:
    name: str
    first: date
    last: date
    make_up_days: tuple[date, ...] = ()  # 调休上班的周末


PROVISIONAL_SCHEDULES: dict[int, tuple[Holiday, ...]] = {
    2027: (
        Holiday("元旦", date(2027, 1, 1), date(2027, 1, 3)),
        # 春节 2027-02-06 (Saturday); New Year's Eve Friday 02-05.
        Holiday(
            "春节", date(2027, 2, 5), date(2027, 2, 13), (date(2027, 2, 14), date(2027, 2, 20))
        ),
        # 清明 2027-04-05 (Monday).
        Holiday("清明节", date(2027, 4, 3), date(2027, 4, 5)),
        Holiday("劳动节", date(2027, 5, 1), date(2027, 5, 5), (date(2027, 5, 8),)),
        # 端午 2027-06-09 and 中秋 2027-09-15 are both Wednesdays: the day alone.
        Holiday("端午节", date(2027, 6, 9), date(2027, 6, 9)),
        Holiday("中秋节", date(2027, 9, 15), date(2027, 9, 15)),
        Holiday(
            "国庆节", date(2027, 10, 1), date(2027, 10, 7), (date(2027, 9, 26), date(2027, 10, 9))
        ),
    ),
}

PROVISIONAL_NOTE = "演示数据：暂定，待国务院办公厅公布"


class MissingHolidaySchedule(Exception):
    def __init__(self, year: int):
        super().__init__(
            f"演示数据需要 {year} 年的节假日安排，但 chinesecalendar 尚不支持该年，"
            f"notices/seed/holidays.py 中也没有暂定安排；请补充暂定表，或在后台“节假日年份”"
            f"中录入该年安排。 / The demo needs the {year} holiday schedule, which neither "
            f"chinesecalendar nor the provisional tables know; add a table to "
            f"notices/seed/holidays.py or enter the year in the admin."
        )
        self.year = year


def library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def ensure_holiday_years(years) -> list[int]:
    """Enter a provisional schedule for each year neither the library nor the admin knows.

    Returns the years entered now. A year already in the admin (provisional or official) is
    left as the organizers keep it.
    """
    entered = []
    for year in sorted(set(years)):
        if library_knows(year) or CalendarYear.objects.filter(year=year).exists():
            continue
        if year not in PROVISIONAL_SCHEDULES:
            raise MissingHolidaySchedule(year)
        enter_provisional_year(year)
        entered.append(year)
    return entered


def enter_provisional_year(year: int) -> None:
    CalendarYear.objects.create(year=year, provisional=True, note=PROVISIONAL_NOTE)
    for holiday in PROVISIONAL_SCHEDULES[year]:
        day = holiday.first
        while day <= holiday.last:
            set_day(day, working=False, name=holiday.name)
            day += timedelta(days=1)
        for day in holiday.make_up_days:
            set_day(day, working=True, name=f"{holiday.name}调休上班")


def set_day(day: date, *, working: bool, name: str) -> None:
    CalendarDay.objects.update_or_create(
        date=day, defaults={"is_working_day": working, "name": name, "provisional": True}
    )
