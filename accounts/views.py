import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services, throttles
from accounts.forms import AccountForm, ExhibitorOrganizationForm, JoinUnitForm
from accounts.roles import EXHIBITOR, has_role, is_organizer
from accounts.two_factor import signin as two_factor_signin
from accounts.two_factor.services import has_second_factor

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"
logger = logging.getLogger(__name__)


def _welcome(request, user):
    login(request, user, backend=AUTH_BACKEND)
    translation.activate(user.preferred_language)
    messages.success(request, _("注册成功，欢迎使用。"))
    return redirect("accounts:landing")


def register_choice(request):
    return render(request, "accounts/register_choice.html")


def _throttled(request, account: AccountForm) -> bool:
    """A client that has tried too many user names or e-mails already in use is told nothing
    more about accounts for the hour: every registration it sends is refused with the same
    message, whether its names are taken or not, and nothing is created."""
    limit, client = throttles.TAKEN_NAMES_PER_CLIENT, throttles.client_of(request)
    blocked = throttles.exhausted(limit, client)
    if not blocked and account.taken_fields():
        blocked = not throttles.hit(limit, client)
    if blocked:
        account.withhold_taken()
    return blocked


@require_http_methods(["GET", "POST"])
def register_liaison(request):
    join = JoinUnitForm(request.POST or None, prefix="unit")
    account = AccountForm(request.POST or None, prefix="account")
    blocked = False
    if request.method == "POST" and not join.is_valid():
        # Without a unit's invitation code nothing is said about which names are in use:
        # only people their unit invited can learn that a name is taken. (The account form may
        # now look valid without its taken names: nothing below runs while the code is wrong.)
        account.hide_taken()
    elif request.method == "POST":
        blocked = _throttled(request, account)
    if request.method == "POST" and not blocked and join.is_valid() and account.is_valid():
        user = services.register_liaison(
            unit=join.cleaned_data["join_code"], account=account.new_account()
        )
        return _welcome(request, user)
    return render(
        request,
        "accounts/register_liaison.html",
        {"join": join, "account": account},
        status=429 if blocked else 200,
    )


@require_http_methods(["GET", "POST"])
def register_exhibitor(request):
    organization = ExhibitorOrganizationForm(request.POST or None, prefix="org")
    account = AccountForm(request.POST or None, prefix="account")
    blocked = request.method == "POST" and _throttled(request, account)
    if request.method == "POST" and not blocked and organization.is_valid() and account.is_valid():
        with transaction.atomic():
            user = services.register_exhibitor(
                unit=organization.instance, account=account.new_account()
            )
        return _welcome(request, user)
    return render(
        request,
        "accounts/register_exhibitor.html",
        {"organization": organization, "account": account},
        status=429 if blocked else 200,
    )


@login_required
def landing(request):
    """Where a user goes after logging in: organizers to the admin, exhibitors to their
    applications, other units to their dashboard."""
    user = request.user
    if is_organizer(user) or (user.is_staff and user.unit_id is None):
        return redirect("admin:index")
    if has_role(user, EXHIBITOR):
        return redirect("exhibitors:home")
    return redirect("submissions:dashboard")


class LoginView(auth_views.LoginView):
    """Log in; without an explicit language choice in this browser, use the account's.

    A user with a second factor passes the password here and the code at
    ``accounts:login_verify`` (accounts/two_factor/)."""

    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if has_second_factor(user):
            # Not logged in yet: the password step is remembered, the code comes next.
            two_factor_signin.begin(self.request, user, self.get_redirect_url())
            response = redirect("accounts:login_verify")
        else:
            response = super().form_valid(form)
        if settings.LANGUAGE_COOKIE_NAME not in self.request.COOKIES:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                form.get_user().preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Reset links by e-mail, within limits that tell nothing about accounts.

    Per client, at most ``PASSWORD_RESET_MAX_PER_CLIENT`` requests an hour; past that the form
    says so (429). Per address, at most ``PASSWORD_RESET_MAX_PER_ADDRESS`` e-mails an hour;
    past that nothing is sent and the page says what it always says ("如果该邮箱已注册…"),
    whether or not the address has an account.
    """

    template_name = "accounts/form_page.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not throttles.hit(throttles.RESET_PER_CLIENT, throttles.client_of(self.request)):
            form.add_error(
                None,
                ValidationError(
                    _("重置密码的请求过于频繁：1 小时内最多 %(limit)s 次，请稍后再试。"),
                    code="too_many_requests",
                    params={"limit": throttles.RESET_PER_CLIENT.allowed},
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if not throttles.hit(throttles.RESET_PER_ADDRESS, form.cleaned_data["email"]):
            logger.info("Password reset e-mail withheld: over the hourly limit for the address")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
