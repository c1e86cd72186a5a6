"""Reads of the conference that every app shares."""

from conference.models import Edition


def current_edition() -> Edition | None:
    """The edition the portal is serving (at most one is marked current)."""
    return Edition.objects.filter(is_current=True).first()


def request_edition(request) -> Edition | None:
    """The current edition, read once per request: the page and its header both need it."""
    if not hasattr(request, "current_edition"):
        request.current_edition = current_edition()
    return request.current_edition
