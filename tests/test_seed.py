"""The seed loaders: the 21st CIEP from the notices, and the demo edition built from it."""

from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from conference.models import Board, CalendarDay, CalendarYear, Edition, Hall, Region, Section, Zone
from notices.seed.calls import BEIJING
from notices.seed.ciep21 import load_ciep21
from notices.seed.demo import load_demo
from notices.seed.demo_accounts import DEMO_PASSWORD
from notices.seed.holidays import MissingHolidaySchedule
from submissions.deadlines import deadline_for
from submissions.kinds import DeadlineAnchor, RuleCode, Severity
from submissions.models import Activity, Call, Requirement, RequirementRule
from units.models import Unit

pytestmark = pytest.mark.django_db


SEEDED_MODELS = (
    Edition,
    Section,
    Region,
    Hall,
    Zone,
    Board,
    Board.regions.through,
    Call,
    Requirement,
    RequirementRule,
    Call.history.model,
    Requirement.history.model,
    RequirementRule.history.model,
    Unit,
    Unit.history.model,
    User,
    User.groups.through,
    Group,
    Activity,
    CalendarYear,
    CalendarDay,
)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in SEEDED_MODELS}


def bj(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def publicity(edition: Edition) -> dict[str, Requirement]:
    requirements = Requirement.objects.filter(call__edition=edition, call__code="publicity")
    return {r.code: r for r in requirements}


def board_region_codes(name_zh: str) -> set[str]:
    board = Board.objects.get(zone__hall__edition__is_demo=False, name_zh=name_zh)
    return set(board.regions.values_list("code", flat=True))


def test_loading_twice_changes_no_row():
    load_ciep21()
    load_demo(today=date(2026, 12, 20))
    first = row_counts()
    load_ciep21(make_current=False)
    load_demo(today=date(2026, 12, 20))
    assert row_counts() == first
    assert first["conference.Edition"] == 2
    assert first["conference.Region"] == 60


def test_regional_boards_open_to_the_regions_the_notice_lists(ciep21):
    assert board_region_codes("京津冀协同发展板块") == {"beijing", "tianjin", "hebei"}
    assert board_region_codes("东北全面振兴板块") == {
        "liaoning",
        "jilin",
        "heilongjiang",
        "shenyang",
        "changchun",
        "haerbin",
        "dalian",
    }
    board = Board.objects.get(name_zh="先行示范区建设板块")
    assert (board.has_government_area, board.has_enterprise_area, board.enterprise_limit) == (
        True,
        True,
        10,
    )
    assert Region.objects.get(code="shenzhen").parent.code == "guangdong"
    assert not Board.objects.get(name_zh="科教兴国板块").regions.exists()
    assert not Zone.objects.filter(hall__number__gt=1).exists()


def test_publicity_deadlines_are_the_notices(ciep21):
    requirements = publicity(ciep21)
    fixed = {code: r.deadline_at for code, r in requirements.items() if r.deadline_at}
    assert fixed == {
        "liaison_list": bj(2023, 3, 15, 15, 0),
        "press_release": bj(2023, 3, 22, 12, 0),
        "wechat_post": bj(2023, 3, 22, 12, 0),
        "poster": bj(2023, 3, 22, 12, 0),
        "interview_guest": bj(2023, 4, 7, 11, 0),
    }
    relative = {
        code: (r.deadline_anchor, r.deadline_working_days, r.per_activity, r.min_count)
        for code, r in requirements.items()
        if r.is_relative
    }
    before = (DeadlineAnchor.ACTIVITY_START, -5, True, 0)
    assert relative == {
        "photos": before,
        "h5": before,
        "video": before,
        "live_stream": before,
        # Owed for every stream (issue 14.2: they were optional, never late).
        "live_figures": (DeadlineAnchor.STREAM_END, 1, True, 1),
    }
    guest = requirements["interview_guest"]
    assert (guest.min_count, guest.max_count) == (1, 1)


def test_relative_publicity_deadlines_count_chinese_working_days(ciep21):
    requirements = publicity(ciep21)
    unit = Unit.objects.create(name_zh="测试单位", kind=Unit.Kind.PROVINCIAL_ST, is_partner=True)
    activity = Activity.objects.create(
        unit=unit,
        section=Section.objects.get(edition=ciep21, code="theme_activities"),
        name="直播",
        starts_at=bj(2023, 4, 15, 9, 0),
        ends_at=bj(2023, 4, 28, 17, 0),
    )
    photos = deadline_for(requirements["photos"], unit, activity)
    figures = deadline_for(requirements["live_figures"], unit, activity)
    assert photos.due_at == bj(2023, 4, 10, 23, 59, 59)
    # 04-29 to 05-03 were holidays.
    assert figures.due_at == bj(2023, 5, 4, 23, 59, 59)


def test_publicity_rules(ciep21):
    requirements = publicity(ciep21)
    rules = {
        (r.requirement.code, r.code, r.applies_to): (int(r.value), r.severity)
        for r in RequirementRule.objects.filter(requirement__in=requirements.values())
    }
    assert rules[("live_stream", RuleCode.IMAGE_MIN_WIDTH, "cover")] == (1000, Severity.FAIL)
    assert rules[("live_stream", RuleCode.TEXT_MAX_CHARS, "intro")] == (100, Severity.FAIL)
    assert rules[("photos", RuleCode.IMAGE_MIN_JPEG_QUALITY, "")] == (75, Severity.WARN)
    assert rules[("video", RuleCode.VIDEO_MIN_SHORT_SIDE, "")] == (720, Severity.FAIL)
    assert rules[("video", RuleCode.VIDEO_MAX_DURATION, "")] == (480, Severity.FAIL)
    assert rules[("interview_guest", RuleCode.IMAGE_MIN_WIDTH, "photo")] == (1000, Severity.FAIL)


def test_case_calls_split_shenzhen_districts_from_the_rest(ciep21):
    national = Call.objects.get(code="cases_national")
    shenzhen = Call.objects.get(code="cases_shenzhen")
    assert shenzhen.unit_kinds == [Unit.Kind.SHENZHEN_DISTRICT]
    assert set(national.unit_kinds) == set(Unit.Kind.values) - {Unit.Kind.SHENZHEN_DISTRICT}
    assert "2001—2022" in national.requirements.get(code="case_study").guidance_zh
    assert "2007—2022" in shenzhen.requirements.get(code="case_study").guidance_zh
    rule = RequirementRule.objects.get(requirement__call=shenzhen, code=RuleCode.TEXT_CHAR_RANGE)
    assert (rule.value, rule.value_max, rule.severity) == (800, 1300, Severity.WARN)


@pytest.mark.parametrize("today", [date(2026, 11, 16) + timedelta(days=n) for n in range(7)])
def test_demo_deadlines_land_two_to_eight_days_ahead_on_the_same_weekday(ciep21, today):
    result = load_demo(today=today)
    demo = publicity(result.edition)
    pre_event = demo["press_release"].deadline_at.astimezone(BEIJING)
    assert 2 <= (pre_event.date() - today).days <= 8
    assert (pre_event.weekday(), pre_event.time()) == (2, bj(2023, 3, 22, 12).time())
    assert result.shift.days % 7 == 0
    assert result.edition.starts_on.weekday() == date(2023, 4, 15).weekday()
    liaison = demo["liaison_list"].deadline_at
    assert liaison == bj(2023, 3, 15, 15) + result.shift
    assert liaison < pre_event


def test_demo_liaison_list_is_already_late(ciep21):
    today = date(2026, 11, 22)
    demo = publicity(load_demo(today=today).edition)
    now = bj(2026, 11, 22, 9, 0)
    assert demo["liaison_list"].deadline_at < now < demo["press_release"].deadline_at


def test_demo_is_current_and_a_copy_of_the_real_edition(ciep21):
    real = ciep21
    demo = load_demo(today=date(2026, 11, 22)).edition
    real.refresh_from_db()
    assert (demo.is_current, demo.is_demo, real.is_current) == (True, True, False)
    assert demo.name_zh == "第二十一届中国国际人才交流大会（演示）"
    load_ciep21(make_current=False)
    assert Edition.objects.get(is_current=True) == demo
    for model, path in (
        (Section, "edition"),
        (Zone, "hall__edition"),
        (Board, "zone__hall__edition"),
        (Requirement, "call__edition"),
        (RequirementRule, "requirement__call__edition"),
    ):
        assert model.objects.filter(**{path: demo}).count() == (
            model.objects.filter(**{path: real}).count()
        )


def test_demo_in_2027_enters_a_provisional_holiday_calendar(ciep21):
    result = load_demo(today=date(2026, 12, 20))
    assert result.edition.starts_on == date(2027, 1, 16)
    assert result.provisional_years == (2027,)
    year = CalendarYear.objects.get(year=2027)
    assert year.provisional and year.note == "演示数据：暂定，待国务院办公厅公布"
    spring = CalendarDay.objects.get(date=date(2027, 2, 8))
    assert (spring.is_working_day, spring.provisional) == (False, True)
    unit = Unit.objects.get(members__username="liaison_gd")
    activity = unit.activities.get()
    photos = publicity(result.edition)["photos"]
    deadline = deadline_for(photos, unit, activity)
    assert deadline.due_at == bj(2027, 1, 11, 23, 59, 59)
    assert deadline.provisional


def test_demo_in_a_year_without_a_holiday_table_fails_clearly(ciep21):
    with pytest.raises(MissingHolidaySchedule, match="2028"):
        load_demo(today=date(2028, 3, 1))
    assert not Edition.objects.filter(is_demo=True).exists()


def test_demo_in_a_known_year_enters_no_calendar(ciep21):
    load_demo(today=date(2024, 2, 1))
    assert not CalendarYear.objects.exists()


def test_demo_accounts_log_in(ciep21, client):
    result = load_demo(today=date(2026, 11, 22))
    assert [(a.username, a.role) for a in result.accounts] == [
        ("organizer", "organizer"),
        ("liaison_gd", "liaison"),
        ("liaison_cec", "liaison"),
        ("exhibitor", "exhibitor"),
    ]
    for account in result.accounts:
        assert client.login(
            request=HttpRequest(), username=account.username, password=DEMO_PASSWORD
        )
        user = User.objects.get(username=account.username)
        assert user.groups.get().name == account.role
        assert user.unit.name_zh == account.unit and account.unit.endswith("（演示）")
        client.logout()
    assert User.objects.get(username="organizer").is_staff
    # In the embedded set-up (DEBUG=true) two-step sign-in is not required: every demo account,
    # the organizer included, signs in through the login page by password alone.
    assert settings.OTP_REQUIRED_FOR_STAFF is False
    for account in result.accounts:
        response = client.post(
            reverse("accounts:login"), {"username": account.username, "password": DEMO_PASSWORD}
        )
        landing = client.get(response.url).url
        assert landing in {reverse("admin:index"), "/dashboard/", "/exhibition/"}
        assert client.get(landing).status_code == 200
        client.post(reverse("accounts:logout"))
    company = Unit.objects.get(members__username="exhibitor")
    assert (company.is_exhibitor, company.region.code, len(company.uscc)) == (True, "shenzhen", 18)
    company.full_clean()
