"""Forms of project matching: a unit's item, the 征集表 upload, the public's answer (揭榜),
activating an imported account, and the committee's import."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from matching.models import Answer, CollectionRound, Item, Sector
from matching.services.items import UNIT_FIELDS

MAX_TABLE_BYTES = 5 * 1024 * 1024


class ItemForm(forms.ModelForm):
    """An item entered on the web. English is required here: units post abroad."""

    class Meta:
        model = Item
        fields = UNIT_FIELDS
        widgets = {
            "summary_zh": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "offered": forms.Textarea(attrs={"rows": 2}),
            "sought": forms.Textarea(attrs={"rows": 2}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(is_active=True)
        for name in ("title_en", "summary_en"):
            self.fields[name].required = True


class TableForm(forms.Form):
    table = forms.FileField(label=_("填好的征集表（.xlsx）"))

    def clean_table(self):
        table = self.cleaned_data["table"]
        if table.size > MAX_TABLE_BYTES:
            raise forms.ValidationError(
                _("文件 %(size).1f MB，超过上限 5 MB。") % {"size": table.size / 1024 / 1024},
                code="too_large",
            )
        return table


class ImportForm(TableForm):
    round = forms.ModelChoiceField(
        CollectionRound.objects.select_related("call"), label=_("征集时段")
    )


def country_choices():
    """Read when the form is shown, in the reader's language and order (a list built at import
    named the countries in the language the server started in: Chinese on English pages)."""
    return [("", "—"), *countries]


class AnswerForm(forms.ModelForm):
    country = LazyTypedChoiceField(label=_("国家/地区"), choices=country_choices)

    class Meta:
        model = Answer
        fields = ["name", "organization", "country", "email", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class ActivationForm(SetPasswordForm):
    pass
