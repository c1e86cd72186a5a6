"""Password reset and registration tell nothing about accounts and send no unlimited e-mail
(issue 18, item 7).

Registration answered "已存在一位使用该名字的用户" for ``organizer``; password reset sent one
e-mail per request (5 requests, 5 e-mails). Reset requests are limited per address (past the
limit nothing is sent, and the page says what it always says) and per client; a client that
tries too many names already in use is told nothing more about any name for the hour.
"""

import random

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UnitFactory, UserFactory
from tests.test_accounts import exhibitor_form, liaison_form

pytestmark = pytest.mark.django_db

SENT = "如果该邮箱已注册，我们已发送重置密码的链接，请查收邮件。"
TAKEN = "已存在一位使用该名字的用户"
TOO_MANY_TAKEN = "注册尝试过多：1 小时内最多 5 次使用已被占用的登录名或邮箱，请稍后再试"


def a_client_address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def ask_reset(client, email, address):
    return client.post(
        reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address, follow=True
    )


def test_reset_mails_an_address_three_times_an_hour_and_says_the_same_every_time(client):
    UserFactory(email="forgetful@example.cn")
    pages = [
        ask_reset(client, "forgetful@example.cn", a_client_address()).content for _ in range(5)
    ]
    assert len(mail.outbox) == 3
    assert all(SENT in page.decode() for page in pages)
    # The same page as for an address without an account.
    nobody = ask_reset(client, "nobody@example.cn", a_client_address())
    assert SENT in nobody.content.decode() and len(mail.outbox) == 3
    assert nobody.redirect_chain == [(reverse("accounts:password_reset_done"), 302)]


def test_reset_requests_from_one_client_are_limited_whatever_the_address(client):
    UserFactory(email="someone@example.cn")
    address = a_client_address()
    for number in range(10):
        assert SENT in ask_reset(client, f"probe{number}@example.cn", address).content.decode()
    refused = ask_reset(client, "someone@example.cn", address)
    assert refused.status_code == 429
    assert "重置密码的请求过于频繁：1 小时内最多 10 次，请稍后再试。" in refused.content.decode()
    assert mail.outbox == []
    # Another client is not held back by this one.
    ask_reset(client, "someone@example.cn", a_client_address())
    assert len(mail.outbox) == 1


def register(client, address, **fields):
    unit = UnitFactory()
    data = liaison_form(unit, **{f"account-{name}": value for name, value in fields.items()})
    return client.post(reverse("accounts:register_liaison"), data, REMOTE_ADDR=address)


def test_a_client_probing_for_names_is_told_nothing_more_after_five(client):
    UserFactory(username="organizer", email="organizer@example.cn")
    address = a_client_address()
    for name in ("organizer", "organizer", "organizer", "organizer", "organizer"):
        assert TAKEN in register(client, address, username=name).content.decode()

    # Now a taken name and a free one get the same answer, and nothing is created.
    taken = register(client, address, username="organizer", email="new1@example.cn")
    free = register(client, address, username="newcomer", email="new2@example.cn")
    for response in (taken, free):
        page = response.content.decode()
        assert response.status_code == 429
        assert TOO_MANY_TAKEN in page and TAKEN not in page
    assert not User.objects.filter(username="newcomer").exists()

    # A person at another address registers as usual.
    other = register(client, a_client_address(), username="newcomer", email="new2@example.cn")
    assert other.status_code == 302


def test_an_exhibitor_registering_with_a_taken_e_mail_counts_too(client):
    UserFactory(email="li@example.cn")
    address = a_client_address()
    url = reverse("accounts:register_exhibitor")
    for number in range(5):
        form = exhibitor_form(**{"account-username": f"szexpo{number}"})
        assert client.post(url, form, REMOTE_ADDR=address).status_code == 200
    refused = client.post(url, exhibitor_form(), REMOTE_ADDR=address)
    assert refused.status_code == 429 and TOO_MANY_TAKEN in refused.content.decode()


def test_without_a_valid_invitation_code_nothing_is_said_about_names(client):
    """The liaison form asks for the unit's invitation code: a stranger without one learns
    that the code is wrong, and nothing about the name, and does not use up the limit."""
    UserFactory(username="organizer", email="organizer@example.cn")
    address = a_client_address()
    for _ in range(6):
        data = liaison_form(UnitFactory(), **{"account-username": "organizer"})
        data["unit-join_code"] = "WRONGCODE1"
        response = client.post(reverse("accounts:register_liaison"), data, REMOTE_ADDR=address)
        page = response.content.decode()
        assert response.status_code == 200
        assert TAKEN not in page and TOO_MANY_TAKEN not in page
        assert "邀请码 WRONGCODE1 不存在" in page  # the code's own error
    # With a real code the person is told the name is taken, as before.
    assert TAKEN in register(client, address, username="organizer").content.decode()
