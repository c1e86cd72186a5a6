"""The buttons of an application's admin page: decide, assign booths, verify the agreement,
record a payment, write to the exhibitor. Each is a small form handed to a service; a refusal
is shown on the form, never as an error page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exhibitors import selectors, services
from exhibitors.forms import (
    AssignBoothForm,
    DecideForm,
    OrganizerMessageForm,
    PaymentForm,
    VerifyAgreementForm,
    attach_errors,
)
from exhibitors.kinds import TRANSITIONS
from exhibitors.models import BoothAssignment

DECISIONS = {
    "accept": lambda application, by, text: services.accept(
        application=application, by=by, message=text
    ),
    "request_changes": lambda application, by, text: services.request_changes(
        application=application, by=by, message=text
    ),
    "reject": lambda application, by, text: services.reject(
        application=application, by=by, reason=text
    ),
}


class ApplicationObjectViews:
    """Mixed into the application's ModelAdmin: extra URLs under each application."""

    def get_urls(self):
        views = [
            ("decide", self.decide_view),
            ("assign", self.assign_view),
            ("verify", self.verify_view),
            ("payment", self.payment_view),
            ("message", self.message_view),
        ]
        extra = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(view),
                name=f"exhibitors_boothapplication_{name}",
            )
            for name, view in views
        ]
        extra.append(
            path(
                "<path:object_id>/release/<int:assignment_id>/",
                self.admin_site.admin_view(require_POST(self.release_view)),
                name="exhibitors_boothapplication_release",
            )
        )
        return extra + super().get_urls()

    # --- The shared frame -----------------------------------------------------------------

    def _application(self, request, object_id):
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        return application

    def _change_url(self, application) -> str:
        return reverse("admin:exhibitors_boothapplication_change", args=[application.pk])

    def _form_page(self, request, application, *, title, form, handle, extra=None):
        """Show ``form``; on a valid POST call ``handle(cleaned_data)`` (a service) and go back
        to the application with its message, or show the service's refusal on the form."""
        if request.method == "POST" and form.is_valid():
            try:
                done = handle(form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return redirect(self._change_url(application))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": application,
            "title": title,
            "form": form,
            "change_url": self._change_url(application),
            **(extra or {}),
        }
        return TemplateResponse(request, "exhibitors/admin/object_form.html", context)

    # --- The views ----------------------------------------------------------------------------

    def decide_view(self, request, object_id):
        application = self._application(request, object_id)
        choices = [
            (name, TRANSITIONS[name].label)
            for name in ("accept", "request_changes", "reject")
            if application.status in TRANSITIONS[name].sources
        ]
        form = DecideForm(request.POST or None, choices=choices)

        def handle(data):
            DECISIONS[data["decision"]](application, request.user, data["message"])
            label = TRANSITIONS[data["decision"]].label
            return _("%(action)s：%(unit)s") % {"action": label, "unit": application.unit}

        return self._form_page(
            request, application, title=_("审核参展申请"), form=form, handle=handle
        )

    def assign_view(self, request, object_id):
        application = self._application(request, object_id)
        form = AssignBoothForm(request.POST or None, application=application)

        def handle(data):
            assignment = services.assign_booth(
                application=application, booth=data["booth"], by=request.user
            )
            return _("已将展位 %(booth)s 分配给 %(unit)s。") % {
                "booth": assignment.booth.number,
                "unit": application.unit,
            }

        assignments = application.assignments.select_related("booth")
        return self._form_page(
            request,
            application,
            title=_("分配展位"),
            form=form,
            handle=handle,
            extra={"assignments": assignments, "release": True},
        )

    def release_view(self, request, object_id, assignment_id):
        application = self._application(request, object_id)
        assignment = get_object_or_404(
            BoothAssignment.objects.select_related("booth"),
            pk=assignment_id,
            application=application,
        )
        try:
            services.release_booth(assignment=assignment, by=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                self.message_user(request, text, messages.ERROR)
        else:
            self.message_user(
                request, _("已取消展位 %(booth)s。") % {"booth": assignment.booth.number}
            )
        return redirect(reverse("admin:exhibitors_boothapplication_assign", args=[application.pk]))

    def verify_view(self, request, object_id):
        application = self._application(request, object_id)
        scan = selectors.latest_scan(application)
        if scan is None:
            raise Http404
        form = VerifyAgreementForm(request.POST or None)

        def handle(data):
            services.verify_agreement(
                scan=scan, by=request.user, approved=data["approved"], note=data["note"]
            )
            return _("已记录协议核验结果（%(who)s，%(when)s）。") % {
                "who": request.user,
                "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            }

        return self._form_page(
            request,
            application,
            title=_("核验展位确认协议"),
            form=form,
            handle=handle,
            extra={"scan": scan},
        )

    def payment_view(self, request, object_id):
        application = self._application(request, object_id)
        due = application.fee - selectors.amount_paid(application)
        initial = {"amount": due if due > 0 else None, "invoice_title": application.unit.name_zh}
        if application.unit.uscc:
            initial["tax_number"] = application.unit.uscc
        form = PaymentForm(request.POST or None, initial=initial)

        def handle(data):
            payment = services.record_payment(application=application, by=request.user, **data)
            return _("已登记到账 %(amount)s 元。") % {"amount": payment.amount}

        return self._form_page(
            request,
            application,
            title=_("登记缴费"),
            form=form,
            handle=handle,
            extra={"due": due},
        )

    def message_view(self, request, object_id):
        application = self._application(request, object_id)
        form = OrganizerMessageForm(request.POST or None)

        def handle(data):
            services.send_organizer_message(
                application=application, by=request.user, body=data["message"]
            )
            return _("消息已发送给 %(unit)s。") % {"unit": application.unit}

        return self._form_page(
            request, application, title=_("给参展单位发消息"), form=form, handle=handle
        )
