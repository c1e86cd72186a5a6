from conference.selectors import request_edition


def current_edition(request):
    """The edition the portal is serving, for the header and footer of every page."""
    return {"current_edition": request_edition(request)}
