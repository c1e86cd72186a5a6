from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.two_factor.admin import SecondFactorAdminMixin


@admin.register(User)
class UserAdmin(SecondFactorAdminMixin, DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "email",
        "unit",
        "is_staff",
        "is_active",
        "second_factor",
        "last_login",
    ]
    list_filter = ["is_staff", "is_active", "groups"]
    list_select_related = ["unit"]
    search_fields = ["username", "first_name", "email", "unit__name_zh"]
    raw_id_fields = ["unit"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("单位与通知"), {"fields": ["unit", "mobile", "preferred_language"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("单位与通知"), {"fields": ["email", "first_name", "unit", "preferred_language"]}),
    )
