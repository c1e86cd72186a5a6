"""Resumable uploads: the tus endpoint as tus-js-client drives it, and handing the file over."""

import base64
import fcntl
import hashlib
import io
import os
import random
import time
import tracemalloc
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from tests.factories import UserFactory
from uploads import services as uploads
from uploads.models import UploadSession

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024
CHUNK_TYPE = "application/offset+octet-stream"
CSRF_SECRET = "k" * 32


def tus_client(user=None, *, tus_header=True, csrf_header=True) -> Client:
    """A browser as uploads.js drives it: CSRF cookie and X-CSRFToken, Tus-Resumable on each."""
    headers = {}
    if tus_header:
        headers["Tus-Resumable"] = "1.0.0"
    if csrf_header:
        headers["X-CSRFToken"] = CSRF_SECRET
    client = Client(enforce_csrf_checks=True, headers=headers)
    client.cookies["csrftoken"] = CSRF_SECRET
    if user is not None:
        client.force_login(user)
    return client


def encode_metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def create(client, length, filename="宣传片.mp4", filetype="video/mp4"):
    headers = {"Upload-Length": str(length)}
    if filename is not None:
        headers["Upload-Metadata"] = encode_metadata(filename=filename, filetype=filetype)
    return client.generic("POST", reverse("uploads:create"), headers=headers)


def start(client, length, **kwargs) -> str:
    response = create(client, length, **kwargs)
    assert response.status_code == 201, response.content.decode()
    return response["Location"]


def send(client, url, offset, data: bytes, content_type=CHUNK_TYPE):
    return client.patch(
        url, data, content_type=content_type, headers={"Upload-Offset": str(offset)}
    )


def send_stream(client, url, offset, body: "RequestBody"):
    """PATCH with a body the server can only read as it arrives, as from a socket."""
    environ = {"wsgi.input": body, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": CHUNK_TYPE}
    return client.generic("PATCH", url, headers={"Upload-Offset": str(offset)}, **environ)


def session_of(url: str) -> UploadSession:
    return UploadSession.objects.get(pk=url.rstrip("/").rsplit("/", 1)[-1])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(file_path) -> str:
    digest = hashlib.sha256()
    with open(file_path, "rb") as file:
        while piece := file.read(MiB):
            digest.update(piece)
    return digest.hexdigest()


class PatternFile:
    """A large test file never held in memory whole: byte i is PATTERN[i % len(PATTERN)]."""

    PATTERN = random.Random(21).randbytes(MiB + 7)  # not a divisor of any chunk size

    def __init__(self, size: int):
        self.size = size

    def read_range(self, start: int, stop: int) -> bytearray:
        out, pattern = bytearray(), memoryview(self.PATTERN)
        while start < stop:
            at = start % len(pattern)
            take = min(len(pattern) - at, stop - start)
            out += pattern[at : at + take]
            start += take
        return out

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for start in range(0, self.size, MiB):
            digest.update(self.read_range(start, min(start + MiB, self.size)))
        return digest.hexdigest()


class RequestBody:
    """Bytes [start, stop) of a file as a request body; ``drop_after`` bytes in, the line drops."""

    def __init__(self, file: PatternFile, start: int, stop: int, *, drop_after=None):
        self.file, self.position, self.stop = file, start, stop
        self.drop_at = None if drop_after is None else start + drop_after
        self.length = stop - start

    def __len__(self) -> int:
        return self.length

    def read(self, size=-1) -> bytearray:
        if self.drop_at is not None and self.position >= self.drop_at:
            raise ConnectionResetError("connection reset by peer")
        end = self.stop if size is None or size < 0 else min(self.stop, self.position + size)
        if self.drop_at is not None:
            end = min(end, self.drop_at)
        piece = self.file.read_range(self.position, end)
        self.position = end
        return piece

    def readline(self, size=-1):  # part of the WSGI input interface; a chunk has no lines
        raise AssertionError("the server read a chunk by lines")


@pytest.fixture
def liaison():
    return UserFactory()


@pytest.fixture
def tus(liaison):
    return tus_client(liaison)


# --- The protocol ---------------------------------------------------------------------------


def test_options_tells_the_client_what_the_server_supports(tus, settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024**3
    response = tus.options(reverse("uploads:create"))
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Max-Size"] == str(2 * 1024**3)
    assert set(response["Tus-Extension"].split(",")) == {"creation", "termination", "expiration"}


def test_creation_opens_an_upload_for_the_users_unit(tus, liaison):
    response = create(tus, 11, filename="宣传片.mp4", filetype="video/mp4")

    assert response.status_code == 201
    assert response["Tus-Resumable"] == "1.0.0"
    session = UploadSession.objects.get()
    assert response["Location"] == f"/uploads/{session.pk}/"
    assert response["Upload-Expires"] == http_date(uploads.expires_at(session).timestamp())
    assert (session.user, session.unit, session.length, session.offset) == (
        liaison,
        liaison.unit,
        11,
        0,
    )
    assert session.filename == "宣传片.mp4"
    assert session.metadata == {"filetype": "video/mp4"}


def test_creation_accepts_the_limit_and_refuses_one_byte_more(tus, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert create(tus, 1000).status_code == 201

    response = create(tus, 1001)

    assert response.status_code == 413
    text = response.content.decode()
    assert "1001" in text and "1000" in text  # the measured size and the limit
    assert UploadSession.objects.count() == 1


def test_creation_refuses_a_file_over_its_requirements_own_limit_before_any_byte(ciep21):
    """uploads.js names the input's requirement and file role; "活动图片" takes 200 MB."""
    from submissions.models import Requirement

    tus = tus_client(UserFactory())
    photos = Requirement.objects.get(call__edition=ciep21, call__code="publicity", code="photos")
    limit = 200 * MiB

    def create_for(length, requirement=photos.pk, role="photo"):
        metadata = encode_metadata(
            filename="现场.jpg", filetype="image/jpeg", requirement=str(requirement), role=role
        )
        headers = {"Upload-Length": str(length), "Upload-Metadata": metadata}
        return tus.generic("POST", reverse("uploads:create"), headers=headers)

    assert create_for(limit).status_code == 201
    refused = create_for(limit + 1)
    assert refused.status_code == 413
    # The form's own words for the same rule, with the measured size and the limit.
    assert refused.content.decode() == "文件大小 209,715,201 B，超过上限 209,715,200 B"
    assert "文件大小 300.0 MB，超过上限 200.0 MB" in create_for(300 * MiB).content.decode()
    # The video requirement's own limit is 2 GB; a requirement that does not exist has none
    # but the portal's.
    video = Requirement.objects.get(call__edition=ciep21, call__code="publicity", code="video")
    assert create_for(limit + 1, requirement=video.pk, role="main").status_code == 201
    assert create_for(limit + 1, requirement=999999).status_code == 201
    # Not a number (a superscript two passes str.isdigit), or a call the unit is not sent:
    # ignored, never an error page and never another call's limit.
    assert create_for(limit + 1, requirement="²").status_code == 201
    photos.call.is_published = False
    photos.call.save()
    assert create_for(limit + 1).status_code == 201
    assert UploadSession.objects.count() == 5


@pytest.mark.parametrize(
    "headers",
    [
        {"Upload-Length": "0", "Upload-Metadata": encode_metadata(filename="a.mp4")},
        {"Upload-Length": "-5", "Upload-Metadata": encode_metadata(filename="a.mp4")},
        {"Upload-Metadata": encode_metadata(filename="a.mp4")},  # deferred length: unsupported
        {"Upload-Length": "10", "Upload-Metadata": "filename not-base64!"},
        {"Upload-Length": "10", "Upload-Metadata": encode_metadata(filetype="video/mp4")},
        {"Upload-Length": "10", "Upload-Metadata": encode_metadata(filename="../")},
    ],
    ids=["empty", "negative", "no-length", "bad-metadata", "no-filename", "filename-only-path"],
)
def test_creation_refuses_a_malformed_request(tus, headers):
    response = tus.generic("POST", reverse("uploads:create"), headers=headers)
    assert response.status_code == 400
    assert response.content  # a sentence the page shows
    assert not UploadSession.objects.exists()


def test_head_tells_how_much_arrived(tus):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")

    response = tus.head(url)

    assert response.status_code == 200
    assert response["Upload-Offset"] == "4"
    assert response["Upload-Length"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert "Upload-Expires" in response
    pairs = dict(pair.split(" ") for pair in response["Upload-Metadata"].split(","))
    assert base64.b64decode(pairs["filename"]).decode() == "宣传片.mp4"


def test_a_file_sent_in_several_chunks_arrives_whole(tus):
    data = random.Random(1).randbytes(3 * MiB + 5)
    url = start(tus, len(data))

    offsets = []
    for offset in range(0, len(data), MiB):
        response = send(tus, url, offset, data[offset : offset + MiB])
        assert response.status_code == 204
        offsets.append(int(response["Upload-Offset"]))

    assert offsets == [MiB, 2 * MiB, 3 * MiB, 3 * MiB + 5]
    assert "Upload-Expires" not in response  # finished uploads wait to be claimed
    session = session_of(url)
    assert session.completed_at is not None
    assert sha256_of_file(uploads.temp_path(session)) == sha256(data)


def test_a_dropped_connection_keeps_what_arrived_and_the_upload_resumes(tus):
    file = PatternFile(3 * MiB)
    url = start(tus, file.size)

    # The line drops 1.5 MiB into a chunk announced as the whole file.
    send_stream(tus, url, 0, RequestBody(file, 0, file.size, drop_after=3 * MiB // 2))
    resumed_at = int(tus.head(url)["Upload-Offset"])
    response = send_stream(tus, url, resumed_at, RequestBody(file, resumed_at, file.size))

    assert resumed_at == 3 * MiB // 2
    assert response.status_code == 204
    assert response["Upload-Offset"] == str(file.size)
    assert sha256_of_file(uploads.temp_path(session_of(url))) == file.sha256()


def test_a_chunk_at_the_wrong_offset_is_a_conflict(tus):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")

    behind = send(tus, url, 0, b"abcd")
    ahead = send(tus, url, 6, b"ghij")

    assert (behind.status_code, ahead.status_code) == (409, 409)
    assert "4" in behind.content.decode()  # what the server has
    assert tus.head(url)["Upload-Offset"] == "4"
    assert uploads.temp_path(session_of(url)).read_bytes() == b"abcd"


def test_more_bytes_than_announced_are_refused_before_any_is_written(tus):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")

    response = send(tus, url, 4, b"efghijk")

    assert response.status_code == 413
    assert tus.head(url)["Upload-Offset"] == "4"
    assert uploads.temp_path(session_of(url)).read_bytes() == b"abcd"


def test_a_chunk_of_the_wrong_content_type_is_refused(tus):
    url = start(tus, 10)
    response = send(tus, url, 0, b"abcd", content_type="application/octet-stream")
    assert response.status_code == 415
    assert tus.head(url)["Upload-Offset"] == "0"


def test_requests_without_tus_resumable_are_refused(liaison):
    url = start(tus_client(liaison), 10)
    client = tus_client(liaison, tus_header=False)

    responses = [create(client, 10), client.head(url), send(client, url, 0, b"abcd")]

    assert [r.status_code for r in responses] == [412, 412, 412]
    assert responses[0]["Tus-Version"] == "1.0.0"
    assert UploadSession.objects.get().offset == 0


def test_another_users_upload_is_not_found_not_forbidden(tus, liaison):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")

    for someone in (UserFactory(), UserFactory(unit=liaison.unit)):  # other unit, colleague
        other = tus_client(someone)
        assert other.head(url).status_code == 404
        assert send(other, url, 4, b"efgh").status_code == 404
        assert other.delete(url).status_code == 404

    assert tus.head(url)["Upload-Offset"] == "4"
    assert uploads.temp_path(session_of(url)).read_bytes() == b"abcd"


def test_anonymous_visitors_and_users_without_a_unit_are_refused(tus):
    url = start(tus, 10)
    anonymous = tus_client()
    unitless = tus_client(UserFactory(unit=None))

    assert create(anonymous, 10).status_code == 401
    assert anonymous.head(url).status_code == 401
    assert send(anonymous, url, 0, b"abcd").status_code == 401
    assert create(unitless, 10).status_code == 403
    assert UploadSession.objects.count() == 1
    assert tus.head(url)["Upload-Offset"] == "0"


def test_a_chunk_without_the_csrf_header_is_refused(liaison):
    url = start(tus_client(liaison), 10)

    refused = send(tus_client(liaison, csrf_header=False), url, 0, b"abcd")
    accepted = send(tus_client(liaison), url, 0, b"abcd")

    assert refused.status_code == 403
    assert accepted.status_code == 204
    assert accepted["Upload-Offset"] == "4"


def test_termination_deletes_the_upload_and_its_bytes(tus):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")
    part = uploads.temp_path(session_of(url))

    response = tus.delete(url)

    assert response.status_code == 204
    assert not UploadSession.objects.exists()
    assert not part.exists()
    assert tus.head(url).status_code == 404


def test_an_expired_upload_is_gone(tus, settings):
    settings.UPLOAD_LIFETIME = timedelta(hours=48)
    url = start(tus, 10)
    UploadSession.objects.update(created_at=timezone.now() - timedelta(hours=48, seconds=1))

    head = tus.head(url)
    patch = send(tus, url, 0, b"abcd")

    assert (head.status_code, patch.status_code) == (410, 410)
    assert "48" in patch.content.decode()


def test_a_chunk_racing_another_on_the_same_upload_is_told_to_retry(tus):
    url = start(tus, 10)
    part = uploads.temp_path(session_of(url))
    part.parent.mkdir(parents=True, exist_ok=True)

    with open(part, "ab") as other_request:
        fcntl.flock(other_request, fcntl.LOCK_EX)
        racing = send(tus, url, 0, b"abcd")
    retried = send(tus, url, 0, b"abcd")

    assert racing.status_code == 423  # tus-js-client retries this after a delay
    assert retried.status_code == 204


def test_bytes_written_by_a_request_that_died_before_recording_them_are_replaced(tus):
    url = start(tus, 10)
    send(tus, url, 0, b"abcd")
    part = uploads.temp_path(session_of(url))
    with open(part, "ab") as file:
        file.write(b"XYZ")  # the process died between writing and recording the offset

    assert tus.head(url)["Upload-Offset"] == "4"
    assert send(tus, url, 4, b"efghij").status_code == 204
    assert part.read_bytes() == b"abcdefghij"


def test_a_64_mib_upload_passes_through_without_being_held_in_memory(tus):
    file = PatternFile(64 * MiB)
    url = start(tus, file.size)
    tus.head(url)  # first request's imports and caches are not the upload's memory

    tracemalloc.start()
    try:
        for offset in range(0, file.size, 8 * MiB):
            response = send_stream(tus, url, offset, RequestBody(file, offset, offset + 8 * MiB))
            assert response.status_code == 204, response.content.decode()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 16 * MiB
    assert peak < 4 * MiB  # not even one 8 MiB chunk is buffered
    assert sha256_of_file(uploads.temp_path(session_of(url))) == file.sha256()


# --- Handing the file over ------------------------------------------------------------------


def upload_whole(client, data: bytes, **kwargs) -> str:
    url = start(client, len(data), **kwargs)
    assert send(client, url, 0, data).status_code == 204
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_a_claimed_upload_is_moved_into_storage_not_copied(tus, liaison):
    data = random.Random(2).randbytes(2 * MiB + 3)
    upload_id = upload_whole(tus, data)
    part = uploads.temp_path(UploadSession.objects.get(pk=upload_id))
    inode = part.stat().st_ino

    with uploads.claim_upload(upload_id=upload_id, user=liaison) as upload:
        assert (upload.name, upload.size, upload.content_type) == (
            "宣传片.mp4",
            len(data),
            "video/mp4",
        )
        assert sha256(upload.read()) == sha256(data)
        name = default_storage.save("materials/test/video.mp4", upload)

    saved = Path(default_storage.path(name))
    assert saved.stat().st_ino == inode
    assert not part.exists()
    assert sha256_of_file(saved) == sha256(data)
    assert UploadSession.objects.get(pk=upload_id).consumed_at is not None


def test_an_upload_is_claimed_once_by_its_owner_when_finished(tus, liaison):
    upload_id = upload_whole(tus, b"0123456789")
    unfinished_id = session_of(start(tus, 10)).pk

    for upload_id_, user in [
        (unfinished_id, liaison),
        (upload_id, UserFactory(unit=liaison.unit)),
        ("not-an-id", liaison),
        (uuid.uuid4(), liaison),
    ]:
        with pytest.raises(uploads.UploadNotFound):
            uploads.claim_upload(upload_id=upload_id_, user=user)

    with uploads.claim_upload(upload_id=upload_id, user=liaison) as upload:
        assert upload.read() == b"0123456789"
    with pytest.raises(uploads.UploadNotFound) as second:
        uploads.claim_upload(upload_id=upload_id, user=liaison)
    # Its owner is told it was saved already (a double click); a colleague, nothing.
    assert second.value.code == "upload_used"
    assert "已随上一次提交保存" in second.value.message
    with pytest.raises(uploads.UploadNotFound) as colleague:
        uploads.claim_upload(upload_id=upload_id, user=UserFactory(unit=liaison.unit))
    assert colleague.value.code == "upload_not_found"


def test_a_claimed_upload_nobody_saved_leaves_no_file_behind(
    tus, liaison, django_capture_on_commit_callbacks
):
    upload_id = upload_whole(tus, b"0123456789")
    part = uploads.temp_path(UploadSession.objects.get(pk=upload_id))

    with django_capture_on_commit_callbacks(execute=True):
        uploads.claim_upload(upload_id=upload_id, user=liaison).close()

    assert not part.exists()


def test_a_claim_rolled_back_with_its_submission_can_be_made_again(tus, liaison):
    upload_id = upload_whole(tus, b"0123456789")

    with (
        pytest.raises(ValidationError),
        transaction.atomic(),
        uploads.claim_upload(upload_id=upload_id, user=liaison),
    ):
        raise ValidationError("the service refused the submission")

    with uploads.claim_upload(upload_id=upload_id, user=liaison) as upload:
        assert upload.read() == b"0123456789"


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("视频.mp4", "视频.mp4"),
        ("../../etc/passwd", "passwd"),
        ("/var/www/海报.jpg", "海报.jpg"),
        ("C:\\Users\\张三\\Desktop\\海报.jpg", "海报.jpg"),
        ("海报.jpg ", "海报.jpg"),
        ("新闻稿.docx. . .", "新闻稿.docx"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("\u2066报名表\u2069.xlsx", "报名表.xlsx"),
        ("line\nbreak\x00.txt", "linebreak.txt"),
    ],
)
def test_the_filename_is_cleaned_for_display(liaison, sent, shown):
    session = uploads.start_upload(user=liaison, length=1, filename=sent, metadata={})
    assert session.filename == shown


def test_a_long_filename_is_cut_to_200_characters_keeping_its_extension(liaison):
    session = uploads.start_upload(
        user=liaison, length=1, filename="长" * 300 + ".mp4", metadata={}
    )
    assert len(session.filename) == 200
    assert session.filename == "长" * 196 + ".mp4"


def test_start_upload_refuses_users_without_a_unit_and_empty_files(liaison):
    with pytest.raises(uploads.UploadError) as no_unit:
        uploads.start_upload(user=UserFactory(unit=None), length=1, filename="a", metadata={})
    with pytest.raises(uploads.UploadError) as empty:
        uploads.start_upload(user=liaison, length=0, filename="a", metadata={})
    assert (no_unit.value.code, empty.value.code) == ("no_unit", "empty_file")


def test_purge_deletes_stale_unclaimed_uploads_and_their_files(liaison):
    def upload(data: bytes, length: int) -> UploadSession:
        session = uploads.start_upload(user=liaison, length=length, filename="a.mp4", metadata={})
        uploads.append_chunk(
            session=session, offset=0, stream=io.BytesIO(data), content_length=len(data)
        )
        return session

    old_unfinished = upload(b"abc", 10)
    old_unclaimed = upload(b"0123456789", 10)
    old_claimed = upload(b"0123456789", 10)
    uploads.claim_upload(upload_id=old_claimed.pk, user=liaison).close()
    recent = upload(b"abc", 10)
    three_days_ago = timezone.now() - timedelta(days=3)
    UploadSession.objects.exclude(pk=recent.pk).update(created_at=three_days_ago)
    tus_dir = uploads.temp_path(recent).parent
    old_orphan, recent_orphan = tus_dir / f"{uuid.uuid4()}.part", tus_dir / f"{uuid.uuid4()}.part"
    old_orphan.write_bytes(b"x")
    recent_orphan.write_bytes(b"x")
    os.utime(old_orphan, (time.time() - 3 * 86400,) * 2)

    purged = uploads.purge_stale_uploads(older_than=timedelta(days=2))

    assert purged == 2
    assert set(UploadSession.objects.values_list("pk", flat=True)) == {old_claimed.pk, recent.pk}
    assert not uploads.temp_path(old_unfinished).exists()
    assert not uploads.temp_path(old_unclaimed).exists()
    assert uploads.temp_path(recent).read_bytes() == b"abc"
    assert (old_orphan.exists(), recent_orphan.exists()) == (False, True)
