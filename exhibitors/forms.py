"""Forms of the exhibitor's pages and of the committee's admin screens.

Forms only read input and show errors; every rule (deadline, regions, the enterprise limit,
booth taken, states) is checked by the services they hand over to.
"""

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from conference.forms import ParentSelect
from conference.models import Board
from exhibitors import selectors
from exhibitors.kinds import BoothType, PictureRole
from exhibitors.models import Booth, BoothApplication, Payment
from exhibitors.services import ApplicationInput
from inspection import types
from submissions.forms.items import accept_attribute


class OfferedChoices(ModelChoiceIterator):
    """The options of a model choice field drawn from ``offered``, a part of its queryset."""

    def __init__(self, field, offered):
        super().__init__(field)
        self.queryset = offered


def _board_attrs(board: Board) -> dict:
    return {
        "data-two-areas": "1" if board.has_government_area and board.has_enterprise_area else "0"
    }


class ApplicationForm(forms.ModelForm):
    """申请参展 — where, how large, and what will be shown."""

    class Meta:
        model = BoothApplication
        fields = [
            "hall",
            "zone",
            "board",
            "area",
            "booth_type",
            "booth_count",
            "raw_area_m2",
            "technologies",
            "results",
            "products",
            "services",
            "wants_recruitment_desk",
        ]
        widgets = {
            "zone": ParentSelect(parent_field="hall_id"),
            "board": ParentSelect(parent_field="zone_id", extra=_board_attrs),
            "booth_type": forms.RadioSelect,
            "technologies": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "products": forms.Textarea(attrs={"rows": 3}),
            "services": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "zone": _("所选展馆设有展区时必选。"),
            "board": _("区域板块只对通知所列省市的单位开放；如需特许，请联系组委会。"),
            "area": _("仅在板块同时设政府区域和企业区域时选择。"),
            "raw_area_m2": _("仅光地（空地自行搭建）时填写。"),
            "technologies": _("技术、成果、产品、服务至少填写一项。"),
            "wants_recruitment_desk": _("有条件的可设置人才招聘台，为企业招聘海内外人才提供平台。"),
        }

    def __init__(self, *args, unit, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = selectors.halls_of(edition)
        self.fields["zone"].queryset = selectors.zones_of(edition)
        # Any board of the edition passes the form, so that the service can say why a board is
        # closed to this unit; only the open ones (and the current choice) are offered.
        board = self.fields["board"]
        board.queryset = Board.objects.filter(zone__hall__edition=edition)
        offered = selectors.boards_open_to(unit, edition)
        if self.instance.board_id:
            offered = board.queryset.filter(
                Q(pk__in=offered.values("pk")) | Q(pk=self.instance.board_id)
            ).order_by("zone__hall__number", "zone__order", "order")
        board.widget.choices = OfferedChoices(board, offered)
        self.fields["booth_count"].widget.attrs["min"] = 1
        self.fields["raw_area_m2"].widget.attrs["min"] = "0.1"
        standard = selectors.exhibition_settings(edition).standard_booth_m2
        self.fields["booth_count"].help_text = _("标准展位每个 %(m2)s 平方米。") % {
            "m2": standard.normalize()
        }
        self.fields["booth_type"].choices = BoothType.choices

    def to_input(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(**{name: data.get(name) for name in self.Meta.fields})


class EnterpriseForm(forms.Form):
    """One representative enterprise of the province's enterprise area."""

    name = forms.CharField(label=_("企业名称"), max_length=200)
    field = forms.CharField(label=_("所属领域"), max_length=200)
    offering = forms.CharField(
        label=_("携带的技术、成果、产品"), widget=forms.Textarea(attrs={"rows": 2})
    )


def enterprise_formset(limit: int, existing: int):
    """Blank rows up to ``limit``; a longer list (a lowered limit) is shown whole and refused
    by the service with the limit stated."""
    return forms.formset_factory(
        EnterpriseForm,
        extra=max(limit - existing, 0),
        can_delete=True,
        max_num=100,
        absolute_max=100,
    )


def enterprise_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class PictureForm(forms.Form):
    role = forms.ChoiceField(label=_("用途"), choices=PictureRole.choices)
    file = forms.FileField(
        label=_("图片文件"),
        help_text=_("JPEG、PNG、WebP、TIFF 或 BMP 原图，请勿压缩。"),
        # The picker offers what the service takes (checked by content there, not by name).
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(types.IMAGE)}),
    )


class AgreementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("签字盖章后的协议扫描件"),
        help_text=_("PDF、JPEG 或 PNG；须有单位公章和签字。"),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(types.SEALED_SCAN)}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("留言"), widget=forms.Textarea(attrs={"rows": 3}))


# --- The committee's screens in the admin ---------------------------------------------------


class DecisionForm(forms.Form):
    """The note that goes with accept, reject or request changes (sent to the exhibitor)."""

    message = forms.CharField(
        label=_("发给参展单位的说明"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DecideForm(DecisionForm):
    """One application's decision: only those its state allows are offered."""

    decision = forms.ChoiceField(label=_("决定"), widget=forms.RadioSelect)
    field_order = ["decision", "message"]

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices


class OrganizerMessageForm(forms.Form):
    message = forms.CharField(label=_("消息内容"), widget=forms.Textarea(attrs={"rows": 4}))


class BoothChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, booth: Booth) -> str:
        assignment = getattr(booth, "assignment", None)
        holder = _("已分配：%(unit)s") % {"unit": assignment.application.unit} if assignment else ""
        text = f"{booth.number} · {booth.get_booth_type_display()} · {booth.size_m2} m² · "
        text += _("%(fee)s 元") % {"fee": booth.fee}
        return f"{text} · {holder}" if holder else text


class AssignBoothForm(forms.Form):
    """Every booth of the application's hall (and zone) is listed, taken ones marked: the
    service, not the list, decides, so two organizers racing for one booth both reach it."""

    booth = BoothChoiceField(label=_("展位"), queryset=Booth.objects.none())

    def __init__(self, *args, application: BoothApplication, **kwargs):
        super().__init__(*args, **kwargs)
        booths = Booth.objects.filter(hall=application.hall)
        if application.zone_id:
            booths = booths.filter(Q(zone=application.zone_id) | Q(zone__isnull=True))
        self.fields["booth"].queryset = booths.select_related(
            "assignment__application__unit"
        ).order_by("number")


class VerifyAgreementForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("核验结果"),
        choices=[("1", _("签字、公章齐全，核验通过")), ("0", _("不通过，退回参展单位"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不通过时必填，将发送给参展单位。"),
    )


class PaymentForm(forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["amount", "paid_on", "method", "invoice_title", "tax_number", "note"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"})}

    def clean_tax_number(self):
        return self.cleaned_data["tax_number"].strip().upper()


def attach_errors(form, exc, field: str | None = None) -> None:
    """Show a service's ValidationError on the form: on the fields it names where the form
    has them, otherwise on ``field`` (or above the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, exc)
