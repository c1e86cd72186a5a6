from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from submissions.deadlines import describe_rule
from submissions.forms import CallAdminForm, RequirementAdminForm
from submissions.models import (
    Activity,
    Call,
    DeadlineExtension,
    Requirement,
    RequirementRule,
    Submission,
)
from submissions.services import deadlines as deadline_services


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


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    form = CallAdminForm
    list_display = ["title_zh", "edition", "audience", "is_published", "issued_on"]
    list_filter = ["edition", "audience", "is_published"]
    list_select_related = ["edition"]
    search_fields = ["title_zh", "title_en", "code"]
    filter_horizontal = ["units"]
    inlines = [RequirementInline]


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
    list_filter = ["call__edition", "call", "kind", "section"]
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
        (_("份数"), {"fields": ["min_count", "max_count", "per_activity"]}),
        (
            _("截止时间（二选一）"),
            {"fields": ["deadline_at", "deadline_anchor", "deadline_working_days"]},
        ),
        (_("说明与模板"), {"fields": ["guidance_zh", "guidance_en", "template_file"]}),
    ]

    @admin.display(description=_("截止"))
    def deadline_text(self, obj):
        return describe_rule(obj)


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "requirement", "due_at", "reason", "granted_by", "created_at"]
    list_select_related = ["unit", "requirement", "granted_by"]
    list_filter = ["requirement__call"]
    search_fields = ["unit__name_zh", "reason"]
    raw_id_fields = ["unit", "requirement"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        extension = deadline_services.grant_extension(
            requirement=obj.requirement,
            unit=obj.unit,
            due_at=obj.due_at,
            reason=obj.reason,
            granted_by=request.user,
        )
        obj.pk = extension.pk


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "section", "starts_at", "ends_at"]
    list_select_related = ["unit", "section"]
    list_filter = ["section__edition", "section"]
    search_fields = ["name", "unit__name_zh"]
    raw_id_fields = ["unit"]


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "requirement", "status", "submitted_at"]
    list_select_related = ["unit", "requirement"]
    list_filter = ["status", "requirement__call", "requirement__kind"]
    search_fields = ["title", "unit__name_zh"]
    raw_id_fields = ["unit", "requirement", "activity", "created_by"]
    show_full_result_count = False
