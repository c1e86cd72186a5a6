"""The second factor in the users' admin: who has one, and a reset for a lost phone.

django-otp's own admin pages for devices are removed: they show and set secrets, so an
administrator could add an authenticator to someone else's account. Devices are the user's;
the admin can only take them away (the user then enrols again).
"""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import is_organizer
from accounts.two_factor.services import remove_second_factor

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.action(description=_("重置两步验证（删除验证器和恢复码）"), permissions=["change"])
def reset_second_factor(modeladmin, request, queryset):
    if not is_organizer(request.user):
        modeladmin.message_user(request, _("只有组委会可以重置两步验证。"), messages.ERROR)
        return
    reset, refused = [], []
    for user in queryset:
        # Weakening a superuser's sign-in is a superuser's decision.
        if user.is_superuser and not request.user.is_superuser:
            refused.append(user.get_username())
            continue
        if remove_second_factor(user=user, by=request.user):
            modeladmin.log_change(request, user, [{"changed": {"fields": ["两步验证"]}}])
            reset.append(user.get_username())
    if reset:
        modeladmin.message_user(
            request,
            ngettext(
                "已重置 %(count)d 个账户的两步验证：%(names)s。他们下次登录时需重新设置。",
                "已重置 %(count)d 个账户的两步验证：%(names)s。他们下次登录时需重新设置。",
                len(reset),
            )
            % {"count": len(reset), "names": "、".join(reset)},
            messages.SUCCESS,
        )
    if refused:
        modeladmin.message_user(
            request,
            _("只有超级用户可以重置超级用户的两步验证：%(names)s。")
            % {"names": "、".join(refused)},
            messages.ERROR,
        )
    if not reset and not refused:
        modeladmin.message_user(request, _("所选账户都没有设置两步验证。"), messages.INFO)


class SecondFactorAdminMixin:
    """For the users' admin: a "两步验证" column (one annotation, no query per row) and the
    reset action."""

    actions = [reset_second_factor]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_second_factor=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )

    @admin.display(description=_("两步验证"), boolean=True, ordering="has_second_factor")
    def second_factor(self, obj):
        return obj.has_second_factor
