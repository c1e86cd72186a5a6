"""The committee's side of the achievement statistics and case studies call (成果案例征集).

Case categories with their points, the statistics metrics, and the report material of each
call (the Word document of accepted cases, the Excel workbook of statistics). Items themselves
are reviewed with the other submissions (``SubmissionAdmin``); the case and statistics renderers
registered at the end of this module show them readably on that page.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from achievements.models import CaseCategory, CasePrompt, ReportCall, StatisticMetric
from achievements.reports import cases_report_docx, statistics_workbook
from achievements.selectors import case_view, statistics_rows
from conference.admin import EditionNamedFilter
from submissions.admin.items import register_kind_details
from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.models import Requirement, Submission
from submissions.naming import safe_part

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CasePromptInline(admin.TabularInline):
    model = CasePrompt
    extra = 0
    fields = ["order", "code", "label_zh", "label_en"]


@admin.register(CaseCategory)
class CaseCategoryAdmin(admin.ModelAdmin):
    list_display = ["title_zh", "requirement", "max_items", "order"]
    list_filter = ["requirement__call__edition", ("requirement__call", EditionNamedFilter)]
    list_select_related = ["requirement__call"]
    search_fields = ["title_zh", "title_en", "code"]
    raw_id_fields = ["requirement"]
    inlines = [CasePromptInline]


@admin.register(StatisticMetric)
class StatisticMetricAdmin(admin.ModelAdmin):
    list_display = [
        "name_zh",
        "unit_of_measure",
        "value_type",
        "required",
        "is_example",
        "requirement",
        "order",
    ]
    list_editable = ["order"]
    list_filter = [
        "requirement__call__edition",
        ("requirement__call", EditionNamedFilter),
        "is_example",
    ]
    list_select_related = ["requirement__call"]
    search_fields = ["name_zh", "name_en", "code"]
    raw_id_fields = ["requirement"]


@admin.register(ReportCall)
class ReportCallAdmin(admin.ModelAdmin):
    """Calls with case studies or statistics, and their report files to download."""

    list_display = ["title_zh", "edition", "accepted_cases", "accepted_tables", "downloads"]
    list_filter = ["edition"]
    list_select_related = ["edition"]

    def get_queryset(self, request):
        kinds = [MaterialKind.CASE_STUDY, MaterialKind.STATISTICS]
        with_kinds = Requirement.objects.filter(kind__in=kinds).values("call")
        accepted = Q(requirements__submissions__status=SubmissionStatus.ACCEPTED)

        def count(kind):
            return Count(
                "requirements__submissions",
                filter=accepted & Q(requirements__kind=kind),
                distinct=True,
            )

        return (
            super()
            .get_queryset(request)
            .filter(pk__in=with_kinds)
            .annotate(cases=count(MaterialKind.CASE_STUDY), tables=count(MaterialKind.STATISTICS))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("submissions.view_submission")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("已采用案例"), ordering="cases")
    def accepted_cases(self, obj):
        return obj.cases

    @admin.display(description=_("已采用统计表"), ordering="tables")
    def accepted_tables(self, obj):
        return obj.tables

    @admin.display(description=_("下载"))
    def downloads(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:achievements_reportcall_cases", args=[obj.pk]),
            _("案例汇编（Word）"),
            reverse("admin:achievements_reportcall_statistics", args=[obj.pk]),
            _("成果统计汇总（Excel）"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/cases.docx",
                view(self.cases_view),
                name="achievements_reportcall_cases",
            ),
            path(
                "<int:pk>/statistics.xlsx",
                view(self.statistics_view),
                name="achievements_reportcall_statistics",
            ),
            *super().get_urls(),
        ]

    def _call(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def cases_view(self, request, pk):
        call = self._call(request, pk)
        name = f"{safe_part(call.title_zh)}-案例汇编.docx"
        return _attachment(cases_report_docx(call), DOCX, name)

    def statistics_view(self, request, pk):
        call = self._call(request, pk)
        name = f"{safe_part(call.title_zh)}-成果统计汇总.xlsx"
        return _attachment(statistics_workbook(call), XLSX, name)


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _case_html(obj: Submission) -> str:
    view = case_view(obj)
    rows = [
        (_("案例类别"), view.category.title if view.category else obj.data.get("category", "")),
        (_("所涉年份"), view.years),
        (_("实地采访"), _("欢迎实地采访") if view.interview else _("暂不安排采访")),
        *view.answers,
    ]
    outcomes = format_html_join(
        "", '<div class="verdict-{}">{}</div>', ((o.verdict, o.message) for o in view.outcomes)
    )
    return format_html(
        '<dl class="texts">{}</dl>{}',
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        outcomes,
    )


def _statistics_html(obj: Submission) -> str:
    years = obj.requirement.years
    head = format_html_join("", "<th>{}</th>", ((y,) for y in years))
    body = format_html_join(
        "",
        "<tr><th>{}</th>{}</tr>",
        (
            (
                row.metric.label,
                format_html_join(
                    "", "<td>{}</td>", (("" if v is None else v,) for v in row.values)
                ),
            )
            for row in statistics_rows(obj.requirement, obj.data)
        ),
    )
    return format_html(
        "<table><thead><tr><th></th>{}</tr></thead><tbody>{}</tbody></table>", head, body
    )


# A case's fields or a statistics table as HTML, on the review desk's item page.
register_kind_details(MaterialKind.CASE_STUDY, _case_html)
register_kind_details(MaterialKind.STATISTICS, _statistics_html)
