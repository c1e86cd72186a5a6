"""Behind the README's nginx (issue 18, item 8): every request comes from nginx's address, and
lock-out is keyed on (user name, client address). The client's address is read from the
X-Forwarded-For entry the trusted proxy wrote, so one client's wrong passwords lock out that
client, not every user of the name; a header the client wrote itself changes nothing."""

import pytest
from django.urls import reverse

from ciep_portal.env import trusted_proxy_settings
from tests.factories import UserFactory
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

NGINX = "127.0.0.1"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in trusted_proxy_settings(1).items():
        setattr(settings, name, value)


def log_in(client, password, forwarded_for):
    """A login through nginx, which appends the address it saw ($proxy_add_x_forwarded_for)."""
    return client.post(
        reverse("accounts:login"),
        {"username": "victim", "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_nginx_wrong_passwords_lock_out_their_client_not_the_user(client, behind_one_proxy):
    UserFactory(username="victim")
    for _attempt in range(5):
        log_in(client, "wrong", ATTACKER)
    assert log_in(client, "wrong", ATTACKER).status_code == 429
    # Claiming the owner's address in a header of its own does not help the attacker.
    assert log_in(client, "wrong", f"{OWNER}, {ATTACKER}").status_code == 429

    response = log_in(client, "correct-horse-battery", OWNER)
    assert response.status_code == 302, "the owner was locked out by someone else's guesses"


def test_without_a_trusted_proxy_a_clients_forwarded_for_is_ignored(client):
    UserFactory(username="victim")
    for attempt in range(5):  # a new made-up address each time
        log_in(client, "wrong", f"192.0.2.{attempt}")
    assert log_in(client, "correct-horse-battery", "192.0.2.99").status_code == 429


def test_trusted_proxy_count_comes_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.TRUSTED_PROXY_COUNT, s.AXES_IPWARE_META_PRECEDENCE_ORDER[0],"
        " s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_PROXY_ORDER)"
    )
    result = run_django(code, TRUSTED_PROXY_COUNT="1")
    assert result.stdout.split() == ["1", "HTTP_X_FORWARDED_FOR", "0", "left-most"], result.stderr
    assert "TRUSTED_PROXY_COUNT=-1 is below" in run_django("", TRUSTED_PROXY_COUNT="-1").stderr
