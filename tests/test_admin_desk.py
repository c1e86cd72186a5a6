"""The organizers' side of issue 15: the admin speaks both languages, names what its filters
list, refuses what it cannot do instead of reporting "0 done" as a success, and shows the texts
a unit submitted as labelled fields."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import LIAISON, ORGANIZER, REVIEWER
from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.models import Submission
from submissions.models.review import ReminderLog, ReviewAction
from submissions.services.review import review
from tests.factories import (
    CallFactory,
    EditionFactory,
    LiaisonFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
    beijing,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:submissions_submission_changelist"


@pytest.fixture
def organizer():
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER, username="org")


@pytest.fixture
def press():
    return RequirementFactory(
        call=CallFactory(title_zh="宣传资料征集"), code="press", title_zh="新闻稿件"
    )


def item(unit, requirement, status=SubmissionStatus.IN_REVIEW, **fields):
    return Submission.objects.create(
        unit=unit,
        requirement=requirement,
        status=status,
        title=fields.pop("title", "稿件"),
        submitted_at=beijing(2023, 3, 20, 9),
        **fields,
    )


def flashes(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def filter_choices(response, title: str) -> list[str]:
    spec = next(f for f in response.context["cl"].filter_specs if str(f.title) == title)
    return [str(choice["display"]) for choice in spec.choices(response.context["cl"])][1:]


def test_request_changes_without_a_message_is_refused_and_keeps_the_selection(
    client, organizer, press
):
    first, second = item(UnitFactory(), press), item(UnitFactory(), press)
    client.force_login(organizer)
    chosen = [first.pk, second.pk]
    response = client.post(
        reverse(CHANGELIST),
        {"action": "request_changes", "_selected_action": chosen, "apply": "1", "message": "  "},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "要求修改或不予采用时，请写明意见" in page
    for pk in chosen:
        assert f'name="_selected_action" value="{pk}"' in page
    assert not flashes(response)
    assert set(Submission.objects.values_list("status", flat=True)) == {"in_review"}
    # Written, it goes through for both.
    response = client.post(
        reverse(CHANGELIST),
        {"action": "request_changes", "_selected_action": chosen, "apply": "1", "message": "补图"},
    )
    assert ("success", "要求修改：已处理 2 项。") in flashes(response)
    assert set(Submission.objects.values_list("status", flat=True)) == {"changes_requested"}


def test_a_review_that_changes_nothing_is_not_reported_as_a_success(client, organizer, press):
    checking = item(UnitFactory(), press, status=SubmissionStatus.CHECKING)
    client.force_login(organizer)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "reject", "_selected_action": [checking.pk], "apply": "1", "message": "不符"},
    )
    assert ("warning", "不予采用：已处理 0 项。") in flashes(response)


def test_a_reminder_with_no_unit_ticked_says_so(client, organizer, press):
    LiaisonFactory(unit=UnitFactory(), email="owes@example.cn")
    client.force_login(organizer)
    url = reverse("admin:submissions_submission_matrix") + f"?call={press.call_id}"
    response = client.post(url, {})
    assert flashes(response) == [
        ("warning", "未勾选任何单位，没有发送催报邮件。请先勾选要催报的单位。")
    ]
    assert not ReminderLog.objects.exists()


def test_the_call_filter_names_each_calls_edition(client, organizer):
    real = EditionFactory(number=21, is_demo=False, name_zh="第21届", is_current=True)
    demo = EditionFactory(number=21, is_demo=True, name_zh="第21届（演示）", is_current=False)
    for edition in (real, demo):
        RequirementFactory(call=CallFactory(edition=edition, title_zh="宣传资料征集"))
    client.force_login(organizer)
    choices = filter_choices(client.get(reverse(CHANGELIST)), "征集通知")
    assert sorted(choices) == ["第21届 · 宣传资料征集", "第21届（演示） · 宣传资料征集"]


def test_the_reviewer_filter_lists_only_people_who_review(client, organizer, press):
    UserFactory(username="reviewer-li", unit=None, is_staff=True, role=REVIEWER)
    UserFactory(username="liaison-wang", role=LIAISON)
    UserFactory(username="left-staff", unit=None, is_staff=True, is_active=False, role=REVIEWER)
    client.force_login(organizer)
    choices = filter_choices(client.get(reverse(CHANGELIST)), "审核人")
    names = " ".join(choices)
    assert "reviewer-li" in names and "org" in names
    assert "liaison-wang" not in names and "left-staff" not in names


def test_the_submitted_texts_are_labelled_fields_not_a_json_box(client, organizer):
    figures = RequirementFactory(kind=MaterialKind.LIVE_FIGURES, title_zh="直播观看数据")
    submitted = item(
        UnitFactory(),
        figures,
        data={"note": "首日数据", "rows": [{"platform": "微信视频号", "views": 1200}]},
    )
    client.force_login(organizer)
    page = client.get(reverse("admin:submissions_submission_change", args=[submitted.pk]))
    html = page.content.decode()
    assert 'name="data"' not in html and "&quot;rows&quot;" not in html
    assert "<dt>补充说明 <small>（4 字）</small></dt><dd>首日数据</dd>" in html
    assert "<caption>各渠道观看数据</caption>" in html
    assert "<th scope='col'>观看人次</th>" in html and "<td>1200</td>" in html


def test_texts_without_a_table_are_labelled_fields_too(client, organizer):
    guest = RequirementFactory(kind=MaterialKind.INTERVIEW_GUEST, title_zh="采访嘉宾")
    submitted = item(UnitFactory(), guest, data={"name": "王五", "position": "总工程师"})
    client.force_login(organizer)
    page = client.get(reverse("admin:submissions_submission_change", args=[submitted.pk]))
    html = page.content.decode()
    assert "<dt>嘉宾姓名 <small>（2 字）</small></dt><dd>王五</dd>" in html
    assert "&lt;dt&gt;" not in html


def test_the_admin_has_a_language_switch(client, organizer, press):
    client.force_login(organizer)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert 'class="admin-lang-switch"' in page and 'value="en"' in page
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse(CHANGELIST)}, follow=True
    )
    english = response.content.decode()
    assert '<html lang="en"' in english
    assert "Filter" in english and "Call" in english


def test_the_status_changes_only_through_the_review_actions(client, organizer, press, rf):
    """An organizer set 需修改 in the item's status box: the unit read "查看问题" with no message
    to read and the review record stayed empty. The box is now text; the actions remain."""
    from django.contrib import admin as django_admin

    submitted = item(UnitFactory(), press)
    client.force_login(organizer)
    url = reverse("admin:submissions_submission_change", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page
    # The change form cannot carry a status at all, whatever is posted.
    request = rf.get(url)
    request.user = organizer
    model_admin = django_admin.site._registry[Submission]
    assert "status" not in model_admin.get_form(request, submitted).base_fields


def test_review_history_entries_are_named_by_their_moment(organizer, press):
    """A request made on 新闻稿.docx read "要求修改 · 新闻稿_v2.docx" once version 2 came."""
    submitted = item(UnitFactory(), press, title="新闻稿.docx")
    event = review(
        submission=submitted, action=ReviewAction.REQUEST_CHANGES, by=organizer, message="补充图片"
    )
    Submission.objects.filter(pk=submitted.pk).update(title="新闻稿_v2.docx")
    event.refresh_from_db()
    assert "新闻稿" not in str(event) and str(event).startswith("要求修改 · 20")
