"""The organizers' review desk: submitted items with their checks, review actions, exports.

Change lists stay fast with 100,000 items: one query for the page (related rows joined,
verdict counts and extensions annotated), no query per row.
"""

import base64

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from ciep_portal.admin_lists import BoundedDateHierarchyMixin
from ciep_portal.spreadsheets import xlsx_response
from conference.admin import EditionNamedFilter, RegionFilter
from inspection.documents import count_chars
from inspection.qr import qr_svg
from submissions import exports
from submissions.admin.decisions import DecisionAdminMixin
from submissions.admin.filters import (
    DeadlineStateFilter,
    ReviewerFilter,
    SectionFilter,
    VerdictFilter,
    reviewers,
    verdict_count,
)
from submissions.admin.matrix import MatrixAdminMixin
from submissions.kinds import STATUS_COLOURS, SubmissionStatus
from submissions.materials import spec_for
from submissions.models import DeadlineExtension, MaterialFile, RuleVerdict, Submission
from submissions.models.review import ReviewAction, ReviewEvent
from submissions.naming import section_of
from submissions.rules import Outcome
from submissions.services import files as file_services
from submissions.services import review as review_services

# kind → function(item) -> HTML of the fields an app keeps for items of that kind (a case's
# answers, a statistics table); apps built on the engine register theirs (``achievements``).
KIND_DETAILS: dict = {}


def register_kind_details(kind: str, details) -> None:
    KIND_DETAILS[kind] = details


class MaterialFileInline(admin.TabularInline):
    """The item's files with their preview, measured facts and each rule's verdict."""

    model = MaterialFile
    extra = 0
    can_delete = False
    fields = ["preview_tag", "role", "position", "version", "is_current", "download",
              "check_status", "verdict_list"]  # fmt: skip
    readonly_fields = fields
    ordering = ["role", "position", "-version"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("verdicts")

    @admin.display(description=_("预览"))
    def preview_tag(self, obj):
        if not obj.preview:
            return "—"
        preview = reverse("submissions:file_preview", args=[obj.pk])
        if obj.detected_type in ("mp4", "m4v", "mov"):
            stream = reverse("submissions:file_stream", args=[obj.pk])
            return format_html(
                '<video controls preload="none" poster="{}" class="admin-video" src="{}"></video>',
                preview,
                stream,
            )
        return format_html('<img src="{}" alt="" class="admin-preview">', preview)

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
        outcomes = [Outcome(v.code, v.verdict, v.params) for v in obj.verdicts.all()]
        if not outcomes:
            return _("检查中") if obj.checked_at is None else "—"
        return format_html_join(
            "", '<div class="verdict-{}">{}</div>', ((o.verdict, o.message) for o in outcomes)
        )


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "message", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("意见（单位将看到）"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean_message(self):
        # Refused here, before any item is touched, so the page keeps the selection and says
        # why; the service refuses the same (review_services.NEEDS_MESSAGE) for other callers.
        message = self.cleaned_data["message"].strip()
        if self.action in review_services.NEEDS_MESSAGE and not message:
            raise forms.ValidationError(
                _("要求修改或不予采用时，请写明意见，单位将看到这段文字。"), code="required"
            )
        return message


class ReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(reviewers(), label=_("审核人"))


@admin.register(Submission)
class SubmissionAdmin(
    BoundedDateHierarchyMixin, MatrixAdminMixin, DecisionAdminMixin, SimpleHistoryAdmin
):
    list_display = ["title_link", "unit", "requirement", "section_name", "status_badge",
                    "checks", "deadline_state", "submitted_at", "reviewer"]  # fmt: skip
    list_display_links = None
    list_select_related = ["unit", "requirement__call", "requirement__section",
                           "activity__section", "section", "reviewer"]  # fmt: skip
    list_filter = [("requirement__call", EditionNamedFilter), SectionFilter,
                   "requirement__kind", "status", VerdictFilter, DeadlineStateFilter,
                   "unit__kind", ("unit__region", RegionFilter), ReviewerFilter]  # fmt: skip
    search_fields = ["title", "unit__name_zh", "unit__name_en"]
    raw_id_fields = ["unit", "requirement", "activity", "section", "created_by", "declared_by",
                     "reviewer"]  # fmt: skip
    # The submitted texts are shown labelled (texts_with_counts), never as an editable JSON box:
    # organizers review what the unit sent, they do not rewrite it.
    exclude = ["data"]
    # The status changes only through the review actions (accept / request changes / reject),
    # which require the message, record the review and tell the unit: an editable status let
    # an organizer set "changes requested" with no message and no record.
    readonly_fields = ["status", "declared_by", "declared_at", "submitted_at", "created_at",
                       "texts_with_counts", "qr_code", "achievements", "decision_view"]  # fmt: skip
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    list_per_page = 50
    inlines = [MaterialFileInline, ReviewEventInline]
    actions = ["accept", "request_changes", "reject", "assign_reviewer", "record_decision",
               "recheck_files", "export_xlsx", "export_zip"]  # fmt: skip

    def get_queryset(self, request):
        # Correlated subqueries, not joins with GROUP BY: the database counts verdicts only
        # for the 50 rows of the page, not for all 100,000 items before paging.
        return (
            super()
            .get_queryset(request)
            .annotate(
                fail_count=verdict_count("fail"),
                warn_count=verdict_count("warn"),
                extended=Exists(
                    DeadlineExtension.objects.filter(
                        Q(activity__isnull=True) | Q(activity=OuterRef("activity")),
                        requirement=OuterRef("requirement"),
                        unit=OuterRef("unit"),
                    )
                ),
            )
        )

    @admin.display(description=_("标题"), ordering="title")
    def title_link(self, obj):
        url = reverse("admin:submissions_submission_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj)

    @admin.display(description=_("板块"))
    def section_name(self, obj):
        section = section_of(obj)
        return section.name if section else "—"

    @admin.display(description=_("状态"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status status-{}">{}</span>',
            STATUS_COLOURS.get(obj.status, "secondary"),
            obj.get_status_display(),
        )

    @admin.display(description=_("自动检查"))
    def checks(self, obj):
        if obj.status == SubmissionStatus.CHECKING:
            return _("检查中")
        if obj.fail_count:
            return format_html('<span class="verdict-fail">✗ {}</span>', obj.fail_count)
        if obj.warn_count:
            return format_html('<span class="verdict-warn">! {}</span>', obj.warn_count)
        return format_html('<span class="verdict-pass">{}</span>', "✓")

    @admin.display(description=_("截止情况"))
    def deadline_state(self, obj):
        if obj.extended:
            return _("已延期")
        due = obj.requirement.deadline_at
        if due and obj.submitted_at and obj.submitted_at > due:
            return _("逾期提交")
        return _("按时")

    @admin.display(description=_("填报内容与字数"))
    def texts_with_counts(self, obj):
        spec = spec_for(obj.requirement.kind)
        if spec is None:
            return "—"
        rows = [
            (t.label, obj.data.get(t.name, ""), count_chars(str(obj.data.get(t.name, ""))))
            for t in spec.texts
            if obj.data.get(t.name)
        ]
        texts = format_html(
            "<dl class='texts'>{}</dl>",
            format_html_join(
                "",
                "<dt>{} <small>{}</small></dt><dd>{}</dd>",
                ((label, _("（%(n)s 字）") % {"n": count}, value) for label, value, count in rows),
            ),
        )
        return format_html("{}{}", texts, self._rows_table(spec, obj.data.get("rows") or []))

    @staticmethod
    def _rows_table(spec, rows):
        """A table's rows (a live stream's viewing figures per channel), one line each."""
        if not spec.rows or not rows:
            return ""
        head = format_html_join("", "<th scope='col'>{}</th>", ((t.label,) for t in spec.rows))
        body = format_html_join(
            "",
            "<tr>{}</tr>",
            (
                (format_html_join("", "<td>{}</td>", ((row.get(t.name, ""),) for t in spec.rows)),)
                for row in rows
            ),
        )
        return format_html(
            "<table class='texts-rows'><caption>{}</caption><thead><tr>{}</tr></thead>"
            "<tbody>{}</tbody></table>",
            spec.rows_label,
            head,
            body,
        )

    @admin.display(description=_("案例与统计"))
    def achievements(self, obj):
        if obj is None or obj.pk is None or obj.requirement.kind not in KIND_DETAILS:
            return "—"
        return KIND_DETAILS[obj.requirement.kind](obj)

    @admin.display(description=_("二维码"))
    def qr_code(self, obj):
        url = obj.data.get("h5_url") if obj else None
        if not url:
            return "—"
        data = base64.b64encode(qr_svg(url)).decode()
        return format_html(
            '<img src="data:image/svg+xml;base64,{}" alt="" class="admin-qr"> <a href="{}" '
            'rel="noopener noreferrer" target="_blank">{}</a>',
            data,
            url,
            url,
        )

    # --- Review actions ------------------------------------------------------------------------

    def _review(self, request, queryset, action, title):
        form = MessageForm(request.POST if "apply" in request.POST else None, action=action)
        if form.is_bound and form.is_valid():
            done, problems = review_services.review_many(
                submissions=queryset,
                action=action,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            self.message_user(
                request,
                ngettext("%(action)s：已处理 %(n)s 项。", "%(action)s：已处理 %(n)s 项。", done)
                % {"action": title, "n": done},
                messages.SUCCESS if done else messages.WARNING,
            )
            for problem in problems[:10]:
                self.message_user(request, problem, messages.WARNING)
            return None
        return self._intermediate(request, queryset, form, title)

    def _intermediate(self, request, queryset, form, title):
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

    def has_review_permission(self, request):
        return request.user.has_perm("submissions.review_submission")

    @admin.action(description=_("采用所选材料"), permissions=["review"])
    def accept(self, request, queryset):
        done, problems = review_services.review_many(
            submissions=queryset, action=ReviewAction.ACCEPT, by=request.user
        )
        self.message_user(request, _("已采用 %(n)s 项。") % {"n": done}, messages.SUCCESS)
        for problem in problems[:10]:
            self.message_user(request, problem, messages.WARNING)

    @admin.action(description=_("要求修改（附意见）"), permissions=["review"])
    def request_changes(self, request, queryset):
        return self._review(request, queryset, ReviewAction.REQUEST_CHANGES, _("要求修改"))

    @admin.action(description=_("不予采用（附理由）"), permissions=["review"])
    def reject(self, request, queryset):
        return self._review(request, queryset, ReviewAction.REJECT, _("不予采用"))

    @admin.action(description=_("重新自动检查所选材料的文件"), permissions=["change"])
    def recheck_files(self, request, queryset):
        count = file_services.recheck(submissions=queryset)
        self.message_user(
            request, _("已安排重新检查 %(n)s 个文件。") % {"n": count}, messages.SUCCESS
        )

    @admin.action(description=_("指派审核人"), permissions=["change"])
    def assign_reviewer(self, request, queryset):
        form = ReviewerForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = review_services.assign_reviewer(
                submissions=queryset, reviewer=form.cleaned_data["reviewer"], by=request.user
            )
            self.message_user(request, _("已指派 %(n)s 项。") % {"n": count}, messages.SUCCESS)
            return None
        return self._intermediate(request, queryset, form, _("指派审核人"))

    @admin.action(description=_("导出 Excel"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return xlsx_response("提交材料.xlsx", exports.submission_sheet(queryset))

    @admin.action(description=_("下载所选材料的文件（ZIP）"), permissions=["view"])
    def export_zip(self, request, queryset):
        if exports.zip_size(queryset) > exports.STREAM_LIMIT_BYTES:
            job = exports.start_zip_job(
                submissions=queryset,
                by=request.user,
                description=_("所选 %(n)s 项材料的文件") % {"n": queryset.count()},
            )
            self.message_user(
                request, _("文件较多，正在后台打包，完成后可在“导出任务”中下载。"), messages.INFO
            )
            return redirect("admin:submissions_exportjob_change", job.pk)
        response = StreamingHttpResponse(
            exports.zip_stream(exports.files_of(queryset)), content_type="application/zip"
        )
        response["Content-Disposition"] = content_disposition_header(True, "宣传资料.zip")
        return response


@admin.register(RuleVerdict)
class RuleVerdictAdmin(admin.ModelAdmin):
    list_display = ["file", "code", "verdict"]
    list_filter = ["verdict", "code"]
    list_select_related = ["file"]
    raw_id_fields = ["file"]
    show_full_result_count = False
