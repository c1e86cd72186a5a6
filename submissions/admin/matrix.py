"""The chasing matrix (催报矩阵) on the review desk: units × requirements, and reminders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from conference.models import Region, Section
from submissions.admin.filters import (  # noqa: F401
    DeadlineStateFilter,
    ReviewerFilter,
    SectionFilter,
    VerdictFilter,
    id_param,
    reviewers,
    verdict_count,
)
from submissions.models import Call
from submissions.selectors.matrix import matrix, units_owing
from submissions.services import reminders as reminder_services
from units.models import Unit


class MatrixAdminMixin:
    """The chasing matrix, reached from the items' change list: units × a call's requirements."""

    matrix_page_size = 100

    def get_urls(self):
        urls = super().get_urls()
        extra = [
            path(
                "matrix/",
                self.admin_site.admin_view(self.matrix_view),
                name="submissions_submission_matrix",
            )
        ]
        return extra + urls

    def matrix_view(self, request):
        # Every unit's status is a read of the items; sending reminders is the organizers'.
        if not request.user.has_perm("submissions.view_submission"):
            raise PermissionDenied
        calls = Call.objects.select_related("edition").order_by("-edition__is_current", "order")
        call_id, region = id_param(request.GET, "call"), id_param(request.GET, "region")
        call = calls.filter(pk=call_id).first() if call_id else None
        call = call or calls.first()
        units = units_owing(call).select_related("region") if call else Unit.objects.none()
        section_id = id_param(request.GET, "section")
        section = (
            Section.objects.filter(pk=section_id, edition=call.edition).first()
            if call is not None and section_id
            else None
        )
        if region:
            units = units.filter(Q(region_id=region) | Q(region__parent_id=region))
        if request.method == "POST" and call is not None:
            if not request.user.has_perm("submissions.add_reminderlog"):
                raise PermissionDenied
            return self._remind(request, call, units)
        page = Paginator(units.order_by("name_zh"), self.matrix_page_size).get_page(
            request.GET.get("page")
        )
        requirements, rows = [], []
        if call is not None:
            requirements, rows = matrix(
                call, units.filter(pk__in=[u.pk for u in page]), section=section
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("催报矩阵"),
            "opts": self.model._meta,
            "calls": calls,
            "call": call,
            "requirements": requirements,
            "rows": rows,
            "page": page,
            "sections": Section.objects.filter(edition=call.edition) if call else [],
            "regions": Region.objects.filter(parent__isnull=True),
            "section": str(section.pk) if section else "",
            "region": str(region or ""),
            "can_remind": request.user.has_perm("submissions.add_reminderlog"),
            "can_view_units": request.user.has_perm("units.view_unit"),
        }
        return TemplateResponse(request, "admin/submissions/matrix.html", context)

    def _remind(self, request, call, units):
        chosen = units.filter(pk__in=request.POST.getlist("unit"))
        if not chosen.exists():
            self.message_user(
                request,
                _("未勾选任何单位，没有发送催报邮件。请先勾选要催报的单位。"),
                messages.WARNING,
            )
            return redirect(request.get_full_path())
        sent = reminder_services.send_manual(call=call, units=chosen, by=request.user)
        if sent:
            self.message_user(
                request, _("已向 %(n)s 个单位发送催报邮件。") % {"n": sent}, messages.SUCCESS
            )
        else:
            self.message_user(
                request,
                _("所选 %(n)s 个单位没有未交事项或没有联系邮箱，没有发送催报邮件。")
                % {"n": chosen.count()},
                messages.WARNING,
            )
        return redirect(request.get_full_path())
