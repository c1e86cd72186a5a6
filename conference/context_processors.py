from conference.models import Edition


def current_edition(request):
    """The edition the portal is serving, for the header and footer of every page."""
    return {"current_edition": Edition.objects.filter(is_current=True).first()}
