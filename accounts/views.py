from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import AccountForm, ExhibitorOrganizationForm, JoinUnitForm
from accounts.roles import EXHIBITOR, has_role, is_organizer
from accounts.two_factor import signin as two_factor_signin
from accounts.two_factor.services import has_second_factor

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _welcome(request, user):
    login(request, user, backend=AUTH_BACKEND)
    translation.activate(user.preferred_language)
    messages.success(request, _("注册成功，欢迎使用。"))
    return redirect("accounts:landing")


def register_choice(request):
    return render(request, "accounts/register_choice.html")


@require_http_methods(["GET", "POST"])
def register_liaison(request):
    join = JoinUnitForm(request.POST or None, prefix="unit")
    account = AccountForm(request.POST or None, prefix="account")
    if request.method == "POST" and join.is_valid() and account.is_valid():
        user = services.register_liaison(
            unit=join.cleaned_data["join_code"], account=account.new_account()
        )
        return _welcome(request, user)
    return render(request, "accounts/register_liaison.html", {"join": join, "account": account})


@require_http_methods(["GET", "POST"])
def register_exhibitor(request):
    organization = ExhibitorOrganizationForm(request.POST or None, prefix="org")
    account = AccountForm(request.POST or None, prefix="account")
    if request.method == "POST" and organization.is_valid() and account.is_valid():
        with transaction.atomic():
            user = services.register_exhibitor(
                unit=organization.instance, account=account.new_account()
            )
        return _welcome(request, user)
    return render(
        request,
        "accounts/register_exhibitor.html",
        {"organization": organization, "account": account},
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
