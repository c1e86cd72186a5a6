import logging

from celery import shared_task

from uploads import services, temporary

logger = logging.getLogger(__name__)


@shared_task(name="uploads.purge_stale_uploads")
def purge_stale_uploads() -> int:
    """Resumable uploads never finished or never used, and their temporary files; temporary
    files of any other kind that a killed process left behind."""
    purged = services.purge_stale_uploads(older_than=services.upload_lifetime())
    abandoned = temporary.purge_abandoned_temporary_files(
        older_than=temporary.TEMPORARY_FILE_MAX_AGE
    )
    if abandoned:
        logger.info("Removed %d abandoned temporary files: %s", len(abandoned), abandoned)
    return purged
