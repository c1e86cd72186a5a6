"""Each upload is read once in the request: hashed on arrival (plain forms) or by the worker
(resumable uploads, whose pieces no single web process saw). bench/b3_upload.py measured the
second full read these replace."""

import datetime as dt
import hashlib
import io
import random
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone

from ciep_portal.uploadhandlers import MemoryChunkedUploadHandler, TemporaryChunkedUploadHandler
from submissions.models import MaterialFile, Requirement
from submissions.services import files as file_services
from tests import media
from tests.factories import ActivityFactory, UserFactory
from tests.test_uploads import send, start, tus_client

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse(data: bytes, settings, request_factory):
    body = encode_multipart(BOUNDARY, {"main": SimpleUploadedFile("a.bin", data)})
    request = request_factory.generic("POST", "/", data=body, content_type=MULTIPART_CONTENT)
    handlers = [MemoryChunkedUploadHandler(request), TemporaryChunkedUploadHandler(request)]
    parser = MultiPartParser(request.META, io.BytesIO(body), handlers, "utf-8")
    return parser.parse()[1]["main"]


@pytest.mark.parametrize("size", [1, MiB - 1, MiB + 1, 3 * MiB + 7])
def test_the_upload_handlers_hash_what_they_keep(size, settings, rf):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * MiB  # the first three in memory, the last on disk
    data = random.Random(size).randbytes(size)
    upload = parse(data, settings, rf)
    assert upload.received_sha256 == sha256(data)
    assert hasattr(upload, "temporary_file_path") == (size > 2 * MiB)
    assert file_services.sha256_of(upload) == sha256(data)


def requirement(code: str) -> Requirement:
    return Requirement.objects.get(call__code="publicity", call__edition__is_demo=False, code=code)


@pytest.fixture
def frozen(monkeypatch):
    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def liaison(ciep21, frozen):
    user = UserFactory(unit__name_zh="深圳市科学技术协会")
    section = ciep21.sections.get(code="exhibition")
    activity = ActivityFactory(unit=user.unit, section=section)
    return user, activity


class NoHashing:
    """Stands in for hashlib where the request must not hash the file again."""

    def sha256(self, *args):
        raise AssertionError("the file was read a second time to hash it")


def test_a_posted_file_is_stored_with_the_hash_taken_while_it_arrived(
    client, liaison, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # spooled to disk, as large videos are
    user, activity = liaison
    clip = media.video(tmp_path / "clip.mp4", width=1280, height=720, seconds=2)
    data = clip.read_bytes()
    client.force_login(user)
    monkeypatch.setattr(file_services, "hashlib", NoHashing())
    url = reverse("submissions:requirement", args=[requirement("video").pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{url}?activity={activity.pk}",
            {"title": "宣传片", "declared": "on", "main": SimpleUploadedFile("片.mp4", data)},
        )
    assert response.status_code == 302
    stored = MaterialFile.objects.get()
    assert stored.sha256 == sha256(data)
    assert stored.check_status == "passed"


def test_a_resumable_upload_is_hashed_by_the_worker_that_checks_it(
    client, liaison, tmp_path, django_capture_on_commit_callbacks
):
    user, activity = liaison
    clip = media.video(tmp_path / "clip.mp4", width=1280, height=720, seconds=2)
    data = clip.read_bytes()
    tus = tus_client(user)
    address = start(tus, len(data))
    assert send(tus, address, 0, data).status_code == 204
    upload_id = address.rstrip("/").rsplit("/", 1)[-1]

    client.force_login(user)
    url = reverse("submissions:requirement", args=[requirement("video").pk])
    with django_capture_on_commit_callbacks(execute=False) as checks:
        response = client.post(
            f"{url}?activity={activity.pk}",
            {"title": "宣传片", "declared": "on", "main_uploads": upload_id},
        )
    assert response.status_code == 302
    stored = MaterialFile.objects.get()
    assert stored.sha256 == ""  # the request only renamed the file into place
    for check in checks:
        check()
    stored.refresh_from_db()
    assert stored.sha256 == sha256(data)
    assert stored.check_status == "passed"
    assert stored.facts["sha256"] == sha256(data)


def test_filling_in_a_missing_hash_is_idempotent(
    client, liaison, settings, django_capture_on_commit_callbacks
):
    user, activity = liaison
    client.force_login(user)
    poster = media.jpeg(1200, 1600)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("submissions:requirement", args=[requirement("poster").pk]),
            {
                "title": "海报",
                "main": SimpleUploadedFile("p.jpg", poster),
                "source": SimpleUploadedFile("p.psd", media.psd()),
            },
        )
    stored = MaterialFile.objects.get(role="main")
    MaterialFile.objects.filter(pk=stored.pk).update(sha256="")
    stored.refresh_from_db()
    assert file_services.ensure_sha256(stored) == sha256(poster)
    assert file_services.ensure_sha256(stored) == sha256(poster)
    stored.refresh_from_db()
    assert stored.sha256 == sha256(poster)
