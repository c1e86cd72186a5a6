"""Hostile and broken input through the real pages: each refused with a clear message, nothing
stored that should not be, nothing lost that should not be.

Sniffing itself is in test_media, bad posters and another unit's items in test_publicity,
filenames of resumable uploads and CSRF on their chunks in test_uploads. This module sends what
a hostile browser would: raw multipart bodies with names no real file has, forms without
their token or with fields they do not have, markup in every text a page shows again.
"""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ORGANIZER
from exhibitors.models import BoothApplication
from submissions.kinds import RuleCode, SubmissionStatus
from submissions.models import Activity, MaterialFile, Requirement, Submission
from submissions.services.review import review
from tests import media
from tests.conftest import consume
from tests.factories import ActivityFactory, LiaisonFactory, UserFactory
from tests.test_exhibitors import application_form, make_exhibitor
from units.models import Liaison

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>alert(1)</script>'
ESCAPED = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
BOUNDARY = "ciep-hostile-8d1f"


@pytest.fixture
def frozen(monkeypatch):
    """The 21st CIEP's deadlines lie in 2023: these tests act on 2023-03-20, before them."""
    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.fixture
def liaison(ciep21, frozen):
    return UserFactory(unit__name_zh="深圳市科学技术协会")


@pytest.fixture
def organizer():
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)


def requirement(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


def url_of(code: str, activity: Activity | None = None) -> str:
    url = reverse("submissions:requirement", args=[requirement(code).pk])
    return f"{url}?activity={activity.pk}" if activity else url


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> bytes:
    """A multipart body as a client may send it: file names exactly as given, no basename."""
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = "".join(parts).encode()
    for field, filename, data in files:
        head = (
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; "
            f'name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        body += head.encode() + data + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()


def send(client, url: str, fields: dict, files: list[tuple[str, str, bytes]]):
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return client.post(url, multipart(fields, files), content_type=content_type)


def poster_files(name="主视觉.jpg", poster=None, source=None):
    return [
        ("main", name, poster or media.jpeg(1200, 1600)),
        ("source", "主视觉.psd", source or media.psd()),
    ]


def text(response) -> str:
    return response.content.decode()


def stored_files() -> list[str]:
    """Every file under MEDIA_ROOT/materials, as storage names."""
    root = Path(default_storage.location)
    return sorted(str(p.relative_to(root)) for p in (root / "materials").rglob("*") if p.is_file())


def download_disposition(client, material: MaterialFile) -> str:
    response = client.get(reverse("submissions:file_download", args=[material.pk]))
    consume(response)
    return unquote(response["Content-Disposition"])


# --- File names: kept for people to read, never used as a path or a download name --------------


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("/var/www/html/海报.jpg", "海报.jpg"),
        ("C:\\Users\\张三\\Desktop\\海报.jpg", "海报.jpg"),
        ("海报.jpg.exe", "海报.jpg.exe"),
        ("海报.php.jpg", "海报.php.jpg"),
        ("海报.jpg. . .", "海报.jpg"),
        ("海报.jpg   ", "海报.jpg"),
        ("bell\x07escape\x1b.jpg", "bellescape.jpg"),
        ("poster\u202egpj.exe", "postergpj.exe"),
        ("a" * 296 + ".jpg", "a" * 196 + ".jpg"),
        ("第二十一届大会主视觉海报（终稿）.jpg", "第二十一届大会主视觉海报（终稿）.jpg"),
        ("<img src=x onerror=alert(1)>.jpg", "<img src=x onerror=alert(1)>.jpg"),
    ],
    ids=[
        "parent-dirs",
        "absolute",
        "windows-path",
        "double-extension-exe",
        "double-extension-php",
        "trailing-dots",
        "trailing-spaces",
        "control-characters",
        "right-to-left-override",
        "300-characters",
        "chinese",
        "markup",
    ],
)
def test_a_hostile_file_name_is_kept_as_text_and_never_reaches_the_disk(
    client, liaison, sent, kept, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, url_of("poster"), {"title": "主视觉"}, poster_files(sent))
    assert response.status_code == 302, text(response)
    main = MaterialFile.objects.get(role="main")
    assert main.original_name == kept
    # Stored under a random name with the extension of what the file is, not what it says.
    assert re.fullmatch(rf"materials/{liaison.unit_id}/[0-9a-f]{{32}}\.jpeg", main.file.name)
    assert all(name.startswith(f"materials/{liaison.unit_id}/") for name in stored_files())
    # Downloads are named by the portal, from the notice's "宣传+板块+单位".
    disposition = download_disposition(client, main)
    assert disposition.startswith("attachment")
    assert "宣传-综合-深圳市科学技术协会-主视觉海报.jpg" in disposition
    assert "passwd" not in disposition and "exe" not in disposition
    page = text(client.get(response.url))
    assert "<img src=x" not in page
    if "<" in kept:
        assert "&lt;img src=x onerror=alert(1)&gt;.jpg" in page


# --- Types by content ---------------------------------------------------------------------------


@pytest.fixture
def activity(liaison, ciep21):
    return ActivityFactory(unit=liaison.unit, section=ciep21.sections.get(code="exhibition"))


@pytest.mark.parametrize(
    ("make", "detected"),
    [
        (lambda tmp: media.exe_bytes(), "可执行程序"),
        (
            lambda tmp: media.video(
                tmp / "v.webm", width=1280, height=720, seconds=1, container="webm"
            ).read_bytes(),
            "WebM 视频",
        ),
    ],
    ids=["executable", "webm"],
)
def test_a_file_named_mp4_that_is_not_one_is_refused_naming_what_it_is(
    client, liaison, activity, tmp_path, make, detected
):
    client.force_login(liaison)
    response = send(
        client,
        url_of("video", activity),
        {"title": "宣传片", "declared": "on"},
        [("main", "宣传片.mp4", make(tmp_path))],
    )
    assert response.status_code == 400
    allowed = "M4V 视频、MOV（QuickTime）视频、MP4 视频"
    assert f"宣传片.mp4：文件实际类型为 {detected}，此处只接受 {allowed}" in text(response)
    assert not Submission.objects.exists() and stored_files() == []


def test_a_zip_bomb_as_design_source_is_refused_and_nothing_is_stored(client, liaison):
    client.force_login(liaison)
    files = [
        ("main", "主视觉.jpg", media.jpeg(1200, 1600)),
        ("source", "源文件.zip", media.zip_bomb()),
    ]
    response = send(client, url_of("poster"), {"title": "主视觉"}, files)
    assert response.status_code == 400
    assert "源文件.zip：压缩包解压后过大，疑似恶意构造的文件，已拒收" in text(response)
    assert not MaterialFile.objects.exists() and stored_files() == []


PRESS_RELEASE = {
    "section_intro": "板块简介",
    "organizations": "主办单位",
    "activity_time": "2023年4月15日",
    "programme": "活动安排",
    "highlights": "亮点特色",
}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (media.docm(), "文件实际类型为 启用宏的 Word 文档"),
        (media.docm(disguised_as_docx=True), "文件含有宏（.docm 或 VBA），出于安全考虑不予接收"),
        (media.docx_with_xxe(), "文档含有不安全的 XML 声明（DOCTYPE/ENTITY），已拒收"),
    ],
    ids=["docm", "docm-disguised-as-docx", "xxe"],
)
def test_a_press_release_with_macros_or_xml_entities_is_refused_at_once(
    client, liaison, document, message
):
    client.force_login(liaison)
    response = send(
        client, url_of("press_release"), PRESS_RELEASE, [("main", "稿件.docx", document)]
    )
    assert response.status_code == 400
    assert f"稿件.docx：{message}" in text(response)
    assert not MaterialFile.objects.exists() and stored_files() == []


def test_a_truncated_poster_is_kept_failed_with_the_reason_and_can_be_replaced(
    client, liaison, django_capture_on_commit_callbacks
):
    client.force_login(liaison)
    cut = media.truncated(media.jpeg(1200, 1600), 0.6)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, url_of("poster"), {"title": "主视觉"}, poster_files(poster=cut))
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.FAILED
    assert "图片文件不完整（可能上传中断或已损坏），请重新上传" in text(client.get(response.url))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, response.url, {}, [("main", "完整.jpg", media.jpeg(1200, 1600))])
    item.refresh_from_db()
    assert item.status == SubmissionStatus.IN_REVIEW
    assert list(item.files.filter(role="main").values_list("version", "check_status")) == [
        (2, "passed"),
        (1, "failed"),
    ]


def test_a_file_over_the_size_limit_is_refused_and_its_temporary_file_removed(
    client, liaison, settings
):
    poster = requirement("poster")
    poster.rules.filter(code=RuleCode.FILE_MAX_BYTES).update(value=1)  # 1 MB
    big = media.jpeg(1200, 1600) + bytes(3 * 1024 * 1024)  # larger than the in-memory limit
    assert len(big) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    temp_dir = Path(settings.FILE_UPLOAD_TEMP_DIR)
    before = temp_dir.stat().st_mtime_ns
    client.force_login(liaison)
    response = send(client, url_of("poster"), {"title": "主视觉"}, poster_files(poster=big))
    assert response.status_code == 400
    assert "主视觉.jpg：文件大小 3.1 MB，超过上限 1.0 MB" in text(response)
    assert not MaterialFile.objects.exists() and stored_files() == []
    # The body was spooled to a file in FILE_UPLOAD_TEMP_DIR (the directory changed) and that
    # file is gone now the request is over.
    assert temp_dir.stat().st_mtime_ns != before
    assert [p for p in temp_dir.rglob("*") if p.is_file()] == []


# --- Forms: their token, their fields ----------------------------------------------------------


def test_posts_without_the_csrf_token_are_refused_and_change_nothing(liaison, activity):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(liaison)
    posts = [
        (url_of("poster"), {"title": "主视觉"}),
        (reverse("submissions:activities"), {"name": "活动"}),
        (reverse("submissions:liaisons"), {"name": "张三"}),
        (reverse("accounts:logout"), {}),
        (reverse("set_language"), {"language": "en"}),
    ]
    for url, data in posts:
        response = browser.post(url, data)
        assert response.status_code == 403, url
        assert "CSRF" in text(response)
    created = browser.generic("POST", reverse("uploads:create"), headers={"Tus-Resumable": "1.0.0"})
    assert created.status_code == 403
    assert not Submission.objects.exists()
    assert list(Activity.objects.all()) == [activity]
    assert not Liaison.objects.exists()
    assert "_auth_user_id" in browser.session  # still logged in: the logout was refused


def test_the_login_form_needs_its_token_too(liaison):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("accounts:login"),
        {"username": liaison.username, "password": "correct-horse-battery"},
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


EXTRA_FIELDS = {
    "unit": "1",
    "status": SubmissionStatus.ACCEPTED,
    "created_by": "1",
    "reviewer": "1",
    "is_singleton": "on",
    "decision": '{"room": "A"}',
    "submitted_at": "2020-01-01 00:00",
}


def test_extra_fields_posted_to_the_item_form_are_ignored(
    client, liaison, django_capture_on_commit_callbacks
):
    other = UserFactory()
    client.force_login(liaison)
    fields = {"title": "主视觉", **EXTRA_FIELDS, "unit": str(other.unit_id)}
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, url_of("poster"), fields, poster_files())
    assert response.status_code == 302
    item = Submission.objects.get()
    assert (item.unit, item.created_by, item.reviewer) == (liaison.unit, liaison, None)
    assert item.status == SubmissionStatus.IN_REVIEW and item.decision == {}
    assert item.submitted_at == timezone.now()
    assert set(item.data) == {"title"}
    # The same on the item's own page, where it is changed.
    with django_capture_on_commit_callbacks(execute=True):
        send(client, response.url, {**fields, "title": "主视觉（改）"}, [])
    item.refresh_from_db()
    assert (item.unit, item.status, item.title) == (liaison.unit, "in_review", "主视觉（改）")


def test_extra_fields_posted_to_activity_and_liaison_forms_are_ignored(client, liaison, ciep21):
    other = UserFactory()
    client.force_login(liaison)
    response = client.post(
        reverse("submissions:activities"),
        {
            "name": "人才交流活动",
            "section": ciep21.sections.get(code="exhibition").pk,
            "starts_at": "2023-04-15T09:30",
            "ends_at": "2023-04-15T17:00",
            "unit": other.unit_id,
            "id": 999,
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().unit == liaison.unit
    # The list closed on 2023-03-15; adding and editing close together (issue 14.9), so the
    # committee extends it for this unit to let it correct a contact.
    from submissions.models import Requirement
    from submissions.services.deadlines import grant_extension

    for requirement in Requirement.objects.filter(kind="liaison_list"):
        grant_extension(
            requirement=requirement,
            unit=liaison.unit,
            due_at=timezone.now() + dt.timedelta(days=1),
            reason="更正联络员",
            granted_by=None,
        )
    contact = LiaisonFactory(unit=liaison.unit)
    response = client.post(
        reverse("submissions:liaison_edit", args=[contact.pk]),
        {
            "name": "张三",
            "position": "宣传处处长",
            "mobile": "13800000000",
            "email": "zhang@example.cn",
            "unit": other.unit_id,
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.unit, contact.name) == (liaison.unit, "张三")


def test_extra_fields_posted_to_the_exhibitor_form_are_ignored(client, ciep21, frozen):
    owner, other = make_exhibitor(), make_exhibitor()
    client.force_login(owner)
    response = client.post(
        reverse("exhibitors:apply"),
        application_form(unit=other.unit_id, status="accepted", edition=999, submitted_at="x"),
    )
    assert response.status_code == 302
    application = BoothApplication.objects.get()
    assert (application.unit, application.status) == (owner.unit, "draft")


def test_extra_fields_posted_to_registration_give_no_privileges(client, ciep21):
    unit = UserFactory().unit
    password = "Zj-liaison-2023!"
    response = client.post(
        reverse("accounts:register_liaison"),
        {
            "unit-join_code": unit.join_code,
            "account-username": "wang_zj",
            "account-first_name": "王五",
            "account-email": "wang@zjkjt.example.cn",
            "account-preferred_language": "zh-hans",
            "account-password1": password,
            "account-password2": password,
            "account-is_staff": "on",
            "account-is_superuser": "on",
            "account-groups": "1",
            "account-unit": UserFactory().unit_id,
        },
    )
    assert response.status_code == 302
    from accounts.models import User

    user = User.objects.get(username="wang_zj")
    assert (user.is_staff, user.is_superuser, user.unit) == (False, False, unit)
    assert list(user.groups.values_list("name", flat=True)) == ["liaison"]


# --- Markup in texts is shown as text -----------------------------------------------------------


def test_markup_in_texts_is_escaped_in_pages_admin_and_email(
    client, liaison, organizer, ciep21, django_capture_on_commit_callbacks
):
    ActivityFactory(unit=liaison.unit, section=ciep21.sections.get(code="exhibition"), name=PAYLOAD)
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, url_of("poster"), {"title": PAYLOAD}, poster_files())
    item = Submission.objects.get()
    pages = {
        "item": client.get(response.url),
        "requirement": client.get(url_of("poster")),
        "dashboard": client.get(reverse("submissions:dashboard")),
        "activities": client.get(reverse("submissions:activities")),
    }
    client.force_login(organizer)
    pages["admin change"] = client.get(
        reverse("admin:submissions_submission_change", args=[item.pk])
    )
    pages["admin list"] = client.get(reverse("admin:submissions_submission_changelist"))
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert PAYLOAD not in text(page), name
        assert ESCAPED in text(page), name

    with django_capture_on_commit_callbacks(execute=True):
        review(submission=item, action="request_changes", by=organizer, message=PAYLOAD)
    (email,) = mail.outbox
    # Plain text: a mail reader shows it as typed and interprets nothing.
    assert email.content_subtype == "plain" and email.alternatives == []
    assert PAYLOAD in email.body and PAYLOAD in email.subject
    assert "&lt;" not in email.body
