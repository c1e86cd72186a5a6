"""Calls of the same shape, configured without code: 2023 全国科普日 (notice 002), 国家高新区
十年成就巡礼 (004) and the 21st CIEP's forum plans (001 附件1), each loaded with
``manage.py load_call`` and walked through by one unit before its deadline."""

import datetime as dt
import io
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.roles import ORGANIZER
from conference.models import Edition, Region, Section
from submissions.forms.unit import RequirementAdminForm
from submissions.kinds import SubmissionStatus
from submissions.models import (
    Call,
    CallMilestone,
    MaterialFile,
    Requirement,
    RequirementRule,
    Submission,
)
from submissions.models.review import ReviewEvent
from tests import media
from tests.conftest import consume
from tests.factories import UnitFactory, UserFactory
from units.models import Unit

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
NAMES = ("kepuri-2023-xinjiang", "gaoxinqu-10-years", "ciep21-forum-plans")


def freeze(monkeypatch, *moment):
    """Every clock the portal reads (deadlines, timestamps) stands at ``moment``, Beijing."""
    from django.utils import timezone

    frozen = dt.datetime(*moment, tzinfo=BEIJING)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    return frozen


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def requirement(call_code: str, code: str) -> Requirement:
    return Requirement.objects.get(call__code=call_code, code=code)


def page_of(client, requirement_obj) -> str:
    return client.get(
        reverse("submissions:requirement", args=[requirement_obj.pk])
    ).content.decode()


def post_item(client, requirement_obj, data):
    return client.post(reverse("submissions:requirement", args=[requirement_obj.pk]), data)


# --- Loading ---------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    models = (Edition, Section, Region, Call, Requirement, RequirementRule, CallMilestone)
    counts = {model.__name__: model.objects.count() for model in models}
    # Re-running a loader saves nothing unchanged, so it adds no history either.
    for model in (Call, Requirement, RequirementRule):
        if hasattr(model, "history"):
            counts[f"history of {model.__name__}"] = model.history.count()
    return counts


def test_each_call_loads_as_rows_and_loading_again_changes_no_row_count():
    for name in NAMES:
        call_command("load_call", name, stdout=io.StringIO())
    first = row_counts()
    call_command("load_call", *NAMES, stdout=io.StringIO())
    assert row_counts() == first
    assert Call.objects.filter(edition__isnull=True).count() == 2  # the 科协's and 火炬中心's
    assert Call.objects.get(code="forum_plans").edition.number == 21


def test_an_unknown_call_name_is_refused_with_the_names_known():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="kepuri-2023-xinjiang"):
        call_command("load_call", "no-such-call")


# --- 2023 全国科普日, Xinjiang (002) ----------------------------------------------------------


@pytest.fixture
def kepuri(monkeypatch):
    call_command("load_call", "kepuri-2023-xinjiang", stdout=io.StringIO())
    freeze(monkeypatch, 2023, 8, 16, 10, 0)
    return Call.objects.get(code="kepuri-2023-xinjiang")


@pytest.fixture
def prefecture(kepuri):
    """A prefecture's association in Xinjiang (地州市科协), with its liaison's account."""
    unit = UnitFactory(
        name_zh="昌吉回族自治州科学技术协会",
        kind=Unit.Kind.SCIENCE_ASSOCIATION,
        region=Region.objects.get(code="xinjiang"),
        is_partner=False,
    )
    return UserFactory(unit=unit)


def attach_template(requirement_obj: Requirement, data: bytes, name: str):
    """The organizer uploads the notice's 附件 to the requirement, through the admin's form."""
    values = model_to_dict(requirement_obj, exclude=["template_file"])
    return RequirementAdminForm(
        data={k: v for k, v in values.items() if v is not None},
        files={"template_file": upload(name, data)},
        instance=requirement_obj,
    )


def test_the_dashboard_shows_the_science_day_call_with_its_organizer_and_platform_date(
    client, prefecture
):
    client.force_login(prefecture)
    page = client.get(reverse("submissions:dashboard")).content.decode()
    assert "2023年全国科普日活动相关工作" in page
    assert "新疆维吾尔自治区科学技术协会" in page
    assert "2023-08-21" in page and "www.kepuri.cn" in page
    for title in (
        "全国科普日工作方案",
        "2023年全国科普日重点科普活动信息表（附件1）",
        "全国科普日平台发布推广联络员兼活动审核管理员（附件3）",
        "支持直播申请表（附件4）",
        "直播宣传申请表（附件4）",
        "全国科普日历年图片（附件5）",
    ):
        assert title in page
    assert "2023-08-18 16:00（北京时间 UTC+08:00）" in page


def test_the_science_day_call_reaches_only_associations_in_xinjiang(client, kepuri):
    elsewhere = UserFactory(
        unit=UnitFactory(
            kind=Unit.Kind.SCIENCE_ASSOCIATION, region=Region.objects.get(code="beijing")
        )
    )
    ciep_partner = UserFactory(unit__region=Region.objects.get(code="xinjiang"))
    society = UserFactory(
        unit=UnitFactory(
            kind=Unit.Kind.LEARNED_SOCIETY,
            region=Region.objects.get(code="xinjiang"),
            is_partner=False,
        )
    )
    for user, sees in ((elsewhere, False), (ciep_partner, False), (society, True)):
        client.force_login(user)
        page = client.get(reverse("submissions:dashboard")).content.decode()
        assert ("2023年全国科普日活动相关工作" in page) is sees
    # A society names its own liaison: the liaison-and-reviewer row is the prefectures' alone.
    assert "联络员兼活动审核管理员" not in page
    hidden = requirement("kepuri-2023-xinjiang", "liaison_reviewer")
    assert client.get(reverse("submissions:requirement", args=[hidden.pk])).status_code == 404


def test_a_call_without_an_edition_refuses_what_needs_one_and_unknown_file_types(kepuri):
    from django.core.exceptions import ValidationError

    work_plan = requirement("kepuri-2023-xinjiang", "work_plan")
    work_plan.per_activity = True
    with pytest.raises(ValidationError, match="不能按活动提交"):
        work_plan.full_clean()
    work_plan.per_activity, work_plan.file_types = False, ["word", "exe"]
    with pytest.raises(ValidationError, match="未知的文件类型：exe"):
        work_plan.full_clean()


def test_the_organizer_attaches_a_template_that_is_checked_by_content(kepuri):
    key_activities = requirement("kepuri-2023-xinjiang", "key_activities")
    refused = attach_template(key_activities, media.jpeg(40, 30), "附件1.xlsx")
    assert not refused.is_valid()
    assert "模板文件实际类型为 JPEG 图片" in str(refused.errors["template_file"])
    accepted = attach_template(key_activities, media.xlsx([["活动名称", "时间"]]), "附件1.xlsx")
    assert accepted.is_valid(), accepted.errors
    accepted.save()
    key_activities.refresh_from_db()
    # Stored under a random name: the organizer's file name never reaches the disk.
    assert key_activities.template_file.name.startswith("templates/")
    assert "附件1" not in key_activities.template_file.name


def test_a_prefecture_downloads_the_template_fills_it_and_uploads_it(
    client, prefecture, django_capture_on_commit_callbacks
):
    key_activities = requirement("kepuri-2023-xinjiang", "key_activities")
    template = media.xlsx([["活动名称", "时间", "地点"]])
    form = attach_template(key_activities, template, "附件1.xlsx")
    assert form.is_valid(), form.errors
    form.save()
    client.force_login(prefecture)

    page = page_of(client, key_activities)
    assert "选择“全国科普日”标签" in page  # the notice's other points, from the call
    download_url = reverse("submissions:requirement_template", args=[key_activities.pk])
    assert download_url in page and "下载模板" in page
    response = client.get(download_url)
    assert consume(response) == template
    assert response["Content-Disposition"].startswith("attachment")
    assert ".xlsx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    refused = post_item(client, key_activities, {"main": upload("信息表.xlsx", media.png(40, 30))})
    assert refused.status_code == 400
    assert "文件实际类型为 PNG 图片" in refused.content.decode()

    filled = media.xlsx([["活动名称", "时间", "地点"], ["科普进社区", "2023-09-16", "昌吉"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_item(client, key_activities, {"main": upload("信息表.xlsx", filled)})
    assert response.status_code == 302
    item = Submission.objects.get(requirement=key_activities)
    assert item.unit == prefecture.unit and item.status == SubmissionStatus.IN_REVIEW
    stored = item.files.get()
    assert stored.detected_type == "xlsx"
    # Named after this call ("科普日"), not the conference's publicity ("宣传").
    downloaded = client.get(reverse("submissions:file_download", args=[stored.pk]))
    consume(downloaded)
    disposition = unquote(downloaded["Content-Disposition"])
    assert f"科普日-综合-{prefecture.unit.name_zh}-" in disposition, disposition


def test_a_unit_not_addressed_cannot_download_the_template(client, kepuri):
    key_activities = requirement("kepuri-2023-xinjiang", "key_activities")
    attach_template(key_activities, media.xlsx([["a"]]), "附件1.xlsx").save()
    client.force_login(UserFactory())  # a CIEP partner elsewhere
    url = reverse("submissions:requirement_template", args=[key_activities.pk])
    assert client.get(url).status_code == 404


def test_at_most_one_of_each_live_stream_application_per_unit(
    client, prefecture, django_capture_on_commit_callbacks
):
    client.force_login(prefecture)
    support = requirement("kepuri-2023-xinjiang", "live_support")
    promotion = requirement("kepuri-2023-xinjiang", "live_promotion")
    form = media.docx(["优质科普活动直播申请表", "活动名称：科普进社区"])
    with django_capture_on_commit_callbacks(execute=True):
        assert post_item(client, support, {"main": upload("直播.docx", form)}).status_code == 302
        again = post_item(client, support, {"main": upload("直播2.docx", form)})
        assert again.status_code == 400
        assert "每个单位只能提交 1 份" in again.content.decode()
        assert "每个单位限 1 份" in page_of(client, support)
        # The other application is a requirement of its own, with its own one.
        assert post_item(client, promotion, {"main": upload("宣传.docx", form)}).status_code == 302
    assert Submission.objects.filter(unit=prefecture.unit).count() == 2


def test_one_liaison_who_is_also_the_reviewer_per_prefecture(client, prefecture):
    client.force_login(prefecture)
    liaison_reviewer = requirement("kepuri-2023-xinjiang", "liaison_reviewer")
    person = {
        "name": "阿依古丽",
        "position": "科普部副部长",
        "mobile": "13899000000",
        "email": "not-an-address",
    }
    refused = post_item(client, liaison_reviewer, person)
    assert refused.status_code == 400 and not Submission.objects.exists()
    person["email"] = "aygul@example.cn"
    assert post_item(client, liaison_reviewer, person).status_code == 302
    item = Submission.objects.get(requirement=liaison_reviewer)
    assert item.title == "阿依古丽" and item.data["mobile"] == "13899000000"
    assert post_item(client, liaison_reviewer, {**person, "name": "第二人"}).status_code == 400
    assert Submission.objects.filter(requirement=liaison_reviewer).count() == 1


def test_the_work_plan_and_historical_pictures(
    client, prefecture, django_capture_on_commit_callbacks
):
    client.force_login(prefecture)
    plan = requirement("kepuri-2023-xinjiang", "work_plan")
    pictures = requirement("kepuri-2023-xinjiang", "history_pictures")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_item(
            client,
            plan,
            {"title": "昌吉州2023年全国科普日工作方案", "main": upload("方案.pdf", media.pdf())},
        )
        assert response.status_code == 302
        response = post_item(
            client,
            pictures,
            {
                "caption": "2005年首届全国科普日昌吉分会场",
                "photo": [upload("2005.jpg", media.jpeg(1200, 800))],
            },
        )
        assert response.status_code == 302
    assert MaterialFile.objects.filter(submission__unit=prefecture.unit).count() == 2


def test_after_the_deadline_the_science_day_call_is_closed(client, prefecture, monkeypatch):
    freeze(monkeypatch, 2023, 8, 18, 16, 0, 1)
    client.force_login(prefecture)
    support = requirement("kepuri-2023-xinjiang", "live_support")
    response = post_item(client, support, {"main": upload("直播.docx", media.docx(["申请"]))})
    assert response.status_code == 400
    assert "2023-08-18 16:00（北京时间 UTC+08:00），现已截止" in response.content.decode()


def test_organizers_see_the_science_day_call_in_the_admin_and_the_matrix(client, prefecture):
    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    call = Call.objects.get(code="kepuri-2023-xinjiang")
    key_activities = requirement("kepuri-2023-xinjiang", "key_activities")
    assert client.get(reverse("admin:submissions_call_change", args=[call.pk])).status_code == 200
    attach_template(key_activities, media.xlsx([["活动名称"]]), "附件1.xlsx").save()
    change = client.get(reverse("admin:submissions_requirement_change", args=[key_activities.pk]))
    assert "接受的文件类型" in change.content.decode()
    template_url = reverse("submissions:requirement_template", args=[key_activities.pk])
    assert template_url in change.content.decode()
    response = client.get(template_url)
    assert response["Content-Disposition"].startswith("attachment")
    assert consume(response).startswith(b"PK")
    matrix = client.get(reverse("admin:submissions_submission_matrix") + f"?call={call.pk}")
    page = matrix.content.decode()
    assert "新疆维吾尔自治区科学技术协会 · 2023年全国科普日活动相关工作" in page
    assert "昌吉回族自治州科学技术协会" in page
    assert "2023年全国科普日活动相关工作" in client.get(reverse("admin:index")).content.decode()


# --- 国家高新区十年成就巡礼 (004) --------------------------------------------------------------


@pytest.fixture
def zone(monkeypatch):
    call_command("load_call", "gaoxinqu-10-years", stdout=io.StringIO())
    freeze(monkeypatch, 2022, 6, 1, 10, 0)
    unit = UnitFactory(
        name_zh="某国家高新区管委会", kind=Unit.Kind.HIGH_TECH_ZONE, is_partner=False
    )
    return UserFactory(unit=unit)


def post_report(client, report: bytes, *, letter: bytes | None = None, attachments=()):
    summary = requirement("gaoxinqu-10-years", "summary_report")
    data = {
        "title": "国家高新区十年工作总结",
        "letter": upload("函件.pdf", media.pdf() if letter is None else letter),
        "main": upload("总结报告.docx", report),
    }
    if attachments:
        data["attachment"] = list(attachments)
    return post_item(client, summary, data)


def test_a_summary_over_3000_characters_is_refused_at_once_with_the_count(client, zone):
    client.force_login(zone)
    response = post_report(client, media.docx(["高新区" * 1000, "新"]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "共 3001 字，超过上限 3000 字" in page
    assert not Submission.objects.exists() and not MaterialFile.objects.exists()


def test_a_summary_of_exactly_3000_characters_is_accepted_with_its_count(
    client, zone, django_capture_on_commit_callbacks
):
    client.force_login(zone)
    policy = media.docx(["政策文件" * 2000])  # an attachment is not held to the report's limit
    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(
            client,
            media.docx(["高新区" * 1000]),
            attachments=[
                upload("政策文件.docx", policy),
                upload("典型案例.jpg", media.jpeg(1200, 800)),
            ],
        )
    assert response.status_code == 302
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.IN_REVIEW
    assert sorted(item.files.values_list("role", flat=True)) == [
        "attachment",
        "attachment",
        "letter",
        "main",
    ]
    page = client.get(response.url).content.decode()
    assert "共 3000 字，未超过上限 3000 字" in page


def test_the_formal_letter_must_be_a_sealed_scan(client, zone):
    client.force_login(zone)
    response = post_report(client, media.docx(["总结"]), letter=media.docx(["这不是盖章扫描件"]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "文件实际类型为 Word 文档（docx）" in page
    assert "PDF 文档" in page and "JPEG 图片" in page and "PNG 图片" in page
    missing = post_item(
        client,
        requirement("gaoxinqu-10-years", "summary_report"),
        {"title": "总结", "main": upload("总结.docx", media.docx(["总结"]))},
    )
    assert "请上传正式函件扫描件（加盖公章）" in missing.content.decode()
    assert post_report(client, media.docx(["总结"]), letter=media.png(800, 1100)).status_code == 302


def test_the_zone_names_its_publicity_liaisons_on_the_shared_list(client, zone, monkeypatch):
    client.force_login(zone)
    dashboard = client.get(reverse("submissions:dashboard")).content.decode()
    assert "科学技术部火炬高技术产业开发中心" in dashboard
    assert reverse("submissions:liaisons") in dashboard
    listing = client.get(reverse("submissions:liaisons")).content.decode()
    assert "国家高新区宣传工作联络信息表" in listing
    assert "2022-06-15 23:59（北京时间 UTC+08:00）" in listing
    person = {"name": "王宣", "position": "宣传处", "mobile": "13600000000", "email": "w@z.cn"}
    assert client.post(reverse("submissions:liaisons"), person).status_code == 302
    freeze(monkeypatch, 2022, 6, 16, 9, 0)
    client.force_login(zone)  # a new day, a new session
    late = client.post(reverse("submissions:liaisons"), {**person, "name": "李宣"})
    assert late.status_code == 400
    assert zone.unit.liaisons.count() == 1


# --- The 21st CIEP's forum plans (001 附件1) -----------------------------------------------------


@pytest.fixture
def forum_unit(monkeypatch):
    call_command("load_call", "ciep21-forum-plans", stdout=io.StringIO())
    freeze(monkeypatch, 2023, 3, 1, 10, 0)
    return UserFactory(unit__name_zh="中国科学技术交流中心")


def test_a_forum_plan_and_the_committees_room_and_fee_reach_the_unit(
    client, forum_unit, django_capture_on_commit_callbacks
):
    plan = requirement("forum_plans", "forum_plan")
    client.force_login(forum_unit)
    data = {
        "title": "科技创新支撑乡村振兴发展论坛（第三届）",
        "forum_type": "平行论坛（专业论坛）",
        "organizers": "中国科学技术交流中心",
        "proposed_time": "2023-04-15 14:00–17:30",
        "attendance": "120",
        "room_request": "120 座课桌式，需同传和直播",
        "contact": "张三 010-00000000",
        "main": upload("论坛方案.docx", media.docx(["论坛会议方案"])),
        "attachment": [upload("议程.pdf", media.pdf())],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert post_item(client, plan, data).status_code == 302
    item = Submission.objects.get(requirement=plan)
    assert item.data["attendance"] == 120
    assert item.status == SubmissionStatus.IN_REVIEW

    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    changelist = reverse("admin:submissions_submission_changelist")
    action = {"action": "record_decision", "_selected_action": [item.pk]}
    form_page = client.post(changelist, action).content.decode()
    assert "确认会议室和费用" in form_page and "会议室" in form_page
    incomplete = client.post(changelist, {**action, "apply": "1", "room": "5楼 A 厅"})
    assert incomplete.status_code == 200
    item.refresh_from_db()
    assert item.decision == {}
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist,
            {
                **action,
                "apply": "1",
                "room": "深圳会展中心 5楼 A 厅",
                "time": "2023-04-15 13:30–18:00",
                "fee": "20000",
            },
        )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.decision["room"] == "深圳会展中心 5楼 A 厅" and item.decision["fee"] == 20000
    assert item.status == SubmissionStatus.IN_REVIEW  # confirming the room is not accepting
    event = ReviewEvent.objects.get(submission=item, action="decide")
    assert event.by == organizer
    assert "组委会已确认" in mail.outbox[-1].body and "20000" in mail.outbox[-1].body

    client.force_login(forum_unit)
    page = client.get(reverse("submissions:item", args=[item.pk])).content.decode()
    assert "确认会议室和费用" in page
    assert "深圳会展中心 5楼 A 厅" in page and "20000" in page
    # The unit's own edits never touch what the committee confirmed.
    client.post(reverse("submissions:item", args=[item.pk]), {"room_request": "150 座"})
    item.refresh_from_db()
    assert item.data["room_request"] == "150 座"
    assert item.decision["room"] == "深圳会展中心 5楼 A 厅"


def test_a_forum_plan_must_be_word_or_pdf(client, forum_unit):
    client.force_login(forum_unit)
    response = post_item(
        client,
        requirement("forum_plans", "forum_plan"),
        {
            "title": "专题会议",
            "forum_type": "专题会议",
            "organizers": "某单位",
            "proposed_time": "2023-04-16 上午",
            "attendance": "50",
            "room_request": "50 座",
            "contact": "李四",
            "main": upload("方案.xlsx", media.xlsx([["方案"]])),
        },
    )
    assert response.status_code == 400
    assert "文件实际类型为 Excel 工作簿（xlsx）" in response.content.decode()
