"""Items in the admin: review (accept / request changes / reject with a message), 重点 and the
halls of the printed boards, the English for posting edited on the item's page. Every change
goes through ``matching.services.review``."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Hall
from matching.admin.imports import import_view, print_view
from matching.kinds import ItemAction
from matching.models import Answer, Item, ItemEvent
from matching.services import review as review_services


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("意见（单位将看到）"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class KeyForm(forms.Form):
    halls = forms.ModelMultipleChoiceField(
        Hall.objects.filter(edition__is_current=True),
        label=_("张榜展馆"),
        required=False,
        help_text=_("留空表示各展馆都张贴。"),
        widget=forms.CheckboxSelectMultiple,
    )


class ItemEventInline(admin.TabularInline):
    model = ItemEvent
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "message", "by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["created_at", "name", "organization", "country", "email", "state", "note"]
    readonly_fields = ["created_at", "name", "organization", "country", "email"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


UNIT_FIELDS = [
    "unit",
    "round",
    "kind",
    "title_zh",
    "summary_zh",
    "sector",
    "region",
    "offered",
    "sought",
    "terms",
    "closes_on",
    "contact_name",
    "contact_phone",
    "contact_email",
    "confidential",
]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = [
        "title_zh",
        "unit",
        "kind",
        "status",
        "is_key",
        "confidential",
        "english_ready",
    ]
    list_filter = ["status", "kind", "is_key", "confidential", "sector", "round__call", "round"]
    list_select_related = ["unit", "sector", "region"]
    search_fields = ["title_zh", "title_en", "unit__name_zh", "contact_name"]
    readonly_fields = [*UNIT_FIELDS, "status", "is_key", "halls_display", "created_at"]
    fields = [
        *UNIT_FIELDS[:5],
        "title_en",
        "summary_en",
        *UNIT_FIELDS[5:],
        "status",
        "is_key",
        "halls_display",
        "created_at",
    ]
    inlines = [ItemEventInline, AnswerInline]
    show_full_result_count = False
    actions = ["accept", "request_changes", "reject", "mark_key", "unmark_key"]
    change_list_template = "matching/admin/item_change_list.html"

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(partial(import_view, self)),
                name="matching_item_import",
            ),
            path(
                "print/",
                self.admin_site.admin_view(partial(print_view, self)),
                name="matching_item_print",
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        tools = [
            {"url": reverse("admin:matching_item_import"), "label": _("导入征集表或单位名单")},
            {"url": reverse("admin:matching_item_print"), "label": _("打印榜单")},
        ]
        extra_context = {**(extra_context or {}), "matching_tools": tools}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        # Items come from units (web or 征集表) and the committee's import of the 征集表.
        return False

    @admin.display(description=_("英文"), boolean=True)
    def english_ready(self, obj):
        return bool(obj.title_en.strip() and obj.summary_en.strip())

    @admin.display(description=_("张榜展馆"))
    def halls_display(self, obj):
        return "、".join(h.name for h in obj.halls.all()) or _("各展馆")

    def save_model(self, request, obj, form, change):
        """Only the English is edited here, and through the service that records it."""
        if not {"title_en", "summary_en"} & set(form.changed_data):
            return
        try:
            review_services.edit_english(
                item=obj, by=request.user, title_en=obj.title_en, summary_en=obj.summary_en
            )
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # Answers' state and note are the only related rows edited here.
        for formset in formsets:
            formset.save()

    # --- Review actions ------------------------------------------------------------------------

    def _report(self, request, done, problems):
        self.message_user(request, _("已处理 %(n)s 项。") % {"n": done}, messages.SUCCESS)
        for problem in problems[:10]:
            self.message_user(request, problem, messages.WARNING)

    def _with_form(self, request, queryset, form, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "opts": self.model._meta,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/submissions/action_form.html", context)

    def _review(self, request, queryset, action, title):
        form = MessageForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            message = form.cleaned_data["message"]
            result = review_services.review_many(
                items=queryset, action=action, by=request.user, message=message
            )
            self._report(request, *result)
            return None
        return self._with_form(request, queryset, form, title)

    @admin.action(description=_("采用所选供需信息（对外发布）"), permissions=["change"])
    def accept(self, request, queryset):
        self._report(
            request,
            *review_services.review_many(items=queryset, action=ItemAction.ACCEPT, by=request.user),
        )

    @admin.action(description=_("要求修改（附意见）"), permissions=["change"])
    def request_changes(self, request, queryset):
        return self._review(request, queryset, ItemAction.REQUEST_CHANGES, _("要求修改"))

    @admin.action(description=_("不予采用（附理由）"), permissions=["change"])
    def reject(self, request, queryset):
        return self._review(request, queryset, ItemAction.REJECT, _("不予采用"))

    @admin.action(description=_("标为重点（张榜）"), permissions=["change"])
    def mark_key(self, request, queryset):
        form = KeyForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for item in queryset:
                review_services.mark_key(
                    item=item, by=request.user, key=True, halls=form.cleaned_data["halls"]
                )
            self._report(request, queryset.count(), [])
            return None
        return self._with_form(request, queryset, form, _("标为重点"))

    @admin.action(description=_("取消重点"), permissions=["change"])
    def unmark_key(self, request, queryset):
        for item in queryset:
            review_services.mark_key(item=item, by=request.user, key=False)
        self._report(request, queryset.count(), [])
