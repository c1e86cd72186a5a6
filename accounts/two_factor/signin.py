"""The sign-in between its two steps, and where a session stands with its second factor.

After a right password, a user who has a second factor is *not* logged in: the session only
remembers who passed the first step, for a few minutes. ``complete`` logs the user in once a
code is accepted (Django's login: a new session key, django-axes' success record), and marks
the session as verified by that device (django-otp's login).
"""

import time

import django_otp
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.two_factor.services import has_second_factor, second_factor_required

PENDING_KEY = "two_factor_pending"
PENDING_SECONDS = 5 * 60
VERIFY, ENROL = "verify", "enrol"


def second_factor_need(user) -> str | None:
    """What this session still owes: VERIFY (a code), ENROL (set one up first) or None.

    Asked by the middleware and again by the admin site for the same request: the answer is
    kept on the request's user object (a new one each request) until a device verifies it."""
    if not user.is_authenticated or user.is_verified():
        return None
    if not hasattr(user, "_second_factor_need"):
        user._second_factor_need = _need(user)
    return user._second_factor_need


def _need(user) -> str | None:
    if has_second_factor(user):
        return VERIFY
    if second_factor_required(user):
        return ENROL
    return None


def begin(request, user, next_url: str) -> None:
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "auth_hash": user.get_session_auth_hash(),
        "next": next_url,
        "since": time.time(),
    }


def pending_user(request):
    """The user who passed the password step in this session, if it was recent and the
    password has not changed since."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None or user.get_session_auth_hash() != pending["auth_hash"]:
        return None
    return user


def cancel(request) -> None:
    request.session.pop(PENDING_KEY, None)


def complete(request, user, device) -> None:
    """Log in (if only the password step was passed) and mark the session as verified."""
    pending = request.session.pop(PENDING_KEY, None)
    if pending is not None and pending["user"] == user.pk:
        login(request, user, backend=pending["backend"])
    else:
        request.session.cycle_key()  # a privilege change: a new session key, as at login
    django_otp.login(request, device)


def safe_next(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def next_after(request, pending_next: str = "") -> str:
    return (
        safe_next(request, pending_next)
        or safe_next(request, request.GET.get("next"))
        or resolve_url("accounts:landing")
    )


def where_to_sign_in(request, next_url: str):
    """A redirect to the step this session needs next: the code, the enrolment, or the
    password (the admin's own login page sends everyone here)."""
    need = second_factor_need(request.user)
    if need == VERIFY:
        return redirect_to_login(next_url, login_url=reverse("accounts:login_verify"))
    if need == ENROL:
        return redirect_to_login(next_url, login_url=reverse("accounts:two_factor_setup"))
    return redirect_to_login(next_url, login_url=reverse("accounts:login"))
