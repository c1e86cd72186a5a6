"""The committee's decision on an item in the admin (a forum plan's room and fee): a form of
the fields the item's kind names, saved through ``services.review.record_decision``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from submissions.forms.items import text_field
from submissions.materials import spec_for
from submissions.selectors.items import decision_lines
from submissions.services import review as review_services


def decision_form(spec, data=None, initial=None) -> forms.Form:
    fields = {t.name: text_field(t) for t in spec.decision}
    return type("DecisionForm", (forms.Form,), fields)(data, initial=initial)


class DecisionAdminMixin:
    """Adds the action "组委会确认" and the decision, read-only, on the item's page."""

    @admin.display(description=_("组委会确认"))
    def decision_view(self, obj):
        lines = decision_lines(obj) if obj else []
        if not lines:
            return "—"
        return format_html_join("", "<div>{}：{}</div>", lines)

    @admin.action(description=_("组委会确认（如会议室和费用）"), permissions=["change"])
    def record_decision(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("请只选择一项材料进行确认。"), messages.WARNING)
            return None
        item = queryset.select_related("requirement").get()
        spec = spec_for(item.requirement.kind)
        if spec is None or not spec.decision:
            self.message_user(request, _("此类材料没有需要组委会确认的内容。"), messages.WARNING)
            return None
        applying = "apply" in request.POST
        form = decision_form(spec, request.POST if applying else None, initial=item.decision)
        if applying and form.is_valid():
            try:
                review_services.record_decision(
                    submission=item, by=request.user, values=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(request, _("已确认并通知单位。"), messages.SUCCESS)
                return None
        return self._intermediate(request, queryset, form, spec.decision_label)
