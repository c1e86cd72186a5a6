"""Storing uploaded files and checking them against the requirement's rules.

Cheap checks (size, type by content, image header) run in the request and refuse an obvious
mistake at once; the full check (decoding, probing, previews) runs in a Celery worker after the
commit. Originals are stored byte for byte and never modified.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError

from ciep_portal.queue import enqueue_on_commit
from inspection import images
from inspection.documents import check_office_package, read_word
from inspection.errors import MediaError
from inspection.names import clean_filename
from inspection.sniff import Sniffed, sniff
from inspection.types import check_design_zip
from submissions.kinds import RuleCode, Severity
from submissions.materials import FileSpec, accepted_types, spec_for
from submissions.models import MaterialFile, Submission
from submissions.models.files import CheckStatus, Verdict
from submissions.rules import Outcome, evaluate, judge

logger = logging.getLogger(__name__)

HASH_CHUNK = 1024 * 1024


def media_error(exc: MediaError) -> ValidationError:
    outcome = Outcome(exc.code, Verdict.FAIL, exc.params)
    return ValidationError(outcome.message, code=exc.code)


def rules_for(requirement, role: str) -> list:
    return [r for r in requirement.rules.all() if not r.applies_to or r.applies_to == role]


def accepted_for(requirement, role: str) -> frozenset[str] | None:
    """The sniff types the requirement takes for files of ``role`` (None: a kind without
    file specs, whose caller checks the type itself)."""
    spec = spec_for(requirement.kind)
    file_spec = spec.file_spec(role) if spec else None
    return accepted_types(file_spec, requirement) if file_spec else None


def size_failures(requirement, role: str, size: int) -> list[Outcome]:
    """The requirement's rules for files of ``role`` that ``size`` bytes fail: checked when a
    form is sent, and before a resumable upload's first byte (``uploads``)."""
    outcomes = judge(rules_for(requirement, role), {"size": size}, role=role, complete=False)
    return [o for o in outcomes if o.verdict == Verdict.FAIL]


def cheap_check(upload, spec: FileSpec, requirement) -> Sniffed:
    """Refuse at once what needs no worker: empty, too large, wrong type, bad image header,
    a Word package with macros or XML entities, a zip bomb. Each verdict comes from ``judge``,
    as the worker's do, on what the request has measured so far.

    Raises ``ValidationError`` whose messages state the measured value and the limit.
    """
    if not upload.size:
        raise media_error(MediaError("empty_file", {}))
    rules = rules_for(requirement, spec.role)
    facts = {"size": upload.size}
    _refuse_failures(size_failures(requirement, spec.role, upload.size))
    upload.seek(0)
    accepted = accepted_types(spec, requirement)

    def refuse_what_fails() -> None:
        verdicts = judge(rules, facts, role=spec.role, accepted=accepted, complete=False)
        _refuse_failures(verdicts)

    try:
        sniffed = sniff(upload)
        facts.update(type_facts(sniffed))
        refuse_what_fails()
        if sniffed.family == "image":
            facts["image"] = images.probe_image(upload).as_dict()
            refuse_what_fails()
        if sniffed.type == "docx":
            # Macros (a .docm under a .docx content type), XML entities and zip bombs are
            # refused before anything is stored, not only failed later by the worker.
            check_office_package(upload)
        if sniffed.family == "word":
            _refuse_failures(_count_in_request(upload, sniffed.type, rules, spec.role))
        if sniffed.type == "zip":
            check_design_zip(upload)
    except MediaError as exc:
        raise media_error(exc) from None
    finally:
        upload.seek(0)
    return sniffed


def type_facts(sniffed: Sniffed) -> dict:
    facts = {"type": sniffed.type, "mime": sniffed.mime, "brand": sniffed.brand}
    if sniffed.also:
        facts["also"] = sniffed.also
    return facts


# Character limits that refuse a Word file: counted in the request, so the unit reads
# "共 3120 字，超过上限 3000 字" at once instead of after the worker's check.
TEXT_LIMITS = (RuleCode.TEXT_MAX_CHARS, RuleCode.TEXT_CHAR_RANGE)


def _count_in_request(upload, sniff_type: str, rules, role: str) -> list[Outcome]:
    """Word's 字数 of the file against fail-severity TEXT_* rules; nothing to do without one.

    A .docx is read in full (the package checks first, as the worker does); a .doc the reader
    does not know is left to the worker, which warns instead of refusing.
    """
    limits = [r for r in rules if r.code in TEXT_LIMITS and r.severity == Severity.FAIL]
    if not limits:
        return []
    try:
        document = read_word(upload, sniff_type)
    except MediaError:
        if sniff_type == "doc":
            return []
        raise
    if document is None:
        return []
    return evaluate(limits, {"document": {"chars": document.char_count}}, role=role)


def _refuse_failures(outcomes: list[Outcome]) -> None:
    failures = [o for o in outcomes if o.verdict == Verdict.FAIL]
    if failures:
        raise ValidationError([ValidationError(o.message, code=o.code) for o in failures])


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(HASH_CHUNK), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def store_file(
    *, submission: Submission, role: str, upload, sniffed: Sniffed, by, position: int = 1
) -> MaterialFile:
    """Keep the upload as the next version of (role, position); earlier versions stay."""
    previous = (
        MaterialFile.objects.select_for_update()
        .filter(submission=submission, role=role, position=position)
        .order_by("-version")
        .first()
    )
    material = MaterialFile(
        submission=submission,
        role=role,
        position=position,
        version=previous.version + 1 if previous else 1,
        original_name=clean_filename(upload.name or "") or "upload",
        size=upload.size,
        sha256="",  # the worker's check hashes it (ensure_sha256): the request only receives
        detected_type=sniffed.type,
        uploaded_by=by,
    )
    # The storage moves a temporary upload into place (a rename on the same disk).
    material.file.save(f"upload.{sniffed.type}", upload, save=False)
    material.save()
    if previous is not None:
        MaterialFile.objects.filter(pk=previous.pk).update(is_current=False)
    enqueue_check(material)
    return material


def ensure_sha256(material: MaterialFile) -> str:
    """Fill in the SHA-256 of a stored file; idempotent.

    Web processes only receive an upload and rename it into place; the worker, which opens the
    file for its check anyway, hashes it. Hashing in the request took a sixth of a large plain
    upload's time, and a resumable upload's pieces may have reached different web processes.
    """
    if not material.sha256:
        with material.file.open("rb") as handle:
            digest = sha256_of(handle)
        MaterialFile.objects.filter(pk=material.pk, sha256="").update(sha256=digest)
        material.sha256 = digest
    return material.sha256


def recheck(*, submissions) -> int:
    """The admin's re-check: the current files of these items measured and judged again by
    the worker, after a rule was changed or a file was checked by older code."""
    files = MaterialFile.objects.filter(submission__in=submissions, is_current=True)
    ids = list(files.values_list("pk", flat=True))
    MaterialFile.objects.filter(pk__in=ids).update(
        checked_at=None, check_status=CheckStatus.PENDING
    )
    for file_id in ids:
        enqueue_on_commit("submissions.check_material_file", file_id=file_id)
    return len(ids)


def enqueue_check(material: MaterialFile) -> None:

    enqueue_on_commit("submissions.check_material_file", file_id=material.pk)


# --- The full check, in the worker --------------------------------------------------------------
