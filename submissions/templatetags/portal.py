import re

from django import template
from django.template.defaultfilters import linebreaksbr

from submissions.deadlines import describe_rule
from submissions.kinds import STATUS_COLOURS
from submissions.selectors import workbench as dashboard_selector

register = template.Library()


_HAN = re.compile(r"[\u3400-\u9fff]")


@register.filter
def text_lang(text: str) -> str:
    """The language attribute of a text users wrote in one language only ("zh-Hans" when it
    holds Chinese characters, else "en"), so that browsers and screen readers read it right on
    a page of the other language."""
    return "zh-Hans" if _HAN.search(text or "") else "en"


@register.filter
def status_colour(status: str) -> str:
    """The Bootstrap colour of an item's status badge."""
    return STATUS_COLOURS.get(status, "secondary")


@register.inclusion_tag("admin/submissions/_dashboard.html", takes_context=True)
def organizer_dashboard(context):
    """The organizers' summary on the admin's home page (for those who may view items)."""
    request = context["request"]
    if not request.user.has_perm("submissions.view_submission"):
        return {"dashboard": None}
    return {"dashboard": dashboard_selector.organizer_dashboard()}


@register.simple_tag
def guidance(requirement, deadline=None):
    """A requirement's guidance, line breaks kept, with "{截止时间}" replaced by the deadline
    that applies to the unit (``deadline``, a ``Deadline``), or the rule as worded when the
    date is not known yet."""
    if deadline is not None and deadline.due_at:
        text = deadline.display
    else:
        text = describe_rule(requirement)
    return linebreaksbr(requirement.guidance_with(text), autoescape=True)
