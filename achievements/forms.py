"""Forms of a case study and of the achievement statistics grid.

They gather what was typed; the services (``services.cases``, ``services.statistics``) judge
it, so the browser, the Excel upload and any command meet the same rules.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from achievements.models import CaseCategory, StatisticMetric
from achievements.selectors import metrics_of, stored_value
from achievements.services.cases import CaseInput
from submissions.forms.items import ItemForm
from submissions.kinds import MaterialKind
from submissions.materials import spec_for
from submissions.models import Requirement
from submissions.models.files import FileRole

HEAD_FIELDS = ("title", "year_from", "year_to", "interview")
INTERVIEW_CHOICES = (("yes", _("欢迎实地采访")), ("no", _("暂不安排采访")))


def answer_name(code: str) -> str:
    return f"answer_{code}"


class CaseStudyForm(ItemForm):
    """One case of ``category``: name, years, interview, the category's points or a Word file,
    and pictures."""

    def __init__(self, *args, category: CaseCategory, **kwargs):
        super().__init__(*args, spec=spec_for(MaterialKind.CASE_STUDY), **kwargs)
        self.category = category
        self.prompts = list(category.prompts.all())
        self.fields["title"].required = True
        self._add_case_fields(self.requirement)
        self.order_fields(
            [
                *HEAD_FIELDS,
                *(answer_name(p.code) for p in self.prompts),
                FileRole.MAIN,
                FileRole.PHOTO,
            ]
        )

    def _add_case_fields(self, requirement: Requirement) -> None:
        low, high = requirement.year_from, requirement.year_to
        bounds = {"min": low, "max": high} if low and high else {}
        span = _("%(low)s—%(high)s 年之间") % {"low": low, "high": high} if bounds else ""
        self.fields["year_from"] = forms.IntegerField(
            label=_("案例所涉年份（起）"),
            widget=forms.NumberInput(attrs=bounds),
            help_text=span,
        )
        self.fields["year_to"] = forms.IntegerField(
            label=_("案例所涉年份（止）"),
            required=False,
            widget=forms.NumberInput(attrs=bounds),
            help_text=_("只涉及一年的可不填。"),
        )
        self.fields["interview"] = forms.ChoiceField(
            label=_("如入选优秀案例，是否欢迎组委会实地采访"),
            choices=INTERVIEW_CHOICES,
            widget=forms.RadioSelect,
        )
        for prompt in self.prompts:
            self.fields[answer_name(prompt.code)] = forms.CharField(
                label=prompt.label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5, "data-charcount": "case"}),
            )

    @property
    def head_fields(self):
        return [self[name] for name in HEAD_FIELDS]

    @property
    def answer_fields(self):
        return [self[answer_name(p.code)] for p in self.prompts]

    @property
    def file_fields(self):
        return [self[FileRole.MAIN], self[FileRole.PHOTO]]

    def case_input(self) -> CaseInput:
        data = self.cleaned_data
        return CaseInput(
            title=data.get("title") or "",
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            interview=data.get("interview") == "yes",
            answers={p.code: data.get(answer_name(p.code)) or "" for p in self.prompts},
            uploads=self.clean_uploads(),
        )


def cell_name(metric_id: int, year: int) -> str:
    return f"v{metric_id}_{year}"


class StatisticsForm(forms.Form):
    """The grid, metrics × years, as text boxes; and the filled-in Excel template, if sent."""

    workbook = forms.FileField(
        label=_("上传填好的 Excel 统计表"),
        required=False,
        allow_empty_file=True,
        help_text=_("请使用本页下载的模板；文件中有任何错误时不会保存，网页中已填写的内容保留。"),
    )

    def __init__(self, *args, requirement: Requirement, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirement = requirement
        self.metrics = metrics_of(requirement)
        self.years = requirement.years
        self.fields["workbook"].widget.attrs.update({"accept": ".xlsx", "class": "form-control"})
        for metric in self.metrics:
            decimal = metric.value_type == StatisticMetric.ValueType.DECIMAL
            for year in self.years:
                self.fields[cell_name(metric.pk, year)] = forms.CharField(
                    label=_("%(year)s年 · %(metric)s") % {"year": year, "metric": metric.name},
                    required=False,
                    max_length=40,
                    widget=forms.TextInput(
                        attrs={
                            "class": "form-control form-control-sm text-end",
                            "inputmode": "decimal" if decimal else "numeric",
                        }
                    ),
                )

    @property
    def rows(self):
        """(metric, [(year, bound field) per year]) for the template."""
        return [(m, [(y, self[cell_name(m.pk, y)]) for y in self.years]) for m in self.metrics]

    def cells(self) -> dict:
        return {
            (m.pk, y): self.cleaned_data.get(cell_name(m.pk, y)) or ""
            for m in self.metrics
            for y in self.years
        }

    def show_cell_errors(self, errors) -> None:
        """Each problem beside its cell (browser) — the services' ``CellError`` list."""
        for error in errors:
            name = cell_name(error.metric.pk, error.year)
            if name in self.fields:
                self.add_error(name, error.problem)
                self.fields[name].widget.attrs["class"] += " is-invalid"


def grid_initial(requirement: Requirement, data: dict | None) -> dict:
    """Stored values as the grid's initial text."""
    initial = {}
    for metric in metrics_of(requirement):
        for year in requirement.years:
            value = stored_value(data or {}, metric.pk, year)
            if value is not None:
                initial[cell_name(metric.pk, year)] = str(value)
    return initial
