"""Storing uploaded files and checking them against the requirement's rules.

Cheap checks (size, type by content, image header) run in the request and refuse an obvious
mistake at once; the full check (decoding, probing, previews) runs in a Celery worker after the
commit. Originals are stored byte for byte and never modified.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ciep_portal.queue import enqueue_on_commit
from inspection import images, videos
from inspection.documents import check_office_package, read_word
from inspection.errors import MediaError
from inspection.names import clean_filename
from inspection.qr import read_qr
from inspection.sniff import Sniffed, sniff
from inspection.types import check_design_zip
from submissions.kinds import RuleCode, Severity, SubmissionStatus
from submissions.materials import FileSpec, accepted_types, spec_for
from submissions.models import MaterialFile, RuleVerdict, Submission
from submissions.models.files import CheckStatus, FileRole, Verdict
from submissions.rules import Outcome, evaluate, judge, overall, type_outcome

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


# Types the first bytes alone cannot settle: a ZIP's central directory (Word, Excel, a design
# archive) and an OLE2 file's streams are at their end, an AI file's markers past the head.
HEAD_UNSETTLED = frozenset({"zip", "ole", "pdf", "unknown"})


def browser_precheck(requirement, role: str, measured: dict) -> list[Outcome]:
    """Judge what the browser measured on a file it has not sent yet: its size, its first
    bytes, a picture's width after EXIF orientation, a video's size and length. The same
    ``judge`` as the form and the worker, so the same verdicts and words; the server's own
    checks after the upload stay authoritative. Unknown or odd values are left unmeasured."""
    facts = {"size": _count(measured.get("size"))}
    head = measured.get("head") or b""
    if head and len(head) == facts["size"]:
        # The first bytes are the whole file: it is measured exactly as the worker would.
        rules, accepted = rules_for(requirement, role), accepted_for(requirement, role)
        whole = measure_stream(
            io.BytesIO(head), rules=rules, role=role, size=len(head), accepted=accepted,
            previews=False,
        )  # fmt: skip
        return whole.outcomes
    if head:
        detected = sniff(io.BytesIO(head))
        if detected.type not in HEAD_UNSETTLED:
            facts["type"] = detected.type
    image, video = measured.get("image") or {}, measured.get("video") or {}
    if _count(image.get("width")) and _count(image.get("height")):
        facts["image"] = {"width": image["width"], "height": image["height"]}
    if _count(video.get("width")) and _count(video.get("height")):
        width, height = video["width"], video["height"]
        seconds = video.get("duration")
        facts["video"] = {
            "display_width": width,
            "display_height": height,
            "short_side": min(width, height),
            "duration_seconds": float(seconds) if isinstance(seconds, int | float) else None,
        }
    facts = {k: v for k, v in facts.items() if v is not None}
    accepted = accepted_for(requirement, role) if "type" in facts else None
    return judge(rules_for(requirement, role), facts, role=role, accepted=accepted, complete=False)


def browser_rules(requirement, file_spec: FileSpec) -> dict:
    """The rules of a file slot as the page carries them (``data-rules``): which types are
    accepted and which limits apply, so the browser knows what to measure."""
    rules = rules_for(requirement, file_spec.role)
    return {
        "accepted": sorted(accepted_types(file_spec, requirement)),
        "rules": [{"code": r.code, "value": str(r.value), "severity": r.severity} for r in rules],
    }


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


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
    _enqueue_check(material)
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


def _enqueue_check(material: MaterialFile) -> None:

    enqueue_on_commit("submissions.check_material_file", file_id=material.pk)


# --- The full check, in the worker --------------------------------------------------------------


@dataclass
class Measured:
    facts: dict
    outcomes: list[Outcome]
    preview: bytes | None = None


def measure_stream(
    handle, *, rules, role: str, size: int, accepted=None, previews: bool = True
) -> Measured:
    """Measure an open file and judge it by ``rules`` and the types ``accepted``: the worker's
    check, the admin's re-check and check_media's. A file of a type not accepted is not
    measured further; no file, however broken, raises here."""
    facts: dict = {"size": size}
    findings: list[Outcome] = []
    preview = None
    try:
        sniffed = sniff(handle)
        facts.update(type_facts(sniffed))
        if accepted is None or type_outcome(facts, accepted).verdict == Verdict.PASS:
            preview = _measure_kind(handle, sniffed, facts, findings, previews)
    except MediaError as exc:
        findings.append(Outcome(exc.code, Verdict.FAIL, exc.params))
    outcomes = judge(rules, facts, role=role, accepted=accepted, findings=findings)
    return Measured(facts, outcomes, preview)


def _measure_kind(handle, sniffed, facts: dict, findings: list, previews: bool) -> bytes | None:
    if sniffed.family == "image":
        # The header's facts first, as the request reads them, so that a picture too narrow
        # and cut short fails for both; then one decode verifies it and makes its preview.
        facts["image"] = images.probe_image(handle).as_dict()
        return images.verify_image(handle, preview=previews)[1]
    if sniffed.type == "zip":
        check_design_zip(handle)  # as in the request: members, paths and bombs
    if sniffed.family == "video":
        video = videos.probe_video(handle)
        facts["video"] = video.as_dict()
        if not video.previewable:
            findings.append(
                Outcome("video_not_previewable", Verdict.WARN, {"codec": video.codec or ""})
            )
            return None
        return _poster(handle) if previews else None
    if sniffed.family == "word":
        facts.update(_measure_document(handle, sniffed.type, findings))
    return None


def _poster(handle) -> bytes | None:
    """A poster frame; a frame that will not decode leaves the file without one, since the
    verdict must not depend on whether a preview was asked for (check_media asks for none)."""
    handle.seek(0)
    try:
        return videos.poster_frame(handle)
    except MediaError as exc:
        logger.warning("no poster frame: %s", exc.code)
        return None


def _measure_document(handle, sniff_type: str, outcomes: list[Outcome]) -> dict:
    """Word's 字数 of a .docx or .doc, for the TEXT_* rules; a file without text is a scan."""
    try:
        document = read_word(handle, sniff_type)
    except MediaError:
        if sniff_type != "doc":
            raise
        # The portal's reader of the legacy binary format may not know every variant Word
        # opens (Word 95, odd fast-saved files): such a file is not counted, never refused.
        outcomes.append(Outcome("document_uncounted", Verdict.WARN))
        return {}
    if document is None:
        return {}
    if not document.char_count:
        outcomes.append(Outcome("document_no_text", Verdict.FAIL))
    return {"document": {"chars": document.char_count}}


def measure(material: MaterialFile) -> Measured:
    """Open the stored file through the storage API, measure it and judge it by the rules."""
    requirement = material.submission.requirement
    rules = rules_for(requirement, material.role)
    accepted = accepted_for(requirement, material.role)
    with material.file.open("rb") as handle:
        measured = measure_stream(
            handle, rules=rules, role=material.role, size=material.size, accepted=accepted
        )
    measured.facts["sha256"] = material.sha256
    if material.role == FileRole.QR and "image" in measured.facts:
        measured.outcomes.append(qr_outcome(material))
    return measured


def qr_outcome(material: MaterialFile) -> Outcome:
    """Does the unit's own QR picture point to the H5 link it typed?"""
    expected = (material.submission.data.get("h5_url") or "").strip()
    with material.file.open("rb") as handle:
        found = read_qr(handle)
    if not found:
        return Outcome("qr_target", Verdict.FAIL, {"expected": expected})
    same = any(_same_link(text, expected) for text in found)
    return Outcome(
        "qr_target",
        Verdict.PASS if same else Verdict.FAIL,
        {"found": found[0], "expected": expected},
    )


# Checks of a file that compare it with a text of its item: the unit's QR picture against the
# H5 link. Editing either text or file checks the file again.
TEXTS_CHECKED_AGAINST = {FileRole.QR: ("h5_url",)}


def recheck_after_text_change(submission: Submission, changed: set[str]) -> int:
    """Send the current files whose verdict depends on a changed text back to the worker;
    their old verdicts no longer say anything about the item. Returns how many."""
    roles = [role for role, names in TEXTS_CHECKED_AGAINST.items() if changed & set(names)]
    files = list(submission.files.filter(is_current=True, role__in=roles, checked_at__isnull=False))
    for material in files:
        MaterialFile.objects.filter(pk=material.pk).update(
            checked_at=None, check_status=CheckStatus.PENDING
        )
        RuleVerdict.objects.filter(file=material).delete()
        _enqueue_check(material)
    return len(files)


def _same_link(found: str, expected: str) -> bool:
    return found.strip().rstrip("/") == expected.rstrip("/")


def check_material_file(material: MaterialFile) -> bool:
    """Measure one file and record its verdicts; False if it had been checked already.

    Idempotent: a redelivered task finds ``checked_at`` set and records nothing twice.
    """
    if material.checked_at is not None:
        return False
    ensure_sha256(material)
    measured = measure(material)
    with transaction.atomic():
        locked = MaterialFile.objects.select_for_update().get(pk=material.pk)
        if locked.checked_at is not None:
            return False
        _record(locked, measured)
        refresh_submission_status(locked.submission_id)
    return True


def _record(material: MaterialFile, measured: Measured) -> None:
    RuleVerdict.objects.filter(file=material).delete()
    RuleVerdict.objects.bulk_create(
        RuleVerdict(file=material, code=o.code, verdict=o.verdict, params=o.params)
        for o in measured.outcomes
    )
    material.check_status = {
        Verdict.FAIL: CheckStatus.FAILED,
        Verdict.WARN: CheckStatus.WARNED,
        Verdict.PASS: CheckStatus.PASSED,
    }[overall(measured.outcomes)]
    material.facts = measured.facts
    material.checked_at = timezone.now()
    if measured.preview:
        material.preview.save("preview.jpg", ContentFile(measured.preview), save=False)
    material.save()


CHECKED_STATES = (SubmissionStatus.CHECKING, SubmissionStatus.FAILED)


def refresh_submission_status(submission_id: int) -> str:
    """After a check: checking while any current file waits, failed if any failed, else review."""
    submission = Submission.objects.select_for_update().get(pk=submission_id)
    if submission.status not in CHECKED_STATES:
        return submission.status
    statuses = set(submission.files.filter(is_current=True).values_list("check_status", flat=True))
    if CheckStatus.PENDING in statuses:
        status = SubmissionStatus.CHECKING
    elif CheckStatus.FAILED in statuses:
        status = SubmissionStatus.FAILED
    else:
        status = SubmissionStatus.IN_REVIEW
    if status != submission.status:
        submission.status = status
        submission.save(update_fields=["status", "updated_at"])
    return status


def record_check_error(material: MaterialFile, error: BaseException) -> None:
    """A check that crashed or ran out of time: not lost, not blamed on the unit. The file
    goes to a reviewer with a warning that it was not checked automatically."""
    logger.error("check of file %s failed: %r", material.pk, error)
    with transaction.atomic():
        locked = MaterialFile.objects.select_for_update().get(pk=material.pk)
        if locked.checked_at is not None:
            return
        _record(locked, Measured({"size": locked.size}, [Outcome("check_error", Verdict.WARN)]))
        refresh_submission_status(locked.submission_id)
