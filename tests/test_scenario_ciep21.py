"""The 21st CIEP from the first notice to the report, as the notices read (RULES.md).

One cycle, on the real views, with a real Celery worker checking every file:

- 广东省科学技术厅 runs two sections (展览洽谈, 人才招聘) with an activity in each: a press
  release, a post and a poster per section (请结合板块具体情况), pictures, an H5 page, two
  videos of one activity, an interview guest, a case study and the statistics.
- 深圳市科学技术协会 runs 主题活动; its live stream ends on Sunday 2023-04-16 at 21:00, so the
  viewing figures of every channel are due by Monday 2023-04-17 23:59:59 (one working day after
  the stream, not after the activity, which runs to Monday).
- 江苏省科学技术厅 runs 论坛会议 with two activities and a stream each; it sends no pre-event
  material, misses the figures of its first stream (due Monday 04-17), and is given until
  04-19 for that activity only: the second stream's figures stay due 2023-04-26.
- Two exhibitors of 广东: a Chinese company and a German organization working in English;
  the province's 10 representative enterprises are shared between them.

The committee reviews, asks for changes, chases (beat's reminders and its own) and exports;
then the test checks what the committee would check by hand.
"""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ORGANIZER
from ciep_portal.celery import app as celery_app
from conference.models import Region
from exhibitors.models import Booth, BoothApplication
from exhibitors.seed import load_booths
from submissions.email_templates import load_email_templates
from submissions.models import MaterialFile, Requirement, Submission
from submissions.models.review import EmailTemplate, ReminderLog, ReminderRule
from submissions.selectors.matrix import matrix
from submissions.selectors.unit_dashboard import State
from tests import media
from tests.factories import UserFactory
from tests.workers import wait_for, worker_thread
from units.models import Liaison, Unit

BEIJING = ZoneInfo("Asia/Shanghai")
PASSWORD = "Ciep21-scenario!"


def at(month, day, hour=10, minute=0):
    return dt.datetime(2023, month, day, hour, minute, tzinfo=BEIJING)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def publicity(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


def url_of(code: str, *, activity=None, section=None) -> str:
    url = reverse("submissions:requirement", args=[publicity(code).pk])
    if activity is not None:
        return f"{url}?activity={activity.pk}"
    return f"{url}?section={section.pk}" if section is not None else url


class Scenario:
    """The people of the cycle, each with their own browser session, and the clock."""

    def __init__(self, client_class, monkeypatch, ciep21):
        self.edition = ciep21
        self.now = at(3, 14)
        monkeypatch.setattr(timezone, "now", lambda: self.now)
        self.client_class = client_class
        self.sessions = {}
        self.section = {s.code: s for s in ciep21.sections.all()}

    def browser(self, user):
        """A user's browser; signed in again at each use (sessions expire over six weeks)."""
        client = self.sessions.setdefault(user.pk, self.client_class())
        client.force_login(user)
        return client

    def post(self, user, url, data, expect=302):
        response = self.browser(user).post(url, data)
        assert response.status_code == expect, response.content.decode()[-3000:]
        return response

    def get(self, user, url) -> str:
        response = self.browser(user).get(url)
        assert response.status_code == 200, url
        return response.content.decode()


def liaison_for(name, kind, region, email):
    return UserFactory(
        unit__name_zh=name,
        unit__kind=kind,
        unit__region=Region.objects.get(code=region),
        email=email,
    )


def checked(submissions) -> bool:
    files = MaterialFile.objects.filter(submission__in=submissions, is_current=True)
    return files.exists() and not files.filter(checked_at__isnull=True).exists()


def press_release(**extra):
    return {
        "section_intro": "板块简介",
        "organizations": "主办：科学技术部",
        "activity_time": "2023年4月15日",
        "programme": "开幕、推介、签约",
        "highlights": "百家企业现场对接",
        "main": upload("新闻稿.docx", media.docx(["第二十一届中国国际人才交流大会新闻稿。"])),
        **extra,
    }


def wechat_post(**extra):
    return {
        "article_url": "https://mp.weixin.qq.com/s/ciep21",
        "section_intro": "板块简介",
        "highlights": "亮点",
        "plan_offline": "线下展洽",
        "participation": "扫码报名",
        "photo": upload("配图.jpg", media.jpeg(1600, 900)),
        **extra,
    }


def poster(source: bytes, name="主视觉源文件.psd"):
    return {
        "title": "主视觉",
        "main": upload("主视觉.jpg", media.jpeg(1080, 1920)),
        "source": upload(name, source),
    }


def activity_form(name, section, starts, ends):
    return {
        "name": name,
        "section": section.pk,
        "starts_at": starts,
        "ends_at": ends,
        "hall": "",
        "zone": "",
        "place": "深圳会展中心",
        "live_room_url": "",
    }


def live_stream(activity, starts, ends, channels="抖音、微博"):
    return {
        "activity": activity.pk,
        "platform": "视频号",
        "channels": channels,
        "stream_name": f"{activity.name}直播",
        "starts_at": starts,
        "ends_at": ends,
        "intro": "大会现场直播。",
        "agenda": "开场、对接、签约",
        "push_url": "rtmp://push.example.cn/live/ciep21",
        "cover": upload("封面.jpg", media.jpeg(1920, 1080)),
        "source": upload("封面.psd", media.psd()),
    }


def figures(activity, rows):
    data = {
        "activity": activity.pk,
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, (platform, views) in enumerate(rows):
        data[f"rows-{i}-platform"] = platform
        data[f"rows-{i}-views"] = str(views)
    return data


def register_exhibitor(scenario, username, **org):
    client = scenario.client_class()
    data = {
        "org-kind": "enterprise",
        "org-region": Region.objects.get(code="guangdong").pk,
        "org-address": "广州市天河区",
        "org-website": "https://example.cn",
        "org-contact_name": "联系人",
        "org-contact_mobile": "13900139000",
        "org-contact_email": f"{username}@example.cn",
        "account-username": username,
        "account-first_name": "联系人",
        "account-email": f"{username}@example.cn",
        "account-password1": PASSWORD,
        "account-password2": PASSWORD,
        **org,
    }
    assert client.post(reverse("accounts:register_exhibitor"), data).status_code == 302
    from accounts.models import User

    return User.objects.get(username=username)


def enterprise_rows(prefix, count):
    data = {
        "enterprises-TOTAL_FORMS": str(count),
        "enterprises-INITIAL_FORMS": "0",
        "enterprises-MIN_NUM_FORMS": "0",
        "enterprises-MAX_NUM_FORMS": "1000",
    }
    for i in range(count):
        data[f"enterprises-{i}-name"] = f"{prefix}{i + 1}"
        data[f"enterprises-{i}-field"] = "新一代信息技术"
        data[f"enterprises-{i}-offering"] = "产品"
    return data


def matrix_states(call, units, now):
    requirements, rows = matrix(call, Unit.objects.filter(pk__in=[u.pk for u in units]), now=now)
    codes = [r.code for r in requirements]
    return {
        row.unit.name_zh: {
            code: (cell.state if cell else None)
            for code, cell in zip(codes, row.cells, strict=True)
        }
        for row in rows
    }


@pytest.fixture
def real_worker():
    celery_app.control.purge()
    with worker_thread() as worker:
        yield worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_21st_ciep_from_notice_to_report(ciep21, client, monkeypatch, real_worker, tmp_path):
    s = Scenario(client.__class__, monkeypatch, ciep21)
    load_booths(ciep21)
    # A migration seeds the e-mail wording; an earlier transactional test may have emptied
    # the tables since (pytest-django flushes after each).
    load_email_templates(EmailTemplate)
    organizer = UserFactory(
        unit=None, is_staff=True, is_superuser=True, role=ORGANIZER, email="office@ciep.cn"
    )
    gd = liaison_for("广东省科学技术厅", Unit.Kind.PROVINCIAL_ST, "guangdong", "gd@example.cn")
    sz = liaison_for("深圳市科学技术协会", Unit.Kind.OTHER, "shenzhen", "sz@example.cn")
    js = liaison_for("江苏省科学技术厅", Unit.Kind.PROVINCIAL_ST, "jiangsu", "js@example.cn")
    units = [gd.unit, sz.unit, js.unit]
    call = publicity("press_release").call
    ReminderRule.objects.create(call=call, offset_hours=24)  # 截止前 24 小时自动催报
    # The committee gives each unit the sections it runs.
    gd.unit.sections.add(s.section["exhibition"], s.section["recruitment"])
    sz.unit.sections.add(s.section["theme_activities"])
    js.unit.sections.add(s.section["forums"])

    # --- 2023-03-14: 附件4 宣传联络员信息表, due 03-15 15:00 ------------------------------------
    for user, name, mobile in (
        (gd, "王宣", "13800138001"),
        (sz, "李传", "13800138002"),
        (js, "赵播", "13800138003"),
    ):
        s.post(
            user,
            reverse("submissions:liaisons"),
            {"name": name, "position": "宣传处", "mobile": mobile, "email": user.email},
        )
    refused = s.post(
        js,
        reverse("submissions:liaisons"),
        {"name": "钱", "position": "干事", "mobile": "12345", "email": "q@example.cn"},
        expect=400,
    )
    assert "手机号码“12345”无效" in refused.content.decode()

    # --- 2023-03-20: activities and the pre-event materials (due 03-22 12:00) ---------------
    s.now = at(3, 20)
    for user, name, section, starts, ends in (
        (gd, "粤港澳大湾区人才交流推介会", "exhibition", "2023-04-15T09:00", "2023-04-15T12:00"),
        (gd, "海归人才招聘会", "recruitment", "2023-04-16T09:00", "2023-04-16T12:00"),
        (sz, "科普进社区", "theme_activities", "2023-04-16T14:00", "2023-04-17T17:00"),
        (js, "长三角人才论坛", "forums", "2023-04-15T14:00", "2023-04-15T17:00"),
        (js, "长三角科创论坛", "forums", "2023-04-25T14:00", "2023-04-25T17:00"),
    ):
        s.post(
            user,
            reverse("submissions:activities"),
            activity_form(name, s.section[section], starts, ends),
        )
    a1, a2 = gd.unit.activities.order_by("starts_at")
    (b1,) = sz.unit.activities.all()
    c1, c2 = js.unit.activities.order_by("starts_at")
    # An activity lies in one of the unit's sections only.
    s.post(
        js,
        reverse("submissions:activities"),
        activity_form("越界", s.section["exhibition"], "2023-04-15T09:00", "2023-04-15T10:00"),
        expect=400,
    )

    design_zip = media.zip_of({"主视觉.psd": media.psd(), "主视觉.ai": media.ai()})
    for section in (s.section["exhibition"], s.section["recruitment"]):
        s.post(gd, url_of("press_release", section=section), press_release())
        s.post(gd, url_of("wechat_post", section=section), wechat_post())
        s.post(gd, url_of("poster", section=section), poster(design_zip, "主视觉源文件.zip"))
    theme = s.section["theme_activities"]
    s.post(sz, url_of("press_release", section=theme), press_release())
    s.post(sz, url_of("wechat_post", section=theme), wechat_post())
    s.post(sz, url_of("poster", section=theme), poster(media.psd()))
    guest = {
        "name": "王教授",
        "position": "院士",
        "organization": "某大学",
        "biography": "长期从事人才研究。",
        "topics": "国际人才交流",
        "contact": "13800000000",
        "photo": upload("嘉宾.jpg", media.jpeg(1200, 1600)),
    }
    s.post(gd, url_of("interview_guest"), guest)
    assert wait_for(lambda: checked(Submission.objects.all()), timeout=60), "worker idle"

    # Beat's reminder 24 hours before 03-22 12:00: only 江苏 still owes the pre-event set.
    mail.outbox.clear()
    s.now = at(3, 21, 12, 30)
    celery_app.send_task("submissions.send_due_reminders")
    assert wait_for(lambda: ReminderLog.objects.exists(), timeout=30)
    reminded = {log.unit.name_zh for log in ReminderLog.objects.all()}
    assert reminded == {"江苏省科学技术厅"}
    assert set(ReminderLog.objects.values_list("requirement__code", flat=True)) == {
        "press_release",
        "wechat_post",
        "poster",
    }
    assert wait_for(lambda: any("js@example.cn" in m.to for m in mail.outbox), timeout=30)

    # --- 2023-03-20: exhibitors of 广东 apply (deadline 03-24) -------------------------------
    s.now = at(3, 20, 15)
    chinese = register_exhibitor(
        s,
        "gdcorp",
        **{
            "org-name_zh": "广州智造科技有限公司",
            "org-name_en": "Guangzhou Smart Tech",
            "org-country": "CN",
            "org-uscc": "91440300MA5D7L2Q10",
            "account-preferred_language": "zh-hans",
        },
    )
    german = register_exhibitor(
        s,
        "deoffice",
        **{
            "org-name_zh": "German Innovation Office Guangzhou",
            "org-name_en": "German Innovation Office Guangzhou",
            "org-country": "DE",
            "org-uscc": "",
            "account-preferred_language": "en",
        },
    )
    from tests.test_exhibitors import GBA, application_form, board

    applications = {}
    for user, prefix, count in ((chinese, "广东企业", 6), (german, "German-backed firm ", 4)):
        s.post(user, reverse("exhibitors:apply"), application_form())
        application = BoothApplication.objects.get(unit=user.unit)
        url = reverse("exhibitors:enterprises", args=[application.pk])
        if user == german:
            # 每省遴选邀请10家: 广东 has 6 already; five more do not fit, four do.
            refused = s.post(user, url, enterprise_rows(prefix, count + 1), expect=400)
            assert "广东省的其他参展单位已报 6 家" in refused.content.decode()
        s.post(user, url, enterprise_rows(prefix, count))
        s.post(user, reverse("exhibitors:submit", args=[application.pk]), {})
        applications[user.pk] = application
    assert application.enterprises.count() == 4

    changelist = reverse("admin:exhibitors_boothapplication_changelist")
    s.post(
        organizer,
        changelist,
        {
            "action": "accept_selected",
            "apply": "1",
            "message": "",
            "_selected_action": [a.pk for a in applications.values()],
        },
    )
    gba = board(GBA)
    booths = Booth.objects.filter(zone=gba.zone, booth_type="standard").order_by("number")
    for assigned, booth in zip(applications.values(), booths, strict=False):
        s.post(
            organizer,
            reverse("admin:exhibitors_boothapplication_assign", args=[assigned.pk]),
            {"booth": booth.pk},
        )
    german_page = s.get(german, reverse("exhibitors:detail", args=[application.pk]))
    # ... read in English, whoever assigned the booth.
    english = s.browser(german)
    english.cookies["django_language"] = "en"
    detail = english.get(reverse("exhibitors:detail", args=[application.pk])).content.decode()
    assert f"Booth {booths[1].number} allocated (9 m²)." in detail and "已分配展位" not in detail
    agreement = english.get(reverse("exhibitors:agreement_download", args=[application.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(agreement.content)).paragraphs)
    assert "Shenzhen International Talent Exchange Center" in text and "乙方按本协议" not in text
    assert german_page  # the Chinese page renders too

    s.now = at(3, 28)
    for user, paying in ((chinese, applications[chinese.pk]), (german, application)):
        s.post(
            user,
            reverse("exhibitors:agreement_upload", args=[paying.pk]),
            {"file": upload("协议盖章.pdf", media.pdf())},
        )
        s.post(
            organizer,
            reverse("admin:exhibitors_boothapplication_verify", args=[paying.pk]),
            {"approved": "1", "note": ""},
        )
        paying.refresh_from_db()
        s.post(
            organizer,
            reverse("admin:exhibitors_boothapplication_payment", args=[paying.pk]),
            {
                "amount": str(paying.fee),
                "paid_on": "2023-03-28",
                "method": "bank_transfer",
                "invoice_title": user.unit.name_zh,
                "tax_number": user.unit.uscc,
                "note": "",
            },
        )
    assert set(BoothApplication.objects.values_list("status", flat=True)) == {"paid"}

    # --- 2023-04-03: pictures, H5, videos and live streams (5 working days before) ----------
    s.now = at(4, 3)
    for activity in (a1, a2):
        s.post(
            gd,
            url_of("photos", activity=activity),
            {
                "activity": activity.pk,
                "caption": "现场",
                "photo": [
                    upload("现场1.jpg", media.jpeg(2000, 1333)),
                    upload("现场2.jpg", media.jpeg(2000, 1333)),
                ],
            },
        )
    link = "https://h5.example.cn/gba"
    s.post(
        gd,
        url_of("h5", activity=a1),
        {
            "activity": a1.pk,
            "title": "大湾区H5",
            "h5_url": link,
            "qr": upload("二维码.png", media.qr_png(link)),
        },
    )
    for title, seconds in (("推介会宣传片", 3), ("推介会现场短视频", 2)):
        path = media.video(tmp_path / f"{seconds}.mp4", width=1280, height=720, seconds=seconds)
        s.post(
            gd,
            url_of("video", activity=a1),
            {
                "activity": a1.pk,
                "title": title,
                "main": upload("视频.mp4", path.read_bytes()),
                "declared": "on",
            },
        )
    # 深圳's stream ends on Sunday evening; 江苏 streams both forums.
    s.post(
        sz,
        url_of("live_stream", activity=b1),
        live_stream(b1, "2023-04-16T19:00", "2023-04-16T21:00"),
    )
    s.post(
        js,
        url_of("live_stream", activity=c1),
        live_stream(c1, "2023-04-15T14:00", "2023-04-15T17:00", channels=""),
    )
    s.post(
        js,
        url_of("live_stream", activity=c2),
        live_stream(c2, "2023-04-25T14:00", "2023-04-25T17:00", channels=""),
    )
    assert wait_for(lambda: checked(Submission.objects.all()), timeout=120), "worker idle"

    # --- The committee reviews: asks 深圳 to change its poster, accepts the rest -----------
    items = reverse("admin:submissions_submission_changelist")
    sz_poster = Submission.objects.get(unit=sz.unit, requirement__code="poster")
    s.post(
        organizer,
        items,
        {
            "action": "request_changes",
            "apply": "1",
            "message": "请按大会主视觉规范调整配色。",
            "_selected_action": [sz_poster.pk],
        },
    )
    page = s.get(sz, reverse("submissions:item", args=[sz_poster.pk]))
    assert "请按大会主视觉规范调整配色。" in page
    s.post(
        sz,
        reverse("submissions:item", args=[sz_poster.pk]),
        {"main": upload("主视觉v2.jpg", media.jpeg(1200, 1800))},
    )
    assert wait_for(lambda: checked([sz_poster]), timeout=60)
    sent = Submission.objects.exclude(status__in=["draft", "withdrawn"])
    assert not sent.filter(status__in=["checking", "failed"]).exists(), list(
        sent.values_list("title", "status")
    )
    s.post(
        organizer,
        items,
        {"action": "accept", "_selected_action": list(sent.values_list("pk", flat=True))},
        expect=302,
    )
    assert set(Submission.objects.values_list("status", flat=True)) == {"accepted"}

    # --- Viewing figures: due one working day after each stream's own end ----------------
    figures_page = s.get(sz, url_of("live_figures", activity=b1))
    assert "2023-04-17 23:59（北京时间 UTC+08:00）" in figures_page
    assert "2023-04-26 23:59（北京时间 UTC+08:00）" in s.get(
        js, url_of("live_figures", activity=c2)
    )
    ReminderLog.objects.all().delete()
    s.now = at(4, 17, 0, 30)  # beat, 24 hours before Monday 23:59:59
    celery_app.send_task("submissions.send_due_reminders")
    assert wait_for(lambda: ReminderLog.objects.count() >= 2, timeout=30)
    figures_reminded = {
        (log.unit.name_zh, log.activity.name)
        for log in ReminderLog.objects.filter(requirement__code="live_figures")
    }
    assert figures_reminded == {
        ("深圳市科学技术协会", "科普进社区"),
        ("江苏省科学技术厅", "长三角人才论坛"),
    }
    s.now = at(4, 17, 22)
    s.post(
        sz,
        url_of("live_figures", activity=b1),
        figures(b1, [("视频号", 12000), ("抖音", 8000), ("微博", 3000)]),
    )

    # 江苏 missed it; on Tuesday the committee chases and extends that activity only.
    s.now = at(4, 18, 9)
    states = matrix_states(call, units, s.now)
    assert states["江苏省科学技术厅"]["live_figures"] == State.LATE
    ReminderLog.objects.all().delete()
    matrix_url = reverse("admin:submissions_submission_matrix") + f"?call={call.pk}"
    s.post(organizer, matrix_url, {"unit": [js.unit.pk]})
    assert set(ReminderLog.objects.values_list("unit__name_zh", flat=True)) == {"江苏省科学技术厅"}
    assert "live_figures" in set(ReminderLog.objects.values_list("requirement__code", flat=True))
    s.post(
        organizer,
        reverse("admin:submissions_deadlineextension_add"),
        {
            "requirement": publicity("live_figures").pk,
            "unit": js.unit.pk,
            "activity": c1.pk,
            "due_at_0": "2023-04-19",
            "due_at_1": "23:59:59",
            "reason": "直播平台数据延迟",
        },
    )
    assert "2023-04-19 23:59" in s.get(js, url_of("live_figures", activity=c1))
    assert "2023-04-26 23:59" in s.get(js, url_of("live_figures", activity=c2))
    # 24 hours before the extended deadline beat finds nothing to send: never for what is
    # extended (run in the test's thread, to know it has run).
    from submissions.services.reminders import send_automatic

    ReminderLog.objects.all().delete()
    s.now = at(4, 19, 0, 30)
    assert send_automatic(now=s.now) == 0
    assert not ReminderLog.objects.exists()
    s.now = at(4, 19, 10)
    s.post(js, url_of("live_figures", activity=c1), figures(c1, [("视频号", 5000)]))

    # --- 2023-04-05: a case and the statistics (due 04-10) ----------------------------------
    s.now = at(4, 5)
    cases = Requirement.objects.get(
        call__code="cases_national", code="case_study", call__edition__is_demo=False
    )
    case_url = reverse("submissions:requirement", args=[cases.pk]) + "?category=institution"
    s.post(
        gd,
        case_url,
        {
            "title": "某研究院引进芯片团队",
            "year_from": 2015,
            "interview": "yes",
            "answer_background": "人才" * 300,
            "answer_leap": "发展" * 150,
        },
    )
    statistics = Requirement.objects.get(
        call__code="cases_national", code="statistics", call__edition__is_demo=False
    )
    grid = {f"v{m.pk}_{y}": "3" for m in statistics.metrics.all() for y in statistics.years}
    s.post(gd, reverse("submissions:statistics", args=[statistics.pk]), {**grid, "save": "1"})
    achievements = Submission.objects.filter(requirement__call__code="cases_national")
    assert wait_for(lambda: not achievements.filter(status="checking").exists(), timeout=30)
    s.post(
        organizer,
        items,
        {"action": "accept", "_selected_action": list(achievements.values_list("pk", flat=True))},
    )
    assert set(achievements.values_list("status", flat=True)) == {"accepted"}

    # === What the committee checks by hand ================================================
    # (江苏's second forum is on 04-25: its pictures, H5 and videos are still open until
    # 04-19 23:59:59, five working days before; the first forum's are closed.)
    s.now = at(4, 19, 12)
    states = matrix_states(call, units, s.now)
    gd_done = dict.fromkeys(
        ("press_release", "wechat_post", "poster", "photos", "interview_guest"), State.ACCEPTED
    )
    assert states == {
        "广东省科学技术厅": {
            "liaison_list": State.SUBMITTED,
            **gd_done,
            "h5": State.CLOSED,
            "video": State.CLOSED,
            "live_stream": State.CLOSED,
            "live_figures": None,
        },
        "深圳市科学技术协会": {
            "liaison_list": State.SUBMITTED,
            "press_release": State.ACCEPTED,
            "wechat_post": State.ACCEPTED,
            "poster": State.ACCEPTED,
            "photos": State.CLOSED,
            "h5": State.CLOSED,
            "video": State.CLOSED,
            "live_stream": State.ACCEPTED,
            "live_figures": State.IN_REVIEW,
            "interview_guest": State.LATE,
        },
        "江苏省科学技术厅": {
            "liaison_list": State.SUBMITTED,
            "press_release": State.LATE,
            "wechat_post": State.LATE,
            "poster": State.LATE,
            "photos": State.OPTIONAL,
            "h5": State.OPTIONAL,
            "video": State.OPTIONAL,
            "live_stream": State.ACCEPTED,
            "live_figures": State.MISSING,
            "interview_guest": State.LATE,
        },
    }

    # Every file of 广东's items, in a ZIP foldered 宣传-板块-单位, each entry its own.
    gd_items = Submission.objects.filter(unit=gd.unit, requirement__call=call)
    response = s.browser(organizer).post(
        items,
        {"action": "export_zip", "_selected_action": list(gd_items.values_list("pk", flat=True))},
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    files = MaterialFile.objects.filter(submission__in=gd_items, is_current=True)
    names = archive.namelist()
    assert len(names) == len(set(names)) == files.count()
    assert sorted(archive.read(n) for n in names) == sorted(stored_bytes(f) for f in files)
    folders = {n.split("/")[0] for n in names}
    # The interview guest is one per unit, not per section: "综合".
    assert folders == {
        "宣传-展览洽谈-广东省科学技术厅",
        "宣传-人才招聘-广东省科学技术厅",
        "宣传-综合-广东省科学技术厅",
    }
    assert sum(n.endswith("-主视觉海报设计源文件.zip") for n in names) == 2
    assert sum("-视频-粤港澳大湾区人才交流推介会-" in n for n in names) == 2
    # The single download of a file carries the name it has in the archive.
    one = files.filter(role="source").first()
    download = s.browser(organizer).get(reverse("submissions:file_download", args=[one.pk]))
    b"".join(download.streaming_content)
    assert unquote(download["Content-Disposition"]).split("''")[-1] in {
        n.split("/")[-1] for n in names
    }

    # The Excel export of the same selection opens, one row per item with its section.
    response = s.browser(organizer).post(
        items,
        {"action": "export_xlsx", "_selected_action": list(gd_items.values_list("pk", flat=True))},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + gd_items.count()
    section_column = rows[0].index("板块")
    assert {r[section_column] for r in rows[1:]} == {"展览洽谈", "人才招聘", None}  # guest: none

    # 附件4 exported and imported again: the same three liaisons, no duplicate.
    from units import liaison_io

    exported = liaison_io.export_liaisons(Liaison.objects.all())
    assert liaison_io.import_liaisons(io.BytesIO(exported)).updated == 3
    assert Liaison.objects.count() == 3

    # The exhibitors' list: both paid, 10 enterprises for 广东 in all.
    response = s.browser(organizer).post(
        changelist,
        {
            "action": "export_list",
            "_selected_action": list(BoothApplication.objects.values_list("pk", flat=True)),
        },
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    listed = list(book.worksheets[0].iter_rows(values_only=True))
    assert {r[0] for r in listed[1:]} == {
        "广州智造科技有限公司",
        "German Innovation Office Guangzhou",
    }
    assert sum(a.enterprises.count() for a in BoothApplication.objects.all()) == 10
    assert sum(a.fee for a in BoothApplication.objects.all()) > Decimal(0)

    # The report material opens and holds the accepted case and statistics.
    report = s.browser(organizer).get(
        reverse("admin:achievements_reportcall_cases", args=[cases.call.pk])
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "某研究院引进芯片团队" in text and "广东省科学技术厅" in text
    workbook = s.browser(organizer).get(
        reverse("admin:achievements_reportcall_statistics", args=[cases.call.pk])
    )
    totals = openpyxl.load_workbook(io.BytesIO(workbook.content))["合计"]
    first = list(totals.iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert first[2:7] == (3, 3, 3, 3, 3)

    # The workbench agrees with the matrix.
    home = s.get(organizer, reverse("admin:index"))
    assert "展览洽谈：<strong>" in home and "人才招聘：<strong>" in home
    assert "江苏省科学技术厅：" in home and "广东省科学技术厅：" not in home


def stored_bytes(material) -> bytes:
    with material.file.open("rb") as handle:
        return handle.read()
