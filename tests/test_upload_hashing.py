"""A web process only receives an upload and renames it into place; the worker's check hashes
the stored file. bench/b3_upload.py measured hashing at a sixth of a large plain upload's time
in the web process, and a resumable upload's pieces may reach different web processes."""

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

from submissions.models import MaterialFile, Requirement
from submissions.services import checks as check_services
from submissions.services import files as file_services
from tests import media
from tests.factories import ActivityFactory, UserFactory
from tests.test_uploads import send, start, tus_client
from uploads.handlers import MemoryChunkedUploadHandler, TemporaryChunkedUploadHandler
from uploads.models import UploadSession

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("size", [1, MiB - 1, MiB + 1, 3 * MiB + 7])
def test_the_upload_handlers_read_1_mib_pieces_and_keep_every_byte(size, settings, rf):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * MiB  # the first three in memory, the last on disk
    data = random.Random(size).randbytes(size)
    body = encode_multipart(BOUNDARY, {"main": SimpleUploadedFile("a.bin", data)})
    request = rf.generic("POST", "/", data=body, content_type=MULTIPART_CONTENT)
    handlers = [MemoryChunkedUploadHandler(request), TemporaryChunkedUploadHandler(request)]
    assert {h.chunk_size for h in handlers} == {MiB}
    upload = MultiPartParser(request.META, io.BytesIO(body), handlers, "utf-8").parse()[1]["main"]
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


@pytest.fixture
def clip(tmp_path) -> bytes:
    return media.video(tmp_path / "clip.mp4", width=1280, height=720, seconds=2).read_bytes()


class NoHashing:
    """Stands in for hashlib while the request runs: it must not hash the file."""

    def sha256(self, *args):
        raise AssertionError("the web process hashed the upload")


def post_video(client, user, activity, monkeypatch, captured, **fields):
    client.force_login(user)
    url = reverse("submissions:requirement", args=[requirement("video").pk])
    with monkeypatch.context() as patch:
        patch.setattr(file_services, "hashlib", NoHashing())
        with captured(execute=False) as checks:
            response = client.post(
                f"{url}?activity={activity.pk}", {"title": "宣传片", "declared": "on", **fields}
            )
    assert response.status_code == 302
    stored = MaterialFile.objects.get()
    assert stored.sha256 == ""  # the request only received the file and renamed it into place
    for check in checks:  # the worker's check, after the commit
        check()
    stored.refresh_from_db()
    return stored


def test_a_posted_file_is_hashed_by_the_worker_not_the_request(
    client, liaison, clip, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # spooled to disk, as large videos are
    user, activity = liaison
    main = SimpleUploadedFile("片.mp4", clip)
    stored = post_video(
        client, user, activity, monkeypatch, django_capture_on_commit_callbacks, main=main
    )
    assert stored.sha256 == sha256(clip)
    assert stored.check_status == "passed"
    assert stored.facts["sha256"] == sha256(clip)


def test_a_resumable_upload_is_hashed_by_the_worker_too(
    client, liaison, clip, monkeypatch, django_capture_on_commit_callbacks
):
    user, activity = liaison
    tus = tus_client(user)
    address = start(tus, len(clip))
    assert send(tus, address, 0, clip[:1000]).status_code == 204
    assert send(tus, address, 1000, clip[1000:]).status_code == 204
    upload_id = address.rstrip("/").rsplit("/", 1)[-1]
    assert UploadSession.objects.get(pk=upload_id).completed_at is not None
    stored = post_video(
        client,
        user,
        activity,
        monkeypatch,
        django_capture_on_commit_callbacks,
        main_uploads=upload_id,
    )
    assert stored.sha256 == sha256(clip)
    assert stored.check_status == "passed"


def test_filling_in_the_hash_is_idempotent(client, liaison, django_capture_on_commit_callbacks):
    user, _activity = liaison
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
    assert stored.sha256 == sha256(poster)
    MaterialFile.objects.filter(pk=stored.pk).update(sha256="")
    stored.refresh_from_db()
    assert file_services.ensure_sha256(stored) == sha256(poster)
    assert file_services.ensure_sha256(stored) == sha256(poster)
    stored.refresh_from_db()
    assert stored.sha256 == sha256(poster)


def test_a_hash_the_check_could_not_take_is_taken_by_the_sweeper(
    client, liaison, clip, monkeypatch, django_capture_on_commit_callbacks
):
    from submissions.tasks import STUCK_AFTER, requeue_stuck_checks

    user, activity = liaison
    broken = OSError("storage unavailable")

    def failing(material):
        raise broken

    with monkeypatch.context() as patch:
        patch.setattr(check_services, "ensure_sha256", failing)
        stored = post_video(
            client,
            user,
            activity,
            monkeypatch,
            django_capture_on_commit_callbacks,
            main=SimpleUploadedFile("片.mp4", clip),
        )
    # Recorded for a reviewer, not retried forever; the hash is still unknown.
    assert stored.checked_at is not None and stored.sha256 == ""
    assert stored.verdicts.get().code == "check_error"

    requeue_stuck_checks()  # too soon: nothing yet
    stored.refresh_from_db()
    assert stored.sha256 == ""
    MaterialFile.objects.filter(pk=stored.pk).update(
        uploaded_at=timezone.now() - STUCK_AFTER - dt.timedelta(minutes=1)
    )
    assert requeue_stuck_checks() == 0  # no check is requeued: it was recorded
    stored.refresh_from_db()
    assert stored.sha256 == sha256(clip)
