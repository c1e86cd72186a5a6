"""统一社会信用代码 (Unified Social Credit Identifier), GB 32100-2015.

18 characters: registration authority (1), organization category (1), administrative division
(6 digits), organization code (9) and a check character computed modulo 31 over an alphabet
without I, O, S, V and Z.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(value: str) -> str:
    return (value or "").strip().upper()


def validate_uscc(value: str) -> None:
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，您填写了 %(length)s 位。"),
            code="uscc_length",
            params={"length": len(code)},
        )
    bad = sorted({ch for ch in code if ch not in USCC_ALPHABET})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、S、V、Z）。"),
            code="uscc_charset",
            params={"chars": "、".join(bad)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）。"), code="uscc_division"
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "统一社会信用代码校验位不符：第 18 位应为 %(expected)s，"
                "您填写的是 %(given)s。请核对。"
            ),
            code="uscc_check",
            params={"expected": expected, "given": code[17]},
        )


# 中国大陆手机号: 11 digits, 1 then 3–9; "+86", "86", spaces and hyphens are accepted around
# it. A number abroad is written with its country code ("+852 …", "+49 …"), 6–15 digits.
MOBILE_SEPARATORS = re.compile(r"[\s\-()（）]")
CHINESE_MOBILE = re.compile(r"1[3-9]\d{9}")
INTERNATIONAL = re.compile(r"\+[1-9]\d{5,14}")


def normalize_mobile(value: str) -> str:
    number = MOBILE_SEPARATORS.sub("", value or "")
    for prefix in ("+86", "0086", "86"):
        if number.startswith(prefix) and CHINESE_MOBILE.fullmatch(number[len(prefix) :]):
            return number[len(prefix) :]
    return number


def validate_mobile(value: str) -> None:
    number = normalize_mobile(value)
    if CHINESE_MOBILE.fullmatch(number):
        return
    if INTERNATIONAL.fullmatch(number) and not number.startswith("+86"):
        return
    raise ValidationError(
        _(
            "手机号码“%(value)s”无效：中国大陆手机号为 11 位数字、以 13–19 开头；"
            "境外号码请以“+国家代码”开头。"
        ),
        code="invalid_mobile",
        params={"value": value},
    )
