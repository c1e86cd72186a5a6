from django import template

from accounts.roles import EXHIBITOR, has_role
from exhibitors.kinds import STATUS_COLOURS

register = template.Library()


@register.filter
def is_exhibitor(user) -> bool:
    return has_role(user, EXHIBITOR)


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "secondary")
