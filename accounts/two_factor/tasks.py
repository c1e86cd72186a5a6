import logging

from celery import shared_task

from accounts.models import User
from accounts.two_factor import services

logger = logging.getLogger(__name__)


@shared_task(name="accounts.send_second_factor_notice")
def send_second_factor_notice(user_id: int, event: str) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        logger.info("send_second_factor_notice: user %s is gone", user_id)
        return
    services.send_second_factor_notice(user=user, event=event)
