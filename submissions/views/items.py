"""A unit's activities, the page of one requirement, and its items with their checks.

Every lookup goes through the user's unit: another unit's activity, item or file is a 404.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts.access import UnitMemberRequiredMixin
from accounts.drafts import take_draft
from accounts.roles import LIAISON
from conference.selectors import request_edition
from inspection.qr import qr_svg
from submissions.deadlines import deadline_for, describe_rule
from submissions.forms.items import ItemForm
from submissions.forms.unit import ActivityForm
from submissions.kinds import SubmissionStatus
from submissions.materials import spec_for
from submissions.models import Requirement, Submission
from submissions.naming import safe_part
from submissions.selectors.items import item_view
from submissions.selectors.owed import requirements_for_unit
from submissions.services import activities as activity_services
from submissions.services import items as item_services
from submissions.views.files import attachment
from uploads.services import claim_for_form


def flash_submitted(request, item: Submission, *, again: bool = False) -> None:
    """Say what became of a submission. Where the checks ran at once (tasks in-process, or a
    quick worker), the verdict is known by now and the message must not say "checking"."""
    item.refresh_from_db(fields=["status"])
    if item.status == SubmissionStatus.FAILED:
        messages.error(
            request,
            _("已提交，但文件未通过自动检查：请查看下方各项结果，按要求更换文件后重新提交。"),
        )
    elif item.status == SubmissionStatus.IN_REVIEW:
        messages.success(request, _("已提交，自动检查已完成，等待组委会审核。"))
    elif again:
        messages.success(request, _("已重新提交，系统正在检查。"))
    else:
        messages.success(request, _("已提交，系统正在按通知要求检查文件。"))


class LiaisonView(UnitMemberRequiredMixin, View):
    required_role = LIAISON

    def requirement(self, pk) -> Requirement:
        owed = {r.pk: r for r in requirements_for_unit(self.unit, request_edition(self.request))}
        if pk not in owed or spec_for(owed[pk].kind) is None:
            raise Http404
        return owed[pk]

    def item(self, pk) -> Submission:
        return get_object_or_404(
            Submission.objects.select_related("requirement__call", "activity"),
            pk=pk,
            unit=self.unit,
        )


class ActivityListView(LiaisonView):
    def get(self, request):
        return self._render(request, ActivityForm(edition=request_edition(request), unit=self.unit))

    def post(self, request):
        form = ActivityForm(request.POST, edition=request_edition(request), unit=self.unit)
        if form.is_valid():
            activity_services.save_activity(unit=self.unit, data=form.cleaned_data)
            messages.success(request, _("已添加活动，相关材料的截止时间已按活动日期计算。"))
            return redirect("submissions:activities")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        activities = self.unit.activities.select_related("section", "hall", "zone")
        return render(
            request,
            "submissions/activities.html",
            {"form": form, "activities": activities},
            status=status,
        )


class ActivityEditView(LiaisonView):
    def get(self, request, pk):
        activity = get_object_or_404(self.unit.activities, pk=pk)
        form = ActivityForm(instance=activity, edition=request_edition(request), unit=self.unit)
        return render(
            request, "submissions/activity_edit.html", {"form": form, "activity": activity}
        )

    def post(self, request, pk):
        activity = get_object_or_404(self.unit.activities, pk=pk)
        form = ActivityForm(
            request.POST, instance=activity, edition=request_edition(request), unit=self.unit
        )
        if form.is_valid():
            activity_services.save_activity(
                unit=self.unit, data=form.cleaned_data, activity=activity
            )
            messages.success(request, _("活动已更新。"))
            return redirect("submissions:activities")
        return render(
            request,
            "submissions/activity_edit.html",
            {"form": form, "activity": activity},
            status=400,
        )


ITEMS_PER_PAGE = 50


def _query_without_page(request) -> str:
    """The page's other parameters (the activity), for the links to the other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class RequirementView(LiaisonView):
    """One requirement: what the notice asks, the deadline, the unit's items, a form for more."""

    def get(self, request, pk):
        requirement = self.requirement(pk)
        activity = self._activity(request, requirement)
        self.section = self._section(request, requirement)
        form = self._form(requirement, activity, take_draft(request))
        return self._render(request, requirement, activity, form)

    def post(self, request, pk):
        requirement = self.requirement(pk)
        activity = self._activity(request, requirement)
        self.section = self._section(request, requirement)
        form = self._form(requirement, activity, request.POST, request.FILES)
        # One transaction: finished uploads claimed by the form are given back if anything
        # is refused, so the page can be sent again without uploading them again.
        with transaction.atomic():
            try:
                item = self._create(form, requirement, activity)
            finally:
                form.close_uploads()
            if item is None:
                transaction.set_rollback(True)
        if item is not None:
            flash_submitted(request, item)
            return redirect("submissions:item", pk=item.pk)
        return self._render(request, requirement, activity, form, status=400)

    def _create(self, form, requirement, activity):
        if not form.is_valid():
            return None
        activity = form.cleaned_data.get("activity") or activity
        section = form.cleaned_data.get("section") or self.section
        try:
            # A second press of the button (or a second tab) finds the one allowed item sent:
            # it is told so, before claiming uploads that the first press has already taken.
            item_services.ensure_room(requirement, self.unit, activity, section)
            item_input = form.item_input()
            if form.errors:
                # Racing the first press, this one waited for its uploads: tell why they are
                # gone when the first press took the place too.
                item_services.ensure_room(requirement, self.unit, activity, section)
                return None
            return item_services.create_item(
                requirement=requirement,
                unit=self.unit,
                activity=activity,
                section=section,
                by=self.request.user,
                item=item_input,
            )
        except ValidationError as exc:
            form.apply_errors(exc)
            return None

    def _activity(self, request, requirement):
        activity_id = request.GET.get("activity") or request.POST.get("activity")
        if not requirement.per_activity or not activity_id:
            return None
        if not str(activity_id).isdigit():
            raise Http404
        return get_object_or_404(self.unit.activities, pk=activity_id)

    def _section(self, request, requirement):
        """The unit's section named by ?section= (per-section requirements), or None."""
        section_id = request.GET.get("section") or request.POST.get("section")
        if not requirement.per_section or not section_id:
            return None
        if not str(section_id).isdigit():
            raise Http404
        return get_object_or_404(item_services.unit_sections(self.unit, requirement), pk=section_id)

    def _form(self, requirement, activity, data=None, files=None):
        initial = {}
        sections = None
        if requirement.per_section and self.section is None:
            sections = item_services.unit_sections(self.unit, requirement)
            sections = sections if sections.exists() else None
        if requirement.follows_id and spec_for(requirement.kind).rows:
            # Figures: one row ready for every channel the stream was announced on.
            channels = item_services.stream_channels(requirement, self.unit, activity)
            initial["rows"] = [{"platform": channel} for channel in channels]
        return ItemForm(
            data,
            files,
            initial=initial,
            spec=spec_for(requirement.kind),
            requirement=requirement,
            unit=self.unit,
            user=self.request.user,
            creating=True,
            activity_required=requirement.per_activity and activity is None,
            sections=sections,
            resolve_upload=lambda upload_id: claim_for_form(
                upload_id=upload_id, user=self.request.user
            ),
        )

    def _render(self, request, requirement, activity, form, status=200):
        items = Submission.objects.filter(requirement=requirement, unit=self.unit)
        if requirement.per_activity and activity is not None:
            items = items.filter(activity=activity)
        if self.section is not None:
            items = items.filter(Q(section=self.section) | Q(section__isnull=True))
        has_room = (
            requirement.max_count is None
            or items.exclude(status="withdrawn").count() < requirement.max_count
        )
        # A busy unit sends photos by the thousand: the newest ITEMS_PER_PAGE, then pages.
        # A page number out of range or not a number shows the nearest page.
        page = Paginator(
            items.select_related("activity", "section").order_by("-created_at", "-pk"),
            ITEMS_PER_PAGE,
        ).get_page(request.GET.get("page"))
        context = {
            "requirement": requirement,
            "call": requirement.call,
            "milestones": requirement.call.milestones.all(),
            "activity": activity,
            "section": self.section,
            "deadline": deadline_for(requirement, self.unit, activity),
            "rule_text": describe_rule(requirement),
            "items": page.object_list,
            "page": page,
            "page_query": _query_without_page(request),
            "form": form,
            "has_room": has_room,
            "has_activities": self.unit.activities.exists(),
        }
        return render(request, "submissions/requirement.html", context, status=status)


class RequirementTemplateView(LiaisonView):
    """The template the organizer attached to a requirement (附件), to fill in and send back.

    Units get the template of a requirement they owe; organizers, any (to check what they
    uploaded: media files have no public address).
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm("submissions.view_requirement"):
            return self.send(get_object_or_404(Requirement, pk=kwargs["pk"]))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.send(self.requirement(pk))

    @staticmethod
    def send(requirement: Requirement):
        if not requirement.template_file:
            raise Http404
        suffix = PurePosixPath(requirement.template_file.name).suffix
        return attachment(requirement.template_file, f"{safe_part(requirement.title)}{suffix}")


class ItemView(LiaisonView):
    """One item: its texts, files, each rule's verdict; replace files, edit, withdraw."""

    def get(self, request, pk):
        item = self.item(pk)
        return self._render(request, item, self._form(item, take_draft(request)))

    def post(self, request, pk):
        item = self.item(pk)
        if "withdraw" in request.POST:
            return self._withdraw(request, item)
        form = self._form(item, request.POST, request.FILES)
        with transaction.atomic():
            try:
                updated = self._update(form, item)
            finally:
                form.close_uploads()
            if not updated:
                transaction.set_rollback(True)
        if updated:
            flash_submitted(request, item, again=True)
            return redirect("submissions:item", pk=item.pk)
        return self._render(request, item, form, status=400)

    def _update(self, form, item) -> bool:
        if not form.is_valid():
            return False
        try:
            item_input = form.item_input()
            if form.errors:
                return False
            item_services.update_item(submission=item, by=self.request.user, item=item_input)
        except ValidationError as exc:
            form.apply_errors(exc)
            return False
        return True

    def _withdraw(self, request, item):
        try:
            item_services.withdraw_item(submission=item, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("submissions:item", pk=item.pk)
        messages.success(request, _("已撤回。"))
        url = reverse("submissions:requirement", args=[item.requirement_id])
        return redirect(f"{url}?activity={item.activity_id}" if item.activity_id else url)

    def _form(self, item, data=None, files=None):
        return ItemForm(
            data,
            files,
            initial=item.data,
            spec=spec_for(item.requirement.kind),
            requirement=item.requirement,
            unit=self.unit,
            user=self.request.user,
            creating=False,
            resolve_upload=lambda upload_id: claim_for_form(
                upload_id=upload_id, user=self.request.user
            ),
        )

    def _render(self, request, item, form, status=200):
        context = {"view": item_view(item), "form": form, "item": item}
        return render(request, "submissions/item.html", context, status=status)


class ItemChecksView(LiaisonView):
    """The checks block of an item, polled by the page while files are being checked."""

    def get(self, request, pk):
        item = self.item(pk)
        return render(request, "submissions/_checks.html", {"view": item_view(item)})


class ItemQRView(LiaisonView):
    """The QR code of an H5 item's link, made by the portal (qrcode), as SVG."""

    def get(self, request, pk):
        item = self.item(pk)
        url = item.data.get("h5_url")
        if not url:
            raise Http404
        return HttpResponse(qr_svg(url), content_type="image/svg+xml")
