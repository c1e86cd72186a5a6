"""The tus 1.0.0 endpoint (core protocol, creation, termination, expiration) for large files.

tus-js-client (``static/js/uploads.js``) creates an upload with POST, sends the file in PATCH
requests of 64 MiB and, after a dropped connection, asks with HEAD how much arrived. Only HTTP
lives here; the rules are in ``uploads.services``. A PATCH body is read from the request as
a stream and never through ``request.body`` or ``request.POST``, which would buffer it.

CSRF protection stays on: the script sends the token in the ``X-CSRFToken`` header.
"""

import base64
import binascii

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View

from accounts.roles import LIAISON, has_role
from uploads import services as uploads
from uploads.errors import (
    UploadError,
    UploadExpired,
    UploadLocked,
    UploadNoRoom,
    UploadNotFound,
    UploadOffsetConflict,
    UploadOpenBytesExceeded,
    UploadQuotaExceeded,
    UploadTooLarge,
)

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination,expiration"
CHUNK_CONTENT_TYPE = "application/offset+octet-stream"
METADATA_MAX_LENGTH = 4096

# Most specific first: UploadExpired is an UploadNotFound.
STATUS_FOR_ERROR = [
    (UploadExpired, 410),
    (UploadNotFound, 404),
    (UploadTooLarge, 413),
    (UploadOpenBytesExceeded, 413),
    (UploadQuotaExceeded, 429),  # tus-js-client does not retry a 4xx: the message is shown
    (UploadNoRoom, 507),
    (UploadOffsetConflict, 409),
    (UploadLocked, 423),  # tus-js-client retries 409 and 423 after a delay
]


class BadHeader(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def plain(message: str, status: int, headers: dict | None = None) -> HttpResponse:
    """Errors are short sentences in the user's language; the script shows them as they are."""
    return HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8", headers=headers
    )


def refused(error: UploadError) -> HttpResponse:
    status = next((s for cls, s in STATUS_FOR_ERROR if isinstance(error, cls)), 400)
    return plain(error.message, status)


def bad_header(error: BadHeader) -> HttpResponse:
    return plain(_("请求头 %(name)s 缺失或无效") % {"name": error.name}, 400)


def header_int(value: str | None, name: str) -> int:
    if value is None or not value.isascii() or not value.isdigit():
        raise BadHeader(name)
    return int(value)


def parse_metadata(header: str) -> dict[str, str]:
    """``Upload-Metadata``: comma-separated ``key base64(value)`` pairs, values UTF-8."""
    if len(header) > METADATA_MAX_LENGTH:
        raise BadHeader("Upload-Metadata")
    metadata = {}
    for pair in filter(None, (part.strip() for part in header.split(","))):
        key, _space, encoded = pair.partition(" ")
        if not key.isascii() or key in metadata:
            raise BadHeader("Upload-Metadata")
        try:
            metadata[key] = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise BadHeader("Upload-Metadata") from None
    return metadata


def encode_metadata(metadata: dict[str, str]) -> str:
    return ",".join(
        f"{key} {base64.b64encode(str(value).encode()).decode()}" for key, value in metadata.items()
    )


def expires_header(session) -> dict:
    if session.is_complete:
        return {}
    return {"Upload-Expires": http_date(uploads.expires_at(session).timestamp())}


class TusView(View):
    """Signed-in liaisons of a unit only; plain-text refusals, since a script reads them."""

    def dispatch(self, request, *args, **kwargs):
        response = self.refusal(request) or super().dispatch(request, *args, **kwargs)
        response.headers["Tus-Resumable"] = TUS_VERSION
        response.headers["Cache-Control"] = "no-store"
        return response

    def refusal(self, request) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return plain(_("登录已失效，请重新登录后再上传"), 401)
        if request.user.unit_id is None:
            return plain(_("您的账户尚未关联单位，请联系组委会。"), 403)
        # Only liaisons' forms take these uploads; anyone may register as an exhibitor, and an
        # exhibitor's uploads would only fill the disk until the purge.
        if not has_role(request.user, LIAISON):
            return plain(_("此页面仅对本角色开放。"), 403)
        if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != TUS_VERSION:
            return plain(_("上传协议版本不受支持"), 412, {"Tus-Version": TUS_VERSION})
        return None

    def options(self, request, *args, **kwargs):
        return HttpResponse(
            status=204,
            headers={
                "Tus-Version": TUS_VERSION,
                "Tus-Max-Size": str(uploads.upload_limit()),
                "Tus-Extension": TUS_EXTENSIONS,
            },
        )


class UploadCreateView(TusView):
    """POST /uploads/: open an upload (tus "creation")."""

    def post(self, request):
        try:
            length = header_int(request.headers.get("Upload-Length"), "Upload-Length")
            metadata = parse_metadata(request.headers.get("Upload-Metadata", ""))
        except BadHeader as error:
            return bad_header(error)
        filename = metadata.pop("filename", "")
        try:
            session = uploads.start_upload(
                user=request.user, length=length, filename=filename, metadata=metadata
            )
        except UploadError as error:
            return refused(error)
        location = reverse("uploads:upload", kwargs={"upload_id": session.pk})
        return HttpResponse(status=201, headers={"Location": location, **expires_header(session)})


class UploadView(TusView):
    """HEAD, PATCH and DELETE /uploads/<id>/ on the user's own upload; others' are 404."""

    def head(self, request, upload_id):
        try:
            session = uploads.find_upload(upload_id=upload_id, user=request.user)
        except UploadError as error:
            return refused(error)
        metadata = {**session.metadata, "filename": session.filename}
        headers = {
            "Upload-Offset": str(session.offset),
            "Upload-Length": str(session.length),
            "Upload-Metadata": encode_metadata(metadata),
            **expires_header(session),
        }
        return HttpResponse(status=200, headers=headers)

    def patch(self, request, upload_id):
        if request.content_type != CHUNK_CONTENT_TYPE:
            return plain(_("上传数据的类型应为 %(type)s") % {"type": CHUNK_CONTENT_TYPE}, 415)
        if not request.META.get("CONTENT_LENGTH"):
            return plain(_("请求缺少 Content-Length"), 411)
        try:
            offset = header_int(request.headers.get("Upload-Offset"), "Upload-Offset")
            content_length = header_int(request.META["CONTENT_LENGTH"], "Content-Length")
        except BadHeader as error:
            return bad_header(error)
        try:
            session = uploads.find_upload(upload_id=upload_id, user=request.user)
            new_offset = uploads.append_chunk(
                session=session, offset=offset, stream=request, content_length=content_length
            )
        except UploadError as error:
            return refused(error)
        return HttpResponse(
            status=204, headers={"Upload-Offset": str(new_offset), **expires_header(session)}
        )

    def delete(self, request, upload_id):
        try:
            session = uploads.find_upload(upload_id=upload_id, user=request.user)
        except UploadError as error:
            return refused(error)
        uploads.delete_upload(session)
        return HttpResponse(status=204)
