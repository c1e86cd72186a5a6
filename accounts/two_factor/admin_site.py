"""The admin site, signing in through the portal's two steps.

django-otp's OTPAdminSite was not used: it demands a verified device from every staff account
unconditionally (the embedded demo could not sign in by password, and the setting could not turn
it off), and its one-page login form (password, device, code) would be a second sign-in beside
the portal's, each to keep in step with django-axes. Here the admin's login page hands over to
the portal's sign-in, and ``has_permission`` refuses a session that still owes its second factor
— the same rule the middleware applies to every page, kept here as a second line.
"""

from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.sites import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse


class PortalAdminSite(AdminSite):
    def has_permission(self, request):
        from accounts.two_factor.signin import second_factor_need

        return super().has_permission(request) and second_factor_need(request.user) is None

    def login(self, request, extra_context=None):
        from accounts.two_factor.signin import safe_next, where_to_sign_in

        next_url = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME))
        return where_to_sign_in(request, next_url or reverse("admin:index", current_app=self.name))


class PortalAdminConfig(AdminConfig):
    default_site = "accounts.two_factor.admin_site.PortalAdminSite"
