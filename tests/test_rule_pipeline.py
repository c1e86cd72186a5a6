"""The rule pipeline's own promises (issue 17), beyond the corpus test's agreement of paths."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.roles import ORGANIZER
from exhibitors.services.uploads import check_picture
from inspection import images
from inspection.sniff import sniff
from submissions.kinds import RuleCode, Severity
from submissions.models import MaterialFile, Requirement, RequirementRule, Submission
from submissions.rules import Limit, Outcome, judge
from submissions.services.files import store_file
from tests import media
from tests.factories import UserFactory


def test_a_rule_that_could_not_be_measured_is_not_a_pass():
    rules = [Limit(RuleCode.VIDEO_MAX_DURATION, 480), Limit(RuleCode.VIDEO_MIN_SHORT_SIDE, 720)]
    facts = {"size": 10, "type": "mp4", "video": {"short_side": 720, "display_width": 1280,
             "display_height": 720, "duration_seconds": None}}  # fmt: skip
    outcomes = judge(rules, facts, accepted={"mp4"})
    assert [(o.code, o.verdict) for o in outcomes] == [
        ("file_type", "pass"),
        (RuleCode.VIDEO_MIN_SHORT_SIDE, "pass"),
        ("rule_unmeasured", "warn"),
    ]
    assert outcomes[-1].message == "未能测得“视频时长不超过（秒）”，组委会将人工核对"
    # The request measures only part: what it has not measured is not held against the file.
    partial = judge(rules, {"size": 10, "type": "mp4"}, accepted={"mp4"}, complete=False)
    assert [o.code for o in partial] == ["file_type"]


def test_a_file_of_another_type_gets_that_one_verdict():
    rules = [Limit(RuleCode.IMAGE_MIN_WIDTH, 1000)]
    outcomes = judge(rules, {"size": 10, "type": "mkv"}, accepted={"mp4", "m4v", "mov"})
    assert [(o.code, o.verdict) for o in outcomes] == [("file_type", "fail")]
    assert outcomes[0].params == {"detected": "mkv", "allowed": ["m4v", "mov", "mp4"]}


def test_pixels_and_short_durations_are_said_as_people_say_them():
    bomb = Outcome("image_bomb", "fail", {"pixels": 280_000_000, "limit": 100_000_000})
    assert bomb.message.startswith("图片为 2.8 亿像素（上限 1 亿像素）")
    with translation.override("en"):
        assert "has 280 million pixels (limit 100 million pixels)" in bomb.message
    short = Outcome(RuleCode.VIDEO_MAX_DURATION, "pass", {"seconds": 0.3, "limit": 480})
    assert short.message == "视频时长 0.3 秒，未超过上限 8分钟"


def test_width_after_tiff_orientation_is_one_measure_in_request_and_worker():
    data = (media.CORPUS / "tiff-g4-orientation-6.tif").read_bytes()
    header = images.probe_image(io.BytesIO(data))
    decoded, _preview = images.verify_image(io.BytesIO(data))
    assert (header.width, header.height) == (decoded.width, decoded.height) == (590, 88)


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (media.zip_with_pdf_marker(), "zip"),
        (media.html_with_pdf_comment(), "html"),
        (b"garbage" + media.pdf(), "unknown"),
    ],
)
def test_the_signature_at_offset_zero_decides(data, detected):
    assert sniff(io.BytesIO(data)).type == detected


def test_a_pdf_that_is_also_a_zip_is_both():
    found = sniff(io.BytesIO(media.pdf_that_is_a_zip()))
    assert (found.type, found.also) == ("pdf", "zip")
    assert sniff(io.BytesIO(media.pdf())).also is None


def test_exhibitors_are_told_to_export_a_heic_photo_as_jpeg():
    heic = (media.CORPUS / "heic-still-photo.heic").read_bytes()
    upload = SimpleUploadedFile("展位照片.heic", heic)
    with pytest.raises(Exception) as refused:
        check_picture(upload, min_width=1000, max_mb=20)
    assert "展位照片.heic：HEIC 照片不在接受范围内，请导出为 JPEG 后上传" in refused.value.messages


def test_the_admin_rechecks_files_against_a_changed_rule(
    client, ciep21, django_capture_on_commit_callbacks
):
    liaison = UserFactory(unit__name_zh="深圳市科学技术协会")
    poster = Requirement.objects.get(call__code="publicity", call__edition=ciep21, code="poster")
    submission = Submission.objects.create(
        requirement=poster, unit=liaison.unit, created_by=liaison, status="checking"
    )
    data = media.jpeg(1200, 1600)
    with django_capture_on_commit_callbacks(execute=True):
        material = store_file(
            submission=submission,
            role="main",
            upload=SimpleUploadedFile("poster.jpg", data),
            sniffed=sniff(io.BytesIO(data)),
            by=liaison,
        )
    material.refresh_from_db()
    assert material.check_status == "passed"
    changed = RequirementRule.objects.filter(requirement=poster, code=RuleCode.IMAGE_MIN_WIDTH)
    assert changed.update(value=1500, severity=Severity.FAIL) == 1

    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:submissions_submission_changelist"),
            {"action": "recheck_files", "_selected_action": [submission.pk]},
            follow=True,
        )
    assert "已安排重新检查 1 个文件。" in response.content.decode()
    material = MaterialFile.objects.get(pk=material.pk)
    assert material.check_status == "failed"
    width = material.verdicts.get(code=RuleCode.IMAGE_MIN_WIDTH)
    assert Outcome(width.code, width.verdict, width.params).message.startswith(
        "图片宽度 1200 像素（1200×1600），低于下限 1500 像素"
    )
    # An item already in review stays there: the organizer reads the new verdict and decides.
    assert Submission.objects.get(pk=submission.pk).status == "in_review"


def test_the_page_carries_the_rules_and_judges_what_the_browser_measured(
    client, ciep21, monkeypatch
):
    import base64
    import datetime as dt
    import json
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    before_deadlines = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: before_deadlines)

    liaison = UserFactory(unit__name_zh="深圳市科学技术协会")
    poster = Requirement.objects.get(call__code="publicity", call__edition=ciep21, code="poster")
    client.force_login(liaison)
    page = client.get(reverse("submissions:requirement", args=[poster.pk])).content.decode()
    assert "image_min_width" in page and "1000.00" in page  # data-rules, from the rule rows
    precheck = reverse("submissions:requirement_precheck", args=[poster.pk])
    head = media.jpeg(999, 1400)[:4096]
    measured = {"role": "main", "size": 300_000, "head": base64.b64encode(head).decode()}
    measured["image"] = {"width": 999, "height": 1400}
    answer = client.post(precheck, json.dumps(measured), content_type="application/json").json()
    assert [(o["code"], o["verdict"]) for o in answer["outcomes"]] == [
        ("file_type", "pass"),
        (RuleCode.IMAGE_MIN_WIDTH, "fail"),
        (RuleCode.FILE_MAX_BYTES, "pass"),
    ]
    assert answer["outcomes"][1]["message"].startswith("图片宽度 999 像素（999×1400）")
    # A HEIC named .jpg is told what it is from its first bytes alone.
    heic = (media.CORPUS / "heic-still-photo.heic").read_bytes()
    measured = {
        "role": "main",
        "size": len(heic) * 100,
        "head": base64.b64encode(heic[:4096]).decode(),
    }
    answer = client.post(precheck, json.dumps(measured), content_type="application/json").json()
    assert answer["outcomes"][0]["message"] == "HEIC 照片不在接受范围内，请导出为 JPEG 后上传"
    bad = client.post(precheck, "not json", content_type="application/json")
    assert bad.status_code == 400


@pytest.mark.parametrize("name", ["../../evil.psd", "/etc/evil.psd", "C:/evil.psd"])
def test_a_design_archive_member_outside_its_folder_is_refused(name):
    from inspection.errors import MediaError
    from inspection.types import check_design_zip

    archive = media.zip_of({"poster.psd": media.psd(), name: media.psd()})
    with pytest.raises(MediaError) as refused:
        check_design_zip(io.BytesIO(archive))
    assert (refused.value.code, refused.value.params) == ("zip_unsafe_name", {"name": name})
    assert check_design_zip(io.BytesIO(media.zip_of({"a/poster.psd": media.psd()}))) == {
        "a/poster.psd": "psd"
    }
