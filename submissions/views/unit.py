from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.access import UnitMemberRequiredMixin
from accounts.roles import LIAISON
from conference.selectors import request_edition
from submissions.deadlines import deadline_for
from submissions.forms.unit import LiaisonForm
from submissions.selectors.unit_dashboard import unit_dashboard
from submissions.services import liaisons as liaison_services


class DashboardView(UnitMemberRequiredMixin, View):
    """A unit's home: every requirement it owes, with deadline, time left, state and next step."""

    def get(self, request):
        edition = request_edition(request)
        now = timezone.now()
        blocks = unit_dashboard(self.unit, edition, now=now)
        return render(
            request,
            "submissions/dashboard.html",
            {"edition": edition, "blocks": blocks, "unit": self.unit, "now": now},
        )


class LiaisonListView(UnitMemberRequiredMixin, View):
    required_role = LIAISON

    def get(self, request):
        return self._render(request, LiaisonForm())

    def post(self, request):
        form = LiaisonForm(request.POST)
        if form.is_valid():
            try:
                liaison_services.add_liaison(
                    unit=self.unit, edition=request_edition(request), data=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已添加联络员 %(name)s。") % form.cleaned_data)
                return redirect("submissions:liaisons")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        requirements = liaison_services.liaison_requirements(self.unit, request_edition(request))
        asked = [(r, deadline_for(r, self.unit)) for r in requirements]
        return render(
            request,
            "submissions/liaisons.html",
            {"form": form, "liaisons": self.unit.liaisons.all(), "asked": asked},
            status=status,
        )


class LiaisonEditView(UnitMemberRequiredMixin, View):
    required_role = LIAISON

    def _liaison(self, pk):
        return get_object_or_404(self.unit.liaisons, pk=pk)

    def get(self, request, pk):
        liaison = self._liaison(pk)
        return render(
            request,
            "submissions/liaison_edit.html",
            {"form": LiaisonForm(instance=liaison), "liaison": liaison},
        )

    def post(self, request, pk):
        liaison = self._liaison(pk)
        form = LiaisonForm(request.POST, instance=liaison)
        if form.is_valid():
            try:
                liaison_services.update_liaison(
                    liaison=liaison, data=form.cleaned_data, edition=request_edition(request)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已更新联络员 %(name)s。") % form.cleaned_data)
                return redirect("submissions:liaisons")
        return render(
            request, "submissions/liaison_edit.html", {"form": form, "liaison": liaison}, status=400
        )
