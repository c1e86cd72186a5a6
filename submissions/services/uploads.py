"""The engine's part in resumable uploads: a requirement's size rule before any byte is sent,
and its cheap checks as soon as the last byte has arrived."""

import re

from django.core.exceptions import ValidationError

from conference.selectors import current_edition
from submissions.materials import FileSpec
from submissions.models import Requirement
from submissions.selectors.owed import requirements_for_unit
from submissions.services.files import cheap_check, size_failures
from uploads.errors import UploadError
from uploads.models import UploadSession
from uploads.services import peek_upload


def over_requirement_limit(*, user, length: int, metadata: dict) -> str | None:
    """The form's file input names its requirement and file role (``uploads.js`` sends them):
    a file over that requirement's own size rule is refused before any byte is sent, in the
    words the form would use, instead of after the whole file has arrived. Only requirements
    the user's unit owes are considered; any other id is ignored (the form checks again).

    Registered with ``uploads.services.register_precheck`` by ``SubmissionsConfig.ready``.
    """
    requirement_id, role = str(metadata.get("requirement", "")), str(metadata.get("role", ""))
    if not re.fullmatch(r"[0-9]{1,18}", requirement_id) or not role:
        return None
    owed = {r.pk: r for r in requirements_for_unit(user.unit, current_edition())}
    requirement = owed.get(int(requirement_id))
    if requirement is None:
        return None
    failures = size_failures(requirement, role, length)
    return str(failures[0].message) if failures else None


def refusal_of(*, session: UploadSession, file_spec: FileSpec, requirement: Requirement) -> str:
    """Why the form would refuse this finished upload (its type by content, an image's width,
    a Word file's macros or length), or "" if it would take it: the same ``cheap_check`` the
    form runs on submit, run as soon as the file has arrived and when a sent-back form lists
    the files it keeps, so a refused file is never shown as "uploaded" until the next submit.
    """
    try:
        with peek_upload(session) as upload:
            cheap_check(upload, file_spec, requirement)
    except UploadError as error:
        return error.message
    except ValidationError as error:
        return " ".join(error.messages)
    return ""
