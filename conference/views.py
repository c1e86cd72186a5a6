from django.shortcuts import redirect, render

from conference.models import Edition


def home(request):
    """The public front page: what the portal is, the conference, and the way in."""
    if request.user.is_authenticated and request.GET.get("stay") is None:
        return redirect("accounts:landing")
    edition = Edition.objects.filter(is_current=True).prefetch_related("sections").first()
    return render(request, "home.html", {"edition": edition})
