"""Serving what units upload: never from a public URL, always through a view that checks who
asks; as an attachment named by the portal unless the type is on the small inline allow-list;
``nosniff`` and a sandboxing policy on every file; nginx sends the bytes in production. Pages
carry a strict Content-Security-Policy; production settings have secure cookies and HSTS.

Who may read which file is in test_isolation; the download name of a publicity file in
test_publicity.
"""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exhibitors import services as exhibitor_services
from submissions.models import Requirement
from submissions.services.items import ItemInput, create_item
from tests import media
from tests.conftest import consume
from tests.factories import ActivityFactory, UserFactory
from tests.test_exhibitors import draft, make_exhibitor, make_organizer
from tests.test_settings import PRODUCTION, run_django

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SANDBOX = "default-src 'none'; sandbox; frame-ancestors 'none'"


@pytest.fixture
def frozen(monkeypatch):
    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def liaison(ciep21, frozen):
    return UserFactory(unit__name_zh="深圳市科学技术协会")


def publicity(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


def submit(liaison, code, uploads, *, activity=None, texts=None):
    return create_item(
        requirement=publicity(code),
        unit=liaison.unit,
        activity=activity,
        by=liaison,
        item=ItemInput(texts=texts or {"title": "主视觉"}, uploads=uploads, declared=True),
    )


@pytest.fixture
def polyglot_poster(liaison, django_capture_on_commit_callbacks):
    """A real 1200 px PNG with a web page appended: accepted, since it is a PNG."""
    poster = media.png(1200, 900) + b"<html><script>alert(document.cookie)</script></html>"
    with django_capture_on_commit_callbacks(execute=True):
        item = submit(
            liaison,
            "poster",
            {
                "main": [SimpleUploadedFile("海报.html", poster)],
                "source": [SimpleUploadedFile("海报.psd", media.psd())],
            },
        )
    return item.files.get(role="main")


def protected(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert response["Cache-Control"] == "private, no-store"


def test_uploads_have_no_public_url(client, liaison, polyglot_poster):
    client.force_login(liaison)
    for prefix in ("/media/", "/protected-media/", "/static/../var/media/"):
        response = client.get(prefix + polyglot_poster.file.name)
        assert response.status_code == 404, prefix


def test_a_download_is_an_attachment_of_no_particular_type(client, liaison, polyglot_poster):
    client.force_login(liaison)
    response = client.get(reverse("submissions:file_download", args=[polyglot_poster.pk]))
    body = consume(response)
    assert body.endswith(b"</html>")  # the original, byte for byte
    assert response["Content-Type"] == "application/octet-stream"
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment;")
    assert disposition.endswith("宣传-综合-深圳市科学技术协会-主视觉海报.png")
    protected(response)


def test_the_preview_is_the_portals_own_jpeg_never_the_original(client, liaison, polyglot_poster):
    client.force_login(liaison)
    response = client.get(reverse("submissions:file_preview", args=[polyglot_poster.pk]))
    body = consume(response)
    assert response["Content-Type"] == "image/jpeg"
    assert body.startswith(b"\xff\xd8\xff") and b"<html" not in body
    protected(response)


def test_only_videos_on_the_allow_list_are_served_inline(
    client, liaison, ciep21, polyglot_poster, tmp_path, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(unit=liaison.unit, section=ciep21.sections.get(code="exhibition"))
    clip = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=2)
    with django_capture_on_commit_callbacks(execute=True):
        video = submit(
            liaison,
            "video",
            {"main": [SimpleUploadedFile("v.mp4", clip.read_bytes())]},
            activity=activity,
            texts={"title": "宣传片"},
        ).files.get()
    client.force_login(liaison)
    response = client.get(reverse("submissions:file_stream", args=[video.pk]))
    assert response["Content-Type"] == "video/mp4"
    assert "attachment" not in response.get("Content-Disposition", "")
    protected(response)
    consume(response)
    refused = client.get(reverse("submissions:file_stream", args=[polyglot_poster.pk]))
    assert refused.status_code == 404


def test_behind_nginx_the_bytes_are_handed_over_with_x_accel_redirect(
    client, liaison, polyglot_poster, settings
):
    settings.X_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    client.force_login(liaison)
    response = client.get(reverse("submissions:file_download", args=[polyglot_poster.pk]))
    assert response["X-Accel-Redirect"] == "/protected-media/" + polyglot_poster.file.name
    assert response.content == b""
    assert response["Content-Type"] == "application/octet-stream"
    assert unquote(response["Content-Disposition"]).startswith("attachment;")
    protected(response)


def test_an_exhibitors_file_downloads_with_the_extension_of_what_it_is(client, ciep21, frozen):
    owner = make_exhibitor()
    application = draft(owner)
    polyglot = media.png(1200, 600) + b"<html><script>alert(document.cookie)</script></html>"
    picture = exhibitor_services.add_picture(
        application=application,
        role="logo",
        upload=SimpleUploadedFile("标志.html", polyglot),
        by=owner,
    )
    client.force_login(make_organizer())
    response = client.get(reverse("exhibitors:picture_download", args=[picture.pk]))
    disposition = unquote(response["Content-Disposition"])
    consume(response)
    # Opened from the download folder, a ".html" would be run by the browser as a page.
    assert disposition.startswith("attachment;") and disposition.endswith("标志.png")
    protected(response)


# --- Pages and settings -------------------------------------------------------------------------


def test_every_page_has_a_strict_content_security_policy(client, liaison, polyglot_poster):
    client.force_login(liaison)
    for url in (
        reverse("home"),
        reverse("submissions:dashboard"),
        reverse("submissions:item", args=[polyglot_poster.submission_id]),
        reverse("accounts:login"),
    ):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy, url


def test_templates_have_no_inline_scripts_styles_or_handlers():
    inline = re.compile(r'<script(?![^>]*\bsrc=)|\sstyle="|\son[a-z]+="', re.IGNORECASE)
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in TEMPLATES.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def test_production_settings_have_secure_cookies_hsts_and_ssl_redirect():
    result = run_django(
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, s.SECURE_PROXY_SSL_HEADER)",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(maxsplit=8) == [
        "True",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "True",
        "DENY",
        "('HTTP_X_FORWARDED_PROTO', 'https')\n",
    ]
