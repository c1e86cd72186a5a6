"""Celery tasks: ids in, re-fetch, call a service. Enqueued with ``transaction.on_commit``."""

import logging

from celery import shared_task

from exhibitors.models import ApplicationMessage
from exhibitors.services import notify

logger = logging.getLogger(__name__)


@shared_task(name="exhibitors.mail_exhibitor")
def mail_exhibitor(message_id: int) -> None:
    message = (
        ApplicationMessage.objects.select_related(
            "application__unit", "application__hall", "application__zone", "application__board"
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        logger.info("mail_exhibitor: message %s is gone", message_id)
        return
    notify.mail_exhibitor(message=message)
