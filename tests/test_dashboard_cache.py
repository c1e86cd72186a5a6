"""The dashboard reads the organizers' configuration from the cache: a fixed number of queries
however many calls, requirements and items there are, and every edit seen on the next page."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import ORGANIZER
from conference.models import CalendarDay, CalendarYear, Region
from submissions.kinds import DeadlineAnchor, MaterialKind, SubmissionStatus
from submissions.models import CallMilestone, DeadlineExtension, Requirement, Submission
from submissions.selectors.unit_dashboard import unit_dashboard
from tests.factories import (
    ActivityFactory,
    CallFactory,
    EditionFactory,
    RequirementFactory,
    SectionFactory,
    UserFactory,
    beijing,
)
from tests.test_concurrency import run_together

pytestmark = pytest.mark.django_db

# The configuration's version, then the unit's extensions, activities, items and liaisons.
DASHBOARD_QUERIES = 5


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def province():
    return Region.objects.create(code="gd", name_zh="广东省", kind=Region.Kind.PROVINCE)


@pytest.fixture
def unit(client, edition, province):
    """A unit in Shenzhen (a city of Guangdong), its liaison signed in."""
    user = UserFactory(
        unit__region=Region.objects.create(
            code="sz", name_zh="深圳市", kind=Region.Kind.CITY, parent=province
        )
    )
    client.force_login(user)
    return user.unit


@pytest.fixture
def call(edition):
    call = CallFactory(edition=edition, title_zh="宣传资料征集")
    RequirementFactory(call=call, title_zh="新闻稿件", deadline_at=beijing(2023, 3, 22, 12))
    RequirementFactory(
        call=call,
        kind=MaterialKind.VIDEO,
        title_zh="视频",
        deadline_at=None,
        deadline_anchor=DeadlineAnchor.ACTIVITY_START,
        deadline_working_days=-5,
        per_activity=True,
    )
    return call


def page(client) -> str:
    response = client.get(reverse("submissions:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


# --- Queries ------------------------------------------------------------------------------------


def grow(edition, unit, province, calls: int) -> None:
    """``calls`` more calls reaching the unit by region or by name, each with a milestone and
    four requirements (one per activity), with an item and an extension for each of the unit's
    two activities."""
    section = SectionFactory(edition=edition)
    activities = list(unit.activities.all()) or [
        ActivityFactory(unit=unit, section=section) for _ in range(2)
    ]
    for number in range(calls):
        call = CallFactory(edition=edition, title_zh=f"征集{number}", audience="exhibitors")
        if number % 2:
            call.units.add(unit)
        else:
            call.regions.add(province)
            call.audience = "all"
            call.save()
        CallMilestone.objects.create(
            call=call, code="m", on=dt.date(2023, 3, 1), text_zh=f"节点{number}"
        )
        for kind in (MaterialKind.PRESS_RELEASE, MaterialKind.LIAISON_LIST, MaterialKind.PHOTOS):
            requirement = RequirementFactory(
                call=call, kind=kind, section=section, per_activity=kind == MaterialKind.PHOTOS
            )
            for activity in activities:
                Submission.objects.create(
                    requirement=requirement,
                    unit=unit,
                    activity=activity if requirement.per_activity else None,
                    status=SubmissionStatus.IN_REVIEW,
                )
            DeadlineExtension.objects.create(
                requirement=requirement, unit=unit, due_at=beijing(2030, 1, 2, 12)
            )
        RequirementFactory(
            call=call,
            kind=MaterialKind.VIDEO,
            deadline_at=None,
            deadline_anchor=DeadlineAnchor.ACTIVITY_START,
            deadline_working_days=-5,
            per_activity=True,
        )


def page_queries(client) -> tuple[str, list[str]]:
    page(client)  # the first page after an edit builds the cache
    with CaptureQueriesContext(connection) as captured:
        content = page(client)
    return content, [query["sql"] for query in captured]


def test_the_dashboard_page_makes_the_same_queries_at_ten_times_the_calls_and_items(
    client, edition, province, unit
):
    grow(edition, unit, province, calls=2)
    content, few = page_queries(client)
    assert content.count("requirement-row") == 2 * (2 + 2 * 2)  # calls × rows (two activities)
    grow(edition, unit, province, calls=18)
    content, many = page_queries(client)
    assert content.count("requirement-row") == 20 * (2 + 2 * 2)
    assert "节点17" in content and "2030-01-02 12:00（北京时间 UTC+08:00）" in content

    assert len(many) == len(few)
    # The calls, requirements and calendar come from the cache; the edition is read once.
    assert not [sql for sql in many if "submissions_call" in sql or "calendar" in sql]
    assert len([sql for sql in many if 'FROM "conference_edition"' in sql]) == 1


def test_the_selector_reads_the_configuration_version_and_the_units_own_rows_only(
    edition, province, unit, django_assert_num_queries
):
    grow(edition, unit, province, calls=5)
    unit.refresh_from_db()  # as a request finds it: without its region loaded
    unit_dashboard(unit, edition)  # builds the cache
    unit.refresh_from_db()
    with django_assert_num_queries(DASHBOARD_QUERIES + 1):  # the unit's region
        blocks = unit_dashboard(unit, edition)
    assert len(blocks) == 5
    with django_assert_num_queries(DASHBOARD_QUERIES):
        unit_dashboard(unit, edition)


def test_rebuilding_the_cache_takes_the_same_queries_at_any_size(
    edition, province, unit, django_assert_num_queries
):
    def rebuild() -> int:
        CalendarDay.objects.create(date=dt.date(2031, 1, 1), is_working_day=False)  # an edit
        with CaptureQueriesContext(connection) as captured:
            unit_dashboard(unit, edition)
        CalendarDay.objects.filter(date=dt.date(2031, 1, 1)).delete()
        return len(captured)

    grow(edition, unit, province, calls=2)
    few = rebuild()
    grow(edition, unit, province, calls=10)
    assert rebuild() == few


# --- Edits --------------------------------------------------------------------------------------


def test_an_edit_in_the_admin_shows_on_the_next_dashboard(client, call, unit):
    press = call.requirements.get(title_zh="新闻稿件")
    assert "新闻稿件" in page(client)
    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    response = client.post(
        reverse("admin:submissions_requirement_change", args=[press.pk]),
        {
            "call": call.pk,
            "code": press.code,
            "order": 0,
            "title_zh": "新闻通稿",
            "kind": press.kind,
            "min_count": 1,
            "deadline_at_0": "2023-03-24",
            "deadline_at_1": "18:00",
            "rules-TOTAL_FORMS": 0,
            "rules-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()

    client.force_login(UserFactory(unit=unit))
    shown = page(client)
    assert "新闻通稿" in shown and "新闻稿件" not in shown
    assert "2023-03-24 18:00（北京时间 UTC+08:00）" in shown


def test_a_holiday_added_in_the_admin_moves_a_working_day_deadline(client, call, unit):
    ActivityFactory(unit=unit, section__edition=call.edition, starts_at=beijing(2023, 4, 15, 9))
    assert "2023-04-10 23:59（北京时间 UTC+08:00）" in page(client)
    client.force_login(UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER))
    response = client.post(
        reverse("admin:conference_calendarday_add"),
        {"date": "2023-04-10", "is_working_day": "", "name": "临时休息日"},
    )
    assert response.status_code == 302, response.content.decode()

    client.force_login(unit.members.get())
    assert "2023-04-07 23:59（北京时间 UTC+08:00）" in page(client)


def test_published_calls_follow_the_organizers_edits(client, edition, call, unit):
    assert "宣传资料征集" in page(client)
    call.is_published = False
    call.save()
    assert "宣传资料征集" not in page(client)

    call.is_published = True
    call.audience = "exhibitors"  # the unit is a partner only
    call.save()
    assert "宣传资料征集" not in page(client)
    call.units.add(unit)  # named on the call
    assert "宣传资料征集" in page(client)
    call.units.remove(unit)
    assert "宣传资料征集" not in page(client)


def test_a_call_narrowed_to_other_regions_leaves_the_dashboard(client, call, unit, province):
    call.regions.add(province)
    assert "宣传资料征集" in page(client)  # Shenzhen is in Guangdong
    call.regions.set([Region.objects.create(code="bj", name_zh="北京市", kind="municipality")])
    assert "宣传资料征集" not in page(client)
    call.regions.clear()
    assert "宣传资料征集" in page(client)


def test_requirements_milestones_and_sections_follow_the_organizers_edits(client, call, unit):
    section = SectionFactory(edition=call.edition, name_zh="论坛会议")
    press = call.requirements.get(title_zh="新闻稿件")
    assert "论坛会议" not in page(client)

    press.section = section
    press.save()
    assert "论坛会议" in page(client)
    section.name_zh = "论坛活动"
    section.save()
    shown = page(client)
    assert "论坛活动" in shown and "论坛会议" not in shown

    milestone = CallMilestone.objects.create(
        call=call, code="launch", on=dt.date(2023, 3, 1), text_zh="征集启动"
    )
    assert "征集启动" in page(client)
    milestone.delete()
    assert "征集启动" not in page(client)

    RequirementFactory(call=call, title_zh="主视觉海报", kind=MaterialKind.POSTER)
    assert "主视觉海报" in page(client)
    press.delete()
    assert "新闻稿件" not in page(client)


def test_a_holiday_year_entered_by_the_organizers_is_used_at_once(client, edition, call, unit):
    ActivityFactory(
        unit=unit,
        section__edition=edition,
        starts_at=beijing(2031, 4, 15, 9),
        ends_at=beijing(2031, 4, 15, 17),
    )
    assert "2031 年的节假日安排尚未录入" in page(client)
    year = CalendarYear.objects.create(year=2031, provisional=True)
    shown = page(client)
    assert "2031 年的节假日安排尚未录入" not in shown
    assert "2031-04-08 23:59（北京时间 UTC+08:00）" in shown  # Tuesday, 5 working days before
    CalendarDay.objects.create(date=dt.date(2031, 4, 8), is_working_day=False, name="假日")
    assert "2031-04-07 23:59（北京时间 UTC+08:00）" in page(client)
    year.delete()
    assert "2031 年的节假日安排尚未录入" in page(client)


def test_the_conference_opening_is_read_from_the_edition_itself(client, edition, call, unit):
    RequirementFactory(
        call=call,
        title_zh="开幕前材料",
        deadline_at=None,
        deadline_anchor=DeadlineAnchor.EDITION_START,
        deadline_working_days=-1,
    )
    assert "2023-04-14 23:59（北京时间 UTC+08:00）" in page(client)
    edition.starts_on, edition.ends_on = dt.date(2023, 4, 20), dt.date(2023, 4, 21)
    edition.save()
    assert "2023-04-19 23:59（北京时间 UTC+08:00）" in page(client)


class RolledBack(Exception):
    pass


def test_an_edit_rolled_back_is_never_served(client, call, unit):
    press = call.requirements.get(title_zh="新闻稿件")
    assert "新闻稿件" in page(client)
    with pytest.raises(RolledBack), transaction.atomic():
        press.title_zh = "未保存的标题"
        press.save()
        assert "未保存的标题" in page(client)  # cached under the transaction's version
        raise RolledBack
    assert "未保存的标题" not in page(client)

    # The next edit gets a version never used before, not the rolled-back one again.
    CallMilestone.objects.create(call=call, code="m", on=dt.date(2023, 3, 1), text_zh="节点")
    shown = page(client)
    assert "节点" in shown and "新闻稿件" in shown and "未保存的标题" not in shown


@pytest.mark.django_db(transaction=True)
def test_two_organizers_editing_one_requirement_at_once_both_save(edition):
    """One saves the call and then its requirement, in one transaction; the other saves the
    requirement alone meanwhile. Both queue on the configuration's version and succeed."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: runs on PostgreSQL in CI")
    call = CallFactory(edition=edition)
    requirement = RequirementFactory(call=call, title_zh="新闻稿件")
    unit = UserFactory().unit
    call_saved = threading.Event()

    def call_page():
        with transaction.atomic():
            call.save()
            call_saved.set()
            time.sleep(0.5)  # the other edit starts meanwhile
            Requirement.objects.get(pk=requirement.pk).save()

    def requirement_page():
        call_saved.wait(timeout=10)
        with transaction.atomic():
            edited = Requirement.objects.get(pk=requirement.pk)
            edited.title_zh = "新闻通稿"
            edited.save()

    results = run_together(call_page, requirement_page)
    assert results == [None, None]
    rows = [row for block in unit_dashboard(unit, edition) for row in block.rows]
    assert [row.requirement.title_zh for row in rows] == ["新闻通稿"]


@pytest.mark.django_db
def test_a_migration_starts_the_cached_configuration_afresh():
    """Data steps and renamed fields change rows without signals: nothing cached before a
    migrate is read after it."""
    from django.core.management.sql import emit_post_migrate_signal

    from conference.configuration import Configuration

    before = Configuration.current().version
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Configuration.current().version != before
