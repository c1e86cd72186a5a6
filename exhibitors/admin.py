"""The committee's side of the exhibition, in the admin.

Applications are read here and moved only through ``exhibitors.services``: the list actions
(accept, reject, request changes, export) and the buttons of an application's page (decide,
assign booths, verify the agreement, record a payment, write to the exhibitor) all call the
same functions as the exhibitor's pages. The booth inventory is edited directly.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from conference.admin import EditionNamedFilter, RegionOnlyFilter, ZoneEditionFilter
from exhibitors import exports, selectors, services
from exhibitors.admin_views import DECISIONS, ApplicationObjectViews
from exhibitors.forms import DecisionForm
from exhibitors.kinds import TRANSITIONS, ApplicationStatus
from exhibitors.models import (
    AgreementScan,
    ApplicationMessage,
    ApplicationPicture,
    BoardAdmission,
    Booth,
    BoothApplication,
    BoothAssignment,
    ExhibitionSettings,
    Payment,
    RepresentativeEnterprise,
)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@admin.register(ExhibitionSettings)
class ExhibitionSettingsAdmin(admin.ModelAdmin):
    list_display = ["edition", "organizer_name", "bank_name", "is_example"]
    list_select_related = ["edition"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "edition",
                    "organizer_name",
                    "organizer_name_en",
                    "mailing_address",
                    "mailing_address_en",
                    "contact",
                ]
            },
        ),
        (
            gettext_lazy("汇款信息"),
            {
                "fields": [
                    "bank_account_name",
                    "bank_account_name_en",
                    "bank_name",
                    "bank_name_en",
                    "bank_account_number",
                    "payment_note",
                    "payment_note_en",
                    "is_example",
                ]
            },
        ),
        (
            gettext_lazy("展位与图片"),
            {
                "fields": [
                    "standard_booth_m2",
                    "picture_min_width",
                    "picture_max_mb",
                    "max_pictures",
                    "scan_max_mb",
                ]
            },
        ),
        (gettext_lazy("协议"), {"fields": ["agreement_terms", "agreement_terms_en"]}),
    ]


@admin.register(BoardAdmission)
class BoardAdmissionAdmin(admin.ModelAdmin):
    list_display = ["unit", "board", "reason", "granted_by", "created_at"]
    list_select_related = ["unit", "board", "granted_by"]
    search_fields = ["unit__name_zh", "unit__name_en", "board__name_zh"]
    raw_id_fields = ["unit"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        admission = services.admit_to_board(
            board=obj.board, unit=obj.unit, by=request.user, reason=obj.reason
        )
        obj.pk = admission.pk


# --- Booth inventory --------------------------------------------------------------------------


class AssignedFilter(admin.SimpleListFilter):
    title = gettext_lazy("分配情况")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("yes", _("已分配")), ("no", _("空闲"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(assignment__isnull=self.value() == "no")
        return queryset


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["number", "hall", "zone", "booth_type", "size_m2", "fee", "holder"]
    list_filter = [
        "hall__edition",
        ("hall", EditionNamedFilter),
        ("zone", ZoneEditionFilter),
        "booth_type",
        AssignedFilter,
    ]
    list_select_related = ["hall", "zone", "assignment__application__unit"]
    search_fields = ["number", "assignment__application__unit__name_zh"]
    ordering = ["hall__number", "number"]
    actions = ["export_booth_plan"]

    @admin.display(description=gettext_lazy("参展单位"))
    def holder(self, booth):
        assignment = getattr(booth, "assignment", None)
        if assignment is None:
            return "—"
        url = reverse("admin:exhibitors_boothapplication_change", args=[assignment.application_id])
        return format_html('<a href="{}">{}</a>', url, assignment.application.unit)

    @admin.action(description=gettext_lazy("导出所选展位的展位图（Excel，每馆一页）"))
    def export_booth_plan(self, request, queryset):
        return xlsx_response(exports.booth_plan(queryset), _("展位图.xlsx"))


# --- Applications ------------------------------------------------------------------------------


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EnterpriseInline(ReadOnlyInline):
    model = RepresentativeEnterprise
    fields = ["position", "name", "field", "offering"]


class PictureInline(ReadOnlyInline):
    model = ApplicationPicture
    fields = ["role", "download", "width", "height", "uploaded_at"]

    @admin.display(description=gettext_lazy("文件"))
    def download(self, picture):
        url = reverse("exhibitors:picture_download", args=[picture.pk])
        return format_html('<a href="{}">{}</a>', url, picture.original_name)


class AssignmentInline(ReadOnlyInline):
    model = BoothAssignment
    fields = ["booth", "size", "fee", "assigned_by", "assigned_at"]

    @admin.display(description=gettext_lazy("面积（平方米）"))
    def size(self, assignment):
        return assignment.booth.size_m2

    @admin.display(description=gettext_lazy("费用（元）"))
    def fee(self, assignment):
        return assignment.booth.fee


class ScanInline(ReadOnlyInline):
    model = AgreementScan
    fields = ["download", "detected_type", "uploaded_at", "verdict", "verified_by", "verified_at"]

    @admin.display(description=gettext_lazy("文件"))
    def download(self, scan):
        url = reverse("exhibitors:scan_download", args=[scan.pk])
        return format_html('<a href="{}">{}</a>', url, scan.original_name)


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["amount", "paid_on", "method", "invoice_title", "tax_number", "recorded_by"]


class MessageInline(ReadOnlyInline):
    model = ApplicationMessage
    fields = ["created_at", "author", "from_organizer", "status_to", "body", "emailed_at"]


class PaidFilter(admin.SimpleListFilter):
    title = gettext_lazy("缴费情况")
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return [("yes", _("已缴费")), ("no", _("未缴费"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=ApplicationStatus.PAID)
        if self.value() == "no":
            return queryset.exclude(status=ApplicationStatus.PAID)
        return queryset


@admin.register(BoothApplication)
class BoothApplicationAdmin(ApplicationObjectViews, SimpleHistoryAdmin):
    change_form_template = "exhibitors/admin/application_change_form.html"
    list_display = [
        "unit",
        "hall",
        "zone",
        "board",
        "area",
        "requested",
        "status",
        "booths",
        "fee",
        "submitted_at",
    ]
    # Places and regions: only those that applications name, not every region of China.
    list_filter = [
        "edition",
        ("hall", admin.RelatedOnlyFieldListFilter),
        ("zone", admin.RelatedOnlyFieldListFilter),
        ("board", admin.RelatedOnlyFieldListFilter),
        "status",
        "area",
        "unit__kind",
        ("unit__region", RegionOnlyFilter),
        PaidFilter,
    ]
    list_select_related = ["unit", "hall", "zone", "board"]
    search_fields = ["unit__name_zh", "unit__name_en", "unit__uscc", "assignments__booth__number"]
    show_full_result_count = False
    actions = ["accept_selected", "request_changes_selected", "reject_selected", "export_list"]
    inlines = [
        EnterpriseInline,
        PictureInline,
        AssignmentInline,
        ScanInline,
        PaymentInline,
        MessageInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assignments__booth")

    def get_readonly_fields(self, request, obj=None):
        # Organizers change an application only through the decisions and buttons above.
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("申请展位"))
    def requested(self, application):
        return application.requested_size

    @admin.display(description=gettext_lazy("分配展位"))
    def booths(self, application):
        return ", ".join(a.booth.number for a in application.assignments.all()) or "—"

    # --- List actions: accept, request changes, reject (with the note sent), export -------------

    def _decide(self, request, queryset, decision: str):
        label, decide = TRANSITIONS[decision].label, DECISIONS[decision]
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done, refused = 0, []
            for application in queryset.select_related("unit"):
                try:
                    decide(application, request.user, form.cleaned_data["message"])
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):  # the note itself is missing: ask again
                        form.add_error("message", exc.error_dict.get("message"))
                        break
                    refused.append(f"{application.unit}：{'；'.join(exc.messages)}")
                else:
                    done += 1
            else:
                self._report(request, label, done, refused)
                return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": label,
            "form": form,
            "applications": queryset.select_related("unit"),
            "action": request.POST.get("action"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "exhibitors/admin/action_form.html", context)

    def _report(self, request, label, done: int, refused: list[str]) -> None:
        if done:
            self.message_user(
                request, _("%(action)s：%(n)s 份申请。") % {"action": label, "n": done}
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=gettext_lazy("通过所选申请"), permissions=["change"])
    def accept_selected(self, request, queryset):
        return self._decide(request, queryset, "accept")

    @admin.action(description=gettext_lazy("要求修改所选申请（发送说明）"), permissions=["change"])
    def request_changes_selected(self, request, queryset):
        return self._decide(request, queryset, "request_changes")

    @admin.action(description=gettext_lazy("不予通过所选申请（发送原因）"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._decide(request, queryset, "reject")

    @admin.action(description=gettext_lazy("导出参展单位名单（Excel）"))
    def export_list(self, request, queryset):
        return xlsx_response(exports.exhibitor_list(queryset), _("参展单位名单.xlsx"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        # Every field is read-only here: the buttons above change the application.
        extra = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        if application is not None:
            status = application.status
            extra.update(
                next_step=selectors.next_step(application),
                can_decide=any(
                    status in TRANSITIONS[name].sources
                    for name in ("accept", "request_changes", "reject")
                ),
                can_assign=status == ApplicationStatus.ACCEPTED,
                can_verify=status in TRANSITIONS["verify_agreement"].sources,
                can_record_payment=status in TRANSITIONS["record_payment"].sources,
                has_booths=application.assignments.exists(),
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)
