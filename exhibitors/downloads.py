"""Files of an application are never served from a public URL: these views check who asks.

The unit's members read their own; organizers and reviewers read all (the admin's view
permission). Every download is an attachment with ``nosniff`` and a sandboxing policy, as the
materials portal serves its files (``submissions.views.files``).
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from exhibitors.models import AgreementScan, ApplicationPicture
from submissions.naming import EXTENSIONS, safe_part
from submissions.views.files import SANDBOX_CSP


def readable(request, queryset, pk, *, unit_field: str, perm: str):
    user = request.user
    if not user.is_authenticated:
        raise Http404
    if user.has_perm(perm):
        return get_object_or_404(queryset, pk=pk)
    if user.unit_id is None:
        raise Http404
    return get_object_or_404(queryset, pk=pk, **{unit_field: user.unit_id})


def protect(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(upload) -> str:
    """The exhibitor's own name for the file with the extension of what the file is: "标志.html"
    holding a PNG downloads as "标志.png", never as a page a browser would run when opened."""
    stem = safe_part(PurePosixPath(upload.original_name).stem)
    return f"{stem}.{EXTENSIONS.get(upload.detected_type, upload.detected_type)}"


def _serve(field_file, name: str):
    if settings.X_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type="application/octet-stream")
        response["X-Accel-Redirect"] = settings.X_ACCEL_REDIRECT_PREFIX + field_file.name
        response["Content-Disposition"] = content_disposition_header(True, name)
        return protect(response)
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )
    return protect(response)


@require_GET
def scan_download(request, pk):
    scan = readable(
        request,
        AgreementScan.objects.all(),
        pk,
        unit_field="application__unit_id",
        perm="exhibitors.view_agreementscan",
    )
    return _serve(scan.file, download_name(scan))


@require_GET
def picture_download(request, pk):
    picture = readable(
        request,
        ApplicationPicture.objects.all(),
        pk,
        unit_field="application__unit_id",
        perm="exhibitors.view_applicationpicture",
    )
    return _serve(picture.file, download_name(picture))
