"""Real Celery workers for tests: a worker thread of the test process, or a separate
``celery worker`` process; and the switches a test needs around them.

Both consume from the broker the settings name (Redis in CI; the in-memory transport, which only
a thread of this process can share, locally).
"""

import os
import time
from contextlib import contextmanager

import kombu.pools
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import OperationalError, connection, connections

from ciep_portal.celery import app as celery_app


def wait_for(condition, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:
            # SQLite's shared in-memory test database locks a whole table while a worker
            # thread writes to it ("database table is locked"): ask again in a moment.
            pass
        time.sleep(0.1)
    return False


@contextmanager
def queued_tasks():
    """Tasks go to the broker instead of running in-process at commit (conftest's default)."""
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = True


@contextmanager
def worker_thread():
    """A worker thread; its database connections close after each task (CONN_MAX_AGE 0), as
    the test database cannot be dropped while a connection of a finished thread lingers."""
    database = connections.settings["default"]
    max_age = database.get("CONN_MAX_AGE", 0)
    database["CONN_MAX_AGE"] = 0
    try:
        with (
            queued_tasks(),
            start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as worker,
        ):
            yield worker
    finally:
        database["CONN_MAX_AGE"] = max_age


def _fresh_pools() -> None:
    # kombu keeps a registry of connection and producer pools, one per broker address, and the
    # app holds on to the ones it used (as after a fork, Celery's own ``_after_fork`` drops
    # them the same way): close them all so that the next message opens a new connection.
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def sending_to(url: str):
    """Messages are sent to ``url`` (e.g. a broker that is down) while workers keep reading
    from the configured broker. ``broker_write_url`` is used because the CELERY_BROKER_URL
    environment variable, set in CI, wins over ``broker_url``."""
    _fresh_pools()
    celery_app.conf.broker_write_url = url
    try:
        yield
    finally:
        _fresh_pools()
        celery_app.conf.broker_write_url = None


def require_services(*, postgresql: bool = False, redis: bool = False) -> None:
    """Skip where PostgreSQL or Redis is not configured; in CI (CIEP_REQUIRE_SERVICES=1) a
    missing service is a failure, never a skip."""
    missing = []
    if postgresql and connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if redis and not settings.CELERY_BROKER_URL.startswith("redis://"):
        missing.append("Redis (CELERY_BROKER_URL)")
    if not missing:
        return
    reason = f"needs {' and '.join(missing)}; .ci/run provides them"
    if os.environ.get("CIEP_REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
