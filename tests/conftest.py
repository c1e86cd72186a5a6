import os
import shutil
import uuid

import pytest

from ciep_portal.celery import app as celery_app


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is slow on purpose; tests that create hundreds of users need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Each test has cache keys of its own: rate-limit counts (accounts.throttles) never carry
    over from another test, another xdist worker or an earlier run (CI's Redis outlives them)."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes its files under its own temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "media" / "tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir(parents=True)
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English through the test client
    leaves English active in the thread (LocaleMiddleware does not switch back), and a later
    test that reads a translated string would depend on which test ran before it."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _celery_in_process():
    """Tasks run in-process after commit, as in the embedded set-up, even when CI points
    CELERY_BROKER_URL at Redis; tests marked ``worker`` turn this off and start a real worker."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture
def ciep21(db):
    """The 21st CIEP as the notices define it (real 2023 dates)."""
    from notices.seed.ciep21 import load_ciep21

    return load_ciep21()


def browser_required() -> bool:
    return os.environ.get("CIEP_REQUIRE_BROWSER") == "1"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Browser fixtures read the outcome to keep a screenshot of a failed step.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


pytest_plugins = ["tests.browser", "tests.matching_support"]


@pytest.fixture(scope="session", autouse=True)
def _close_thread_connections(django_db_setup, django_db_blocker):
    """Worker and live-server threads leave their own PostgreSQL sessions open when they end;
    dropping the test database would then fail. Close them before it is dropped."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def consume(response) -> bytes:
    """Read a response to the end, as a browser would.

    Streaming responses (file downloads) are closed by the test client once read; calling
    ``response.close()`` by hand would send ``request_finished``, whose handler closes the
    test's own database connection on PostgreSQL.
    """
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
