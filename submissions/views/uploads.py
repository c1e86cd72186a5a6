"""The upload row's checks: what the form would say of a file that has arrived, and the
browser's pre-check before any byte is sent."""

import base64
import binascii
import json

from django.http import Http404, JsonResponse

from submissions.materials import spec_for
from submissions.services import prechecks
from submissions.services.uploads import refusal_of
from submissions.views.items import LiaisonView
from uploads.services import finished_uploads


class UploadCheckView(LiaisonView):
    """``?upload=<id>&role=<role>``: would this requirement's form take the finished upload?

    ``uploads.js`` asks as soon as the last byte has arrived, so a file refused by its content
    (a PDF where Word is asked, a picture too narrow) shows as refused in its upload row at once,
    not as "uploaded" until the form is sent.
    """

    def get(self, request, pk):
        requirement = self.requirement(pk)
        role = request.GET.get("role", "")
        file_spec = next((f for f in spec_for(requirement.kind).files if f.role == role), None)
        sessions = finished_uploads(upload_ids=[request.GET.get("upload", "")], user=request.user)
        if file_spec is None or not sessions:
            raise Http404
        problem = refusal_of(session=sessions[0], file_spec=file_spec, requirement=requirement)
        return JsonResponse({"accepted": not problem, "message": problem})


class PrecheckView(LiaisonView):
    """What the server's rules say of a file the browser measured before sending it
    (``static/js/prechecks.js``): JSON in (sizes, duration, the first bytes in base64), the
    verdicts and their words out. Nothing is stored; the upload is checked again in full."""

    MAX_HEAD = 64 * 1024

    def post(self, request, pk):
        requirement = self.requirement(pk)
        try:
            measured = json.loads(request.body)
            role = str(measured["role"])
            measured["head"] = base64.b64decode(measured.get("head") or "")[: self.MAX_HEAD]
        except (ValueError, KeyError, TypeError, binascii.Error):
            return JsonResponse({"error": "bad request"}, status=400)
        outcomes = prechecks.browser_precheck(requirement, role, measured)
        return JsonResponse(
            {
                "outcomes": [
                    {"code": o.code, "verdict": o.verdict, "message": o.message} for o in outcomes
                ]
            }  # fmt: skip
        )
