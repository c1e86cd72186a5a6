"""One unit never reaches another's activities, items, files, checks or uploads (404, as if
they did not exist), and each role stays on its own pages: an exhibitor on a liaison's page is
refused (403), and a liaison on an exhibitor's.

test_publicity shows the item, its checks and its file for one item; here every address a page
or script uses, the listings, and another unit's resumable upload named in a form.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import EXHIBITOR
from submissions.models import Requirement, Submission
from submissions.services.items import ItemInput, create_item
from tests import media
from tests.factories import ActivityFactory, UserFactory
from tests.test_exhibitors import draft, make_exhibitor
from tests.test_uploads import encode_metadata, tus_client
from uploads import services as uploads

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(monkeypatch):
    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def requirement(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


class Unit:
    """A unit's liaison with an activity, a checked video, an H5 item and an unused upload."""

    def __init__(self, name: str, section, tmp_path):
        self.user = UserFactory(unit__name_zh=name)
        self.activity = ActivityFactory(unit=self.user.unit, section=section, name=f"{name}的活动")
        clip = media.video(tmp_path / f"{name}.mp4", width=1280, height=720, seconds=2)
        self.video = self._item(
            "video",
            {"title": f"{name}的宣传片"},
            {"main": [SimpleUploadedFile("clip.mp4", clip.read_bytes())]},
        )
        self.h5 = self._item("h5", {"title": f"{name}的H5", "h5_url": "https://h5.example.cn/"}, {})
        self.file = self.video.files.get()
        self.upload = uploads.start_upload(
            user=self.user, length=4, filename="片段.mp4", metadata={}
        )
        uploads.append_chunk(
            session=self.upload, offset=0, stream=io.BytesIO(b"abcd"), content_length=4
        )

    def _item(self, code, texts, files):
        return create_item(
            requirement=requirement(code),
            unit=self.user.unit,
            activity=self.activity,
            by=self.user,
            item=ItemInput(texts=texts, uploads=files, declared=True),
        )


@pytest.fixture
def units(ciep21, frozen, tmp_path, django_capture_on_commit_callbacks):
    section = ciep21.sections.get(code="exhibition")
    with django_capture_on_commit_callbacks(execute=True):
        return Unit("甲单位", section, tmp_path), Unit("乙单位", section, tmp_path)


def test_nothing_of_another_unit_is_found(client, units):
    a, b = units
    client.force_login(a.user)
    video = requirement("video")
    gets = [
        reverse("submissions:activity_edit", args=[b.activity.pk]),
        reverse("submissions:requirement", args=[video.pk]) + f"?activity={b.activity.pk}",
        reverse("submissions:item", args=[b.video.pk]),
        reverse("submissions:item_checks", args=[b.video.pk]),
        reverse("submissions:item_qr", args=[b.h5.pk]),
        reverse("submissions:file_download", args=[b.file.pk]),
        reverse("submissions:file_preview", args=[b.file.pk]),
        reverse("submissions:file_stream", args=[b.file.pk]),
    ]
    for url in gets:
        response = client.get(url)
        assert response.status_code == 404, url
    posts = [
        (reverse("submissions:activity_edit", args=[b.activity.pk]), {"name": "改名"}),
        (reverse("submissions:item", args=[b.video.pk]), {"title": "改名"}),
        (reverse("submissions:item", args=[b.video.pk]), {"withdraw": "1"}),
        (
            reverse("submissions:requirement", args=[video.pk]),
            {"activity": b.activity.pk, "title": "借用"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    b.video.refresh_from_db()
    b.activity.refresh_from_db()
    assert (b.video.title, b.video.status, b.activity.name) == (
        "乙单位的宣传片",
        "in_review",
        "乙单位的活动",
    )


def test_another_units_upload_is_not_found_by_the_endpoint_nor_by_a_form(client, units):
    a, b = units
    tus = tus_client(a.user)
    address = reverse("uploads:upload", args=[b.upload.pk])
    assert tus.head(address).status_code == 404
    assert tus.delete(address).status_code == 404
    patch = tus.patch(
        address,
        b"efgh",
        content_type="application/offset+octet-stream",
        headers={"Upload-Offset": "4"},
    )
    assert patch.status_code == 404
    # Named in a form of unit A, B's finished upload is "no longer valid", and stays B's.
    client.force_login(a.user)
    url = reverse("submissions:requirement", args=[requirement("video").pk])
    response = client.post(
        f"{url}?activity={a.activity.pk}",
        {"title": "借用", "declared": "on", "main_uploads": str(b.upload.pk)},
    )
    assert response.status_code == 400
    assert "上传的文件已失效，请重新选择文件。" in response.content.decode()
    b.upload.refresh_from_db()
    assert b.upload.consumed_at is None
    assert uploads.temp_path(b.upload).read_bytes() == b"abcd"
    assert Submission.objects.filter(unit=a.user.unit).count() == 2


def test_listings_show_none_of_another_units_rows(client, units):
    a, b = units
    client.force_login(a.user)
    video = requirement("video").pk
    pages = [
        reverse("submissions:dashboard"),
        reverse("submissions:activities"),
        reverse("submissions:requirement", args=[video]) + f"?activity={a.activity.pk}",
        reverse("submissions:requirement", args=[video]),
        reverse("submissions:item", args=[a.video.pk]),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "乙单位" not in page, url
    assert "甲单位的活动" in client.get(reverse("submissions:activities")).content.decode()


def test_an_exhibitor_is_refused_on_liaison_pages(client, units, ciep21):
    a, _b = units
    exhibitor = make_exhibitor()
    client.force_login(exhibitor)
    video = requirement("video")
    for url in [
        reverse("submissions:activities"),
        reverse("submissions:liaisons"),
        reverse("submissions:requirement", args=[video.pk]),
        reverse("submissions:item", args=[a.video.pk]),
        reverse("submissions:item_checks", args=[a.video.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "此页面仅对本角色开放。" in response.content.decode()
    assert client.post(reverse("submissions:activities"), {"name": "x"}).status_code == 403
    # Resumable uploads are a liaison's tool: an exhibitor (who registers without any code)
    # cannot park files on the server through them.
    headers = {"Upload-Length": "10", "Upload-Metadata": encode_metadata(filename="a.mp4")}
    created = tus_client(exhibitor).generic("POST", reverse("uploads:create"), headers=headers)
    assert created.status_code == 403
    assert created.content.decode() == "此页面仅对本角色开放。"


def test_a_liaison_is_refused_on_exhibitor_pages(units, ciep21):
    a, _b = units
    application = draft(make_exhibitor())
    browser = Client()
    browser.force_login(a.user)
    for url in [
        reverse("exhibitors:home"),
        reverse("exhibitors:apply"),
        reverse("exhibitors:detail", args=[application.pk]),
    ]:
        response = browser.get(url)
        assert response.status_code == 403, url
        assert "此页面仅对本角色开放。" in response.content.decode()
    assert browser.post(reverse("exhibitors:apply"), {}).status_code == 403
    assert a.user.groups.filter(name=EXHIBITOR).count() == 0
