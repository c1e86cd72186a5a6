"""Two-factor sign-in: enrolment with a QR code, the code after the password, recovery codes,
throttling, the policy for organizers and reviewers, and the admin's sign-in.

Codes are computed here as an authenticator app computes them (RFC 6238 through
django_otp.oath.totp) from the secret the enrolment page shows as text.
"""

import base64
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import ORGANIZER, REVIEWER
from accounts.two_factor import services
from tests.factories import UserFactory
from tests.test_settings import PRODUCTION, run_django

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def code_for(key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps_ahead`` periods of 30 s later; a
    code is accepted once, so a second sign-in in the same half-minute takes the next one)."""
    return f"{totp(key, step=30, t0=-30 * steps_ahead, digits=6):06d}"


def enrol(user) -> tuple[bytes, list[str]]:
    """A user who has set up an authenticator: its key and the recovery codes they were shown."""
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    device = TOTPDevice.objects.get(user=user)
    return device.bin_key, services.renew_recovery_codes(user=user)


def sign_in(client, user, **extra):
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD, **extra}
    )


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


@pytest.fixture
def organizer():
    return UserFactory(username="li_ming", unit=None, is_staff=True, role=ORGANIZER)


def test_enrolment_shows_the_secret_and_qr_code_then_recovery_codes_once(client):
    liaison = UserFactory(username="zhang_gd")
    client.force_login(liaison)
    response = client.get(reverse("accounts:two_factor_setup"))
    assert response.status_code == 200
    shown = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page(response)).group(1)
    key = base64.b32decode(shown.replace(" ", "") + "=" * (-len(shown.replace(" ", "")) % 8))
    assert key == TOTPDevice.objects.get(user=liaison, confirmed=False).bin_key

    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    svg = qr.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg and "style=" not in svg

    refused = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "验证码不正确" in page(refused)
    assert not services.has_second_factor(liaison)
    too_short = client.post(reverse("accounts:two_factor_setup"), {"code": "12345"})
    assert "6 位数字（您输入了 5 个字符）" in page(too_short)

    # The first code may have been refused within the same second: throttling waits 1 s.
    TOTPDevice.objects.filter(user=liaison).update(throttling_failure_count=0)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(key)})
    assert response.url == reverse("accounts:two_factor_recovery_codes")
    assert services.has_second_factor(liaison)

    shown_codes = re.findall(
        r"<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code>", page(client.get(response.url))
    )
    assert len(shown_codes) == 10
    download = client.get(reverse("accounts:two_factor_recovery_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="ciep-recovery-codes.txt"'
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert all(code in download.content.decode() for code in shown_codes)
    assert "zhang_gd" in download.content.decode()
    # Only a hash of each code is stored.
    stored = set(StaticToken.objects.filter(device__user=liaison).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in shown_codes}

    # "Saved": never shown again.
    client.post(reverse("accounts:two_factor_recovery_codes"))
    again = client.get(reverse("accounts:two_factor_recovery_codes"))
    assert again.url == reverse("accounts:two_factor")
    assert client.get(reverse("accounts:two_factor_recovery_codes_download")).status_code == 302
    overview = page(client.get(reverse("accounts:two_factor")))
    assert "已开启" in overview and "还剩 10 个恢复码" in overview


def test_sign_in_asks_for_the_code_after_the_password(client):
    liaison = UserFactory()
    key, _codes = enrol(liaison)
    response = sign_in(client, liaison, next="/activities/")
    assert response.url == reverse("accounts:login_verify")
    assert not logged_in(client)
    assert client.get(reverse("submissions:dashboard")).status_code == 302

    response = client.get(reverse("accounts:login_verify"))
    assert f"账户 {liaison.username} 已开启两步验证" in page(response)
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(key)})
    assert response.url == "/activities/"
    assert logged_in(client)
    assert client.get(reverse("submissions:dashboard")).status_code == 200


def test_a_recovery_code_signs_in_once(client):
    liaison = UserFactory()
    _key, codes = enrol(liaison)
    sign_in(client, liaison)
    response = client.post(reverse("accounts:login_verify"), {"code": codes[3].upper()})
    assert response.url == reverse("accounts:landing")
    assert logged_in(client)
    dashboard = client.get(reverse("submissions:dashboard"))
    assert "还剩 9 个恢复码" in page(dashboard)

    client.logout()
    sign_in(client, liaison)
    response = client.post(reverse("accounts:login_verify"), {"code": codes[3]})
    assert response.status_code == 200
    assert "验证码不正确" in page(response)
    assert not logged_in(client)
    assert services.recovery_codes_left(liaison) == 9


def test_wrong_codes_are_refused_throttled_and_counted_by_axes(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # seconds after the first failure, doubling
    liaison = UserFactory()
    key, _codes = enrol(liaison)
    sign_in(client, liaison)
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:login_verify"), {"code": wrong})
    assert "验证码不正确" in page(response)
    assert TOTPDevice.objects.get(user=liaison).throttling_failure_count == 1

    # Even the right code waits out the throttle, and says how long.
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(key)})
    assert re.search(r"验证码已连续输错 1 次，请 (59|60) 秒后再试", page(response))
    assert not logged_in(client)
    garbled = client.post(reverse("accounts:login_verify"), {"code": "12ab"})
    assert "您输入了 4 个字符" in page(garbled)

    # django-axes counts wrong codes with wrong passwords: the fifth locks the account out.
    for _attempt in range(3):
        response = client.post(reverse("accounts:login_verify"), {"code": wrong})
    assert response.status_code == 429
    assert "登录已暂时锁定" in page(response)
    assert client.post(reverse("accounts:login_verify"), {"code": code_for(key)}).status_code == 429
    assert not logged_in(client)
    assert sign_in(client, liaison).status_code == 429


def test_an_organizer_without_a_second_factor_is_sent_to_enrol_first(client, required, organizer):
    response = sign_in(client, organizer)
    assert logged_in(client)
    for url in (reverse("admin:index"), reverse("submissions:dashboard"), "/admin/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:two_factor_setup") + "?next=")
    response = client.get(reverse("accounts:two_factor_setup") + "?next=/admin/")
    assert "组委会和审核人员的账户必须使用两步验证" in page(response)

    key = TOTPDevice.objects.get(user=organizer).bin_key
    response = client.post(
        reverse("accounts:two_factor_setup") + "?next=/admin/", {"code": code_for(key)}
    )
    assert response.url == reverse("accounts:two_factor_recovery_codes") + "?next=%2Fadmin%2F"
    response = client.post(response.url)
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200  # verified in this session


def test_a_reviewer_is_held_to_it_too_but_liaisons_and_exhibitors_only_opt_in(client, required):
    reviewer = UserFactory(unit=None, is_staff=True, role=REVIEWER)
    client.force_login(reviewer)
    assert client.get("/admin/").url.startswith(reverse("accounts:two_factor_setup"))

    liaison = UserFactory()
    sign_in(client, liaison)
    assert client.get(reverse("submissions:dashboard")).status_code == 200
    assert "开启两步验证" in page(client.get(reverse("accounts:two_factor")))


def test_with_the_setting_off_staff_sign_in_by_password(client, settings, organizer):
    settings.OTP_REQUIRED_FOR_STAFF = False
    response = sign_in(client, organizer)
    assert response.url == reverse("accounts:landing")
    assert client.get("/admin/").status_code == 200


def test_the_setting_follows_debug_unless_set():
    probe = "from django.conf import settings as s; print(s.OTP_REQUIRED_FOR_STAFF)"
    assert run_django(probe, DEBUG="true").stdout.split() == ["False"]
    assert run_django(probe, **PRODUCTION).stdout.split() == ["True"]
    turned_off = run_django(probe, **PRODUCTION, OTP_REQUIRED_FOR_STAFF="false")
    assert turned_off.stdout.split() == ["False"]


def test_the_admin_is_unreachable_without_the_second_step(client, required, organizer):
    key, _codes = enrol(organizer)
    # The admin's own login form does not log anyone in: it hands over to the portal's.
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": organizer.username, "password": PASSWORD},
    )
    assert response.url == reverse("accounts:login") + "?next=/admin/"
    assert not logged_in(client)

    # A session that has the password but not the code (as if the step were skipped).
    client.force_login(organizer)
    for url in ("/admin/", "/admin/accounts/user/", reverse("admin:login")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login_verify"))
    response = client.post(
        reverse("accounts:login_verify") + "?next=/admin/", {"code": code_for(key)}
    )
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_password_step_goes_stale_and_cannot_be_finished_after_a_password_change(client):
    liaison = UserFactory()
    key, _codes = enrol(liaison)
    sign_in(client, liaison)
    liaison.set_password("another-horse-battery")
    liaison.save()
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(key)})
    assert response.url == reverse("accounts:login")
    assert not logged_in(client)


def test_the_user_turns_it_off_with_a_code(client):
    liaison = UserFactory()
    key, _codes = enrol(liaison)
    sign_in(client, liaison)
    client.post(reverse("accounts:login_verify"), {"code": code_for(key)})
    response = client.post(reverse("accounts:two_factor_disable"), {"code": "123"})
    assert "您输入了 3 个字符" in page(response)
    assert services.has_second_factor(liaison)
    response = client.post(reverse("accounts:two_factor_disable"), {"code": code_for(key, 1)})
    assert response.url == reverse("accounts:two_factor")
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    assert not StaticDevice.objects.filter(user=liaison).exists()
    client.logout()
    assert sign_in(client, liaison).url == reverse("accounts:landing")  # the password alone


def test_new_recovery_codes_replace_the_old_ones(client, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the wrong (old) code does not delay the new one
    liaison = UserFactory()
    key, old = enrol(liaison)
    client.force_login(liaison)
    client.post(reverse("accounts:login_verify"), {"code": code_for(key)})
    response = client.post(
        reverse("accounts:two_factor_renew_recovery_codes"), {"code": code_for(key, 1)}
    )
    new = re.findall(r"<code>([a-z2-7-]{14})</code>", page(client.get(response.url)))
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    sign_in(client, liaison)
    assert "验证码不正确" in page(client.post(reverse("accounts:login_verify"), {"code": old[0]}))
    assert client.post(reverse("accounts:login_verify"), {"code": new[0]}).status_code == 302


def test_an_organizer_resets_a_lost_phone_in_the_admin(client, organizer):
    reviewer = UserFactory(username="wang_reviewer", unit=None, is_staff=True, role=REVIEWER)
    enrol(reviewer)
    admin_user = UserFactory(username="root", unit=None, is_staff=True, is_superuser=True)
    enrol(admin_user)
    client.force_login(organizer)
    listing = page(client.get(reverse("admin:accounts_user_changelist")))
    assert "重置两步验证" in listing

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [reviewer.pk, admin_user.pk]},
        follow=True,
    )
    assert "已重置 1 个账户的两步验证：wang_reviewer" in page(response)
    assert "只有超级用户可以重置超级用户的两步验证：root" in page(response)
    assert not services.has_second_factor(reviewer)
    assert services.has_second_factor(admin_user)
    assert LogEntry.objects.filter(object_id=str(reviewer.pk), user=organizer).exists()


def test_a_reviewer_cannot_reset_anyone(client):
    reviewer = UserFactory(unit=None, is_staff=True, role=REVIEWER)
    other = UserFactory()
    enrol(other)
    client.force_login(reviewer)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [other.pk]},
    )
    assert services.has_second_factor(other)


def test_the_admin_shows_no_device_secrets(client):
    root = UserFactory(unit=None, is_staff=True, is_superuser=True)
    client.force_login(root)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


def test_the_pages_are_in_english_too(client):
    liaison = UserFactory()
    client.cookies["django_language"] = "en"
    client.force_login(liaison)
    setup = page(client.get(reverse("accounts:two_factor_setup")))
    assert "Set up two-step verification" in setup and "Scan the QR code" in setup
    overview = page(client.get(reverse("accounts:two_factor")))
    assert "Account security" in overview and "Turn on two-step verification" in overview


def test_the_owner_is_told_by_mail_of_every_change(
    client, organizer, django_capture_on_commit_callbacks
):
    from django.core import mail

    liaison = UserFactory(username="zhang_gd", email="zhang@gdstc.example.cn")
    client.force_login(liaison)
    client.get(reverse("accounts:two_factor_setup"))
    key = TOTPDevice.objects.get(user=liaison).bin_key
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:two_factor_setup"), {"code": code_for(key)})
    (enabled,) = mail.outbox
    assert enabled.to == ["zhang@gdstc.example.cn"]
    assert enabled.subject == "CIEP 材料征集平台：您账户的两步验证已变更"
    assert "您的账户 zhang_gd 已开启两步验证" in enabled.body
    assert "如果这不是您本人的操作，请立即修改密码并联系组委会。" in enabled.body

    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [liaison.pk]},
        )
    assert "组委会已重置您的账户 zhang_gd 的两步验证" in mail.outbox[-1].body
