"""The organizers' workbench: review, chase (matrix, reminders), export, at real volumes."""

import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.roles import ORGANIZER
from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.models import MaterialFile, Submission
from submissions.models.review import EmailTemplate, ReminderLog, ReminderRule
from submissions.selectors.matrix import matrix
from submissions.selectors.unit_dashboard import State, unit_dashboard
from submissions.services import reminders
from submissions.services.review import review
from tests.factories import (
    CallFactory,
    LiaisonFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
    beijing,
)
from units.models import Unit

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def organizer():
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)


@pytest.fixture
def call():
    call = CallFactory(title_zh="宣传资料征集")
    RequirementFactory(
        call=call, code="press", title_zh="新闻稿件", order=1, deadline_at=beijing(2023, 3, 22, 12)
    )
    RequirementFactory(
        call=call,
        code="guest",
        title_zh="采访嘉宾",
        order=2,
        kind=MaterialKind.INTERVIEW_GUEST,
        deadline_at=beijing(2023, 4, 7, 11),
    )
    return call


def item(unit, requirement, status=SubmissionStatus.IN_REVIEW, title="稿件"):
    return Submission.objects.create(
        unit=unit,
        requirement=requirement,
        status=status,
        title=title,
        submitted_at=beijing(2023, 3, 20, 9),
    )


def test_review_transitions_tell_the_unit_in_its_language(
    call, organizer, django_capture_on_commit_callbacks
):
    press = call.requirements.get(code="press")
    unit = UnitFactory(name_zh="江苏省科学技术厅", name_en="Jiangsu S&T Department")
    UserFactory(unit=unit, email="zh@js.example.cn")
    UserFactory(unit=unit, email="en@js.example.cn", preferred_language="en")
    submission = item(unit, press)
    with django_capture_on_commit_callbacks(execute=True):
        review(
            submission=submission,
            action="request_changes",
            by=organizer,
            message="请补充活动成果部分。",
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.CHANGES_REQUESTED
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "请补充活动成果部分。" in by_address["zh@js.example.cn"].body
    assert "需修改" in by_address["zh@js.example.cn"].subject
    assert "Changes requested" in by_address["en@js.example.cn"].subject
    # A message is required for changes and rejections.
    with pytest.raises(Exception, match="请写明意见"):
        review(submission=submission, action="reject", by=organizer, message=" ")
    with django_capture_on_commit_callbacks(execute=True):
        review(submission=submission, action="accept", by=organizer)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert [e.action for e in submission.reviews.order_by("at")] == ["request_changes", "accept"]
    # Every version of the item is kept in its history.
    assert submission.history.count() >= 3


def test_the_unit_is_asked_to_act_after_changes_are_requested(call, organizer):
    press = call.requirements.get(code="press")
    liaison = UserFactory()
    submission = item(liaison.unit, press)
    review(
        submission=submission, action="request_changes", by=organizer, message="图片请换高清原图。"
    )
    rows = [r for b in unit_dashboard(liaison.unit, call.edition) for r in b.rows]
    assert next(r for r in rows if r.requirement == press).state == State.NEEDS_ACTION


def test_the_matrix_shows_each_units_state(call):
    press, guest = call.requirements.order_by("order")
    done, behind, extended = UnitFactory(), UnitFactory(), UnitFactory()
    item(done, press, SubmissionStatus.ACCEPTED)
    item(done, guest, SubmissionStatus.FAILED)
    from submissions.services.deadlines import grant_extension

    grant_extension(
        requirement=press,
        unit=extended,
        due_at=beijing(2023, 3, 30, 18),
        reason="",
        granted_by=None,
    )
    units = Unit.objects.filter(pk__in=[done.pk, behind.pk, extended.pk]).order_by("pk")
    requirements, rows = matrix(call, units, now=beijing(2023, 3, 25, 9))
    states = {r.unit: [c.state for c in r.cells] for r in rows}
    assert requirements == [press, guest]
    assert states[done] == [State.ACCEPTED, State.NEEDS_ACTION]
    assert states[behind] == [State.LATE, State.MISSING]
    assert states[extended] == [State.MISSING, State.MISSING]
    assert [c.extended for c in next(r for r in rows if r.unit == extended).cells] == [True, False]


def test_reminders_are_sent_once_and_never_for_what_is_submitted(call, settings):
    EmailTemplate.objects.get(code="reminder")  # seeded by a migration, editable by organizers
    press, guest = call.requirements.order_by("order")
    ReminderRule.objects.create(call=call, offset_hours=72)
    owes, sent_it = UnitFactory(name_zh="欠交单位"), UnitFactory(name_zh="已交单位")
    LiaisonFactory(unit=owes, email="owes@example.cn")
    LiaisonFactory(unit=sent_it, email="sent@example.cn")
    item(sent_it, press)
    three_days_before = beijing(2023, 3, 19, 12, 30)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert reminders.send_automatic(now=three_days_before) == 1
    assert [m.to for m in mail.outbox] == [["owes@example.cn"]]
    assert "欠交单位" in mail.outbox[0].body and "新闻稿件" in mail.outbox[0].body
    assert "2023-03-22 12:00" in mail.outbox[0].body
    # The next beat tick sends nothing more, and a late trigger is not sent at all.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert reminders.send_automatic(now=three_days_before + dt.timedelta(minutes=15)) == 0
        assert reminders.send_automatic(now=beijing(2023, 3, 22, 11)) == 0
    assert ReminderLog.objects.filter(unit=owes, kind="auto").count() == 1
    assert not ReminderLog.objects.filter(unit=sent_it).exists()


def test_excel_export_neutralises_formula_like_cells(client, call, organizer):
    press = call.requirements.get(code="press")
    item(UnitFactory(name_zh="测试单位"), press, title='=HYPERLINK("http://evil")')
    client.force_login(organizer)
    response = client.post(
        reverse("admin:submissions_submission_changelist"),
        {
            "action": "export_xlsx",
            "_selected_action": Submission.objects.values_list("pk", flat=True),
        },
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["单位", "征集通知", "征集要求"]
    title = sheet.cell(row=2, column=header.index("标题") + 1).value
    assert title == '\'=HYPERLINK("http://evil")'


def test_zip_of_a_selection_is_foldered_publicity_section_unit(client, call, organizer):
    press = call.requirements.get(code="press")
    press.kind = MaterialKind.POSTER
    press.save()
    unit = UnitFactory(name_zh="深圳市科技创新委员会")
    submission = item(unit, press)
    for role, name in (("main", "a.jpg"), ("source", "a.psd")):
        material = MaterialFile(
            submission=submission,
            role=role,
            original_name=name,
            size=3,
            sha256="0" * 64,
            detected_type="jpeg" if role == "main" else "psd",
        )
        material.file.save(name, ContentFile(b"abc"), save=False)
        material.save()
    client.force_login(organizer)
    response = client.post(
        reverse("admin:submissions_submission_changelist"),
        {"action": "export_zip", "_selected_action": [submission.pk]},
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "宣传-综合-深圳市科技创新委员会/宣传-综合-深圳市科技创新委员会-主视觉海报.jpg",
        "宣传-综合-深圳市科技创新委员会/宣传-综合-深圳市科技创新委员会-主视觉海报设计源文件.psd",
    ]


@pytest.mark.parametrize(
    "url_name", ["admin:submissions_submission_changelist", "admin:submissions_submission_matrix"]
)
def test_change_list_and_matrix_queries_do_not_grow_with_rows(client, call, organizer, url_name):
    press, guest = call.requirements.order_by("order")

    def grow_to(count):
        for _ in range(count - Submission.objects.count()):
            unit = UnitFactory()
            item(unit, press)
            MaterialFile.objects.create(
                submission=item(unit, guest),
                role="main",
                original_name="x.jpg",
                size=1,
                sha256="0" * 64,
                detected_type="jpeg",
                file="x.jpg",
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            query = f"?call={call.pk}" if url_name.endswith("matrix") else ""
            response = client.get(reverse(url_name) + query)
        assert response.status_code == 200
        return len(captured)

    client.force_login(organizer)
    grow_to(10)
    few = queries()
    grow_to(200)
    assert queries() == few


def test_every_zip_entry_is_unique_readable_and_named_by_its_content(client, call, organizer):
    """Issue 14.7: two videos of one unit and section had the same path (11 entries unzipped
    to 10 files); a design source ZIP must be named .zip."""
    from submissions.models import Activity

    video = call.requirements.get(code="press")
    video.kind, video.per_activity, video.max_count = MaterialKind.VIDEO, True, None
    video.save()
    unit = UnitFactory(name_zh="深圳市人力资源和社会保障局")
    section = call.edition.sections.create(code="theme", name_zh="主题活动", mode="offline")
    activity = Activity.objects.create(
        unit=unit,
        section=section,
        name="海归人才对接会",
        starts_at=beijing(2023, 4, 15, 9),
        ends_at=beijing(2023, 4, 15, 12),
    )
    first, second = (
        Submission.objects.create(
            unit=unit, requirement=video, activity=activity, title=title, status="in_review"
        )
        for title in ("开幕宣传片.mp4", "现场短视频")
    )
    poster_req = call.requirements.get(code="guest")
    poster_req.kind, poster_req.max_count = MaterialKind.POSTER, 1
    poster_req.section = section
    poster_req.save()
    poster = Submission.objects.create(unit=unit, requirement=poster_req, title="主视觉")
    contents = {}
    for submission, role, detected, data in (
        (first, "main", "mp4", b"video-1"),
        (second, "main", "mp4", b"video-2"),
        (poster, "main", "jpeg", b"poster"),
        (poster, "source", "zip", b"PK-design-zip"),
    ):
        material = MaterialFile(
            submission=submission,
            role=role,
            original_name="x",
            size=len(data),
            sha256="0" * 64,
            detected_type=detected,
        )
        material.file.save("x", ContentFile(data), save=False)
        material.save()
        contents[material.pk] = data
    client.force_login(organizer)
    response = client.post(
        reverse("admin:submissions_submission_changelist"),
        {"action": "export_zip", "_selected_action": [first.pk, second.pk, poster.pk]},
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    folder = "宣传-主题活动-深圳市人力资源和社会保障局"
    assert sorted(archive.namelist()) == sorted(
        [
            f"{folder}/{folder}-视频-海归人才对接会-开幕宣传片.mp4",
            f"{folder}/{folder}-视频-海归人才对接会-现场短视频.mp4",
            f"{folder}/{folder}-主视觉海报.jpg",
            f"{folder}/{folder}-主视觉海报设计源文件.zip",
        ]
    )
    assert sorted(archive.read(n) for n in archive.namelist()) == sorted(contents.values())
    # The single download of a file carries the same name.
    material = MaterialFile.objects.get(submission=second)
    response = client.get(reverse("submissions:file_download", args=[material.pk]))
    b"".join(response.streaming_content)
    assert "%E7%8E%B0%E5%9C%BA%E7%9F%AD%E8%A7%86%E9%A2%91.mp4" in response["Content-Disposition"]


def test_the_admin_offers_only_rule_kinds_the_portal_evaluates(client, organizer):
    """Issue 14.10: "条目数量不超过" could be chosen in the admin but was never evaluated."""
    from submissions.kinds import RuleCode
    from submissions.rules import EVALUATORS

    client.force_login(organizer)
    page = client.get(reverse("admin:submissions_requirement_add")).content.decode()
    assert "条目数量不超过" not in page
    assert "图片水平像素不少于" in page
    assert set(RuleCode.values) <= set(EVALUATORS)


def test_an_exported_liaison_list_imported_again_changes_nothing(organizer, client):
    """Issue 14.9: re-importing an export duplicated every row and kept the formula guard's
    leading apostrophe ("'+86-755-…")."""
    from units import liaison_io
    from units.models import Liaison

    unit = UnitFactory(name_zh="深圳市科技创新委员会")
    LiaisonFactory(unit=unit, name="王婵", office_phone="+86-755-81707961", wechat_id="=wang")
    LiaisonFactory(unit=unit, name="李四", mobile="13900000000")
    exported = liaison_io.export_liaisons(Liaison.objects.all())
    sheet = load_workbook(io.BytesIO(exported)).active
    assert sheet["F3"].value == "'+86-755-81707961"  # Excel shows it as text, never a formula
    client.force_login(organizer)
    exported_file = io.BytesIO(exported)
    exported_file.name = "宣传联络员信息表.xlsx"
    response = client.post(reverse("admin:units_liaison_import"), {"file": exported_file})
    assert response.status_code == 302
    assert Liaison.objects.count() == 2
    wang = Liaison.objects.get(name="王婵")
    assert (wang.office_phone, wang.wechat_id) == ("+86-755-81707961", "=wang")
    # A changed row updates the liaison it names (by mobile, else name).
    sheet["E4"] = "13911112222"
    sheet["D4"] = "处长"
    changed = io.BytesIO()
    sheet.parent.save(changed)
    result = liaison_io.import_liaisons(io.BytesIO(changed.getvalue()))
    assert (result.created, result.updated, result.errors) == (0, 2, [])
    li = Liaison.objects.get(name="李四")
    assert (li.mobile, li.position, Liaison.objects.count()) == ("13911112222", "处长", 2)


def test_the_workbench_agrees_with_the_matrix(client, organizer):
    """Issue 14.13: "进度最慢" counted the liaison list as missing for every unit (4/5 for a
    unit with everything sent) and "7 天内截止" ignored relative deadlines."""
    from submissions.models import Activity
    from submissions.selectors.workbench import organizer_dashboard

    call = CallFactory(title_zh="宣传资料征集")
    liaisons = RequirementFactory(
        call=call, code="liaisons", kind=MaterialKind.LIAISON_LIST, order=1,
        deadline_at=beijing(2023, 3, 15, 15),
    )  # fmt: skip
    press = RequirementFactory(
        call=call, code="press", order=2, deadline_at=beijing(2023, 3, 22, 12)
    )
    photos = RequirementFactory(
        call=call, code="photos", kind=MaterialKind.PHOTOS, order=3, per_activity=True,
        deadline_at=None, deadline_anchor="activity_start", deadline_working_days=-5,
    )  # fmt: skip
    done, behind = UnitFactory(name_zh="全部已交单位"), UnitFactory(name_zh="尚未交齐单位")
    section = call.edition.sections.create(code="theme", name_zh="主题活动", mode="offline")
    for unit in (done, behind):
        Activity.objects.create(
            unit=unit, section=section, name="活动", starts_at=beijing(2023, 4, 15, 9),
            ends_at=beijing(2023, 4, 15, 12),
        )  # fmt: skip
    LiaisonFactory(unit=done)
    item(done, press)
    Submission.objects.create(
        unit=done, requirement=photos, activity=done.activities.get(), status="in_review"
    )
    now = beijing(2023, 4, 6, 9)  # photos due Monday 04-10 23:59:59, within 7 days
    (summary,) = [s for s in organizer_dashboard(now=now).calls if s.call == call]
    assert summary.behind == [("尚未交齐单位", 0, 3)]
    (soon,) = summary.due_soon
    assert (soon.requirement, soon.due_at, soon.sent, soon.owing) == (
        photos,
        beijing(2023, 4, 10, 23, 59, 59),
        1,
        2,
    )
    assert liaisons.min_count == 1
    # The English admin names units and sections in English.
    behind.name_en, section.name_en = "Unit still behind", "Theme activities"
    behind.save()
    section.save()
    with translation.override("en"):
        (summary,) = [s for s in organizer_dashboard(now=now).calls if s.call == call]
    assert summary.behind == [("Unit still behind", 0, 3)]
    assert ("Theme activities", 1) in summary.by_section


def test_the_matrix_of_one_section_shows_what_units_owe_there(call):
    """Choosing 主题活动 in the matrix removed every column (the publicity requirements name no
    section): it now keeps what is asked per section or per activity, counted in that section."""
    press = call.requirements.get(code="press")
    press.per_section = True
    press.save()
    photos = RequirementFactory(
        call=call, code="photos", kind=MaterialKind.PHOTOS, order=3, per_activity=True,
        deadline_at=beijing(2023, 4, 20, 18),
    )  # fmt: skip
    theme = call.edition.sections.create(code="theme", name_zh="主题活动", mode="offline")
    forum = call.edition.sections.create(code="forum", name_zh="论坛会议", mode="offline")
    runs_theme, runs_forum = UnitFactory(name_zh="甲单位"), UnitFactory(name_zh="乙单位")
    runs_theme.sections.add(theme)
    runs_forum.sections.add(forum)
    for unit, section in ((runs_theme, theme), (runs_forum, forum)):
        unit.activities.create(
            name="活动", section=section, starts_at=beijing(2023, 4, 15, 9),
            ends_at=beijing(2023, 4, 15, 12),
        )  # fmt: skip
    Submission.objects.create(
        unit=runs_theme, requirement=press, section=theme, status=SubmissionStatus.ACCEPTED,
        title="主题活动新闻稿", submitted_at=beijing(2023, 3, 20, 9),
    )  # fmt: skip
    units = Unit.objects.filter(pk__in=[runs_theme.pk, runs_forum.pk]).order_by("pk")
    requirements, rows = matrix(call, units, now=beijing(2023, 3, 25, 9), section=theme)
    assert requirements == [press, photos]  # the guest (asked of the unit) is not a section's
    states = {r.unit: [c and c.state for c in r.cells] for r in rows}
    assert states[runs_theme] == [State.ACCEPTED, State.MISSING]
    assert states[runs_forum] == [None, None]  # owes nothing in 主题活动
    _, rows = matrix(call, units, now=beijing(2023, 3, 25, 9), section=forum)
    states = {r.unit: [c and c.state for c in r.cells] for r in rows}
    assert states[runs_forum] == [State.LATE, State.MISSING]
    assert states[runs_theme] == [None, None]
    # A release sent for the whole unit before sections were asked counts in each of its
    # sections, as on its dashboard.
    Submission.objects.create(
        unit=runs_forum, requirement=press, status=SubmissionStatus.ACCEPTED, title="全单位新闻稿",
        submitted_at=beijing(2023, 3, 20, 9),
    )  # fmt: skip
    _, rows = matrix(call, units, now=beijing(2023, 3, 25, 9), section=forum)
    states = {r.unit: [c and c.state for c in r.cells] for r in rows}
    assert states[runs_forum] == [State.ACCEPTED, State.MISSING]
