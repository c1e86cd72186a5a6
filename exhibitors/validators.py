"""Field checks of the exhibition's own data."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 纳税人识别号: the 18-character USCC for most organizations; older registrations have 15 or
# 20 characters. Letters are upper case.
TAX_NUMBER = re.compile(r"[0-9A-Z]{15,20}")


def validate_tax_number(value: str) -> None:
    if value and not TAX_NUMBER.fullmatch(value):
        raise ValidationError(
            _("纳税人识别号应为 15–20 位数字或大写字母，您填写的是 %(value)s（%(length)s 位）。"),
            code="tax_number",
            params={"value": value, "length": len(value)},
        )
