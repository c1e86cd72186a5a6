"""Uploaded files are never served from a public URL: these views check who asks.

A unit's members read their unit's files; organizers and reviewers read all (the admin's view
permission). Downloads are attachments with ``nosniff`` and a sandboxing Content-Security-
Policy, so a hostile file cannot run in the portal's origin. Behind nginx, the bytes are handed
over with X-Accel-Redirect (README, "Serving uploaded files").
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from submissions.models import MaterialFile
from submissions.models.exports import ExportJob
from submissions.naming import download_name

SANDBOX_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


def _readable_file(request, pk) -> MaterialFile:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    files = MaterialFile.objects.select_related(
        "submission__unit",
        "submission__requirement__call",
        "submission__requirement__section",
        "submission__activity__section",
    )
    if user.has_perm("submissions.view_materialfile"):
        return get_object_or_404(files, pk=pk)
    if user.unit_id is None:
        raise Http404
    return get_object_or_404(files, pk=pk, submission__unit_id=user.unit_id)


def _protect(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(stored, name: str):
    """A stored file (a ``FieldFile``) sent as a download named ``name``, never inline."""
    if settings.X_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type="application/octet-stream")
        response["X-Accel-Redirect"] = settings.X_ACCEL_REDIRECT_PREFIX + stored.name
        response["Content-Disposition"] = content_disposition_header(True, name)
        return _protect(response)
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )
    return _protect(response)


@require_GET
def download(request, pk):
    material = _readable_file(request, pk)
    return attachment(material.file, download_name(material))


@require_GET
def preview(request, pk):
    """The JPEG preview or poster frame the worker made; never the original."""
    material = _readable_file(request, pk)
    if not material.preview:
        raise Http404
    response = FileResponse(material.preview.open("rb"), content_type="image/jpeg")
    return _protect(response)


INLINE_VIDEO_TYPES = {"mp4": "video/mp4", "m4v": "video/mp4", "mov": "video/quicktime"}


@require_GET
def stream(request, pk):
    """A video for the reviewer's player: inline, only for the video types on the allow-list."""
    material = _readable_file(request, pk)
    content_type = INLINE_VIDEO_TYPES.get(material.detected_type)
    if content_type is None:
        raise Http404
    return _protect(FileResponse(material.file.open("rb"), content_type=content_type))


@require_GET
def export_download(request, pk):
    """A finished ZIP export, for the organizer who asked for it."""
    if not request.user.has_perm("submissions.view_exportjob"):
        raise Http404
    jobs = ExportJob.objects.filter(status=ExportJob.Status.DONE)
    if not request.user.is_superuser:
        jobs = jobs.filter(requested_by=request.user)
    job = get_object_or_404(jobs, pk=pk)
    response = FileResponse(
        job.archive.open("rb"),
        as_attachment=True,
        filename=f"ciep-export-{job.pk}.zip",
        content_type="application/zip",
    )
    return _protect(response)
