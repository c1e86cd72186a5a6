from django import forms
from django.utils.translation import gettext_lazy as _

from submissions.models import Call, Requirement
from units.models import Liaison, Unit


class LiaisonForm(forms.ModelForm):
    """附件4 宣传联络员信息表, one row."""

    class Meta:
        model = Liaison
        fields = ["name", "position", "mobile", "office_phone", "email", "wechat_id"]


class UnitKindsField(forms.TypedMultipleChoiceField):
    """The JSON list of unit kinds, edited as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Unit.Kind.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value or []


class CallAdminForm(forms.ModelForm):
    unit_kinds = UnitKindsField(label=_("面向的单位类别"), help_text=_("都不勾选表示不限类别。"))

    class Meta:
        model = Call
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown


class RequirementAdminForm(forms.ModelForm):
    unit_kinds = UnitKindsField(
        label=_("仅限单位类别"), help_text=_("都不勾选表示与征集通知相同。")
    )

    class Meta:
        model = Requirement
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
