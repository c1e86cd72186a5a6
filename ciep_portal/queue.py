"""Enqueueing Celery tasks after the database commit, without failing when the broker is down.

The upload (or review, or registration) is already committed when the task is sent; if Redis
is unreachable at that moment the request must still succeed. The task is then lost, so the
work it stands for is found again by a periodic sweeper (see ``submissions.tasks``).
"""

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    """Send the task registered as ``task_name`` once the transaction commits.

    Services name their tasks instead of importing them: a task module imports the services it
    runs, so importing it back would make a circle (tasks sit above services).
    """

    def send():
        try:
            registered_task(task_name).apply_async(kwargs=kwargs)
        except (BrokerError, ConnectionError) as error:
            logger.warning(
                "broker unavailable, %s(%s) left to the sweeper: %s", task_name, kwargs, error
            )

    transaction.on_commit(send)


def registered_task(name: str):
    """The task registered under ``name``. A web process imports the apps' task modules on
    first use (a worker imports them at start)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()  # runs the apps' autodiscovery
    return current_app.tasks[name]
