"""Enqueueing Celery tasks after the database commit, without failing when the broker is down.

The upload (or review, or registration) is already committed when the task is sent; if Redis
is unreachable at that moment the request must still succeed. The task is then lost, so the
work it stands for is found again by a periodic sweeper (see ``submissions.tasks``).
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, **kwargs) -> None:
    def send():
        try:
            task.apply_async(kwargs=kwargs)
        except (BrokerError, ConnectionError) as error:
            logger.warning(
                "broker unavailable, %s(%s) left to the sweeper: %s", task.name, kwargs, error
            )

    transaction.on_commit(send)
