"""E-mails organizers may reword, rendered in a sandbox.

A template is plain text with named placeholders, ``{{ unit }}``: each is replaced by a plain
string the code prepares (never a model object), so a template can reach nothing but what its
e-mail is meant to say. There is no attribute access, no filter and no tag; a placeholder the
e-mail does not offer is refused when the template is saved, with its name.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.DOTALL)

# code → placeholder → what it holds (shown to organizers beside the template).
PLACEHOLDERS = {
    "reminder": {
        "unit": _("单位名称（按收件人的语言）"),
        "items": _("未提交的材料，每项一行，含活动与截止时间"),
        "count": _("未提交材料的项数"),
        "deadline": _("最早的截止时间"),
        "link": _("平台地址"),
    }
}


def template_problems(text: str, code: str) -> list[str]:
    """What in ``text`` the sandbox refuses, each naming the placeholder or tag."""
    allowed = PLACEHOLDERS.get(code, {})
    problems = [
        _("不支持模板标签“%(tag)s”，请只使用占位符。") % {"tag": tag} for tag in TAG.findall(text)
    ]
    for match in PLACEHOLDER.finditer(text):
        if match.group(1).strip() not in allowed:
            problems.append(
                _("占位符“%(placeholder)s”不存在；可用的占位符：%(allowed)s。")
                % {
                    "placeholder": match.group(0),
                    "allowed": gettext("、").join("{{ " + name + " }}" for name in allowed),
                }
            )
    return problems


def check_template(text: str, code: str) -> None:
    problems = template_problems(text, code)
    if problems:
        raise ValidationError(problems, code="email_template_placeholder")


def render(text: str, values: dict[str, str]) -> str:
    """``text`` with each placeholder replaced by its value; anything else stays as written."""

    def value(match):
        name = match.group(1).strip()
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(value, text)


REMINDER_BODY_ZH = """{{ unit }}：

根据中国国际人才交流大会组委会的征集通知，贵单位尚有以下材料未提交：

{{ items }}

请登录 {{ link }} 在“本单位待办”中提交。如已通过其他方式报送，或需延期，请联系组委会。

中国国际人才交流大会组委会
"""

REMINDER_BODY_EN = """Dear colleagues of {{ unit }},

According to the organizing committee's calls, your unit has not yet submitted:

{{ items }}

Please log in at {{ link }} and submit them under "My unit's tasks". If you have sent them
another way or need more time, please contact the organizing committee.

Organizing Committee of the China International Talent Exchange Conference
"""

TEMPLATES = {
    "reminder": {
        "description": "催报邮件 / Reminder of missing materials",
        "subject_zh": "【CIEP】{{ unit }}：{{ count }} 项材料待提交",
        "body_zh": REMINDER_BODY_ZH,
        "subject_en": "[CIEP] {{ count }} item(s) still to submit",
        "body_en": REMINDER_BODY_EN,
    }
}


def load_email_templates(email_template_model) -> None:
    """Create the templates that do not exist; never overwrite an organizer's wording."""
    for code, fields in TEMPLATES.items():
        email_template_model.objects.get_or_create(code=code, defaults=fields)
