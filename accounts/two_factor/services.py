"""Enrolling, verifying and removing a user's second factor, and who must have one.

A user has a second factor once a TOTP device is confirmed. Its recovery codes live in a
django-otp StaticDevice; only a hash of each is stored, so they are shown once and never again.
Every verification goes through django-otp's device, inside a transaction holding the device's
row: a code is accepted once (TOTP's last time step, a recovery code deleted on use), and wrong
codes are throttled (each failure doubles the wait before the next try).
"""

import base64
import hashlib
import io
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from accounts.roles import ORGANIZER, REVIEWER
from ciep_portal.mail import send_templated_mail
from ciep_portal.queue import enqueue_on_commit

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
# 12 base-32 characters: 60 random bits, typed as three groups of four.
RECOVERY_CODE_LENGTH = 12
RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
TOTP_PATTERN = re.compile(r"\d{6}")
RECOVERY_PATTERN = re.compile(rf"[a-z2-7]{{{RECOVERY_CODE_LENGTH}}}")

# The account's owner is told by e-mail of every change to its second factor, so that a change
# made by someone else (with a stolen session, or an organizer's reset) does not go unseen.
ENABLED, DISABLED, RESET, RENEWED = "enabled", "disabled", "reset", "renewed"


def second_factor_required(user) -> bool:
    """Organizers, reviewers and anyone who reaches the admin, while the setting is on."""
    if not settings.OTP_REQUIRED_FOR_STAFF or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=[ORGANIZER, REVIEWER]).exists()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed or removed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app's "enter a key" field takes it, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> bytes:
    """The otpauth:// address as an SVG QR code (an image: no script, no style)."""
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    return out.getvalue()


def normalized(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_hash(code: str) -> str:
    # StaticToken.token holds 16 characters: 64 bits of the SHA-256 of a 60-bit random code.
    return hashlib.sha256(normalized(code).encode()).hexdigest()[:16]


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    device.token_set.all().delete()
    device.token_set.bulk_create(
        [device.token_set.model(device=device, token=recovery_hash(code)) for code in codes]
    )
    return ["-".join(code[i : i + 4] for i in range(0, len(code), 4)) for code in codes]


@dataclass(frozen=True)
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]


def confirm_enrolment(*, user, code: str) -> Enrolled:
    """The first code from the app proves it holds the secret: confirm the device and issue
    recovery codes (returned once, stored hashed)."""
    code = normalized(code)
    if not TOTP_PATTERN.fullmatch(code):
        raise _shape_error(code, recovery_allowed=False)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None:
            raise ValidationError(_("设置已失效，请重新开始。"), code="expired")
        refusal = _refusal(device, code)
        if refusal is None:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            recovery, _created = StaticDevice.objects.get_or_create(
                user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
            )
            codes = _new_recovery_codes(recovery)
            _notify(user, ENABLED)
    if refusal is not None:  # raised outside the transaction, so the failure count is kept
        raise refusal
    return Enrolled(device=device, recovery_codes=codes)


def verify(*, user, code: str) -> Device:
    """The device that accepts ``code`` (a TOTP code or a recovery code, told apart by their
    shape, so that a wrong code counts against one device only); ValidationError otherwise."""
    code = normalized(code)
    if TOTP_PATTERN.fullmatch(code):
        model, token = TOTPDevice, code
    elif RECOVERY_PATTERN.fullmatch(code):
        model, token = StaticDevice, recovery_hash(code)
    else:
        raise _shape_error(code, recovery_allowed=True)
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            refusal = ValidationError(_("验证码不正确。"), code="invalid")
        else:
            refusal = _refusal(device, token)
    if refusal is not None:
        raise refusal
    return device


def _refusal(device, token: str) -> ValidationError | None:
    allowed, extra = device.verify_is_allowed()
    if not allowed:
        return _throttled(extra)
    if device.verify_token(token):
        return None
    return ValidationError(_("验证码不正确。"), code="invalid")


def _throttled(extra: dict) -> ValidationError:
    if extra.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS and extra.get("locked_until"):
        seconds = max(1, int((extra["locked_until"] - timezone.now()).total_seconds() + 0.999))
        return ValidationError(
            _("验证码已连续输错 %(count)d 次，请 %(seconds)d 秒后再试。")
            % {"count": extra["failure_count"], "seconds": seconds},
            code="throttled",
        )
    return ValidationError(_("暂时不能验证，请稍后再试。"), code="throttled")


def _shape_error(code: str, *, recovery_allowed: bool) -> ValidationError:
    if recovery_allowed:
        message = _(
            "请输入验证器应用显示的 6 位数字，或一个 12 位恢复码（您输入了 %(length)d 个字符）。"
        )
    else:
        message = _("请输入验证器应用显示的 6 位数字（您输入了 %(length)d 个字符）。")
    return ValidationError(message % {"length": len(code)}, code="shape")


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user).first()
    return device.token_set.count() if device else 0


def renew_recovery_codes(*, user) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
        )
        _notify(user, RENEWED)
        return _new_recovery_codes(device)


def remove_second_factor(*, user, by=None) -> int:
    """The authenticator and the recovery codes are deleted; sessions verified by them are no
    longer verified (django-otp's middleware finds the device gone). ``by``: the organizer who
    reset someone else's. Returns how many devices were deleted."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
        removed += (
            StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
        )
        if removed:
            _notify(user, RESET if by is not None and by.pk != user.pk else DISABLED)
    return removed


def _notify(user, event: str) -> None:
    enqueue_on_commit("accounts.send_second_factor_notice", user_id=user.pk, event=event)


def send_second_factor_notice(*, user, event: str) -> None:
    send_templated_mail(
        to=[user.email],
        template="accounts/email/second_factor",
        context={"user": user, "event": event, "at": timezone.now()},
        language=user.preferred_language,
    )
