import logging

from celery import shared_task

from accounts import services
from accounts.models import User

logger = logging.getLogger(__name__)


@shared_task(name="accounts.send_welcome_email")
def send_welcome_email(user_id: int) -> None:
    user = User.objects.filter(pk=user_id).select_related("unit").first()
    if user is None:
        logger.info("send_welcome_email: user %s is gone", user_id)
        return
    services.send_welcome_email(user=user)


# Registered with the app's tasks (Celery discovers accounts.tasks only).
from accounts.two_factor.tasks import send_second_factor_notice  # noqa: E402, F401
