from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts import throttles
from accounts.models import User
from accounts.services import NewAccount
from units.models import USCC_REGISTERED, Unit
from units.validators import normalize_uscc

# Past the limit nothing says whether a name is taken: just that there were too many tries.
TOO_MANY_TAKEN = _(
    "注册尝试过多：1 小时内最多 %(limit)s 次使用已被占用的登录名或邮箱，请稍后再试。"
)


class AccountForm(BaseUserCreationForm):
    """The person's own account: login name, name, contact and password."""

    class Meta:
        model = User
        fields = ["username", "first_name", "email", "mobile", "preferred_language"]
        labels = {"first_name": _("姓名"), "username": _("登录名")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["email"].required = True
        # BaseUserCreationForm offers "no password" for admins; registration always sets one.
        self.fields.pop("usable_password", None)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def taken_fields(self) -> list[str]:
        """The fields refused because an account already uses the value (user name, e-mail)."""
        return [name for name in ("username", "email") if self.has_error(name, code="unique")]

    def hide_taken(self) -> None:
        """Drop the "already in use" errors, saying nothing in their place."""
        for name in self.taken_fields():
            del self.errors[name]

    def withhold_taken(self) -> None:
        """Say nothing about existing accounts: the client asked about too many taken names."""
        self.hide_taken()
        self.add_error(
            None,
            forms.ValidationError(
                TOO_MANY_TAKEN,
                code="too_many_attempts",
                params={"limit": throttles.TAKEN_NAMES_PER_CLIENT.allowed},
            ),
        )

    def new_account(self) -> NewAccount:
        data = self.cleaned_data
        return NewAccount(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            full_name=data["first_name"],
            mobile=data.get("mobile", ""),
            language=data["preferred_language"],
        )


class JoinUnitForm(forms.Form):
    join_code = forms.CharField(
        label=_("单位注册邀请码"),
        max_length=12,
        help_text=_("组委会随通知发给各单位的 10 位邀请码。"),
    )

    def clean_join_code(self) -> Unit:
        code = self.cleaned_data["join_code"].strip().upper()
        unit = Unit.objects.filter(join_code=code).first()
        if unit is None:
            raise forms.ValidationError(
                _("邀请码 %(code)s 不存在，请核对组委会通知中的邀请码。"),
                code="unknown_join_code",
                params={"code": code},
            )
        return unit


EXHIBITOR_KINDS = [
    Unit.Kind.ENTERPRISE,
    Unit.Kind.CENTRAL_ENTERPRISE,
    Unit.Kind.UNIVERSITY,
    Unit.Kind.HR_SERVICE,
    Unit.Kind.FINANCIAL,
    Unit.Kind.FOREIGN,
    Unit.Kind.PROVINCIAL_ST,
    Unit.Kind.GOVERNMENT,
    Unit.Kind.OTHER,
]


class ExhibitorOrganizationForm(forms.ModelForm):
    """我要参展 — the exhibiting organization's profile."""

    class Meta:
        model = Unit
        fields = [
            "name_zh",
            "name_en",
            "kind",
            "country",
            "uscc",
            "region",
            "address",
            "website",
            "contact_name",
            "contact_mobile",
            "contact_email",
        ]
        labels = {"name_zh": _("机构中文名称"), "name_en": _("机构英文名称")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in EXHIBITOR_KINDS]
        self.fields["name_zh"].required = False
        for name in ("contact_name", "contact_mobile", "contact_email", "address"):
            self.fields[name].required = True

    def clean_uscc(self):
        uscc = normalize_uscc(self.cleaned_data.get("uscc") or "")
        taken = Unit.objects.filter(uscc=uscc).exclude(pk=self.instance.pk)
        if uscc and taken.exists():
            # Beside the field, instead of the constraint's name as a form-wide error.
            raise forms.ValidationError(USCC_REGISTERED, code="uscc_registered")
        return uscc

    def clean(self):
        data = super().clean()
        if not data.get("name_zh") and not data.get("name_en"):
            self.add_error("name_zh", _("请填写机构的中文名称或英文名称。"))
        elif not data.get("name_zh"):
            # Foreign organizations may have no Chinese name; the English one stands in.
            data["name_zh"] = data["name_en"]
            self.instance.name_zh = data["name_en"]
        if data.get("country") == "CN" and not data.get("uscc"):
            self.add_error("uscc", _("中国境内机构请填写统一社会信用代码。"))
        return data
