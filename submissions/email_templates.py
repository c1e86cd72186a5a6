"""Default wording of the e-mails organizers may edit (Django template syntax).

Context of "reminder": unit (the unit), items (title, title_en, activity, deadline, late),
site_url.
"""

REMINDER_BODY_ZH = """{{ unit.name_zh }}：

根据中国国际人才交流大会组委会的征集通知，贵单位尚有以下材料未提交：
{% for item in items %}
- {{ item.title }}{% if item.activity %}（活动：{{ item.activity }}）{% endif %}，截止时间 {{ item.deadline }}{% if item.late %}（已过截止时间）{% endif %}{% endfor %}

请登录 {{ site_url }} 在“本单位待办”中提交。如已通过其他方式报送，或需延期，请联系组委会。

中国国际人才交流大会组委会
"""

REMINDER_BODY_EN = """Dear colleagues of {{ unit.name_en|default:unit.name_zh }},

According to the organizing committee's calls, your unit has not yet submitted:
{% for item in items %}
- {{ item.title_en }}{% if item.activity %} (activity: {{ item.activity }}){% endif %}, due {{ item.deadline }}{% if item.late %} (deadline passed){% endif %}{% endfor %}

Please log in at {{ site_url }} and submit them under "My unit's tasks". If you have sent them
another way or need more time, please contact the organizing committee.

Organizing Committee of the China International Talent Exchange Conference
"""

TEMPLATES = {
    "reminder": {
        "description": "催报邮件 / Reminder of missing materials",
        "subject_zh": "【CIEP】{{ unit.name_zh }}：{{ items|length }} 项材料待提交",
        "body_zh": REMINDER_BODY_ZH,
        "subject_en": "[CIEP] {{ items|length }} item(s) still to submit",
        "body_en": REMINDER_BODY_EN,
    }
}


def load_email_templates(email_template_model) -> None:
    """Create the templates that do not exist; never overwrite an organizer's wording."""
    for code, fields in TEMPLATES.items():
        email_template_model.objects.get_or_create(code=code, defaults=fields)
