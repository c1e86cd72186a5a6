"""Celery tasks: ids in, re-fetch, call a service. Enqueued with ``transaction.on_commit``."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from submissions import exports
from submissions.models import MaterialFile
from submissions.models.exports import ExportJob
from submissions.models.review import ReviewEvent
from submissions.services import checks, housekeeping, notifications
from submissions.services import files as file_services
from submissions.services import reminders as reminder_services

logger = logging.getLogger(__name__)


@shared_task(
    name="submissions.check_material_file",
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def check_material_file(self, file_id: int) -> None:
    material = MaterialFile.objects.select_related("submission__requirement").filter(pk=file_id)
    material = material.first()
    if material is None:
        logger.info("check_material_file: file %s is gone", file_id)
        return
    try:
        checks.check_material_file(material)
    except OperationalError:
        raise
    except Exception as exc:
        # A file that crashes the probe, or a check past its soft time limit
        # (SoftTimeLimitExceeded): recorded for a reviewer instead of retried forever.
        checks.record_check_error(material, exc)


# Files waiting longer than this for their check were lost (a broker restarted empty, a worker
# killed before acknowledging): the sweeper enqueues them again.
STUCK_AFTER = timedelta(minutes=10)


@shared_task(name="submissions.requeue_stuck_checks")
def requeue_stuck_checks() -> int:
    """Files still unchecked, and ZIP exports still pending, well after they were queued."""
    cutoff = timezone.now() - STUCK_AFTER
    for job_id in ExportJob.objects.filter(
        status=ExportJob.Status.PENDING, created_at__lt=cutoff
    ).values_list("pk", flat=True):
        build_zip_export.delay(job_id=job_id)
    stuck = list(
        MaterialFile.objects.filter(checked_at__isnull=True, uploaded_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
    for file_id in stuck:
        check_material_file.delay(file_id=file_id)
    if stuck:
        logger.warning("requeued %s stuck checks", len(stuck))
    # A check that failed while hashing (the file unreadable for a while, a time limit) was
    # recorded for a reviewer; its SHA-256 is tried again here until it is known.
    for file_id in MaterialFile.objects.filter(
        sha256="", checked_at__isnull=False, uploaded_at__lt=cutoff
    ).values_list("pk", flat=True)[:1000]:
        hash_material_file.delay(file_id=file_id)
    return len(stuck)


@shared_task(name="submissions.hash_material_file")
def hash_material_file(file_id: int) -> None:
    material = MaterialFile.objects.filter(pk=file_id).first()
    if material is None:
        logger.info("hash_material_file: file %s is gone", file_id)
        return
    file_services.ensure_sha256(material)


@shared_task(name="submissions.send_review_email")
def send_review_email(event_id: int) -> None:
    event = ReviewEvent.objects.select_related("submission__unit", "submission__requirement")
    event = event.filter(pk=event_id).first()
    if event is None:
        logger.info("send_review_email: event %s is gone", event_id)
        return
    notifications.send_review_email(event)


@shared_task(name="submissions.build_zip_export", acks_late=True)
def build_zip_export(job_id: int) -> None:
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None:
        logger.info("build_zip_export: job %s is gone", job_id)
        return
    try:
        exports.build_zip(job)
    except Exception as exc:
        # Recorded on the job so the organizer sees it failed, instead of waiting forever.
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED, error=repr(exc))


@shared_task(name="submissions.send_due_reminders")
def send_due_reminders() -> int:
    return reminder_services.send_automatic()


@shared_task(name="submissions.sweep_orphan_files")
def sweep_orphan_files() -> int:
    return len(housekeeping.sweep_orphan_files())
