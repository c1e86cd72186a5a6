"""Faults around the checks, with a real broker and real workers: the broker down during an
upload, an exception between writing a file and the commit, Redis restarted empty while checks
wait, a worker killed in the middle of a check. Nothing is lost and nothing is checked twice
into two results.

Locally the broker is the in-memory transport, which only a worker thread can share; the killed
worker is a separate process and needs PostgreSQL and Redis (CI: .ci/run).
"""

import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.db.models import Count, F, Max, Min
from django.test import Client
from django.urls import reverse
from kombu.exceptions import ChannelError

from ciep_portal import cache as resilient_cache
from ciep_portal.celery import app as celery_app
from ciep_portal.env import env_cache
from submissions.kinds import SubmissionStatus
from submissions.models import MaterialFile, Requirement, RuleVerdict, Submission
from submissions.services.housekeeping import sweep_orphan_files
from submissions.tasks import STUCK_AFTER, check_material_file, requeue_stuck_checks
from tests import media
from tests.factories import UserFactory, beijing
from tests.workers import queued_tasks, require_services, sending_to, wait_for, worker_thread

ROOT = Path(__file__).resolve().parent.parent
# Nothing listens there: connections are refused at once.
DEAD_BROKER = "redis://127.0.0.1:1/0"
# A poster's verdicts: the main picture's type, width, JPEG quality and size; the source's
# type and size (the accepted type is a rule with its verdict since issue 17).
POSTER_VERDICTS = {
    "main": ["file_max_bytes", "file_type", "image_min_jpeg_quality", "image_min_width"],
    "source": ["file_max_bytes", "file_type"],
}


@pytest.fixture
def poster(ciep21) -> Requirement:
    """The 21st CIEP's poster requirement, open until a deadline far ahead of the real clock
    (workers and live requests read the real clock, so nothing here is frozen)."""
    requirement = Requirement.objects.get(
        call__code="publicity", call__edition__is_demo=False, code="poster"
    )
    requirement.deadline_at = beijing(2099, 3, 22, 12)
    requirement.save(update_fields=["deadline_at"])
    return requirement


@pytest.fixture
def liaison(poster):
    return UserFactory(unit__name_zh="深圳市科学技术协会")


def post_poster(client, poster, picture=None, title="主视觉"):
    return client.post(
        reverse("submissions:requirement", args=[poster.pk]),
        {
            "title": title,
            "main": SimpleUploadedFile("主视觉.jpg", picture or media.jpeg(1200, 1600)),
            "source": SimpleUploadedFile("主视觉.psd", media.psd()),
        },
    )


def verdicts_by_role() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for role, code in RuleVerdict.objects.order_by("code").values_list("file__role", "code"):
        found.setdefault(role, []).append(code)
    return found


def recorded_once() -> bool:
    """Each check recorded its verdicts once: recording again deletes and re-creates the rows,
    which would leave a gap in their ids."""
    ids = RuleVerdict.objects.aggregate(low=Min("pk"), high=Max("pk"), n=Count("pk"))
    return ids["n"] > 0 and ids["high"] - ids["low"] + 1 == ids["n"]


def all_checked() -> bool:
    return not MaterialFile.objects.filter(checked_at__isnull=True).exists()


def age_everything() -> None:
    """As if the uploads were made longer ago than the sweeper waits for a check."""
    MaterialFile.objects.update(uploaded_at=F("uploaded_at") - STUCK_AFTER - timedelta(minutes=1))


# --- The broker down during an upload ----------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache", ["cache up", "cache down too"])
def test_an_upload_made_while_the_broker_is_down_is_kept_and_checked_later(
    client, liaison, poster, cache, settings, monkeypatch
):
    if cache == "cache down too":  # Redis as a whole is down: cache and broker (issue 18)
        monkeypatch.setenv("CACHE_URL", DEAD_BROKER)
        monkeypatch.setattr(resilient_cache, "_down_until", {})
        settings.CACHES = {"default": env_cache("CACHE_URL")}
    client.force_login(liaison)
    with queued_tasks(), sending_to(DEAD_BROKER):
        response = post_poster(client, poster)
    assert response.status_code == 302
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.CHECKING
    assert set(item.files.values_list("role", "check_status")) == {
        ("main", "pending"),
        ("source", "pending"),
    }
    page = client.get(response.url).content.decode()
    assert "正在按通知要求检查文件，结果会自动显示在这里。" in page
    assert "检查中" in page

    # The broker is back; the sweeper (Celery beat, every 5 minutes) finds the waiting files.
    celery_app.control.purge()
    with worker_thread():
        assert requeue_stuck_checks() == 0  # not yet: they may still be on their way
        age_everything()
        assert requeue_stuck_checks() == 2
        assert wait_for(all_checked), "the requeued checks did not run"
        assert requeue_stuck_checks() == 0
    item.refresh_from_db()
    assert item.status == SubmissionStatus.IN_REVIEW
    assert verdicts_by_role() == POSTER_VERDICTS
    assert recorded_once()
    # A late duplicate of the task records nothing more.
    checked_at = dict(MaterialFile.objects.values_list("pk", "checked_at"))
    for file_id in checked_at:
        check_material_file.apply(kwargs={"file_id": file_id})
    assert dict(MaterialFile.objects.values_list("pk", "checked_at")) == checked_at
    assert verdicts_by_role() == POSTER_VERDICTS and recorded_once()


# --- An exception after the file is written, before the commit ----------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_failure_before_the_commit_leaves_no_row_and_the_orphan_file_is_swept(
    liaison, poster, monkeypatch, django_capture_on_commit_callbacks
):
    browser = Client(raise_request_exception=False)
    browser.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_poster(browser, poster, title="保留").status_code == 302
    kept = {name for f in MaterialFile.objects.all() for name in (f.file.name, f.preview.name)}
    kept.discard("")

    save = MaterialFile.save

    def save_failing_for_the_source(material, *args, **kwargs):
        # The main picture is stored and saved; the source file is written, then the
        # database fails before its row is inserted.
        if material.pk is None and material.role == "source":
            raise DatabaseError("connection to the database was lost")
        return save(material, *args, **kwargs)

    monkeypatch.setattr(MaterialFile, "save", save_failing_for_the_source)
    response = post_poster(browser, poster, title="失败")
    monkeypatch.undo()
    assert response.status_code == 500
    assert list(Submission.objects.values_list("title", flat=True)) == ["保留"]
    assert MaterialFile.objects.count() == 2
    orphans = stored() - kept
    assert len(orphans) == 2  # both files of the failed item reached the disk

    assert sweep_orphan_files() == []  # younger than the sweeper's six hours: left alone
    assert sorted(sweep_orphan_files(older_than=timedelta(0))) == sorted(orphans)
    assert stored() == kept


def stored() -> set[str]:
    root = Path(default_storage.location)
    return {
        str(p.relative_to(root))
        for folder in ("materials", "previews")
        for p in (root / folder).rglob("*")
        if p.is_file()
    }


# --- Redis restarted empty while checks wait ----------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_checks_lost_with_the_queue_are_found_again_and_made_once(client, liaison, poster):
    client.force_login(liaison)
    celery_app.control.purge()
    with queued_tasks():
        post_poster(client, poster, title="第一幅")
        post_poster(client, poster, title="第二幅")
        # Redis restarts with an empty database (no persistence): the four checks are gone.
        assert celery_app.control.purge() == 4
        # One more upload after the restart: its check is queued and not lost.
        post_poster(client, poster, title="第三幅")
    assert MaterialFile.objects.filter(checked_at__isnull=True).count() == 6
    age_everything()
    with queued_tasks():
        # The sweeper requeues every waiting file, including the one whose task still waits.
        assert requeue_stuck_checks() == 6
    with worker_thread():
        assert wait_for(all_checked), "the requeued checks did not run"
        # Eight tasks for six files: let the duplicates through the worker too.
        assert wait_for(lambda: celery_queue_length() == 0)
        time.sleep(1)
    assert Submission.objects.filter(status=SubmissionStatus.IN_REVIEW).count() == 3
    assert RuleVerdict.objects.count() == 3 * (4 + 2)  # main and source, types included
    assert recorded_once()


def celery_queue_length() -> int:
    with celery_app.connection_for_read() as conn:
        try:
            return conn.default_channel.queue_declare("celery", passive=True).message_count
        except ChannelError:  # Redis drops the key of an empty list: no queue, no message
            return 0


# --- A worker killed in the middle of a check ---------------------------------------------------


def worker_environment() -> dict:
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ciep_portal.settings",
        "DATABASE_URL": (
            f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "FILE_UPLOAD_TEMP_DIR": str(settings.FILE_UPLOAD_TEMP_DIR),
        "PYTHONUNBUFFERED": "1",
    }


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


class WorkerProcess:
    """``celery worker --pool prefork --concurrency 1`` as production runs it, logging to a file."""

    def __init__(self, log: Path):
        self.log = log
        command = [sys.executable, "-m", "celery", "-A", "ciep_portal", "worker"]
        command += ["--pool", "prefork", "--concurrency", "1", "-l", "info", "-n", "faults@%h"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=worker_environment(), stdout=output, stderr=output
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_log(self, pattern: str, timeout=60.0) -> bool:
        return wait_for(lambda: re.search(pattern, self.text()) is not None, timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # warm shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                for child in children_of(self.process.pid):
                    os.kill(child, signal.SIGKILL)
                self.process.kill()
                self.process.wait()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_check_whose_worker_is_killed_is_redelivered_and_ends_with_one_verdict(
    client, liaison, poster, tmp_path
):
    require_services(postgresql=True, redis=True)
    celery_app.control.purge()
    # A picture near the pixel limit: decoding it (to verify it and make its preview) takes
    # seconds.
    big = media.png(8000, 8000)
    worker = WorkerProcess(tmp_path / "worker.log")
    try:
        assert worker.wait_for_log(r"faults@\S+ ready"), worker.text()
        client.force_login(liaison)
        with queued_tasks():
            post_poster(client, poster, picture=big)
        main = MaterialFile.objects.get(role="main")
        task = r"check_material_file\[[0-9a-f-]+\] received"
        assert worker.wait_for_log(task), worker.text()
        # The main picture is checked first; once its check is under way (the whole takes
        # seconds), the pool's child is killed, as the kernel's OOM killer would kill it.
        time.sleep(0.5)
        (child,) = children_of(worker.process.pid)
        assert MaterialFile.objects.get(pk=main.pk).checked_at is None, "the check was too quick"
        os.kill(child, signal.SIGKILL)
        assert worker.wait_for_log(r"WorkerLostError"), worker.text()
        assert wait_for(all_checked, timeout=120), worker.text()
    finally:
        worker.stop()
    log = worker.text()
    assert "signal 9" in log or "SIGKILL" in log
    received = re.findall(rf"{main_task_id(log)}\] received", log)
    assert len(received) == 2, log  # delivered, and delivered again after the kill
    main.refresh_from_db()
    assert main.check_status == "passed"
    # A PNG has no JPEG quality to judge.
    assert verdicts_by_role() == {
        "main": ["file_max_bytes", "file_type", "image_min_width"],
        "source": ["file_max_bytes", "file_type"],
    }
    assert recorded_once()
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW


def main_task_id(log: str) -> str:
    """The id of the task that was running when the child died."""
    match = re.search(r"WorkerLostError.*?Job: \d+", log, re.S)
    assert match, log
    ids = re.findall(r"check_material_file\[([0-9a-f-]+)\] received", log[: match.start()])
    return re.escape(ids[-1])


# --- The settings the above relies on -----------------------------------------------------------


def default_settings(code: str) -> str:
    keep = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    environment = {k: v for k, v in os.environ.items() if k in keep}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "ciep_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_celery_and_uploads_are_set_up_for_faults_by_default():
    shown = default_settings(
        "from pathlib import Path;"
        "from django.conf import settings as s;"
        "from ciep_portal.celery import app;"
        "from submissions.tasks import check_material_file as t;"
        "c = app.conf;"
        "print(c.task_acks_late, c.task_reject_on_worker_lost, c.worker_prefetch_multiplier,"
        " c.task_serializer, c.result_serializer, ','.join(c.accept_content),"
        " t.soft_time_limit or c.task_soft_time_limit, t.time_limit or c.task_time_limit,"
        " c.broker_transport_options['visibility_timeout'],"
        " Path(s.FILE_UPLOAD_TEMP_DIR).is_relative_to(s.MEDIA_ROOT),"
        " sorted(e['task'] for e in c.beat_schedule.values()))"
    )
    values = shown.split(" ", 9)
    assert values[:6] == ["True", "True", "1", "json", "json", "json"]
    soft, hard, visibility = (int(v) for v in values[6:9])
    # The check is stopped before Redis would hand the message to a second worker.
    assert 0 < soft < hard < visibility
    relative, schedule = values[9].split(" ", 1)
    assert relative == "True"
    assert "'submissions.requeue_stuck_checks'" in schedule
    assert "'submissions.sweep_orphan_files'" in schedule
