"""One verdict per file, whoever checks it: the form, the worker and ``check_media``.

Real files from public repositories (``tests/corpus``, sources and licences in its MANIFEST)
and generated edge cases, each with the verdict the notice wants. Every file goes through
the three paths; the test fails if any two disagree:

- the form (``POST`` to the requirement's page, as a liaison): refused at once with messages,
  or accepted and then checked by the worker after the commit;
- the worker on the stored file, whatever the form said (an organizer's re-check, a file that
  reached storage another way);
- ``manage.py check_media --json``.
"""

import csv
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inspection.sniff import sniff
from submissions.models import MaterialFile, Requirement, Submission
from submissions.models.files import CheckStatus
from submissions.rules import Outcome
from submissions.services.files import store_file
from tests import media
from tests.factories import ActivityFactory, UserFactory

CORPUS = Path(__file__).resolve().parent / "corpus"
with (CORPUS / "MANIFEST.tsv").open() as manifest:
    MANIFEST = list(csv.DictReader(manifest, delimiter="\t"))
STATUS_VERDICT = {
    CheckStatus.PASSED: "pass",
    CheckStatus.WARNED: "warn",
    CheckStatus.FAILED: "fail",
}
TYPE_VIDEO = "此处只接受 M4V 视频、MOV（QuickTime）视频、MP4 视频"
TYPE_PICTURE = "此处只接受 BMP 图片、JPEG 图片、PNG 图片、TIFF 图片、WebP 图片"
NO_MEDIA = "视频文件中没有媒体数据"


@dataclass(frozen=True)
class Case:
    """A file, where it is sent (the video, the poster or the poster's design source), the
    verdict the notice wants and a message the unit must read."""

    source: object  # a corpus file name, or a function of a folder writing the file
    slot: str
    verdict: str
    message: str


def generated(name: str, make):
    """A generated file: ``make`` returns its bytes, or writes it to the path it is given."""

    def write(folder: Path) -> Path:
        path = folder / name
        made = make(path)
        if isinstance(made, bytes):
            path.write_bytes(made)
        return path

    write.__name__ = name
    return write


CASES = {
    # Videos (notice 000 item 5: MP4, M4V or MOV, at least 720p, at most 8 minutes).
    "iphone-dolby-vision-rotated": Case(
        "phone-iphone14pro-hevc-dolbyvision-rot90.mov",
        "video",
        "pass",
        "视频分辨率 720×1280（720p），符合不低于 720p 的要求",
    ),
    "rotate-and-reflect": Case(
        "h264-rotate-and-reflect-location.mp4", "video", "pass", "视频时长 1.1 秒"
    ),
    "mdat-8-bytes-long": Case(
        "truncated-mdat-too-long.mp4", "video", "pass", "视频分辨率 1080×720（720p）"
    ),
    "fragmented": Case("fragmented-h264-aac.mp4", "video", "pass", "视频时长 1.1 秒"),
    "av1": Case("av1-sample.mp4", "video", "pass", "视频分辨率 1080×720（720p）"),
    "vvc": Case("vvc-h266-2s.mp4", "video", "pass", "视频时长 2秒，未超过上限 8分钟"),
    "init-segment": Case("fmp4-init-only-no-samples.mp4", "video", "fail", NO_MEDIA),
    "init-segment-with-location": Case(
        "fmp4-init-hevc-aac-loci-location.mp4", "video", "fail", NO_MEDIA
    ),
    "empty-mdat": Case("mp4-tiny-empty-mdat.mp4", "video", "fail", "文件中没有视频画面"),
    "240p": Case(
        "h264-aac-simple.mp4", "video", "fail", "视频分辨率 320×240（240p），低于下限 720p"
    ),
    "576p-edit-list": Case("edit-list-bframes-video-only.mp4", "video", "fail", "（576p）"),
    "3gp": Case("h263-amr-176x144.3gp", "video", "fail", f"文件实际类型为 3GP 视频，{TYPE_VIDEO}"),
    "webm": Case("vp9-opus-1s.webm", "video", "fail", "文件实际类型为 WebM 视频"),
    "mpeg-ts": Case("mpegts-with-155b-leading-junk", "video", "fail", "MPEG-TS 视频流"),
    "flv": Case("flv-tiny.flv", "video", "fail", "文件实际类型为 FLV（Flash）视频"),
    "wmv": Case("wmv-tiny.wmv", "video", "fail", "WMV/ASF（Windows Media）视频"),
    "avi": Case("avi-tiny.avi", "video", "fail", "文件实际类型为 AVI 视频"),
    "raw-h264": Case("raw-h264-sar-vui.264", "video", "fail", "H.264 裸码流"),
    "m4a-audio": Case("aac-lc-mono.m4a", "video", "fail", "文件实际类型为 M4A 音频"),
    "docx-as-video": Case("document.docx", "video", "fail", "文件实际类型为 Word 文档（docx）"),
    "html-as-video": Case("html5-minimal.html", "video", "fail", "文件实际类型为 网页（HTML）"),
    "utf16-title": Case(
        generated("utf16.mp4", media.video_with_utf16_title), "video", "pass", "（720p）"
    ),
    "codec-without-decoder": Case(
        generated("zzzz.mp4", media.video_of_unknown_codec),
        "video",
        "warn",
        "视频编码（未知编码）无法在平台上解码预览；分辨率和时长取自文件头",
    ),
    "header-only-quicktime": Case(
        generated("header.mov", media.header_only), "video", "fail", NO_MEDIA
    ),
    "cut-in-half": Case(
        generated(
            "cut.mp4",
            lambda path: media.truncated(
                media.video(path, width=1280, height=720, seconds=20, noise=True).read_bytes(), 0.5
            ),
        ),
        "video",
        "fail",
        "视频文件不完整",
    ),
    "0.3-seconds": Case(
        generated("short.mp4", lambda path: media.video(path, width=1280, height=720, seconds=0.3)),
        "video",
        "pass",
        "视频时长 0.3 秒，未超过上限 8分钟",
    ),
    # Posters (notice 000 item 3: at least 1000 px wide, not compressed) and their sources.
    "camera-jpeg": Case("camera-london.jpg", "poster", "pass", "图片宽度 1020 像素"),
    "motion-photo": Case("jpeg-motion-photo-pixel.jpg", "poster", "pass", "图片宽度 3024 像素"),
    "orientation-1-recompressed": Case(
        "exif-orientation-landscape-1.jpg", "poster", "warn", "图片宽度 1800 像素"
    ),
    "orientation-6-recompressed": Case(
        "exif-orientation-landscape-6.jpg", "poster", "warn", "JPEG 质量约 73，低于 75"
    ),
    "tiff-orientation-6": Case(
        "tiff-g4-orientation-6.tif", "poster", "fail", "图片宽度 590 像素（590×88）"
    ),
    "webp-orientation-6": Case(
        "webp-exif-orientation-6.webp", "poster", "fail", "图片宽度 128 像素"
    ),
    "png-small": Case("png-rgba-alpha.png", "poster", "fail", "图片宽度 200 像素（200×150）"),
    "cmyk-small": Case("cmyk.jpg", "poster", "fail", "图片宽度 100 像素"),
    "bmp-small": Case("bmp-pal8.bmp", "poster", "fail", "图片宽度 127 像素"),
    "truncated-jpeg": Case("truncated-progressive.jpg", "poster", "fail", "图片文件不完整"),
    "bomb-gif": Case("decompression-bomb.gif", "poster", "fail", f"GIF 图片，{TYPE_PICTURE}"),
    "heic": Case(
        "heic-still-photo.heic", "poster", "fail", "HEIC 照片不在接受范围内，请导出为 JPEG"
    ),
    "avif": Case("avif-8bit.avif", "poster", "fail", "AVIF 照片不在接受范围内，请导出为 JPEG"),
    "svg": Case("svg-minimal.svg", "poster", "fail", "文件实际类型为 SVG 矢量图"),
    "bmp-header-151-megapixels": Case(
        generated("bomb.bmp", lambda path: media.bmp_header(15_100, 10_000)),
        "poster",
        "fail",
        "图片为 1.5 亿像素（上限 1 亿像素）",
    ),
    "psd-source": Case("psd-rgba-small.psd", "source", "pass", "Photoshop 源文件（PSD）"),
    "pdf-source": Case("pdf-minimal.pdf", "source", "pass", "文件类型：PDF 文档"),
    "zip-with-pdf-marker": Case(
        generated("design.pdf", lambda path: media.zip_with_pdf_marker()),
        "source",
        "fail",
        "不是设计源文件",
    ),
    "html-with-pdf-comment": Case(
        generated("page.pdf", lambda path: media.html_with_pdf_comment()),
        "source",
        "fail",
        "文件实际类型为 网页（HTML）",
    ),
    "pdf-that-is-a-zip": Case(
        generated("both.pdf", lambda path: media.pdf_that_is_a_zip()),
        "source",
        "fail",
        "文件同时是 PDF 文档 和 ZIP 压缩包",
    ),
}


def test_the_corpus_is_what_its_manifest_says():
    for row in MANIFEST:
        data = (CORPUS / row["filename"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["filename"]
        assert row["licence"] and row["source_repo"] and row["commit"]
    listed = {row["filename"] for row in MANIFEST}
    on_disk = {p.name for p in CORPUS.iterdir()} - {"MANIFEST.tsv", "README.md"}
    assert listed == on_disk
    assert sum((CORPUS / name).stat().st_size for name in listed) < 4 * 1024 * 1024
    used = {case.source for case in CASES.values() if isinstance(case.source, str)}
    assert used == listed


@pytest.fixture
def liaison(ciep21):
    return UserFactory(unit__name_zh="深圳市科学技术协会")


@pytest.fixture
def frozen_before_deadlines(monkeypatch):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def requirement(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


SLOTS = {"video": ("video", "main"), "poster": ("poster", "main"), "source": ("poster", "source")}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def through_the_form(client, liaison, case: Case, path: Path, capture):
    """('refused', messages) or ('accepted', the checked file's (code, verdict, message)s)."""
    code, role = SLOTS[case.slot]
    target = reverse("submissions:requirement", args=[requirement(code).pk])
    if code == "video":
        section = requirement(code).call.edition.sections.get(code="exhibition")
        activity = ActivityFactory(unit=liaison.unit, section=section)
        target += f"?activity={activity.pk}"
        data = {"title": "宣传片", "declared": "on", "main": upload(path.name, path.read_bytes())}
    else:
        data = {"title": "主视觉", "main": upload("poster.jpg", media.jpeg(1200, 1600))}
        data["source"] = upload("source.psd", media.psd())
        data[role] = upload(path.name, path.read_bytes())
    client.force_login(liaison)
    with capture(execute=True):
        response = client.post(target, data)
    if response.status_code == 400:
        page = response.content.decode()
        errors = re.findall(r'<div class="invalid-feedback d-block">(.*?)</div>', page, re.S)
        return "refused", [html.unescape(e).removeprefix(f"{path.name}：") for e in errors]
    assert response.status_code == 302, response.content.decode()[:500]
    stored = MaterialFile.objects.filter(role=role).latest("pk")
    return "accepted", verdicts_of(stored)


def verdicts_of(material: MaterialFile) -> tuple[str, list]:
    material.refresh_from_db()
    outcomes = [
        (v.code, v.verdict, Outcome(v.code, v.verdict, v.params).message)
        for v in material.verdicts.order_by("pk")
    ]
    return STATUS_VERDICT[material.check_status], outcomes


def through_the_worker(liaison, case: Case, path: Path, capture):
    """The file stored as it is, whatever the form would say, and checked by the worker."""
    code, role = SLOTS[case.slot]
    submission = Submission.objects.create(
        requirement=requirement(code), unit=liaison.unit, created_by=liaison, status="checking"
    )
    data = path.read_bytes()
    with capture(execute=True):
        material = store_file(
            submission=submission,
            role=role,
            upload=upload(path.name, data),
            sniffed=sniff(io.BytesIO(data)),
            by=liaison,
        )
    return verdicts_of(material)


def through_check_media(case: Case, path: Path, capsys):
    code, role = SLOTS[case.slot]
    try:
        call_command("check_media", "--rules", f"publicity/{code}", "--role", role, "--json", path)
    except SystemExit as exit_info:
        assert exit_info.code == 1
    report = json.loads(capsys.readouterr().out)
    outcomes = [(o["rule"], o["verdict"], o["message"]) for o in report["outcomes"]]
    return report["verdict"], outcomes


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_form_worker_and_check_media_agree(
    case,
    client,
    liaison,
    frozen_before_deadlines,
    tmp_path,
    capsys,
    django_capture_on_commit_callbacks,
):
    path = CORPUS / case.source if isinstance(case.source, str) else case.source(tmp_path)
    capture = django_capture_on_commit_callbacks

    command_verdict, command_outcomes = through_check_media(case, path, capsys)
    worker_verdict, worker_outcomes = through_the_worker(liaison, case, path, capture)
    form_result, form_detail = through_the_form(client, liaison, case, path, capture)

    assert (command_verdict, command_outcomes) == (worker_verdict, worker_outcomes)
    assert worker_verdict == case.verdict, worker_outcomes
    messages = [message for _code, _verdict, message in worker_outcomes]
    assert any(case.message in message for message in messages), messages
    failures = [message for _code, verdict, message in worker_outcomes if verdict == "fail"]
    if form_result == "refused":
        # Refused at once: the worker would have failed it, and for the same reasons.
        assert form_detail and set(form_detail) <= set(failures), (form_detail, failures)
    else:
        assert form_detail == (worker_verdict, worker_outcomes)
