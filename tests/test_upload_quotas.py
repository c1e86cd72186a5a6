"""Resumable uploads cannot exhaust the disk (issue 18, item 6).

One liaison opened 20 uploads declaring 4 GiB each, and all were accepted. Uploads not yet
submitted are capped per user in number and in declared bytes (settings
``UPLOAD_MAX_OPEN_PER_USER``, ``UPLOAD_MAX_OPEN_BYTES_PER_USER``), and an upload the disk
cannot take while keeping ``UPLOAD_DISK_RESERVE_BYTES`` free is refused; each refusal is a
sentence the page shows as it is (static/js/uploads.js).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.test_uploads import create, send, session_of, start, tus_client
from uploads import services as uploads
from uploads.models import UploadSession

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024
GiB = 1024 * MiB


@pytest.fixture
def liaison():
    return UserFactory()


@pytest.fixture
def tus(liaison):
    return tus_client(liaison)


def test_the_defaults_refuse_twenty_uploads_of_4_gib(tus):
    answers = [create(tus, 4 * GiB).status_code for _ in range(20)]
    assert answers.count(201) <= 3, answers
    assert set(answers[answers.count(201) :]) <= {413, 429, 507}
    assert UploadSession.objects.count() == answers.count(201)


def test_a_user_holds_at_most_the_open_uploads_limit(tus, liaison, settings):
    settings.UPLOAD_MAX_OPEN_PER_USER = 3
    urls = [start(tus, 10) for _ in range(3)]

    refused = create(tus, 10)
    assert refused.status_code == 429
    assert refused.content.decode() == (
        "您已有 3 个未提交的上传（含未完成的），最多 3 个：请先提交或取消其中一些，再上传新文件"
    )
    # Cancelling one, submitting one (a claimed upload is no longer open) and one expiring free
    # three places; another user has places of their own.
    assert tus.delete(urls[0]).status_code == 204
    send(tus, urls[1], 0, b"0123456789")
    uploads.claim_upload(upload_id=session_of(urls[1]).pk, user=liaison).close()
    UploadSession.objects.filter(pk=session_of(urls[2]).pk).update(
        created_at=timezone.now() - uploads.upload_lifetime() - timedelta(minutes=1)
    )
    assert [create(tus, 10).status_code for _ in range(4)] == [201, 201, 201, 429]
    assert create(tus_client(UserFactory()), 10).status_code == 201


def test_the_bytes_declared_by_open_uploads_are_capped(tus, settings):
    settings.UPLOAD_MAX_OPEN_BYTES_PER_USER = 100 * MiB
    start(tus, 60 * MiB)
    start(tus, 40 * MiB)  # exactly at the limit

    refused = create(tus, 1)
    assert refused.status_code == 413
    assert refused.content.decode() == (
        "您未提交的上传共 100.0\xa0MB，加上此文件 1\xa0字节 将超过上限 100.0\xa0MB："
        "请先提交或取消其中一些，再上传新文件"
    )


def test_an_upload_the_disk_cannot_take_is_refused_at_once(tus, settings):
    settings.UPLOAD_DISK_RESERVE_BYTES = 2**60  # more than any disk has free
    refused = create(tus, 5 * MiB)
    assert refused.status_code == 507
    assert refused.content.decode() == (
        "服务器存储空间不足，无法接收此文件（5.0\xa0MB）：请稍后再试，或联系组委会"
    )
    assert not UploadSession.objects.exists()


def test_the_room_counts_what_open_uploads_still_have_to_send(tus, liaison, settings):
    free = uploads.shutil.disk_usage(uploads.temporary_root()).free
    settings.UPLOAD_DISK_RESERVE_BYTES = free - 30 * MiB  # leaves room for 30 MiB, give or take
    settings.UPLOAD_MAX_BYTES = settings.UPLOAD_MAX_OPEN_BYTES_PER_USER = 2**40
    first = start(tus, 20 * MiB)
    # The first has sent nothing yet, but will: a second of 20 MiB does not fit beside it.
    assert create(tus_client(UserFactory()), 20 * MiB).status_code == 507
    assert tus.delete(first).status_code == 204
    assert create(tus_client(UserFactory()), 20 * MiB).status_code == 201


def test_the_refusals_read_in_english_too(liaison, settings):
    settings.UPLOAD_MAX_OPEN_PER_USER = 1
    tus = tus_client(liaison)
    tus.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start(tus, 10)
    refused = create(tus, 10)
    assert refused.content.decode() == (
        "You have 1 uploads not yet submitted (finished or not); the limit is 1. Submit or "
        "cancel some of them before uploading another file."
    )
