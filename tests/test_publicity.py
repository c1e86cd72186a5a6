"""Publicity materials end to end: form → cheap checks → stored original → check → verdicts."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions.kinds import SubmissionStatus
from submissions.models import MaterialFile, Requirement, Submission
from tests import media
from tests.conftest import consume
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(ciep21):
    user = UserFactory(unit__name_zh="深圳市科学技术协会")
    return user


def requirement(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


@pytest.fixture
def frozen_before_deadlines(settings, monkeypatch):
    """The 21st CIEP's deadlines lie in 2023: the tests act on 2023-03-20, before them."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post_poster(client, poster: bytes, source: bytes, **extra):
    return client.post(
        reverse("submissions:requirement", args=[requirement("poster").pk]),
        {
            "title": "第二十一届大会主视觉",
            "main": upload("主视觉.jpg", poster),
            "source": upload("主视觉.psd", source),
            **extra,
        },
    )


def test_a_poster_999_px_wide_is_refused_at_once_with_width_and_limit(
    client, liaison, frozen_before_deadlines
):
    client.force_login(liaison)
    response = post_poster(client, media.jpeg(999, 1400), media.psd())
    page = response.content.decode()
    assert response.status_code == 400
    assert "图片宽度 999 像素" in page and "低于下限 1000 像素" in page
    assert 'value="第二十一届大会主视觉"' in page  # what was typed stays
    assert not Submission.objects.exists() and not MaterialFile.objects.exists()


def test_a_poster_1000_px_wide_passes_and_its_original_is_kept_byte_for_byte(
    client, liaison, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    poster = media.jpeg(1000, 1400, quality=95)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_poster(client, poster, media.psd())
    assert response.status_code == 302
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.IN_REVIEW
    main = item.files.get(role="main")
    assert main.check_status == "passed"
    assert main.facts["image"]["width"] == 1000
    with main.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == hashlib.sha256(poster).hexdigest()
    assert main.original_name == "主视觉.jpg"
    assert main.preview  # a separate file
    page = client.get(response.url).content.decode()
    assert "图片宽度 1000 像素，符合不少于 1000 像素的要求" in page


def test_a_poster_needs_its_design_source_and_the_source_is_checked_by_content(
    client, liaison, frozen_before_deadlines
):
    client.force_login(liaison)
    response = client.post(
        reverse("submissions:requirement", args=[requirement("poster").pk]),
        {
            "main": upload("poster.jpg", media.jpeg(1200, 1600)),
            "source": upload("poster.psd", media.jpeg(10, 10)),
        },
    )
    page = response.content.decode()
    assert "文件实际类型为 JPEG 图片" in page
    assert "Photoshop 源文件（PSD）" in page


def test_an_empty_press_release_names_every_missing_part_at_once(
    client, liaison, frozen_before_deadlines
):
    """The Word file was asked for only in a second round, after the texts were right."""
    client.force_login(liaison)
    press = requirement("press_release")
    response = client.post(reverse("submissions:requirement", args=[press.pk]), {})
    assert response.status_code == 400
    summary = response.content.decode().split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "请上传新闻稿件 Word 文档。" in summary
    assert summary.count("<li>") >= 2  # the texts too, in the same answer
    assert not Submission.objects.filter(requirement=press).exists()


def test_a_recompressed_jpeg_passes_with_a_warning_for_the_reviewer(
    client, liaison, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        post_poster(client, media.jpeg(1600, 1200, quality=60), media.psd())
    main = MaterialFile.objects.get(role="main")
    assert main.check_status == "warned"
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW
    warning = main.verdicts.get(code="image_min_jpeg_quality")
    assert warning.verdict == "warn" and 55 <= warning.params["quality"] <= 65


def video_item(client, activity, path, name="宣传片.mp4", declared=True):
    data = {"title": "大会宣传片", "main": upload(name, path.read_bytes())}
    if declared:
        data["declared"] = "on"
    return client.post(
        reverse("submissions:requirement", args=[requirement("video").pk])
        + f"?activity={activity.pk}",
        data,
    )


@pytest.fixture
def activity(liaison, ciep21):
    return ActivityFactory(unit=liaison.unit, section=ciep21.sections.get(code="exhibition"))


@pytest.mark.parametrize(
    ("seconds", "status", "message"),
    [
        (480, "passed", "视频时长 8分钟，未超过上限 8分钟"),
        (481, "failed", "视频时长 8分01秒，超过上限 8分钟"),
    ],
)
def test_video_duration_at_the_edge(
    client,
    liaison,
    activity,
    tmp_path,
    frozen_before_deadlines,
    django_capture_on_commit_callbacks,
    seconds,
    status,
    message,
):
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=seconds)
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = video_item(client, activity, path)
    assert response.status_code == 302
    video = MaterialFile.objects.get()
    assert video.check_status == status
    page = client.get(response.url).content.decode()
    assert message in page
    expected = SubmissionStatus.IN_REVIEW if status == "passed" else SubmissionStatus.FAILED
    assert Submission.objects.get().status == expected


def test_portrait_phone_video_720_wide_passes_720p(
    client, liaison, activity, tmp_path, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    path = media.video(
        tmp_path / "p.mov", width=1280, height=720, seconds=3, container="mov", rotation=90
    )
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        video_item(client, activity, path, name="竖屏.mov")
    verdict = MaterialFile.objects.get().verdicts.get(code="video_min_short_side")
    assert verdict.verdict == "pass"
    assert verdict.params["width"] == 720 and verdict.params["height"] == 1280


def test_an_mkv_named_mp4_is_refused_saying_what_it_is(
    client, liaison, activity, tmp_path, frozen_before_deadlines
):
    path = media.video(tmp_path / "v.mkv", width=1280, height=720, seconds=2, container="mkv")
    client.force_login(liaison)
    page = video_item(client, activity, path, name="宣传片.mp4").content.decode()
    assert "文件实际类型为 MKV 视频，此处只接受 M4V 视频、MOV（QuickTime）视频、MP4 视频" in page


def test_the_video_declaration_is_required_and_recorded(
    client, liaison, activity, tmp_path, frozen_before_deadlines
):
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=2)
    client.force_login(liaison)
    response = video_item(client, activity, path, declared=False)
    assert response.status_code == 400 and not Submission.objects.exists()
    video_item(client, activity, path)
    item = Submission.objects.get()
    assert item.declared_by == liaison and item.declared_at == frozen_before_deadlines


def test_pictures_are_due_five_working_days_before_the_activity(
    client, liaison, activity, tmp_path
):
    # The activity starts 2023-04-15: due 2023-04-10 23:59:59; now is the real clock (later).
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=2)
    client.force_login(liaison)
    page = video_item(client, activity, path).content.decode()
    assert "2023-04-10 23:59（北京时间 UTC+08:00）" in page
    assert not Submission.objects.exists()


def test_one_interview_guest_per_unit(client, liaison, frozen_before_deadlines):
    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[requirement("interview_guest").pk])
    data = {
        "name": "王教授",
        "position": "院士",
        "organization": "某大学",
        "biography": "简介",
        "topics": "人才",
        "contact": "13800000000",
    }
    first = client.post(url, {**data, "photo": upload("p.jpg", media.jpeg(1200, 1600))})
    assert first.status_code == 302
    second = client.post(url, {**data, "photo": upload("p.jpg", media.jpeg(1200, 1600))})
    assert Submission.objects.count() == 1
    assert second.status_code == 400
    assert "“采访嘉宾”每个单位只能提交 1 份" in second.content.decode()


def test_another_units_item_and_files_are_not_found(
    client, liaison, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        post_poster(client, media.jpeg(1200, 1600), media.psd())
    item, main = Submission.objects.get(), MaterialFile.objects.get(role="main")
    client.force_login(UserFactory())
    for url in (
        reverse("submissions:item", args=[item.pk]),
        reverse("submissions:item_checks", args=[item.pk]),
        reverse("submissions:file_download", args=[main.pk]),
        reverse("submissions:file_preview", args=[main.pk]),
    ):
        response = client.get(url)
        consume(response)
        assert response.status_code == 404, url


def test_downloads_are_named_publicity_section_unit(
    client, liaison, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        post_poster(client, media.jpeg(1200, 1600), media.psd())
    main = MaterialFile.objects.get(role="main")
    response = client.get(reverse("submissions:file_download", args=[main.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    disposition = response["Content-Disposition"]
    consume(response)
    assert disposition.startswith("attachment")
    from urllib.parse import unquote

    assert "宣传-综合-深圳市科学技术协会-主视觉海报.jpg" in unquote(disposition)


def test_check_media_command_exit_codes_and_json(tmp_path, ciep21, capsys):
    import json

    from django.core.management import call_command

    good = media.video(tmp_path / "ok.mp4", width=1280, height=720, seconds=3)
    long = media.video(tmp_path / "long.mov", width=1920, height=1080, seconds=481, container="mov")
    call_command("check_media", "--rules", "video", str(good))
    assert "✓ 视频时长" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_media", "--rules", "video", "--json", str(good), str(long))
    assert exit_info.value.code == 1
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["passed"] for r in reports] == [True, False]
    assert reports[1]["facts"]["video"]["duration_seconds"] == pytest.approx(481, abs=0.1)
    duration = next(o for o in reports[1]["outcomes"] if o["rule"] == "video_max_duration")
    assert duration["message"] == "视频时长 8分01秒，超过上限 8分钟"


def test_viewing_figures_per_channel_are_due_one_working_day_after_the_stream(
    client, liaison, ciep21
):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    beijing = ZoneInfo("Asia/Shanghai")
    stream = ActivityFactory(
        unit=liaison.unit,
        section=ciep21.sections.get(code="exhibition"),
        starts_at=dt.datetime(2023, 4, 28, 14, tzinfo=beijing),
        ends_at=dt.datetime(2023, 4, 28, 18, tzinfo=beijing),
    )
    figures = requirement("live_figures")
    url = reverse("submissions:requirement", args=[figures.pk]) + f"?activity={stream.pk}"
    client.force_login(liaison)
    assert "2023-05-04 23:59（北京时间 UTC+08:00）" in client.get(url).content.decode()
    rows = {
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-platform": "视频号",
        "rows-0-views": "12000",
        "rows-0-peak_viewers": "830",
        "rows-1-platform": "抖音",
        "rows-1-views": "十二万",
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: dt.datetime(2023, 5, 4, 20, tzinfo=beijing))
        bad = client.post(url, rows)
        assert bad.status_code == 400 and "输入整数" in bad.content.decode()
        assert 'value="视频号"' in bad.content.decode()
        rows["rows-1-views"] = "120000"
        assert client.post(url, rows).status_code == 302
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.IN_REVIEW
    assert [r["views"] for r in item.data["rows"]] == [12000, 120000]


@pytest.mark.parametrize(
    ("poster", "message"),
    [
        (media.png_bomb(), "图片为 4 亿像素（上限 1 亿像素）"),
        (b"", "文件为空（0 字节）"),
        # Coded 1200×900 but turned upright by EXIF orientation 6: 900 px wide as shown.
        (media.jpeg(1200, 900, orientation=6), "图片宽度 900 像素（900×1200），低于下限 1000 像素"),
        (media.html_as_jpg(), "文件实际类型为 网页（HTML）"),
    ],
    ids=["decompression-bomb", "zero-bytes", "exif-rotated", "html-named-jpg"],
)
def test_bad_posters_are_refused_at_once_with_what_was_measured(
    client, liaison, frozen_before_deadlines, poster, message
):
    client.force_login(liaison)
    response = post_poster(client, poster, media.psd())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MaterialFile.objects.exists()


def test_a_truncated_video_fails_its_check_and_can_be_replaced_keeping_the_first(
    client, liaison, activity, tmp_path, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    whole = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=3)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(media.truncated(whole.read_bytes(), 0.5))
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = video_item(client, activity, cut, name="断网.mp4")
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.FAILED
    assert "视频文件不完整" in client.get(response.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            response.url, {"title": "大会宣传片", "main": upload("完整.mp4", whole.read_bytes())}
        )
    item.refresh_from_db()
    assert item.status == SubmissionStatus.IN_REVIEW
    versions = list(
        item.files.order_by("version").values_list("version", "is_current", "check_status")
    )
    assert versions == [(1, False, "failed"), (2, True, "passed")]


def test_an_h5_qr_verdict_is_checked_again_when_the_link_is_edited(
    client, liaison, activity, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    """Issue 14.6: the QR verdict stayed "pass" after the link was changed."""
    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[requirement("h5").pk])
    link = "https://h5.example.cn/ciep21"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url + f"?activity={activity.pk}",
            {
                "activity": activity.pk,
                "title": "大会H5",
                "h5_url": link,
                "qr": upload("二维码.png", media.qr_png(link)),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Submission.objects.get()
    qr = item.files.get(role="qr")
    assert qr.verdicts.get(code="qr_target").verdict == "pass"
    assert item.status == SubmissionStatus.IN_REVIEW

    edit = reverse("submissions:item", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"title": "大会H5", "h5_url": "https://h5.example.cn/other"})
    assert response.status_code == 302
    qr.refresh_from_db()
    item.refresh_from_db()
    assert qr.verdicts.get(code="qr_target").verdict == "fail"
    assert item.status == SubmissionStatus.FAILED
    page = client.get(edit).content.decode()
    assert "https://h5.example.cn/other" in page

    # Back to the link the picture holds: the verdict passes again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"title": "大会H5", "h5_url": link})
    qr.refresh_from_db()
    item.refresh_from_db()
    assert qr.verdicts.get(code="qr_target").verdict == "pass"
    assert item.status == SubmissionStatus.IN_REVIEW


def live_stream_post(activity, **extra):
    return {
        "activity": activity.pk,
        "platform": "视频号",
        "channels": "抖音、微博",
        "stream_name": "海归人才对接会直播",
        "starts_at": "2023-04-16T18:00",
        "ends_at": "2023-04-16T21:30",
        "intro": "海归人才与用人单位现场对接。",
        "agenda": "18:00 开场；19:00 对接",
        "push_url": "rtmp://push.example.cn/live/ciep",
        "cover": upload("封面.jpg", media.jpeg(1920, 1080)),
        "source": upload("封面.psd", media.psd()),
        **extra,
    }


def test_a_live_stream_owes_figures_for_every_channel_by_the_first_working_day_after_it(
    client, liaison, ciep21, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    """Issue 14.2: figures were optional and never late; they are owed for every stream,
    counted from the stream's own end (Sunday evening → Monday 23:59:59), not the activity's
    (it runs to Monday 04-17, which would give Tuesday)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from submissions.selectors.matrix import matrix
    from submissions.selectors.unit_dashboard import State, unit_dashboard
    from units.models import Unit

    beijing = ZoneInfo("Asia/Shanghai")
    activity = ActivityFactory(
        unit=liaison.unit,
        name="海归人才对接会",
        section=ciep21.sections.get(code="recruitment"),
        starts_at=dt.datetime(2023, 4, 15, 9, tzinfo=beijing),
        ends_at=dt.datetime(2023, 4, 17, 17, tzinfo=beijing),
    )
    figures = requirement("live_figures")
    publicity = figures.call

    def figures_rows(now):
        return [
            r
            for b in unit_dashboard(liaison.unit, ciep21, now=now)
            for r in b.rows
            if r.requirement == figures
        ]

    def figures_cell(now):
        requirements, rows = matrix(publicity, Unit.objects.filter(pk=liaison.unit.pk), now=now)
        return rows[0].cells[requirements.index(figures)]

    # No stream announced: nothing owed.
    assert figures_rows(frozen_before_deadlines) == []
    assert figures_cell(frozen_before_deadlines) is None

    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[requirement("live_stream").pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?activity={activity.pk}", live_stream_post(activity))
    assert response.status_code == 302, response.content.decode()[-3000:]

    due = dt.datetime(2023, 4, 17, 23, 59, 59, tzinfo=beijing)
    (row,) = figures_rows(frozen_before_deadlines)
    assert row.deadline.due_at == due and row.state == State.MISSING
    cell = figures_cell(dt.datetime(2023, 4, 17, 23, 0, tzinfo=beijing))
    assert cell.state == State.MISSING and cell.deadline.due_at == due
    assert figures_cell(dt.datetime(2023, 4, 18, 0, 0, 1, tzinfo=beijing)).state == State.LATE

    # The form asks for every channel, and names those missing.
    page_url = reverse("submissions:requirement", args=[figures.pk]) + f"?activity={activity.pk}"
    page = client.get(page_url).content.decode()
    assert "2023-04-17 23:59（北京时间 UTC+08:00）" in page
    assert 'value="视频号"' in page and 'value="抖音"' in page and 'value="微博"' in page
    rows = {
        "activity": activity.pk,
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "1",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-platform": "视频号",
        "rows-0-views": "12000",
        "rows-1-platform": "抖音",
        "rows-1-views": "8000",
    }
    refused = client.post(page_url, rows)
    assert refused.status_code == 400
    assert "请提供每个直播渠道的观看数据，尚缺：微博。" in refused.content.decode()
    rows.update({"rows-TOTAL_FORMS": "3", "rows-2-platform": "微博", "rows-2-views": "3000"})
    assert client.post(page_url, rows).status_code == 302
    (row,) = figures_rows(frozen_before_deadlines)
    assert row.state == State.IN_REVIEW


def press_release_post(**extra):
    return {
        "section_intro": "板块简介",
        "organizations": "主办单位",
        "activity_time": "2023-04-15",
        "programme": "活动安排",
        "highlights": "亮点特色",
        "main": upload("新闻稿.docx", media.docx(["第二十一届大会新闻稿。"])),
        **extra,
    }


def test_a_unit_running_two_sections_sends_a_press_release_for_each_foldered_by_section(
    client, liaison, ciep21, frozen_before_deadlines, django_capture_on_commit_callbacks
):
    """Issue 14.1: per-section materials were unit-level ("宣传-综合-单位", "按板块" showed —)."""
    from accounts.roles import ORGANIZER
    from submissions.selectors.unit_dashboard import unit_dashboard

    exhibition = ciep21.sections.get(code="exhibition")
    recruitment = ciep21.sections.get(code="recruitment")
    liaison.unit.sections.add(exhibition, recruitment)
    press = requirement("press_release")
    rows = [
        r for b in unit_dashboard(liaison.unit, ciep21) for r in b.rows if r.requirement == press
    ]
    assert [r.section for r in rows] == [exhibition, recruitment]
    client.force_login(liaison)
    dashboard = client.get(reverse("submissions:dashboard")).content.decode()
    assert "板块：展览洽谈" in dashboard and "板块：人才招聘" in dashboard

    url = reverse("submissions:requirement", args=[press.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for section in (exhibition, recruitment):
            response = client.post(f"{url}?section={section.pk}", press_release_post())
            assert response.status_code == 302, response.content.decode()[-2000:]
    # One per section: a second for the same section is refused only if the call says so;
    # here the rows are both sent.
    assert {s.section for s in Submission.objects.filter(requirement=press)} == {
        exhibition,
        recruitment,
    }
    rows = [
        r for b in unit_dashboard(liaison.unit, ciep21) for r in b.rows if r.requirement == press
    ]
    assert [r.state for r in rows] == ["in_review", "in_review"]
    # Without a section in the address the form asks which one.
    page = client.get(url).content.decode()
    assert 'name="section"' in page
    # A section the committee did not give the unit is not found.
    other = ciep21.sections.get(code="forums")
    assert client.get(f"{url}?section={other.pk}").status_code == 404

    main = MaterialFile.objects.get(submission__section=recruitment, role="main")
    response = client.get(reverse("submissions:file_download", args=[main.pk]))
    consume(response)
    from urllib.parse import unquote

    assert "宣传-人才招聘-深圳市科学技术协会-新闻稿件.docx" in unquote(
        response["Content-Disposition"]
    )

    # An activity may only lie in one of the unit's sections.
    refused = client.post(
        reverse("submissions:activities"),
        {
            "name": "论坛",
            "section": other.pk,
            "starts_at": "2023-04-15T09:00",
            "ends_at": "2023-04-15T12:00",
        },
    )
    assert refused.status_code == 400

    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    home = client.get(reverse("admin:index")).content.decode()
    assert "展览洽谈：<strong>1</strong>" in home and "人才招聘：<strong>1</strong>" in home


def test_guidance_states_the_requirements_own_deadline_from_data(
    client, liaison, frozen_before_deadlines
):
    """Issue 14.8: guidance hard-coded "3月22日（星期三）上午12:00前" beside a computed deadline."""
    from submissions.services.deadlines import grant_extension
    from tests.factories import beijing

    press = requirement("press_release")
    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[press.pk])
    guidance = "前期预热新闻稿请于2023-03-22 12:00（北京时间 UTC+08:00）前提交。"
    page = client.get(url).content.decode()
    assert guidance in page and "3月22日" not in page and "{截止时间}" not in page
    grant_extension(
        requirement=press,
        unit=liaison.unit,
        due_at=beijing(2023, 3, 24, 18),
        reason="",
        granted_by=None,
    )
    page = client.get(url).content.decode()
    assert "前期预热新闻稿请于2023-03-24 18:00（北京时间 UTC+08:00）前提交。" in page
    guest = requirement("interview_guest")
    page = client.get(reverse("submissions:requirement", args=[guest.pk])).content.decode()
    assert "请于2023-04-07 11:00（北京时间 UTC+08:00）前提交。" in page and "4月7日" not in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("submissions:requirement", args=[guest.pk])).content.decode()
    assert "by 2023-04-07 11:00 (Beijing time, UTC+08:00)." in page


def test_each_file_states_the_limits_it_is_checked_against(
    client, liaison, frozen_before_deadlines
):
    """The poster's hint said "水平像素不低于通知要求" (no number); the rules are data, stated
    beside each file they measure (and written 1000, not "1E+3")."""
    client.force_login(liaison)
    page = client.get(reverse("submissions:requirement", args=[requirement("poster").pk]))
    rules = [part.split("</div>", 1)[0] for part in page.content.decode().split('file-rules">')[1:]]
    assert len(rules) == 2  # the poster and its design source
    assert "图片水平像素不少于（像素） 1000" in rules[0]
    assert "像素" not in rules[1] and "文件大小不超过（MB） 200" in rules[1]
