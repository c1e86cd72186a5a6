"""E-mail templates organizers edit are rendered in a sandbox: named placeholders with plain
values, no attribute access, no tags; stored Django-syntax templates were converted."""

import importlib

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import TestCase
from django.urls import reverse

from accounts.roles import ORGANIZER
from submissions.email_templates import REMINDER_BODY_ZH, TEMPLATES
from submissions.models.review import EmailTemplate
from submissions.selectors.matrix import matrix
from submissions.services import reminders
from tests.factories import (
    ActivityFactory,
    CallFactory,
    LiaisonFactory,
    RequirementFactory,
    UnitFactory,
    UserFactory,
    beijing,
)
from units.models import Unit

pytestmark = pytest.mark.django_db

LEAK = "{% for u in unit.members.all.0.groups.all.0.user_set.all %}{{u.password}}{% endfor %}"
conversion = importlib.import_module(
    "submissions.migrations.0013_email_templates_with_placeholders"
)

# The wording as seeded before the sandbox (Django template syntax), kept here to show that
# the conversion keeps what units read.
OLD_BODY_ZH = """{{ unit.name_zh }}：

根据中国国际人才交流大会组委会的征集通知，贵单位尚有以下材料未提交：
{% for item in items %}
- {{ item.title }}{% if item.activity %}（活动：{{ item.activity }}）{% endif %}，截止时间 {{ item.deadline }}{% if item.late %}（已过截止时间）{% endif %}{% endfor %}

请登录 {{ site_url }} 在“本单位待办”中提交。如已通过其他方式报送，或需延期，请联系组委会。

中国国际人才交流大会组委会
"""  # noqa: E501 (the stored text, byte for byte)
OLD_SUBJECT_ZH = "【CIEP】{{ unit.name_zh }}：{{ items|length }} 项材料待提交"


@pytest.fixture
def organizer():
    return UserFactory(unit=None, is_staff=True, role=ORGANIZER)


def only(unit):
    return Unit.objects.filter(pk=unit.pk)


def change_url():
    return reverse("admin:submissions_emailtemplate_change", args=[reminder_template().pk])


def reminder_template():
    return EmailTemplate.objects.get(code="reminder")


def posted(template, **changes):
    fields = {n: getattr(template, n) for n in ("description", *EmailTemplate.TEXT_FIELDS)}
    return {**fields, **changes}


def test_a_template_reaching_into_objects_is_refused_naming_it(client, organizer):
    client.force_login(organizer)
    template = reminder_template()
    response = client.post(
        change_url(), posted(template, body_zh=template.body_zh + LEAK + "{{ unit.members }}")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "{% for u in unit.members.all.0.groups.all.0.user_set.all %}" in page
    assert "占位符“{{u.password}}”不存在" in page and "{{ unit.members }}" in page
    assert reminder_template().body_zh == template.body_zh
    response = client.post(change_url(), posted(template, subject_zh="{{ count }} 项：{{ unit }}"))
    assert response.status_code == 302
    assert reminder_template().subject_zh == "{{ count }} 项：{{ unit }}"


def test_the_reminder_sends_plain_values_and_never_a_hash(organizer):
    call = CallFactory(title_zh="宣传资料征集")
    RequirementFactory(call=call, title_zh="新闻稿件", deadline_at=beijing(2023, 3, 22, 12))
    unit = UnitFactory(name_zh="欠交单位")
    UserFactory(unit=unit, email="liaison@example.cn")
    # Stored behind the form's back (an old row): the sandbox writes it as text, runs nothing.
    EmailTemplate.objects.filter(code="reminder").update(body_zh="{{ unit }}\n" + LEAK)
    with TestCase.captureOnCommitCallbacks(execute=True):
        reminders.send_manual(call=call, units=only(unit), by=organizer, now=beijing(2023, 3, 20))
    body = mail.outbox[-1].body
    assert body.startswith("欠交单位\n{% for u in")
    assert "md5$" not in body and "argon2" not in body


def rendered_old(text, unit, cells, language):
    context = {
        "unit": unit,
        "items": [
            {
                "title": c.requirement.title_zh,
                "title_en": c.requirement.title_en or c.requirement.title_zh,
                "activity": c.activity.name if c.activity else "",
                "deadline": c.deadline.display if c.deadline and c.deadline.due_at else "",
                "late": c.deadline.is_past() if c.deadline else False,
            }
            for c in cells
        ],
        "site_url": "http://127.0.0.1:8000",
    }
    return Template(text).render(Context(context, autoescape=False))


def test_stored_templates_are_converted_keeping_the_wording(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call = CallFactory()
    unit = UnitFactory(name_zh="甲单位", name_en="Unit A")
    activity = ActivityFactory(unit=unit, name="开幕式直播")
    RequirementFactory(call=call, title_zh="新闻稿件", deadline_at=beijing(2023, 3, 22, 12))
    RequirementFactory(call=call, title_zh="直播", deadline_at=beijing(2023, 4, 30, 12))
    RequirementFactory(call=call, title_zh="视频", per_activity=True, deadline_at=None)
    cells = [c for c in matrix(call, only(unit), now=beijing(2023, 3, 25))[1][0].cells if c]
    assert any(c.activity == activity for c in cells) or cells
    reminder = reminders.Reminder(unit, cells)
    values = reminders.reminder_values(reminder, "zh-hans")
    from submissions.email_templates import render

    for old in (OLD_BODY_ZH, OLD_SUBJECT_ZH):
        new = conversion.convert(old)
        assert render(new, values) == rendered_old(old, unit, cells, "zh-hans")
    assert conversion.convert(OLD_BODY_ZH) == REMINDER_BODY_ZH
    # An organizer's own wording keeps its words; a template that reached into objects gets
    # the default wording of that field.
    assert conversion.convert("您好 {{ unit.name_zh }}，共 {{items|length}} 项") == (
        "您好 {{ unit }}，共 {{ count }} 项"
    )


def test_the_migration_replaces_a_dangerous_field_with_the_default(db):
    from django.apps import apps

    EmailTemplate.objects.filter(code="reminder").update(
        body_zh=LEAK,
        subject_zh=OLD_SUBJECT_ZH,
        body_en="Hello {{ unit.name_en|default:unit.name_zh }}",
    )
    conversion.forwards(apps, None)
    template = reminder_template()
    assert template.body_zh == TEMPLATES["reminder"]["body_zh"]
    assert template.subject_zh == "【CIEP】{{ unit }}：{{ count }} 项材料待提交"
    assert template.body_en == "Hello {{ unit }}"


def test_english_reminders_name_the_unit_and_items_in_english(settings):
    settings.SITE_URL = "https://ciep.example.cn"
    call = CallFactory()
    RequirementFactory(
        call=call,
        title_zh="新闻稿件",
        title_en="Press release",
        deadline_at=beijing(2023, 3, 22, 12),
    )
    unit = UnitFactory(name_zh="甲单位", name_en="Unit A", country="GB")
    LiaisonFactory(unit=unit, email="a@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        reminders.send_manual(call=call, units=only(unit), by=None, now=beijing(2023, 3, 25))
    message = mail.outbox[-1]
    assert message.subject == "[CIEP] 1 item(s) still to submit"
    assert message.body.startswith("Dear colleagues of Unit A,")
    assert "- Press release, due 2023-03-22 12:00" in message.body
    assert "(deadline passed)" in message.body and "https://ciep.example.cn" in message.body
