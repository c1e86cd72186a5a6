from django import template

from submissions.kinds import STATUS_COLOURS

register = template.Library()


@register.filter
def status_colour(status: str) -> str:
    """The Bootstrap colour of an item's status badge."""
    return STATUS_COLOURS.get(status, "secondary")
