from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from conference.forms import ParentSelect
from conference.models import Hall, Section, Zone
from inspection.types import FAMILY_LABELS
from submissions.models import Activity, Call, DeadlineExtension, Requirement
from submissions.services.deadlines import check_extension
from submissions.validators import check_template_file
from units.models import Liaison, Unit


class LiaisonForm(forms.ModelForm):
    """附件4 宣传联络员信息表, one row."""

    class Meta:
        model = Liaison
        fields = ["name", "position", "mobile", "office_phone", "email", "wechat_id"]


class CodeListField(forms.TypedMultipleChoiceField):
    """A JSON list of codes (unit kinds, file type families), edited as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value or []


class UnitKindsField(CodeListField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Unit.Kind.choices)
        super().__init__(**kwargs)


class CallAdminForm(forms.ModelForm):
    unit_kinds = UnitKindsField(label=_("面向的单位类别"), help_text=_("都不勾选表示不限类别。"))

    class Meta:
        model = Call
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown


class DeadlineExtensionAdminForm(forms.ModelForm):
    """延期: the same checks as the service, shown on the form's fields."""

    class Meta:
        model = DeadlineExtension
        fields = "__all__"  # noqa: DJ007 - the admin's fields choose what is shown

    def clean(self):
        data = super().clean()
        if data.get("requirement") and data.get("unit") and data.get("due_at"):
            check_extension(
                requirement=data["requirement"],
                unit=data["unit"],
                activity=data.get("activity"),
                due_at=data["due_at"],
            )
        return data


class RequirementAdminForm(forms.ModelForm):
    unit_kinds = UnitKindsField(
        label=_("仅限单位类别"), help_text=_("都不勾选表示与征集通知相同。")
    )
    file_types = CodeListField(
        choices=list(FAMILY_LABELS.items()),
        label=_("接受的文件类型"),
        help_text=_("用于“填写模板并上传”“文档”等类别的主文件；都不勾选表示按材料类别的默认类型。"),
    )

    class Meta:
        model = Requirement
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean_template_file(self):
        template = self.cleaned_data.get("template_file")
        # A new upload is judged by its content; a file kept from before was judged then.
        if isinstance(template, UploadedFile):
            check_template_file(template)
        return template


class ActivityForm(forms.ModelForm):
    """活动: where and when; the dates set the deadlines counted from it."""

    class Meta:
        model = Activity
        fields = [
            "name",
            "section",
            "starts_at",
            "ends_at",
            "hall",
            "zone",
            "place",
            "live_room_url",
        ]
        widgets = {
            # Zones of the chosen hall only (static/js/cascade.js); the server checks too.
            "zone": ParentSelect(parent_field="hall_id", attrs={"data-cascade-parent": "hall"}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {
            "starts_at": _(
                "北京时间（UTC+08:00）。图片、H5、视频、直播材料的截止时间按此日期计算。"
            ),
            "ends_at": _("北京时间（UTC+08:00）。直播观看数据在结束后 1 个工作日内提交。"),
        }

    def __init__(self, *args, edition=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = Section.objects.filter(edition=edition)
        if unit is not None and unit.sections.filter(edition=edition).exists():
            # Only the sections the committee gave the unit.
            sections = sections.filter(units=unit)
        self.fields["section"].queryset = sections
        self.fields["hall"].queryset = Hall.objects.filter(edition=edition)
        self.fields["zone"].queryset = Zone.objects.filter(hall__edition=edition).select_related(
            "hall"
        )
        self.fields["zone"].label_from_instance = lambda zone: f"{zone.hall.name} · {zone.name}"

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("结束时间不能早于开始时间。"))
        zone, hall = data.get("zone"), data.get("hall")
        if zone and hall and zone.hall_id != hall.pk:
            self.add_error("zone", _("该展区不在所选展馆内。"))
        if zone and not hall:
            data["hall"] = zone.hall
        return data
