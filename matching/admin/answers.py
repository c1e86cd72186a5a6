from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from matching.models import AccountInvitation, Answer
from matching.services import invitations


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """The committee follows each answer: its state (new, forwarded, in talks, closed), a note."""

    list_display = ["created_at", "item", "unit", "name", "organization", "country", "state"]
    list_filter = ["state", "item__kind", "created_at"]
    list_editable = ["state"]
    list_select_related = ["item__unit"]
    search_fields = ["name", "organization", "email", "item__title_zh", "item__unit__name_zh"]
    readonly_fields = [
        "item",
        "name",
        "organization",
        "country",
        "email",
        "message",
        "language",
        "created_at",
    ]
    fields = [*readonly_fields, "state", "note"]
    show_full_result_count = False

    @admin.display(description=_("单位"), ordering="item__unit__name_zh")
    def unit(self, obj):
        return obj.item.unit

    def has_add_permission(self, request):
        return False


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    list_display = ["unit", "user", "created_at", "sent_at", "activated_at"]
    list_filter = [("activated_at", admin.EmptyFieldListFilter)]
    list_select_related = ["unit", "user"]
    search_fields = ["unit__name_zh", "user__email"]
    readonly_fields = ["unit", "user", "created_at", "sent_at", "activated_at"]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("重新发送激活邮件"), permissions=["change"])
    def resend(self, request, queryset):
        count = 0
        for invitation in queryset.filter(activated_at__isnull=True).select_related("user", "unit"):
            invitations.send_activation_email(invitation=invitation)
            count += 1
        self.message_user(request, _("已发送 %(n)s 封激活邮件。") % {"n": count}, messages.SUCCESS)
