from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from submissions.deadlines import describe_rule
from submissions.forms import CallAdminForm, RequirementAdminForm
from submissions.models import (
    Activity,
    Call,
    DeadlineExtension,
    MaterialFile,
    Requirement,
    RequirementRule,
    Submission,
)
from submissions.rules import Outcome
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


class MaterialFileInline(admin.TabularInline):
    """The item's files with their preview, measured facts and each rule's verdict."""

    model = MaterialFile
    extra = 0
    can_delete = False
    fields = [
        "preview_tag",
        "role",
        "position",
        "version",
        "is_current",
        "download",
        "check_status",
        "verdict_list",
    ]
    readonly_fields = fields
    ordering = ["role", "position", "-version"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("预览"))
    def preview_tag(self, obj):
        if not obj.preview:
            return "—"
        url = reverse("submissions:file_preview", args=[obj.pk])
        return format_html('<img src="{}" alt="" class="admin-preview">', url)

    @admin.display(description=_("文件"))
    def download(self, obj):
        url = reverse("submissions:file_download", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a><br><small>{} · {}</small>',
            url,
            obj.original_name,
            filesizeformat(obj.size),
            obj.detected_type,
        )

    @admin.display(description=_("检查结论"))
    def verdict_list(self, obj):
        items = [
            (v.verdict, Outcome(v.code, v.verdict, v.params).message) for v in obj.verdicts.all()
        ]
        if not items:
            return _("检查中") if obj.checked_at is None else "—"
        return format_html_join(
            "", '<div class="verdict-{}">{}</div>', ((verdict, msg) for verdict, msg in items)
        )


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "requirement", "status", "submitted_at"]
    list_select_related = ["unit", "requirement"]
    list_filter = ["status", "requirement__call", "requirement__kind"]
    search_fields = ["title", "unit__name_zh"]
    raw_id_fields = ["unit", "requirement", "activity", "created_by", "declared_by"]
    readonly_fields = ["declared_by", "declared_at", "submitted_at", "created_at"]
    show_full_result_count = False
    inlines = [MaterialFileInline]

    class Media:
        css = {"all": ["css/admin.css"]}
