"""The activation link of an account the committee's import opened: choose a password."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from matching.forms import ActivationForm
from matching.services.invitations import activate

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _user(uidb64: str):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
    except (TypeError, ValueError):
        return None
    return get_user_model().objects.filter(pk=pk).first() if pk.isdigit() else None


@require_http_methods(["GET", "POST"])
def activate_account(request, uidb64: str, token: str):
    user = _user(uidb64)
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "matching/activate.html", {"invalid": True}, status=400)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        activate(user=user, password=form.cleaned_data["new_password1"])
        login(request, user, backend=AUTH_BACKEND)
        messages.success(request, _("账号已激活，欢迎使用。"))
        return redirect("matching:unit_home")
    return render(request, "matching/activate.html", {"form": form, "account": user})
