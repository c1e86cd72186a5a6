"""Included in accounts/urls.py, in the "accounts" namespace."""

from django.urls import path

from accounts.two_factor import views

urlpatterns = [
    path("login/code/", views.verify_sign_in, name="login_verify"),
    path("two-factor/", views.overview, name="two_factor"),
    path("two-factor/setup/", views.setup, name="two_factor_setup"),
    path("two-factor/setup/qr.svg", views.qr_code, name="two_factor_qr"),
    path(
        "two-factor/recovery-codes/",
        views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "two-factor/recovery-codes.txt",
        views.recovery_codes_download,
        name="two_factor_recovery_codes_download",
    ),
    path(
        "two-factor/recovery-codes/new/",
        views.renew_recovery_codes,
        name="two_factor_renew_recovery_codes",
    ),
    path("two-factor/disable/", views.disable, name="two_factor_disable"),
]
