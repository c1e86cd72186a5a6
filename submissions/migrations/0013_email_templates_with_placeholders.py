"""Stored e-mail templates from Django template syntax to the sandbox's named placeholders.

The expressions the seeded wording used become placeholders that render the same text (the
reminder's item loop becomes ``{{ items }}``, one line per item as before). A field that still
holds a tag or another expression after that (which the sandbox would refuse) gets the new
default wording of that field: such a template could reach any model object.
"""

import re

from django.db import migrations

from submissions.email_templates import TEMPLATES, template_problems

_EXPRESSIONS = [
    (r"\{\{\s*unit\.name_zh\s*\}\}", "{{ unit }}"),
    (r"\{\{\s*unit\.name_en\s*\|\s*default\s*:\s*unit\.name_zh\s*\}\}", "{{ unit }}"),
    (r"\{\{\s*items\s*\|\s*length\s*\}\}", "{{ count }}"),
    (r"\{\{\s*site_url\s*\}\}", "{{ link }}"),
]
# The item loop as seeded; each item was written after a line break.
_LOOPS = [
    "{% for item in items %}\n- {{ item.title }}{% if item.activity %}（活动：{{ item.activity }}）"
    "{% endif %}，截止时间 {{ item.deadline }}{% if item.late %}（已过截止时间）{% endif %}"
    "{% endfor %}",
    "{% for item in items %}\n- {{ item.title_en }}{% if item.activity %} (activity: "
    "{{ item.activity }}){% endif %}, due {{ item.deadline }}{% if item.late %} (deadline passed)"
    "{% endif %}{% endfor %}",
]


def convert(text: str) -> str:
    for loop in _LOOPS:
        text = text.replace(loop, "\n{{ items }}")
    for pattern, placeholder in _EXPRESSIONS:
        text = re.sub(pattern, placeholder, text)
    return text


def forwards(apps, schema_editor):
    EmailTemplate = apps.get_model("submissions", "EmailTemplate")
    for template in EmailTemplate.objects.all():
        defaults = TEMPLATES.get(template.code, {})
        for name in ("subject_zh", "body_zh", "subject_en", "body_en"):
            text = convert(getattr(template, name))
            if template_problems(text, template.code) and name in defaults:
                text = defaults[name]
            setattr(template, name, text)
        template.save()


class Migration(migrations.Migration):
    dependencies = [("submissions", "0012_submission_review_permission")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
