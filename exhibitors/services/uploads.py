"""Checks of the files an exhibitor uploads, made in the request, by content alone.

Pictures follow the publicity call's picture rule (horizontal pixels ≥ the limit, not
compressed); the agreement scan is a PDF or an image (``types.SEALED_SCAN``). Limits are read
from the edition's ``ExhibitionSettings`` when the check runs. Messages are the ones the
materials portal gives for the same checks, stating the measured value and the limit.
"""

from django.core.exceptions import ValidationError

from inspection import images, types
from inspection.errors import MediaError
from inspection.images import ImageFacts
from inspection.sniff import Sniffed, sniff
from submissions.kinds import RuleCode
from submissions.models.files import Verdict
from submissions.rules import describe

MB = 1024 * 1024


def _refuse(upload, code: str, params: dict) -> ValidationError:
    message = describe(code, Verdict.FAIL, params)
    return ValidationError(f"{upload.name}：{message}", code=code)


def _check_size(upload, max_mb: int) -> None:
    if not upload.size:
        raise _refuse(upload, "empty_file", {})
    if upload.size > max_mb * MB:
        raise _refuse(upload, RuleCode.FILE_MAX_BYTES, {"size": upload.size, "limit": max_mb * MB})


def _sniff(upload, allowed: frozenset[str]) -> Sniffed:
    upload.seek(0)
    try:
        sniffed = sniff(upload)
    except MediaError as exc:
        raise _refuse(upload, exc.code, exc.params) from None
    finally:
        upload.seek(0)
    if sniffed.type not in allowed:
        raise _refuse(upload, "file_type", {"detected": sniffed.type, "allowed": sorted(allowed)})
    return sniffed


def _probe(upload) -> ImageFacts:
    try:
        return images.probe_image(upload)
    except MediaError as exc:
        raise _refuse(upload, exc.code, exc.params) from None
    finally:
        upload.seek(0)


def check_picture(upload, *, min_width: int, max_mb: int) -> tuple[str, ImageFacts]:
    """The picture's type and header facts, or a ValidationError saying what is wrong."""
    _check_size(upload, max_mb)
    sniffed = _sniff(upload, types.IMAGE)
    facts = _probe(upload)
    if facts.width < min_width:
        raise _refuse(
            upload,
            RuleCode.IMAGE_MIN_WIDTH,
            {"width": facts.width, "height": facts.height, "limit": min_width},
        )
    return sniffed.type, facts


def check_scan(upload, *, max_mb: int) -> str:
    """The type of a signed and sealed scan (PDF, JPEG or PNG); an image must be readable."""
    _check_size(upload, max_mb)
    sniffed = _sniff(upload, types.SEALED_SCAN)
    if sniffed.family == "image":
        _probe(upload)
    return sniffed.type
