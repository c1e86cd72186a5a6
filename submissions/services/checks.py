"""The full check of a stored file, in the worker: decode, probe, measure, judge every rule of
the requirement, record the verdicts and the item's status."""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inspection import images, videos
from inspection.documents import read_word
from inspection.errors import MediaError
from inspection.qr import read_qr
from inspection.sniff import sniff
from inspection.types import check_design_zip
from submissions.kinds import SubmissionStatus
from submissions.models import MaterialFile, RuleVerdict, Submission
from submissions.models.files import CheckStatus, FileRole, Verdict
from submissions.rules import Outcome, judge, overall, type_outcome
from submissions.services.files import (
    accepted_for,
    enqueue_check,
    ensure_sha256,
    rules_for,
    type_facts,
)

logger = logging.getLogger(__name__)


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
        enqueue_check(material)
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
