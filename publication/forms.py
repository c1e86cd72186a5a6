"""The admin's form for a publication slot. It decides which service calls a save means and
checks them with the services' own rules, so errors appear next to the fields; the admin's
``save_model`` then makes those calls."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from publication import services
from publication.models import PublicationSlot

Status = PublicationSlot.Status
PLAN_FIELDS = ("channel", "scheduled_at", "responsible")


class PublicationSlotAdminForm(forms.ModelForm):
    class Meta:
        model = PublicationSlot
        fields = [
            "submission",
            *PLAN_FIELDS,
            "note",
            "status",
            "published_url",
            "cancel_reason",
        ]

    def clean(self):
        data = super().clean()
        # (service, keyword arguments other than ``slot`` and ``by``), in the order to run.
        self.operations = []
        if self.errors:
            return data
        try:
            if self.instance.pk is None:
                services.check_can_schedule(
                    submission=data["submission"],
                    channel=data["channel"],
                    responsible=data["responsible"],
                )
            else:
                self.operations = self._changes(self.instance, data)
        except ValidationError as exc:
            self._add_service_error(exc)
        return data

    def _changes(self, slot: PublicationSlot, data: dict) -> list:
        # self.instance still holds the stored values: the form's own are copied in later.
        given = {name: data.get(name, getattr(slot, name)) for name in (*PLAN_FIELDS, "note")}
        operations = []
        if any(given[name] != getattr(slot, name) for name in PLAN_FIELDS):
            services.check_can_replan(
                slot=slot, channel=given["channel"], responsible=given["responsible"]
            )
            operations.append((services.replan, {n: given[n] for n in PLAN_FIELDS}))
        if given["note"] != slot.note:
            operations.append((services.update_note, {"note": given["note"]}))
        status = data.get("status", slot.status)
        url = data.get("published_url", slot.published_url)
        if status == Status.PUBLISHED and (slot.status != status or url != slot.published_url):
            url = services.check_can_publish(slot=slot, url=url)
            operations.append((services.mark_published, {"url": url}))
        elif status == Status.CANCELLED and slot.status != status:
            reason = services.check_can_cancel(slot=slot, reason=data.get("cancel_reason", ""))
            operations.append((services.cancel, {"reason": reason}))
        elif status == Status.PLANNED and url:
            message = _("已填写发布链接：如已发布，请将状态改为“已发布”。")
            raise ValidationError(
                {"status": ValidationError(message, code="url_without_publishing")}
            )
        return operations

    def _add_service_error(self, exc: ValidationError) -> None:
        # A service names the field its rule is about; that field may be read-only here.
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            self.add_error(name if name in self.fields else NON_FIELD_ERRORS, errors)
