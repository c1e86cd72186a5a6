"""A Redis outage costs speed, not availability (issue 18, item 10).

With the cache on Redis, as the README recommends, every liaison page and upload answered 500
while Redis was down: ``cache.get`` raised ``ConnectionError``. The cache now reads through to
the database while Redis cannot be reached, logs the outage once and uses Redis again once it
answers. One test points the cache at a closed port; one starts its own ``redis-server``, kills
it and starts it again; ``test_faults.py`` runs the upload path with the broker down as well.
"""

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.urls import reverse

from ciep_portal import cache as resilient
from ciep_portal.env import env_cache
from submissions.models import Requirement
from tests.factories import UserFactory, beijing
from tests.test_uploads import create, tus_client

# Nothing listens there: connections are refused at once.
DEAD_CACHE = "redis://127.0.0.1:1/0"


@pytest.fixture
def requirement(ciep21) -> Requirement:
    requirement = Requirement.objects.get(
        call__code="publicity", call__edition__is_demo=False, code="poster"
    )
    requirement.deadline_at = beijing(2099, 3, 22, 12)
    requirement.save(update_fields=["deadline_at"])
    return requirement


@pytest.fixture
def liaison(requirement):
    return UserFactory(unit__name_zh="深圳市科学技术协会")


def use_cache(settings, monkeypatch, url: str) -> None:
    """The cache as the settings build it from ``CACHE_URL``, with a fresh outage state."""
    monkeypatch.setenv("CACHE_URL", url)
    monkeypatch.setattr(resilient, "_down_until", {})
    settings.CACHES = {"default": env_cache("CACHE_URL")}


def outage_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "ciep_portal.cache"]


def test_with_redis_unreachable_pages_and_uploads_still_answer(
    settings, monkeypatch, caplog, client, liaison, requirement
):
    use_cache(settings, monkeypatch, DEAD_CACHE)
    client.force_login(liaison)
    caplog.set_level(logging.WARNING, logger="ciep_portal.cache")

    dashboard = client.get(reverse("submissions:dashboard"))
    page = client.get(reverse("submissions:requirement", args=[requirement.pk]))
    upload = create(tus_client(liaison), 5 * 1024 * 1024, filename="主视觉.jpg")

    assert dashboard.status_code == 200 and "宣传资料" in dashboard.content.decode()
    assert page.status_code == 200 and requirement.title_zh in page.content.decode()
    assert upload.status_code == 201, upload.content.decode()
    # One warning for the outage, not one per request.
    warnings = outage_warnings(caplog)
    assert len(warnings) == 1, warnings
    assert "127.0.0.1:1" in warnings[0] and "reading through to the database" in warnings[0]


def test_an_unreachable_redis_is_not_asked_again_on_every_request(settings, monkeypatch, db):
    use_cache(settings, monkeypatch, DEAD_CACHE)
    asked = []
    real_get = RedisCacheClient.get
    monkeypatch.setattr(
        RedisCacheClient, "get", lambda *a, **k: asked.append(1) or real_get(*a, **k)
    )
    for _ in range(50):
        assert cache.get("configuration:x") is None
        cache.set("configuration:x", 1)
    assert asked == [1]  # the first read found Redis down; the others did not wait for it


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A ``redis-server`` of this test's own, on a free port, that the test stops and starts."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        probe = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                probe.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()

    def keys(self) -> list[bytes]:
        return redis.Redis(port=self.port).keys("*")


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        if os.environ.get("CIEP_REQUIRE_SERVICES") == "1":
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisServer(free_port())
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


def test_a_redis_killed_and_restarted_costs_speed_not_pages(
    settings, monkeypatch, caplog, client, liaison, requirement, redis_server
):
    use_cache(settings, monkeypatch, f"redis://127.0.0.1:{redis_server.port}/0")
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    caplog.set_level(logging.WARNING, logger="ciep_portal.cache")
    client.force_login(liaison)
    dashboard = reverse("submissions:dashboard")

    assert client.get(dashboard).status_code == 200
    assert redis_server.keys(), "the configuration was not cached in Redis"

    redis_server.kill()
    for _ in range(3):
        response = client.get(dashboard)
        assert response.status_code == 200 and "宣传资料" in response.content.decode()
    assert len(outage_warnings(caplog)) == 1

    redis_server.start()  # empty, as after a restart without persistence
    time.sleep(0.3)
    assert client.get(dashboard).status_code == 200
    assert redis_server.keys(), "the cache did not come back by itself"
    assert outage_warnings(caplog)[-1].endswith("reachable again")
