from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import achievements.urls
import submissions.urls
from conference.views import home

admin.site.site_header = _("中国国际人才交流大会 · 材料征集管理")
admin.site.site_title = _("CIEP 材料征集")
admin.site.index_title = _("组委会工作台")


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links to (admin pages, downloads)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


unit_pages = submissions.urls.urlpatterns + achievements.urls.urlpatterns

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    # The engine's pages and the achievements' own, in one namespace ("submissions:…").
    path(
        "", include((submissions.urls.urlpatterns + achievements.urls.urlpatterns, "submissions"))
    ),
    path("uploads/", include("uploads.urls")),
    path("exhibition/", include("exhibitors.urls")),
    path("matching/", include("matching.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", favicon, name="favicon"),
]
