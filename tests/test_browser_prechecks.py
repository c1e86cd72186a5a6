"""The browser applies the requirement's rules before a byte is sent, and agrees with the server.

Real and generated files are chosen in the video and poster forms of a liaison's page in
headless Chromium. The page measures what the browser can (static/js/prechecks.js) and either
refuses the file at once or starts its upload. The same files are checked as the worker checks
them (``measure_stream`` with the requirement's rules and accepted types). Wherever the browser
could measure, the two give the same failures in the same words; where it could not (a codec
Chromium lacks, a TIFF), the browser lets the file through and the server decides.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.models.files import Verdict
from submissions.services.checks import measure_stream
from submissions.services.files import accepted_for, rules_for
from tests import media
from tests.browser import shot
from tests.factories import ActivityFactory, UserFactory
from tests.test_browser_flows import (  # noqa: F401 - open_calls is a fixture
    BEIJING,
    CSP_REPORT,
    console_of,
    known_calendar_through,
    log_in,
    open_calls,
    publicity,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORPUS = media.CORPUS
# What decides each file's verdict in the browser: "video" or "image" (the browser measures
# it itself, and its measure must equal the worker's), TYPE (the first bytes, typed by the
# server), or LEFT_TO_SERVER (the browser cannot measure it: its failures, if any, must be
# among the server's, which decides after the upload).
TYPE = "type"
LEFT_TO_SERVER = "server"
VIDEOS = [
    (CORPUS / "h264-aac-simple.mp4", "video"),  # 240p
    (CORPUS / "h264-rotate-and-reflect-location.mp4", "video"),  # 720×1080 as shown
    (CORPUS / "edit-list-bframes-video-only.mp4", "video"),  # 576p
    (CORPUS / "truncated-mdat-too-long.mp4", "video"),  # complete: passes
    (CORPUS / "vp9-opus-1s.webm", TYPE),
    (CORPUS / "h263-amr-176x144.3gp", TYPE),
    (CORPUS / "document.docx", TYPE),
    (CORPUS / "fmp4-init-only-no-samples.mp4", TYPE),  # 715 B: the first bytes are all of it
    (CORPUS / "phone-iphone14pro-hevc-dolbyvision-rot90.mov", LEFT_TO_SERVER),  # HEVC
]
PICTURES = [
    (CORPUS / "camera-london.jpg", "image"),
    (CORPUS / "png-rgba-alpha.png", "image"),
    (CORPUS / "webp-exif-orientation-6.webp", "image"),
    (CORPUS / "exif-orientation-landscape-6.jpg", "image"),  # 1800 wide after turning
    (CORPUS / "heic-still-photo.heic", TYPE),
    (CORPUS / "svg-minimal.svg", TYPE),
    (CORPUS / "tiff-g4-orientation-6.tif", LEFT_TO_SERVER),  # Chromium shows no TIFF
]


def server_check(requirement, role: str, path: Path):
    """What the worker measures and which failures it finds."""
    with path.open("rb") as handle:
        measured = measure_stream(
            handle,
            rules=rules_for(requirement, role),
            role=role,
            size=path.stat().st_size,
            accepted=accepted_for(requirement, role),
            previews=False,
        )
    failures = [o.message for o in measured.outcomes if o.verdict == Verdict.FAIL]
    return measured.facts, failures


def browser_check(page, selector: str, path: Path) -> tuple[dict, list[str]]:
    """What the page measured of the file, and the failures it shows ([] once uploaded)."""
    page.set_input_files(selector, str(path))
    row = page.locator(".resumable-upload").last
    row.locator(".small.mt-1:not(:empty)").wait_for(timeout=60_000)
    measured = json.loads(row.get_attribute("data-measured") or "{}")
    if row.get_attribute("data-precheck") != "refused":
        return measured, []
    lines = row.locator(".small.mt-1").inner_text().splitlines()
    return measured, [line for line in lines if line.strip() not in ("不予接收：", "Not accepted:")]


def same_measure(browser: dict, server: dict) -> bool:
    """The browser's picture or video size (and length) against the worker's facts."""
    if browser.get("image"):
        image = server.get("image") or {}
        return (browser["image"]["width"], browser["image"]["height"]) == (
            image.get("width"),
            image.get("height"),
        )
    if browser.get("video"):
        video = server.get("video") or {}
        size = (browser["video"]["width"], browser["video"]["height"])
        seconds = browser["video"]["duration"]
        return size == (video.get("display_width"), video.get("display_height")) and (
            seconds is None or abs(seconds - video["duration_seconds"]) < 0.1
        )
    return True


def check_agreement(page, requirement, selector, role, files):
    disagreements = []
    for path, kind in files:
        browser, seen = browser_check(page, selector, path)
        facts, expected = server_check(requirement, role, path)
        agrees = seen == expected if kind != LEFT_TO_SERVER else set(seen) <= set(expected)
        if kind in ("image", "video"):  # the browser must have measured it itself
            agrees = agrees and bool(browser.get(kind)) and same_measure(browser, facts)
        if not agrees:
            disagreements.append((path.name, browser, seen, expected))
    assert disagreements == []


@pytest.mark.usefixtures("open_calls")
def test_the_browser_refuses_what_the_server_would_before_sending_it(page, live_server, tmp_path):
    reports = console_of(page)
    liaison = UserFactory(username="gd_liaison", unit__name_zh="广东省科学技术厅")
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=60), BEIJING)
    known_calendar_through(starts.date())
    activity = ActivityFactory(
        unit=liaison.unit,
        section=publicity("video").call.edition.sections.get(code="exhibition"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=8),
    )
    long_video = media.video(tmp_path / "宣传片.mp4", width=1920, height=1080, seconds=492)
    small_poster = tmp_path / "主视觉.jpg"
    small_poster.write_bytes(media.jpeg(999, 1400))
    log_in(page, live_server, "gd_liaison")
    page.wait_for_url("**/dashboard/")

    video = publicity("video")
    page.goto(
        live_server.url
        + reverse("submissions:requirement", args=[video.pk])
        + f"?activity={activity.pk}"
    )
    # A video 8分12秒 long is refused as soon as it is chosen, in the server's words.
    measured, failures = browser_check(page, "input[name=main]", long_video)
    assert failures == ["视频时长 8分12秒，超过上限 8分钟"]
    assert measured["video"]["width"] == 1920 and round(measured["video"]["duration"]) == 492
    shot(page, "precheck-video-too-long")
    check_agreement(page, video, "input[name=main]", "main", VIDEOS)

    poster = publicity("poster")
    page.goto(live_server.url + reverse("submissions:requirement", args=[poster.pk]))
    measured, failures = browser_check(page, "input[name=main]", small_poster)
    assert failures == ["图片宽度 999 像素（999×1400），低于下限 1000 像素；请提供原图，勿压缩"]
    assert measured["image"] == {"width": 999, "height": 1400}
    shot(page, "precheck-poster-too-narrow")
    check_agreement(page, poster, "input[name=main]", "main", PICTURES)
    assert [r for r in reports if CSP_REPORT in r] == []  # no inline script, nothing blocked
