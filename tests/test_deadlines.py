"""Deadlines as RULES.md reads the notices, in Chinese working days and Beijing time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conference.models import CalendarDay, CalendarYear
from conference.workdays import UnknownCalendarYear, WorkingCalendar, shift_working_days
from submissions.deadlines import (
    DeadlinePassed,
    deadline_for,
    describe_time_left,
    ensure_open,
    format_beijing,
)
from submissions.kinds import DeadlineAnchor, MaterialKind
from submissions.models import DeadlineExtension
from submissions.services.deadlines import grant_extension
from tests.factories import ActivityFactory, RequirementFactory, UnitFactory, beijing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "shift", "expected"),
    [
        # Saturday 2023-04-15, five working days before: Monday 2023-04-10.
        (dt.date(2023, 4, 15), -5, dt.date(2023, 4, 10)),
        # Sunday 2023-04-23 was a make-up working day (调休), so it counts.
        (dt.date(2023, 4, 26), -5, dt.date(2023, 4, 20)),
        # 2023-04-29 to 05-03 were holidays: one working day after Friday 04-28 is 05-04.
        (dt.date(2023, 4, 28), 1, dt.date(2023, 5, 4)),
        # Saturday 2023-05-06 was a make-up working day.
        (dt.date(2023, 5, 5), 1, dt.date(2023, 5, 6)),
        (dt.date(2023, 4, 15), 0, dt.date(2023, 4, 15)),
    ],
)
def test_working_day_shifts_match_the_notice_readings(day, shift, expected):
    assert shift_working_days(day, shift) == expected


def _activity_requirement(**kwargs):
    return RequirementFactory(
        kind=MaterialKind.VIDEO,
        deadline_at=None,
        deadline_anchor=DeadlineAnchor.ACTIVITY_START,
        deadline_working_days=-5,
        per_activity=True,
        **kwargs,
    )


def test_five_working_days_before_the_activity_is_due_at_the_end_of_that_day():
    requirement = _activity_requirement()
    activity = ActivityFactory(starts_at=beijing(2023, 4, 15, 9, 30))
    deadline = deadline_for(requirement, activity.unit, activity)
    assert deadline.due_at == beijing(2023, 4, 10, 23, 59, 59)
    assert format_beijing(deadline.due_at) == "2023-04-10 23:59（北京时间 UTC+08:00）"
    assert not deadline.provisional


def test_viewing_figures_are_due_one_working_day_after_the_stream_ends():
    requirement = RequirementFactory(
        kind=MaterialKind.LIVE_FIGURES,
        deadline_at=None,
        deadline_anchor=DeadlineAnchor.STREAM_END,
        deadline_working_days=1,
    )
    activity = ActivityFactory(
        starts_at=beijing(2023, 4, 28, 14, 0), ends_at=beijing(2023, 4, 28, 18, 0)
    )
    assert deadline_for(requirement, activity.unit, activity).due_at == beijing(
        2023, 5, 4, 23, 59, 59
    )


def test_relative_deadline_without_its_activity_waits_for_it():
    requirement = _activity_requirement()
    deadline = deadline_for(requirement, UnitFactory(), None)
    assert deadline.due_at is None
    assert deadline.waiting_for_anchor


def test_a_year_the_calendar_does_not_know_is_a_clear_error():
    with pytest.raises(UnknownCalendarYear) as excinfo:
        shift_working_days(dt.date(2031, 3, 10), -5)
    assert "2031" in excinfo.value.messages[0]
    assert "节假日" in excinfo.value.messages[0]


def test_an_entered_year_covers_the_calendar_and_marks_deadlines_provisional():
    CalendarYear.objects.create(year=2031, provisional=True)
    # An entered holiday on Friday 2031-03-07 is skipped.
    CalendarDay.objects.create(date=dt.date(2031, 3, 7), is_working_day=False, provisional=True)
    calendar = WorkingCalendar.load()
    # Before Monday 2031-03-10: Fri 03-07 is off, so Thu 03-06 … Fri 02-28 are the five.
    assert calendar.shift(dt.date(2031, 3, 10), -5) == dt.date(2031, 2, 28)
    assert calendar.provisional_used

    requirement = _activity_requirement()
    activity = ActivityFactory(starts_at=beijing(2031, 3, 10, 9), ends_at=beijing(2031, 3, 10, 12))
    deadline = deadline_for(requirement, activity.unit, activity)
    assert deadline.due_at == beijing(2031, 2, 28, 23, 59, 59)
    assert deadline.provisional


def test_an_override_changes_a_known_year():
    # A local extra working day on Saturday 2023-04-08 shortens the count by one day.
    CalendarDay.objects.create(date=dt.date(2023, 4, 8), is_working_day=True, name="测试调休")
    assert shift_working_days(dt.date(2023, 4, 11), -2) == dt.date(2023, 4, 8)


def test_late_item_is_refused_with_the_deadline_stated_unless_extended():
    requirement = RequirementFactory(deadline_at=beijing(2023, 3, 22, 12, 0))
    unit = UnitFactory()
    ensure_open(requirement, unit, now=beijing(2023, 3, 22, 11, 59))
    with pytest.raises(DeadlinePassed) as excinfo:
        ensure_open(requirement, unit, now=beijing(2023, 3, 22, 12, 0, 1))
    assert "2023-03-22 12:00（北京时间 UTC+08:00）" in excinfo.value.messages[0]

    grant_extension(
        requirement=requirement,
        unit=unit,
        due_at=beijing(2023, 3, 24, 18, 0),
        reason="材料审批中",
        granted_by=None,
    )
    deadline = ensure_open(requirement, unit, now=beijing(2023, 3, 23, 9, 0))
    assert deadline.extended
    assert deadline.computed_due_at == beijing(2023, 3, 22, 12, 0)
    # The extension is for that unit only.
    with pytest.raises(DeadlinePassed):
        ensure_open(requirement, UnitFactory(), now=beijing(2023, 3, 23, 9, 0))


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (beijing(2023, 3, 19, 8, 0), "还剩 3 天 4 小时"),
        (beijing(2023, 3, 22, 11, 15), "还剩 45 分钟"),
        (beijing(2023, 3, 24, 12, 0), "已截止 2 天"),
    ],
)
def test_time_left_reads_as_a_person_would_say_it(now, text):
    requirement = RequirementFactory(deadline_at=beijing(2023, 3, 22, 12, 0))
    assert describe_time_left(deadline_for(requirement, UnitFactory()), now) == text


def test_an_extension_for_one_activity_leaves_the_others_and_never_shortens():
    """Issue 14.4: extending activity A to 04-12 moved activity B's deadline from 04-19 too."""
    requirement = _activity_requirement()
    a = ActivityFactory(starts_at=beijing(2023, 4, 15, 9), ends_at=beijing(2023, 4, 15, 12))
    b = ActivityFactory(
        unit=a.unit,
        section=a.section,
        starts_at=beijing(2023, 4, 25, 9),
        ends_at=beijing(2023, 4, 25, 12),
    )
    assert deadline_for(requirement, a.unit, b).due_at == beijing(2023, 4, 19, 23, 59, 59)
    grant_extension(
        requirement=requirement,
        unit=a.unit,
        activity=a,
        due_at=beijing(2023, 4, 12, 23, 59, 59),
        reason="海报重做",
        granted_by=None,
    )
    extended = deadline_for(requirement, a.unit, a)
    assert extended.extended and extended.due_at == beijing(2023, 4, 12, 23, 59, 59)
    untouched = deadline_for(requirement, a.unit, b)
    assert not untouched.extended and untouched.due_at == beijing(2023, 4, 19, 23, 59, 59)

    # An extension that names no activity covers them all, but moves none earlier.
    with pytest.raises(ValidationError) as excinfo:
        grant_extension(
            requirement=requirement,
            unit=a.unit,
            due_at=beijing(2023, 4, 14, 18),
            reason="",
            granted_by=None,
        )
    assert "不晚于原截止时间 2023-04-19 23:59" in str(excinfo.value)
    # A shorter row entered another way (an import, an older one) still never shortens.
    DeadlineExtension.objects.create(
        requirement=requirement, unit=a.unit, due_at=beijing(2023, 4, 14, 18)
    )
    assert deadline_for(requirement, a.unit, b).due_at == beijing(2023, 4, 19, 23, 59, 59)
    assert deadline_for(requirement, a.unit, a).due_at == beijing(2023, 4, 12, 23, 59, 59)


def test_a_year_without_holiday_schedule_is_said_on_every_page_never_a_500(client, ciep21):
    """Issue 14.5: the requirement page answered 500 (GET and POST) and the matrix showed no
    deadline without a word; organizers are told in the workbench which year to enter."""
    from django.urls import reverse

    from accounts.roles import ORGANIZER
    from submissions.models import Call, Requirement
    from submissions.selectors.matrix import matrix
    from tests.factories import UserFactory
    from units.models import Unit

    liaison = UserFactory(unit__name_zh="二〇三一单位")
    activity = ActivityFactory(
        unit=liaison.unit,
        section=ciep21.sections.get(code="exhibition"),
        starts_at=beijing(2031, 3, 10, 9),
        ends_at=beijing(2031, 3, 10, 12),
    )
    photos = Requirement.objects.get(call__code="publicity", code="photos")
    url = reverse("submissions:requirement", args=[photos.pk]) + f"?activity={activity.pk}"
    client.force_login(liaison)
    message = "2031 年的节假日安排尚未录入，无法计算工作日。"
    page = client.get(url)
    assert page.status_code == 200 and message in page.content.decode()
    posted = client.post(url, {"activity": activity.pk, "caption": "现场"})
    assert posted.status_code == 400 and message in posted.content.decode()

    call = Call.objects.get(code="publicity")
    _requirements, rows = matrix(call, Unit.objects.filter(pk=liaison.unit.pk))
    cell = rows[0].cells[[r.code for r in _requirements].index("photos")]
    assert cell.deadline.due_at is None and message in cell.deadline.calendar_error

    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    home = client.get(reverse("admin:index")).content.decode()
    assert "2031 年的节假日安排尚未录入" in home
    matrix_page = client.get(
        reverse("admin:submissions_submission_matrix") + f"?call={call.pk}"
    ).content.decode()
    assert message in matrix_page

    CalendarYear.objects.create(year=2031, provisional=True)
    client.force_login(organizer)
    assert "2031 年的节假日安排尚未录入" not in client.get(reverse("admin:index")).content.decode()
