"""Celery tasks: ids in, re-fetch, call a service. Enqueued with ``enqueue_on_commit``."""

import logging

from celery import shared_task

from matching.models import AccountInvitation, Answer, ItemEvent
from matching.services import invitations, notifications

logger = logging.getLogger(__name__)


@shared_task(name="matching.send_review_email")
def send_review_email(event_id: int) -> None:
    event = ItemEvent.objects.select_related("item__unit").filter(pk=event_id).first()
    if event is None:
        logger.info("send_review_email: event %s is gone", event_id)
        return
    notifications.send_review_email(event=event)


@shared_task(name="matching.send_answer_emails")
def send_answer_emails(answer_id: int) -> None:
    answer = Answer.objects.select_related("item__call", "item__unit").filter(pk=answer_id).first()
    if answer is None:
        logger.info("send_answer_emails: answer %s is gone", answer_id)
        return
    notifications.send_answer_emails(answer=answer)


@shared_task(name="matching.send_activation_email")
def send_activation_email(invitation_id: int) -> None:
    invitation = (
        AccountInvitation.objects.select_related("user", "unit").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.activated_at is not None:
        logger.info("send_activation_email: invitation %s is gone or used", invitation_id)
        return
    invitations.send_activation_email(invitation=invitation)
