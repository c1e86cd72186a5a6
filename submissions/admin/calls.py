from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ciep_portal.admin_lists import BoundedDateHierarchyMixin
from conference.admin import EditionNamedFilter
from submissions.deadlines import describe_rule
from submissions.email_templates import PLACEHOLDERS
from submissions.forms.unit import CallAdminForm, DeadlineExtensionAdminForm, RequirementAdminForm
from submissions.models import (
    Activity,
    Call,
    CallMilestone,
    DeadlineExtension,
    Requirement,
    RequirementRule,
)
from submissions.models.exports import ExportJob
from submissions.models.review import EmailTemplate, ReminderLog, ReminderRule
from submissions.services import deadlines as deadline_services


class ReminderRuleInline(admin.TabularInline):
    model = ReminderRule
    extra = 0


class RequirementInline(admin.TabularInline):
    model = Requirement
    form = RequirementAdminForm
    extra = 0
    show_change_link = True
    fields = [
        "order",
        "code",
        "title_zh",
        "kind",
        "section",
        "min_count",
        "max_count",
        "deadline_at",
        "deadline_anchor",
        "deadline_working_days",
    ]


class CallMilestoneInline(admin.TabularInline):
    model = CallMilestone
    extra = 0
    fields = ["on", "code", "text_zh", "text_en"]


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    form = CallAdminForm
    list_display = ["title_zh", "edition", "organizer_zh", "audience", "is_published", "issued_on"]
    list_filter = ["edition", "audience", "is_published"]
    list_select_related = ["edition"]
    search_fields = ["title_zh", "title_en", "code", "organizer_zh"]
    filter_horizontal = ["units", "regions"]
    inlines = [RequirementInline, CallMilestoneInline, ReminderRuleInline]


class RuleInline(admin.TabularInline):
    model = RequirementRule
    extra = 0


@admin.register(Requirement)
class RequirementAdmin(SimpleHistoryAdmin):
    form = RequirementAdminForm
    list_display = [
        "title_zh",
        "call",
        "kind",
        "section",
        "deadline_text",
        "min_count",
        "max_count",
    ]
    list_filter = [
        "call__edition",
        ("call", EditionNamedFilter),
        "kind",
        ("section", EditionNamedFilter),
    ]
    list_select_related = ["call", "section"]
    search_fields = ["title_zh", "title_en", "code"]
    inlines = [RuleInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "call",
                    "code",
                    "order",
                    "title_zh",
                    "title_en",
                    "kind",
                    "section",
                    "unit_kinds",
                ]
            },
        ),
        (_("份数"), {"fields": ["min_count", "max_count", "per_activity", "follows"]}),
        (
            _("截止时间（二选一）"),
            {"fields": ["deadline_at", "deadline_anchor", "deadline_working_days"]},
        ),
        (
            _("说明与模板"),
            {
                "fields": [
                    "guidance_zh",
                    "guidance_en",
                    "template_file",
                    "template_download",
                    "file_types",
                ]
            },
        ),
    ]
    readonly_fields = ["template_download"]

    @admin.display(description=_("下载模板"))
    def template_download(self, obj):
        if not obj or not obj.template_file:
            return "—"
        url = reverse("submissions:requirement_template", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载单位将看到的模板"))

    @admin.display(description=_("截止"))
    def deadline_text(self, obj):
        return describe_rule(obj)


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    list_display = [
        "unit", "requirement", "activity", "due_at", "reason", "granted_by", "created_at"
    ]  # fmt: skip
    list_select_related = ["unit", "requirement", "activity", "granted_by"]
    list_filter = [("requirement__call", EditionNamedFilter)]
    search_fields = ["unit__name_zh", "reason"]
    raw_id_fields = ["unit", "requirement", "activity"]
    readonly_fields = ["granted_by", "created_at"]
    form = DeadlineExtensionAdminForm

    def save_model(self, request, obj, form, change):
        extension = deadline_services.grant_extension(
            requirement=obj.requirement,
            unit=obj.unit,
            activity=obj.activity,
            due_at=obj.due_at,
            reason=obj.reason,
            granted_by=request.user,
        )
        obj.pk = extension.pk


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "section", "starts_at", "ends_at"]
    list_select_related = ["unit", "section"]
    list_filter = ["section__edition", ("section", EditionNamedFilter)]
    search_fields = ["name", "unit__name_zh"]
    raw_id_fields = ["unit"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["description", "requested_by", "status", "size", "created_at", "finished_at"]
    list_select_related = ["requested_by"]
    readonly_fields = ["description", "requested_by", "status", "download", "size", "error",
                       "created_at", "finished_at"]  # fmt: skip
    exclude = ["file_ids", "archive"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(requested_by=request.user)

    @admin.display(description=_("下载"))
    def download(self, obj):
        if obj.status != ExportJob.Status.DONE:
            return obj.get_status_display()
        url = reverse("submissions:export_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("下载压缩包"))


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["call", "offset_hours"]
    list_filter = ["call__edition"]
    list_select_related = ["call"]


@admin.register(ReminderLog)
class ReminderLogAdmin(BoundedDateHierarchyMixin, admin.ModelAdmin):
    list_display = ["sent_at", "unit", "requirement", "activity", "kind", "offset_hours", "sent_by"]
    list_filter = ["kind", ("requirement__call", EditionNamedFilter)]
    list_select_related = ["unit", "requirement", "activity", "sent_by"]
    search_fields = ["unit__name_zh", "recipients"]
    date_hierarchy = "sent_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["description", "code", "updated_at"]
    fields = ["code", "description", "placeholders", *EmailTemplate.TEXT_FIELDS]
    readonly_fields = ["code", "placeholders"]

    @admin.display(description=_("可用的占位符"))
    def placeholders(self, obj):
        offered = PLACEHOLDERS.get(obj.code, {}) if obj else {}
        return (
            format_html_join("", "<div><code>{{{{ {} }}}}</code> {}</div>", offered.items()) or "—"
        )

    def has_add_permission(self, request):
        return False
