"""The portal's URLs plus ``/bench/trivial/``: a signed-in page that does nothing.

It goes through the same gunicorn worker and middleware (session, user, CSRF, CSP, axes) as the
dashboard, so the ratio of the two measures what the dashboard itself costs.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path


@login_required
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("", include("ciep_portal.urls")),
]
