"""The exhibitor's pages (参展商后台): home, apply, edit, enterprises, pictures, submit,
withdraw, the agreement, messages. Every lookup is within ``request.user.unit``: another
exhibitor's application is simply not found (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from accounts.access import UnitMemberRequiredMixin
from accounts.roles import EXHIBITOR
from exhibitors import agreement, selectors, services
from exhibitors.downloads import protect, readable
from exhibitors.forms import (
    AgreementUploadForm,
    ApplicationForm,
    MessageForm,
    PictureForm,
    attach_errors,
    enterprise_formset,
    enterprise_rows,
)
from exhibitors.kinds import STATUS_COLOURS, TRANSITIONS, ApplicationStatus, PictureRole
from exhibitors.models import BoothApplication
from submissions.deadlines import describe_time_left

S = ApplicationStatus
# From acceptance on, the agreement (once booths are assigned) and the bank details are shown.
CONFIRMATION_STATES = frozenset({S.ACCEPTED, S.AGREEMENT_UPLOADED, S.AGREEMENT_VERIFIED, S.PAID})


class ExhibitorView(UnitMemberRequiredMixin, View):
    required_role = EXHIBITOR

    def get_application(self, pk) -> BoothApplication:
        return get_object_or_404(selectors.applications_of(self.unit), pk=pk)


class BackToApplicationOnGet:
    """A form that posts here and is shown again on the application's page when refused: the
    address bar then names this URL, and reloading it (a GET) leads back to the page, not to a
    blank "405"."""

    def get(self, request, pk, **kwargs):
        self.get_application(pk)
        return redirect("exhibitors:detail", pk=pk)


def _report(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class HomeView(ExhibitorView):
    """My applications with state, next step and the committee's latest word, and the
    deadline for new applications in Beijing time."""

    def get(self, request):
        edition = selectors.current_edition()
        now = timezone.now()
        deadline = selectors.application_deadline(edition, self.unit) if edition else None
        rows = []
        if edition is not None:
            for application in selectors.applications_of(self.unit).filter(edition=edition):
                latest = application.messages.filter(from_organizer=True).exclude(body="")
                rows.append(
                    {
                        "application": application,
                        "colour": STATUS_COLOURS[application.status],
                        "next_step": selectors.next_step(application),
                        "latest": latest.last(),
                    }
                )
        return render(
            request,
            "exhibitors/home.html",
            {
                "unit": self.unit,
                "edition": edition,
                "rows": rows,
                "deadline": deadline,
                "time_left": describe_time_left(deadline, now) if deadline else "",
                "closed": bool(deadline and deadline.is_past(now)),
            },
        )


class ApplicationFormView(ExhibitorView):
    """申请参展 (a new application) and its changes while it is a draft or sent back."""

    def _load(self, pk):
        if pk is None:
            edition = selectors.current_edition()
            if edition is None:
                raise Http404
            return None, edition
        application = self.get_application(pk)
        return application, application.edition

    def _locked(self, request, application) -> bool:
        """True (with the reason shown) when the application can no longer be changed."""
        if application is None or application.is_editable:
            return False
        messages.error(
            request,
            _("申请当前状态为“%(status)s”，不能修改。")
            % {"status": application.get_status_display()},
        )
        return True

    def get(self, request, pk=None):
        application, edition = self._load(pk)
        if self._locked(request, application):
            return redirect("exhibitors:detail", pk=pk)
        form = ApplicationForm(instance=application, unit=self.unit, edition=edition)
        return self._render(request, form, application, edition)

    def post(self, request, pk=None):
        application, edition = self._load(pk)
        if self._locked(request, application):
            return redirect("exhibitors:detail", pk=pk)
        form = ApplicationForm(request.POST, instance=application, unit=self.unit, edition=edition)
        if form.is_valid():
            try:
                saved = services.save_draft(
                    unit=self.unit, by=request.user, data=form.to_input(), application=application
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("exhibitors:detail", pk=saved.pk)
        return self._render(request, form, application, edition, status=400)

    def _render(self, request, form, application, edition, status=200):
        now = timezone.now()
        deadline = selectors.application_deadline(edition, self.unit)
        return render(
            request,
            "exhibitors/apply.html",
            {
                "form": form,
                "application": application,
                "edition": edition,
                "deadline": deadline,
                "closed": application is None and bool(deadline and deadline.is_past(now)),
            },
            status=status,
        )


class DetailView(ExhibitorView):
    def get(self, request, pk):
        return render_detail(request, self.get_application(pk))


def render_detail(request, application: BoothApplication, *, status=200, **bound_forms):
    has_booths = application.assignments.exists()
    context = {
        "application": application,
        "colour": STATUS_COLOURS[application.status],
        "next_step": selectors.next_step(application),
        "conversation": application.messages.select_related("author"),
        "enterprises": application.enterprises.all(),
        "logo": application.pictures.filter(role=PictureRole.LOGO).first(),
        "pictures": application.pictures.filter(role=PictureRole.PICTURE),
        "assignments": application.assignments.select_related("booth__zone"),
        "assigned_area": selectors.assigned_area(application),
        "scans": application.scans.select_related("verified_by"),
        "payments": application.payments.all(),
        "amount_paid": selectors.amount_paid(application),
        "settings": selectors.exhibition_settings(application.edition),
        "in_confirmation": application.status in CONFIRMATION_STATES,
        "agreement_ready": application.status in CONFIRMATION_STATES and has_booths,
        "can_upload": application.status in TRANSITIONS["upload_agreement"].sources and has_booths,
        "can_submit": application.status in TRANSITIONS["submit"].sources,
        "can_withdraw": application.status in TRANSITIONS["withdraw"].sources,
        "picture_form": bound_forms.get("picture_form") or PictureForm(),
        "upload_form": bound_forms.get("upload_form") or AgreementUploadForm(),
        "message_form": bound_forms.get("message_form") or MessageForm(),
    }
    return render(request, "exhibitors/detail.html", context, status=status)


class SubmitView(BackToApplicationOnGet, ExhibitorView):
    def post(self, request, pk):
        application = self.get_application(pk)
        try:
            services.submit_application(application=application, by=request.user)
        except ValidationError as exc:
            _report(request, exc)
        else:
            messages.success(request, _("申请已提交，请等待组委会审核。"))
        return redirect("exhibitors:detail", pk=application.pk)


class WithdrawView(ExhibitorView):
    """撤回 cannot be undone: the button leads to this page, which asks once more."""

    def get(self, request, pk):
        application = self.get_application(pk)
        return render(request, "exhibitors/withdraw.html", {"application": application})

    def post(self, request, pk):
        application = self.get_application(pk)
        try:
            services.withdraw(application=application, by=request.user)
        except ValidationError as exc:
            _report(request, exc)
        else:
            messages.success(request, _("申请已撤回。"))
        return redirect("exhibitors:detail", pk=application.pk)


class EnterprisesView(ExhibitorView):
    """代表性企业名单 — up to the board's limit (10 in the notice)."""

    def _load(self, pk):
        application = self.get_application(pk)
        if application.enterprise_limit is None or not application.is_editable:
            raise Http404
        return application

    def _formset(self, application, data=None):
        initial = list(application.enterprises.values("name", "field", "offering"))
        factory = enterprise_formset(application.enterprise_limit, len(initial))
        return factory(data, initial=initial, prefix="enterprises")

    def get(self, request, pk):
        application = self._load(pk)
        return self._render(request, application, self._formset(application))

    def post(self, request, pk):
        application = self._load(pk)
        formset = self._formset(application, request.POST)
        if formset.is_valid():
            try:
                saved = services.save_enterprises(
                    application=application, by=request.user, rows=enterprise_rows(formset)
                )
            except ValidationError as exc:
                formset.non_form_errors().extend(exc.messages)
            else:
                messages.success(request, _("已保存 %(n)s 家代表性企业。") % {"n": len(saved)})
                return redirect("exhibitors:detail", pk=application.pk)
        return self._render(request, application, formset, status=400)

    def _render(self, request, application, formset, status=200):
        return render(
            request,
            "exhibitors/enterprises.html",
            {"application": application, "formset": formset},
            status=status,
        )


class PictureUploadView(BackToApplicationOnGet, ExhibitorView):
    def post(self, request, pk):
        application = self.get_application(pk)
        form = PictureForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_picture(
                    application=application,
                    role=form.cleaned_data["role"],
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as exc:
                attach_errors(form, exc, "file")
            else:
                messages.success(request, _("图片已上传。"))
                return redirect("exhibitors:detail", pk=application.pk)
        return render_detail(request, application, status=400, picture_form=form)


class PictureDeleteView(ExhibitorView):
    def post(self, request, pk, picture_pk):
        application = self.get_application(pk)
        picture = get_object_or_404(application.pictures, pk=picture_pk)
        try:
            services.remove_picture(picture=picture, by=request.user)
        except ValidationError as exc:
            _report(request, exc)
        else:
            messages.success(request, _("图片已删除。"))
        return redirect("exhibitors:detail", pk=application.pk)


class AgreementUploadView(BackToApplicationOnGet, ExhibitorView):
    def post(self, request, pk):
        application = self.get_application(pk)
        form = AgreementUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.upload_agreement(
                    application=application, upload=form.cleaned_data["file"], by=request.user
                )
            except ValidationError as exc:
                attach_errors(form, exc, "file")
            else:
                messages.success(request, _("协议扫描件已上传，请等待组委会核验。"))
                return redirect("exhibitors:detail", pk=application.pk)
        return render_detail(request, application, status=400, upload_form=form)


class MessageView(BackToApplicationOnGet, ExhibitorView):
    def post(self, request, pk):
        application = self.get_application(pk)
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.post_exhibitor_message(
                    application=application, by=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("留言已发送给组委会。"))
                return redirect("exhibitors:detail", pk=application.pk)
        return render_detail(request, application, status=400, message_form=form)


# --- Files: the generated agreement, and what the exhibitor uploaded -----------------------------


@require_GET
def agreement_download(request, pk):
    """The booth confirmation agreement as a Word file, for the exhibitor or an organizer."""
    application = readable(
        request,
        BoothApplication.objects.select_related("unit", "edition", "hall", "zone", "board"),
        pk,
        unit_field="unit_id",
        perm="exhibitors.view_boothapplication",
    )
    if application.status not in CONFIRMATION_STATES or not application.assignments.exists():
        raise Http404
    response = HttpResponse(
        agreement.build_agreement(application), content_type=agreement.CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(
        True, agreement.agreement_filename(application)
    )
    return protect(response)
