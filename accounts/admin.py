from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import ORGANIZER
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

    # --- Who grants what: superuser, staff status and the organizer role are a superuser's
    # to give. Organizers manage the other accounts (liaisons, exhibitors, reviewers' groups)
    # and may only read an account that holds one of those powers.

    privileged_fields = ["is_superuser", "is_staff", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.privileged_fields
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.exclude(name=ORGANIZER)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and is_privileged(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not request.user.is_superuser and is_privileged(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk delete would not ask each account whether it may go (see above).
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)
        return actions


def is_privileged(user: User) -> bool:
    """A superuser or an organizer: only a superuser changes such an account."""
    return user.is_superuser or user.groups.filter(name=ORGANIZER).exists()
