from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: the 6 digits of the authenticator app, or (where allowed) a recovery code.
    Which device checks it is the services' business (services.verify)."""

    code = forms.CharField(
        label=_("验证码"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
                "class": "form-control-lg code-input",
            }
        ),
    )

    def __init__(self, *args, recovery_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery_allowed:
            field.label = _("验证码或恢复码")
            field.help_text = _(
                "打开验证器应用，输入显示的 6 位数字；手机不在身边时，输入一个恢复码。"
            )
        else:
            field.widget.attrs["inputmode"] = "numeric"
            field.help_text = _("输入验证器应用为本账户显示的 6 位数字。")
