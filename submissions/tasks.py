"""Celery tasks: ids in, re-fetch, call a service. Enqueued with ``transaction.on_commit``."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from submissions import uploads
from submissions.models import MaterialFile
from submissions.services import files as file_services

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
        file_services.check_material_file(material)
    except OperationalError:
        raise
    except Exception as exc:
        # A file that crashes the probe, or a check past its soft time limit
        # (SoftTimeLimitExceeded): recorded for a reviewer instead of retried forever.
        file_services.record_check_error(material, exc)


# Files waiting longer than this for their check were lost (a broker restarted empty, a worker
# killed before acknowledging): the sweeper enqueues them again.
STUCK_AFTER = timedelta(minutes=10)


@shared_task(name="submissions.requeue_stuck_checks")
def requeue_stuck_checks() -> int:
    cutoff = timezone.now() - STUCK_AFTER
    stuck = list(
        MaterialFile.objects.filter(checked_at__isnull=True, uploaded_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
    for file_id in stuck:
        check_material_file.delay(file_id=file_id)
    if stuck:
        logger.warning("requeued %s stuck checks", len(stuck))
    return len(stuck)


@shared_task(name="submissions.purge_stale_uploads")
def purge_stale_uploads() -> int:
    """Resumable uploads never finished or never used, and their temporary files."""

    return uploads.purge_stale_uploads(older_than=uploads.upload_lifetime())
