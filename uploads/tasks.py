import logging

from celery import shared_task

from uploads import services

logger = logging.getLogger(__name__)


@shared_task(name="uploads.purge_stale_uploads")
def purge_stale_uploads() -> int:
    """Resumable uploads never finished or never used, and their temporary files."""
    return services.purge_stale_uploads(older_than=services.upload_lifetime())
