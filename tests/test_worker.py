"""Tasks through a real Celery worker and broker (Redis in CI, the in-memory transport locally).

The worker runs in a thread of the test process, consuming from the broker the settings name,
and reads and writes the same database as the request that enqueued the task.
"""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from ciep_portal.celery import app as celery_app
from tests.factories import UnitFactory
from tests.workers import wait_for, worker_thread


@pytest.fixture
def real_worker():
    celery_app.control.purge()
    with worker_thread() as worker:
        yield worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_registration_welcome_email_is_sent_by_a_worker(client, real_worker):
    unit = UnitFactory(name_zh="浙江省科学技术厅")
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
        },
    )
    assert response.status_code == 302
    # The request returned before the mail was sent: the worker sends it.
    assert wait_for(lambda: len(mail.outbox) == 1), "the worker did not send the welcome e-mail"
    assert "浙江省科学技术厅" in mail.outbox[0].body
    # The mail leaves inside the transaction that marks the account welcomed; the mark is
    # visible once the worker commits, a moment after the message is in the outbox.
    assert wait_for(lambda: User.objects.get(username="wang_zj").welcome_sent_at is not None), (
        "the worker sent the e-mail but never recorded it"
    )


@pytest.mark.django_db
def test_the_welcome_task_is_idempotent(django_capture_on_commit_callbacks):
    from accounts.tasks import send_welcome_email
    from tests.factories import UserFactory

    user = UserFactory()
    send_welcome_email(user_id=user.pk)
    send_welcome_email(user_id=user.pk)
    send_welcome_email(user_id=999_999)  # a deleted user is logged and skipped
    assert len(mail.outbox) == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_video_is_checked_by_a_worker_and_the_verdict_shown(
    client, real_worker, tmp_path, ciep21, monkeypatch
):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from submissions.models import MaterialFile, Requirement, Submission
    from tests import media
    from tests.factories import ActivityFactory, UserFactory

    # The 21st CIEP's calendar: an activity on 2023-04-15, the upload on 2023-03-20.
    now = dt.datetime(2023, 3, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: now)
    liaison = UserFactory()
    activity = ActivityFactory(unit=liaison.unit, section=ciep21.sections.get(code="exhibition"))
    video = Requirement.objects.get(call__code="publicity", code="video")
    path = media.video(tmp_path / "clip.mp4", width=1280, height=719, seconds=2)
    client.force_login(liaison)
    response = client.post(
        reverse("submissions:requirement", args=[video.pk]) + f"?activity={activity.pk}",
        {
            "title": "现场短视频",
            "declared": "on",
            "main": SimpleUploadedFile("clip.mp4", path.read_bytes()),
        },
    )
    assert response.status_code == 302
    item = Submission.objects.get()
    assert wait_for(lambda: MaterialFile.objects.get().checked_at is not None), "not checked"
    item.refresh_from_db()
    assert item.status == "failed"
    fragment = client.get(reverse("submissions:item_checks", args=[item.pk])).content.decode()
    assert "视频分辨率 1280×719（719p），低于下限 720p" in fragment
    assert 'data-checking="0"' in fragment
