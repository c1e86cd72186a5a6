"""The second step of signing in, and the account's two-factor page (enrolment, recovery codes,
turning it off). Every change to the second factor asks for a current code first."""

import time

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.two_factor import services, signin
from accounts.two_factor.forms import CodeForm

RECOVERY_CODES_KEY = "two_factor_recovery_codes"
# New recovery codes stay readable (page and download) for this long, then never again.
RECOVERY_CODES_SECONDS = 15 * 60


@never_cache
@require_http_methods(["GET", "POST"])
def verify_sign_in(request):
    """The code after the password (or for a signed-in session not yet verified by it)."""
    pending = request.session.get(signin.PENDING_KEY)
    user = signin.pending_user(request)
    if pending is None and request.user.is_authenticated:
        if signin.second_factor_need(request.user) != signin.VERIFY:
            return redirect(signin.next_after(request))
        user = request.user
    if user is None:
        signin.cancel(request)
        messages.info(request, _("请重新输入用户名和密码。"))
        return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not AxesProxyHandler.is_allowed(request, credentials):
            signin.cancel(request)
            return get_lockout_response(request, None, credentials)
        if form.is_valid():
            try:
                device = services.verify(user=user, code=form.cleaned_data["code"])
            except ValidationError as refusal:
                form.add_error("code", refusal)
                if refusal.code in ("invalid", "throttled"):
                    # Counted with wrong passwords: django-axes locks the account and address
                    # after the same number of failures of either kind.
                    user_login_failed.send(
                        sender=__name__, credentials=credentials, request=request
                    )
            else:
                signin.complete(request, user, device)
                _warn_if_recovery_code(request, user, device)
                return redirect(signin.next_after(request, (pending or {}).get("next", "")))
    return render(request, "accounts/two_factor/verify.html", {"form": form, "who": user})


def _warn_if_recovery_code(request, user, device) -> None:
    if isinstance(device, StaticDevice):
        message = _("您用恢复码登录，还剩 %(left)d 个恢复码。请尽快生成新的恢复码。")
        messages.warning(request, message % {"left": services.recovery_codes_left(user)})


@never_cache
@login_required
def overview(request):
    """The account's security page: password, and the second factor's state."""
    enabled = services.has_second_factor(request.user)
    return render(
        request,
        "accounts/two_factor/overview.html",
        {
            "enabled": enabled,
            "required": services.second_factor_required(request.user),
            "recovery_left": services.recovery_codes_left(request.user) if enabled else 0,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    if services.has_second_factor(request.user):
        return redirect("accounts:two_factor")
    device = services.enrolment_device(request.user)
    form = CodeForm(request.POST or None, recovery_allowed=False)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = services.confirm_enrolment(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            signin.complete(request, request.user, enrolled.device)
            _keep_recovery_codes(request, enrolled.recovery_codes)
            messages.success(request, _("两步验证已开启。"))
            return redirect(_with_next(request, "accounts:two_factor_recovery_codes"))
    return render(
        request,
        "accounts/two_factor/setup.html",
        {
            "form": form,
            "secret": services.secret_text(device),
            "required": services.second_factor_required(request.user),
        },
    )


@never_cache
@login_required
@require_GET
def qr_code(request):
    """The QR code of the authenticator being set up (an SVG image, never cached)."""
    if services.has_second_factor(request.user):
        return HttpResponse(status=404)
    device = services.enrolment_device(request.user)
    return HttpResponse(services.qr_code_svg(device), content_type="image/svg+xml")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes, shown once: until "saved" is pressed or a quarter of an hour passes."""
    codes = _kept_recovery_codes(request)
    if request.method == "POST" or codes is None:
        request.session.pop(RECOVERY_CODES_KEY, None)
        return redirect(signin.safe_next(request, request.GET.get("next")) or "accounts:two_factor")
    return render(
        request,
        "accounts/two_factor/recovery_codes.html",
        {"codes": codes, "next": signin.safe_next(request, request.GET.get("next"))},
    )


@never_cache
@login_required
@require_GET
def recovery_codes_download(request):
    codes = _kept_recovery_codes(request)
    if codes is None:
        return redirect("accounts:two_factor")
    text = render(
        request,
        "accounts/two_factor/recovery_codes.txt",
        {"codes": codes, "now": timezone.now()},
        content_type="text/plain; charset=utf-8",
    )
    text["Content-Disposition"] = 'attachment; filename="ciep-recovery-codes.txt"'
    return text


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def renew_recovery_codes(request):
    return _with_a_code(
        request,
        title=_("生成新的恢复码"),
        explanation=_("新的恢复码生成后，原有的恢复码全部失效。"),
        button=_("生成新的恢复码"),
        then=_renew,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def disable(request):
    required = services.second_factor_required(request.user)
    return _with_a_code(
        request,
        title=_("重新设置两步验证") if required else _("关闭两步验证"),
        explanation=_(
            "您的账户必须使用两步验证：当前的验证器和恢复码将被删除，随后请立即用新的手机重新设置。"
        )
        if required
        else _("关闭后，登录只需要密码。当前的验证器和恢复码将被删除。"),
        button=_("删除并重新设置") if required else _("关闭两步验证"),
        then=_disable,
        danger=True,
    )


def _renew(request):
    _keep_recovery_codes(request, services.renew_recovery_codes(user=request.user))
    messages.success(request, _("已生成新的恢复码，原有的恢复码已失效。"))
    return redirect("accounts:two_factor_recovery_codes")


def _disable(request):
    services.remove_second_factor(user=request.user)
    if services.second_factor_required(request.user):
        messages.info(request, _("原有的验证器已删除，请重新设置两步验证。"))
        return redirect("accounts:two_factor_setup")
    messages.success(request, _("两步验证已关闭。"))
    return redirect("accounts:two_factor")


def _with_a_code(request, *, title, explanation, button, then, danger=False):
    if not services.has_second_factor(request.user):
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            return then(request)
    return render(
        request,
        "accounts/two_factor/confirm.html",
        {
            "form": form,
            "title": title,
            "explanation": explanation,
            "button": button,
            "danger": danger,
        },
    )


def _keep_recovery_codes(request, codes: list[str]) -> None:
    request.session[RECOVERY_CODES_KEY] = {"codes": codes, "since": time.time()}


def _kept_recovery_codes(request) -> list[str] | None:
    kept = request.session.get(RECOVERY_CODES_KEY)
    if not kept or time.time() - kept["since"] > RECOVERY_CODES_SECONDS:
        return None
    return kept["codes"]


def _with_next(request, name: str) -> str:
    next_url = signin.safe_next(request, request.GET.get("next"))
    return reverse(name) + (f"?{urlencode({'next': next_url})}" if next_url else "")
