"""Checks of the files an exhibitor uploads, made in the request, by content alone.

Pictures follow the publicity call's picture rule (horizontal pixels ≥ the limit, not
compressed); the agreement scan is a PDF or an image (``types.SEALED_SCAN``). Limits are read
from the edition's ``ExhibitionSettings`` when the check runs and judged by the materials
portal's ``judge``, so the verdicts and messages are the ones it gives for the same checks.
"""

from django.core.exceptions import ValidationError

from inspection import images, types
from inspection.errors import MediaError
from inspection.images import ImageFacts
from inspection.sniff import sniff
from submissions.kinds import RuleCode
from submissions.models.files import Verdict
from submissions.rules import Limit, describe, judge
from submissions.services.files import type_facts

MB = 1024 * 1024


def _refuse(upload, code: str, params: dict) -> ValidationError:
    message = describe(code, Verdict.FAIL, params)
    return ValidationError(f"{upload.name}：{message}", code=code)


def _judged(upload, limits, facts: dict, accepted) -> None:
    outcomes = judge(limits, facts, accepted=accepted, complete=False)
    failure = next((o for o in outcomes if o.verdict == Verdict.FAIL), None)
    if failure is not None:
        raise _refuse(upload, failure.code, failure.params)


def _measured(upload, limits, accepted, *, picture: bool) -> dict:
    """Size, type and (for a picture) header facts, each judged as soon as it is known."""
    if not upload.size:
        raise _refuse(upload, "empty_file", {})
    facts = {"size": upload.size}
    _judged(upload, limits, facts, None)
    upload.seek(0)
    try:
        sniffed = sniff(upload)
        facts.update(type_facts(sniffed))
        _judged(upload, limits, facts, accepted)
        if picture and sniffed.family == "image":
            facts["image"] = images.probe_image(upload).as_dict()
            _judged(upload, limits, facts, accepted)
    except MediaError as exc:
        raise _refuse(upload, exc.code, exc.params) from None
    finally:
        upload.seek(0)
    return facts


def check_picture(upload, *, min_width: int, max_mb: int) -> tuple[str, ImageFacts]:
    """The picture's type and header facts, or a ValidationError saying what is wrong."""
    limits = [Limit(RuleCode.FILE_MAX_BYTES, max_mb), Limit(RuleCode.IMAGE_MIN_WIDTH, min_width)]
    facts = _measured(upload, limits, types.IMAGE, picture=True)
    return facts["type"], ImageFacts(**facts["image"])


def check_scan(upload, *, max_mb: int) -> str:
    """The type of a signed and sealed scan (PDF, JPEG or PNG); an image must be readable."""
    limits = [Limit(RuleCode.FILE_MAX_BYTES, max_mb)]
    return _measured(upload, limits, types.SEALED_SCAN, picture=True)["type"]
