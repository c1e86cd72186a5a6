"""Pages of the achievement statistics and case studies call (成果案例征集).

The requirement and item addresses are shared with other materials: ``register_pages`` tells the
engine (``submissions.views.pages``) to send a case study to the case views and statistics to
the grid.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from accounts.drafts import take_draft
from achievements.forms import CaseStudyForm, StatisticsForm, grid_initial
from achievements.selectors import (
    case_initial,
    case_view,
    categories_by_code,
    category_cards,
    char_range,
    statistics_item,
)
from achievements.services import cases as case_services
from achievements.services import statistics as statistics_services
from achievements.workbooks import statistics_template
from conference.selectors import request_edition
from submissions.deadlines import deadline_for
from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.models import Requirement, Submission
from submissions.models.files import Verdict
from submissions.naming import safe_part
from submissions.selectors.items import item_view
from submissions.selectors.owed import requirements_for_unit
from submissions.services.items import EDITABLE
from submissions.views.items import ItemView, LiaisonView
from submissions.views.pages import register_kind_pages
from uploads.services import claim_for_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _warn_length(request, item: Submission) -> None:
    """The typed text outside the call's guidance range: sent, with a warning."""
    for outcome in case_view(item).outcomes:
        if outcome.verdict == Verdict.WARN:
            messages.warning(request, outcome.message)


# --- Case studies --------------------------------------------------------------------------------


class CaseRequirementView(LiaisonView):
    """The case call's categories, each with its guidance; ``?category=`` opens its form."""

    def get(self, request, pk):
        requirement = self.requirement(pk)
        category = self._category(request, requirement)
        form = self._form(requirement, category, take_draft(request)) if category else None
        return self._render(request, requirement, category, form)

    def post(self, request, pk):
        requirement = self.requirement(pk)
        category = self._category(request, requirement)
        if category is None:
            raise Http404
        form = self._form(requirement, category, request.POST, request.FILES)
        with transaction.atomic():
            try:
                item = self._create(form, requirement, category)
            finally:
                form.close_uploads()
            if item is None:
                transaction.set_rollback(True)
        if item is None:
            return self._render(request, requirement, category, form, status=400)
        messages.success(request, _("案例已提交。"))
        _warn_length(request, item)
        return redirect("submissions:item", pk=item.pk)

    def _category(self, request, requirement):
        code = request.GET.get("category")
        if not code:
            return None
        category = categories_by_code(requirement).get(code)
        if category is None:
            raise Http404
        return category

    def _form(self, requirement, category, data=None, files=None):
        return CaseStudyForm(
            data,
            files,
            category=category,
            requirement=requirement,
            unit=self.unit,
            user=self.request.user,
            creating=True,
            resolve_upload=lambda upload_id: claim_for_form(
                upload_id=upload_id, user=self.request.user
            ),
        )

    def _create(self, form, requirement, category):
        if not form.is_valid():
            return None
        try:
            case = form.case_input()
            if form.errors:
                return None
            return case_services.create_case(
                requirement=requirement,
                category=category,
                unit=self.unit,
                by=self.request.user,
                case=case,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
            return None

    def _render(self, request, requirement, category, form, status=200):
        items = Submission.objects.filter(requirement=requirement, unit=self.unit)
        cards = category_cards(requirement, self.unit)
        titles = {c.category.code: c.category.title for c in cards}
        deadline = deadline_for(requirement, self.unit)
        card = next((c for c in cards if category and c.category.pk == category.pk), None)
        context = {
            "requirement": requirement,
            "deadline": deadline,
            "items": [(i, titles.get(i.data.get("category"), "")) for i in items],
            "cards": cards,
            "category": category,
            "card": card,
            "form": form,
            "char_range": char_range(requirement),
            "can_send": not deadline.is_past() and (card is None or card.has_room),
        }
        return render(request, "submissions/case_requirement.html", context, status=status)


class CaseItemView(ItemView):
    """One case: its fields, files and checks; edited with the case form."""

    def _form(self, item, data=None, files=None):
        try:
            category = case_services.case_category(item)
        except ValidationError:
            raise Http404 from None
        return CaseStudyForm(
            data,
            files,
            initial=case_initial(item),
            category=category,
            requirement=item.requirement,
            unit=self.unit,
            user=self.request.user,
            creating=False,
            resolve_upload=lambda upload_id: claim_for_form(
                upload_id=upload_id, user=self.request.user
            ),
        )

    def _update(self, form, item) -> bool:
        if not form.is_valid():
            return False
        try:
            case = form.case_input()
            if form.errors:
                return False
            updated = case_services.update_case(submission=item, by=self.request.user, case=case)
        except ValidationError as exc:
            form.apply_errors(exc)
            return False
        _warn_length(self.request, updated)
        return True

    def _render(self, request, item, form, status=200):
        context = {
            "view": item_view(item),
            "form": form,
            "item": item,
            "case": case_view(item),
            "char_range": char_range(item.requirement),
            "form_template": "submissions/_case_form.html",
        }
        return render(request, "submissions/item.html", context, status=status)


# --- Achievement statistics ----------------------------------------------------------------------


class StatisticsView(LiaisonView):
    """The unit's statistics table: typed in the grid, or the Excel template uploaded back."""

    def statistics_requirement(self, pk) -> Requirement:
        owed = {r.pk: r for r in requirements_for_unit(self.unit, request_edition(self.request))}
        if pk not in owed or owed[pk].kind != MaterialKind.STATISTICS:
            raise Http404
        return owed[pk]

    def get(self, request, pk):
        requirement = self.statistics_requirement(pk)
        item = statistics_item(requirement, self.unit)
        initial = grid_initial(requirement, item.data if item else None)
        form = StatisticsForm(requirement=requirement, initial=initial)
        return self._render(request, requirement, item, form)

    def post(self, request, pk):
        requirement = self.statistics_requirement(pk)
        form = StatisticsForm(request.POST, request.FILES, requirement=requirement)
        uploading = "upload" in request.POST
        if form.is_valid() and self._save(form, requirement, uploading):
            return redirect("submissions:statistics", pk=pk)
        item = statistics_item(requirement, self.unit)
        return self._render(request, requirement, item, form, status=400, uploading=uploading)

    def _save(self, form, requirement, uploading: bool) -> bool:
        """Save the grid or the workbook; False, with the problems on the form, if refused."""
        workbook = form.cleaned_data.get("workbook")
        if uploading and not workbook:
            form.add_error("workbook", _("请选择要上传的 Excel 文件。"))
            return False
        try:
            if uploading:
                statistics_services.upload_statistics(
                    requirement=requirement, unit=self.unit, by=self.request.user, upload=workbook
                )
            else:
                statistics_services.save_statistics(
                    requirement=requirement,
                    unit=self.unit,
                    by=self.request.user,
                    cells=form.cells(),
                )
        except statistics_services.StatisticsInvalid as exc:
            # A workbook's problems are listed with their cells ("G3"); the grid's also sit
            # beside the text boxes, which keep what was typed either way.
            if not uploading:
                form.show_cell_errors(exc.cell_errors)
            form.cell_messages = [e.message for e in exc.cell_errors]
            return False
        except ValidationError as exc:
            form.add_error("workbook" if uploading else None, exc)
            return False
        done = _("已读取 Excel 文件并保存成果统计。") if uploading else _("成果统计已保存。")
        messages.success(self.request, done)
        return True

    def _render(self, request, requirement, item, form, status=200, uploading=False):
        deadline = deadline_for(requirement, self.unit)
        context = {
            "requirement": requirement,
            "deadline": deadline,
            "item": item,
            "form": form,
            "uploading": uploading,
            "editable": _editable(item, deadline),
            "cell_messages": getattr(form, "cell_messages", []),
        }
        return render(request, "submissions/statistics.html", context, status=status)


def _editable(item: Submission | None, deadline) -> bool:
    """As ``services.items.ensure_editable`` decides: sent back for changes, or still open."""
    if item is None:
        return not deadline.is_past()
    if item.status in (SubmissionStatus.FAILED, SubmissionStatus.CHANGES_REQUESTED):
        return True
    return item.status in EDITABLE and not deadline.is_past()


class StatisticsTemplateView(StatisticsView):
    """The Excel template, filled with what the unit has saved so far."""

    def get(self, request, pk):
        requirement = self.statistics_requirement(pk)
        item = statistics_item(requirement, self.unit)
        content = statistics_template(
            requirement, unit_name=self.unit.name_zh, data=item.data if item else None
        )
        response = HttpResponse(content, content_type=XLSX)
        name = f"{safe_part(requirement.title)}-{safe_part(self.unit.name_zh)}.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response

    def post(self, request, pk):
        raise Http404


# --- The case and statistics pages at the engine's requirement and item addresses -----------------

_case_requirement_view = CaseRequirementView.as_view()
_case_item_view = CaseItemView.as_view()


def _case_item(request, pk, requirement_id):
    return _case_item_view(request, pk=pk)


def _statistics_requirement(request, pk):
    return redirect("submissions:statistics", pk=pk)


def _statistics_item(request, pk, requirement_id):
    return redirect("submissions:statistics", pk=requirement_id)


def register_pages() -> None:
    """Called from ``AchievementsConfig.ready``."""
    register_kind_pages(
        MaterialKind.CASE_STUDY, requirement=_case_requirement_view, item=_case_item
    )
    register_kind_pages(
        MaterialKind.STATISTICS, requirement=_statistics_requirement, item=_statistics_item
    )
