"""A liaison's dashboard, and that one unit never sees another's data."""

import pytest
from django.urls import reverse

from accounts.roles import EXHIBITOR
from submissions.kinds import DeadlineAnchor, MaterialKind, SubmissionStatus
from submissions.models import Submission
from submissions.selectors.unit_dashboard import State, state_of, unit_dashboard
from tests.factories import (
    ActivityFactory,
    CallFactory,
    EditionFactory,
    LiaisonFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
    beijing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def publicity():
    call = CallFactory(title_zh="宣传资料征集")
    liaisons = RequirementFactory(
        call=call,
        kind=MaterialKind.LIAISON_LIST,
        title_zh="宣传联络员信息",
        deadline_at=beijing(2023, 3, 15, 15, 0),
    )
    press = RequirementFactory(call=call, title_zh="新闻稿件", deadline_at=beijing(2023, 3, 22, 12))
    video = RequirementFactory(
        call=call,
        kind=MaterialKind.VIDEO,
        title_zh="视频",
        deadline_at=None,
        min_count=0,
        deadline_anchor=DeadlineAnchor.ACTIVITY_START,
        deadline_working_days=-5,
        per_activity=True,
    )
    return call, liaisons, press, video


def rows_by_title(blocks):
    return {row.requirement.title_zh: row for block in blocks for row in block.rows}


def test_the_dashboard_lists_every_requirement_with_its_state(publicity):
    call, liaisons, press, video = publicity
    unit = UnitFactory()
    LiaisonFactory(unit=unit)
    now = beijing(2023, 3, 20, 9, 0)
    rows = rows_by_title(unit_dashboard(unit, call.edition, now=now))
    assert rows["宣传联络员信息"].state == State.SUBMITTED
    assert rows["新闻稿件"].state == State.MISSING
    assert rows["新闻稿件"].time_left == "还剩 2 天 3 小时"
    assert rows["视频"].state == State.WAITING_FOR_ACTIVITY

    ActivityFactory(
        unit=unit,
        section__edition=call.edition,
        name="海外人才对接会",
        starts_at=beijing(2023, 4, 15, 9, 30),
    )
    rows = rows_by_title(unit_dashboard(unit, call.edition, now=now))
    assert rows["视频"].deadline.due_at == beijing(2023, 4, 10, 23, 59, 59)
    assert rows["视频"].activity.name == "海外人才对接会"
    assert rows["视频"].state == State.OPTIONAL


def test_past_deadline_without_material_is_late(publicity):
    call, *_ = publicity
    rows = rows_by_title(unit_dashboard(UnitFactory(), call.edition, now=beijing(2023, 3, 23)))
    assert rows["宣传联络员信息"].state == State.LATE
    assert rows["新闻稿件"].state == State.LATE


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([SubmissionStatus.CHECKING], State.CHECKING),
        ([SubmissionStatus.ACCEPTED, SubmissionStatus.FAILED], State.NEEDS_ACTION),
        ([SubmissionStatus.CHANGES_REQUESTED], State.NEEDS_ACTION),
        ([SubmissionStatus.IN_REVIEW, SubmissionStatus.ACCEPTED], State.IN_REVIEW),
        ([SubmissionStatus.ACCEPTED], State.ACCEPTED),
        ([SubmissionStatus.DRAFT], State.DRAFT),
        ([SubmissionStatus.WITHDRAWN], State.MISSING),
    ],
)
def test_state_of_a_requirement_from_its_items(statuses, expected):
    assert state_of(statuses, count=0, min_count=1, past_due=False) == expected


def test_the_dashboard_page_shows_deadlines_in_beijing_time(client, publicity):
    call, liaisons, press, video = publicity
    user = UserFactory()
    Submission.objects.create(requirement=press, unit=user.unit, status=SubmissionStatus.IN_REVIEW)
    client.force_login(user)
    page = client.get(reverse("submissions:dashboard")).content.decode()
    assert "宣传资料征集" in page
    assert "2023-03-22 12:00（北京时间 UTC+08:00）" in page
    assert "审核中" in page
    assert "活动开始日前 5 个工作日当天 24 时前" in page


def test_calls_reach_only_their_audience(publicity):
    call, *_ = publicity
    exhibition = CallFactory(edition=call.edition, title_zh="参展申请", audience="exhibitors")
    RequirementFactory(call=exhibition, kind=MaterialKind.BOOTH_APPLICATION, min_count=0)
    shenzhen = CallFactory(
        edition=call.edition, title_zh="深圳案例", unit_kinds=["shenzhen_district"]
    )
    RequirementFactory(call=shenzhen, kind=MaterialKind.CASE_STUDY)
    partner = UnitFactory(kind="provincial_st")
    exhibitor = UnitFactory(kind="enterprise", is_partner=False, is_exhibitor=True)
    district = UnitFactory(kind="shenzhen_district")
    titles = lambda unit: [b.call.title_zh for b in unit_dashboard(unit, call.edition)]  # noqa: E731
    assert titles(partner) == ["宣传资料征集"]
    assert titles(exhibitor) == ["参展申请"]
    assert sorted(titles(district)) == ["宣传资料征集", "深圳案例"]


def test_a_liaison_never_sees_another_units_liaisons(client):
    EditionFactory()
    mine, theirs = UserFactory(), UserFactory()
    own = LiaisonFactory(unit=mine.unit, name="本单位联络员")
    other = LiaisonFactory(unit=theirs.unit, name="外单位联络员")
    client.force_login(mine)
    listing = client.get(reverse("submissions:liaisons")).content.decode()
    assert "本单位联络员" in listing and "外单位联络员" not in listing
    assert client.get(reverse("submissions:liaison_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("submissions:liaison_edit", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("submissions:liaison_edit", args=[other.pk]),
        {"name": "篡改", "position": "x", "mobile": "1", "email": "a@b.cn"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "外单位联络员"


def test_an_exhibitor_cannot_use_liaison_pages(client):
    client.force_login(UserFactory(role=EXHIBITOR))
    assert client.get(reverse("submissions:liaisons")).status_code == 403


def test_a_posted_unit_field_is_ignored(client):
    EditionFactory()
    user, victim = UserFactory(), UnitFactory()
    client.force_login(user)
    client.post(
        reverse("submissions:liaisons"),
        {
            "name": "王五",
            "position": "科长",
            "mobile": "13700000000",
            "email": "w@example.cn",
            "unit": victim.pk,
        },
    )
    assert victim.liaisons.count() == 0
    assert user.unit.liaisons.get().name == "王五"


def test_adding_a_liaison_after_the_deadline_is_refused_with_the_deadline(client, publicity):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("submissions:liaisons"),
        {"name": "王五", "position": "科长", "mobile": "13700000000", "email": "w@example.cn"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "2023-03-15 15:00（北京时间 UTC+08:00）" in page
    assert 'value="王五"' in page
    assert user.unit.liaisons.count() == 0


def test_liaison_contacts_close_with_the_deadline_whether_added_or_edited(client, publicity):
    """Issue 14.9: editing stayed open after the deadline while adding was refused."""
    user = UserFactory()
    liaison = LiaisonFactory(unit=user.unit, name="赵六")
    client.force_login(user)
    response = client.post(
        reverse("submissions:liaison_edit", args=[liaison.pk]),
        {"name": "赵六改", "position": "科长", "mobile": "13700000000", "email": "z@example.cn"},
    )
    assert response.status_code == 400
    assert "2023-03-15 15:00（北京时间 UTC+08:00）" in response.content.decode()
    liaison.refresh_from_db()
    assert liaison.name == "赵六"


def test_a_mobile_number_must_be_a_chinese_mobile_or_carry_its_country_code(client):
    """Issue 14.9: "12345" was accepted as a liaison's mobile number."""
    EditionFactory()
    user = UserFactory()
    client.force_login(user)
    data = {"name": "王五", "position": "科长", "email": "w@example.cn"}
    for bad in ("12345", "1380013800", "+8612345678901"):
        response = client.post(reverse("submissions:liaisons"), {**data, "mobile": bad})
        assert response.status_code == 400
        assert f"手机号码“{bad}”无效" in response.content.decode()
    assert not user.unit.liaisons.exists()
    client.post(reverse("submissions:liaisons"), {**data, "mobile": "+86 138-0013-8000"})
    client.post(
        reverse("submissions:liaisons"), {**data, "name": "Lee", "mobile": "+852 9123 4567"}
    )
    assert sorted(user.unit.liaisons.values_list("mobile", flat=True)) == [
        "+85291234567",
        "13800138000",
    ]
