"""Creating, changing and withdrawing a unit's items (提交材料).

Every rule of the call is enforced here: the deadline (server clock, extensions honoured), how
many items the requirement allows, that the activity is the unit's own, the declaration.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference.models import Section
from submissions.deadlines import NOT_LIVE, ensure_open
from submissions.kinds import SubmissionStatus
from submissions.materials import FileSpec, KindSpec, spec_for
from submissions.models import Activity, Requirement, Submission
from submissions.models.review import ReviewAction, ReviewEvent
from submissions.services.checks import recheck_after_text_change
from submissions.services.files import cheap_check, store_file
from units.models import Unit


@dataclass
class ItemInput:
    """What a form (or a command) hands over: texts, and uploads per file role."""

    texts: dict = field(default_factory=dict)
    uploads: dict = field(default_factory=dict)  # role -> list of UploadedFile
    declared: bool = False


def live_items(
    requirement: Requirement, unit: Unit, activity: Activity | None, section: Section | None = None
):
    return Submission.objects.filter(
        requirement=requirement, unit=unit, activity=activity, section=section
    ).exclude(status=SubmissionStatus.WITHDRAWN)


def ensure_room(
    requirement: Requirement, unit: Unit, activity: Activity | None, section: Section | None = None
) -> None:
    """How many the requirement allows, per unit (and activity, or section)."""
    if requirement.max_count is None:
        return
    if live_items(requirement, unit, activity, section).count() >= requirement.max_count:
        raise ValidationError(
            ngettext(
                "“%(title)s”每个单位只能提交 %(n)s 份，本单位已提交；"
                "如需更换，请修改或撤回已提交的一份。",
                "“%(title)s”每个单位最多提交 %(n)s 份，本单位已提交 %(n)s 份。",
                requirement.max_count,
            )
            % {"title": requirement.title, "n": requirement.max_count},
            code="too_many_items",
        )


def unit_sections(unit: Unit, requirement: Requirement):
    """The sections of the requirement's edition the committee gave the unit."""
    return unit.sections.filter(edition_id=requirement.call.edition_id).order_by("order")


def _check_section(requirement: Requirement, unit: Unit, section: Section | None) -> None:
    """A per-section item names one of the unit's sections, once the unit has any."""
    if not requirement.per_section:
        if section is not None:
            raise ValidationError(_("该项材料不按板块提交。"), code="not_per_section")
        return
    if section is None:
        if unit_sections(unit, requirement).exists():
            raise ValidationError(
                {"section": _("请选择本单位负责的板块。")}, code="section_required"
            )
        return
    if not unit_sections(unit, requirement).filter(pk=section.pk).exists():
        raise ValidationError(
            {"section": _("“%(section)s”不是组委会分配给本单位的板块。") % {"section": section}},
            code="foreign_section",
        )


def _check_activity(requirement: Requirement, unit: Unit, activity: Activity | None) -> None:
    if requirement.per_activity and activity is None:
        raise ValidationError(_("请先选择本单位的活动。"), code="activity_required")
    if activity is not None and activity.unit_id != unit.pk:
        raise ValidationError(_("活动不属于本单位。"), code="foreign_activity")


def missing_file(file_spec: FileSpec) -> ValidationError:
    """A required file not sent (the form says it together with its other errors)."""
    return ValidationError(_("请上传%(label)s。") % {"label": file_spec.label}, code="required")


def _check_uploads(spec: KindSpec, requirement: Requirement, uploads: dict, *, creating: bool):
    """Cheap checks of every upload; all problems reported together, keyed by role."""
    errors: dict[str, list] = {}
    sniffed: dict[str, list] = {}
    for file_spec in spec.files:
        given = uploads.get(file_spec.role) or []
        if creating and file_spec.required and not given:
            errors.setdefault(file_spec.role, []).append(missing_file(file_spec))
        for upload in given:
            try:
                sniffed.setdefault(file_spec.role, []).append(
                    cheap_check(upload, file_spec, requirement)
                )
            except ValidationError as exc:
                errors.setdefault(file_spec.role, []).extend(
                    ValidationError(f"{upload.name}：{m}") for m in exc.messages
                )
    if errors:
        raise ValidationError(errors)
    return sniffed


def _check_one_of(spec: KindSpec, item: ItemInput, existing_roles: set[str]) -> None:
    if not spec.one_of:
        return
    given = {k for k, v in item.texts.items() if v} | {r for r, v in item.uploads.items() if v}
    if not (given | existing_roles) & set(spec.one_of):
        raise ValidationError(str(spec.one_of_message), code="one_of")


CHANNEL_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def stream_channels(requirement: Requirement, unit: Unit, activity: Activity | None) -> list[str]:
    """The channels of the unit's live items that ``requirement`` follows (a stream's main
    platform and its other channels), in the order given."""
    channels: dict[str, str] = {}
    items = Submission.objects.filter(
        requirement_id=requirement.follows_id, unit=unit, activity=activity
    ).exclude(status__in=NOT_LIVE)
    for data in items.values_list("data", flat=True):
        names = [data.get("platform") or "", *CHANNEL_SEPARATORS.split(data.get("channels") or "")]
        for name in names:
            if name.strip():
                channels.setdefault(name.strip().casefold(), name.strip())
    return list(channels.values())


def _check_rows_cover_channels(spec, requirement, unit, activity, texts) -> None:
    """各直播渠道观看数据: one row for every channel the stream was announced on."""
    if not (spec.rows and requirement.follows_id and "rows" in texts):
        return
    given = {str(row.get("platform") or "").strip().casefold() for row in texts["rows"]}
    missing = [c for c in stream_channels(requirement, unit, activity) if c.casefold() not in given]
    if missing:
        raise ValidationError(
            _("请提供每个直播渠道的观看数据，尚缺：%(channels)s。")
            % {"channels": _("、").join(missing)},
            code="channels_missing",
        )


def _store_uploads(submission, spec, item, sniffed, by, *, start_positions=None) -> None:
    for file_spec in spec.files:
        uploads = item.uploads.get(file_spec.role) or []
        first = (start_positions or {}).get(file_spec.role, 1)
        kinds = sniffed.get(file_spec.role, [])
        for offset, (upload, kind) in enumerate(zip(uploads, kinds, strict=True)):
            position = first + offset if file_spec.multiple else 1
            store_file(
                submission=submission,
                role=file_spec.role,
                upload=upload,
                sniffed=kind,
                by=by,
                position=position,
            )


def create_item(
    *,
    requirement: Requirement,
    unit: Unit,
    activity: Activity | None,
    by,
    item: ItemInput,
    now=None,
    section: Section | None = None,
) -> Submission:
    spec = spec_for(requirement.kind)
    if spec is None:
        raise ValidationError(_("此类材料不能在这里提交。"), code="unsupported_kind")
    _check_activity(requirement, unit, activity)
    _check_section(requirement, unit, section)
    ensure_open(requirement, unit, activity, now=now)
    ensure_room(requirement, unit, activity, section)
    if spec.declaration and not item.declared:
        raise ValidationError({"declared": _("请确认原创及无版权纠纷声明。")})
    _check_one_of(spec, item, set())
    _check_rows_cover_channels(spec, requirement, unit, activity, item.texts)
    sniffed = _check_uploads(spec, requirement, item.uploads, creating=True)
    now = now or timezone.now()
    has_files = any(item.uploads.values())
    submission = Submission(
        requirement=requirement,
        unit=unit,
        activity=activity,
        section=section,
        status=SubmissionStatus.CHECKING if has_files else SubmissionStatus.IN_REVIEW,
        title=_title(spec, item, requirement),
        data=item.texts,
        created_by=by,
        submitted_at=now,
        is_singleton=requirement.max_count == 1,
        declared_by=by if spec.declaration else None,
        declared_at=now if spec.declaration else None,
    )
    try:
        with transaction.atomic():
            submission.save()
            _store_uploads(submission, spec, item, sniffed, by)
    except IntegrityError:
        # Two liaisons of one unit sending the one allowed item at the same moment: the
        # database constraint lets one through; the other reads the rule, not an error page.
        ensure_room(requirement, unit, activity, section)
        raise
    return submission


def _title(spec: KindSpec, item: ItemInput, requirement: Requirement) -> str:
    for name in ("title", "stream_name", "name"):
        if item.texts.get(name):
            return str(item.texts[name])[:300]
    for uploads in item.uploads.values():
        if uploads:
            return (uploads[0].name or "")[:300]
    return requirement.title


EDITABLE = (
    SubmissionStatus.CHECKING,
    SubmissionStatus.FAILED,
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.CHANGES_REQUESTED,
)


def ensure_editable(submission: Submission, *, now=None) -> None:
    """An item sent in time may be fixed after the deadline when it failed a check or the
    committee asked for changes; otherwise changes close with the deadline."""
    if submission.status not in EDITABLE:
        raise ValidationError(
            _("状态为“%(status)s”的材料不能修改。") % {"status": submission.get_status_display()},
            code="not_editable",
        )
    if submission.status in (SubmissionStatus.FAILED, SubmissionStatus.CHANGES_REQUESTED):
        return
    ensure_open(submission.requirement, submission.unit, submission.activity, now=now)


def update_item(*, submission: Submission, by, item: ItemInput, now=None) -> Submission:
    """Change texts and replace or add files; the item goes back through the checks."""
    spec = spec_for(submission.requirement.kind)
    ensure_editable(submission, now=now)
    existing = set(
        submission.files.filter(is_current=True).values_list("role", flat=True).distinct()
    )
    _check_one_of(spec, item, existing)
    _check_rows_cover_channels(
        spec, submission.requirement, submission.unit, submission.activity, item.texts
    )
    sniffed = _check_uploads(spec, submission.requirement, item.uploads, creating=False)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        changed = {k for k, v in item.texts.items() if locked.data.get(k) != v}
        locked.data = {**locked.data, **item.texts}
        locked.title = _title(spec, item, locked.requirement) if item.texts else locked.title
        positions = _next_positions(locked, spec)
        _store_uploads(locked, spec, item, sniffed, by, start_positions=positions)
        locked.save(update_fields=["data"])  # the worker compares the new texts
        recheck_after_text_change(locked, changed)
        pending = locked.files.filter(is_current=True, checked_at__isnull=True).exists()
        previous = locked.status
        locked.status = SubmissionStatus.CHECKING if pending else SubmissionStatus.IN_REVIEW
        if previous == SubmissionStatus.CHANGES_REQUESTED:
            ReviewEvent.objects.create(
                submission=locked,
                action=ReviewAction.RESUBMIT,
                from_status=previous,
                to_status=locked.status,
                by=by,
            )
        locked.submitted_at = now or timezone.now()
        locked.save()
    return locked


def _next_positions(submission: Submission, spec: KindSpec) -> dict[str, int]:
    """Multiple-file roles (photos) append; single-file roles replace position 1."""
    positions = {}
    for file_spec in spec.files:
        if file_spec.multiple:
            last = (
                submission.files.filter(role=file_spec.role)
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            positions[file_spec.role] = (last or 0) + 1
    return positions


def withdraw_item(*, submission: Submission, by) -> Submission:
    if submission.status in (SubmissionStatus.ACCEPTED, SubmissionStatus.WITHDRAWN):
        raise ValidationError(_("已采用或已撤回的材料不能撤回。"), code="not_withdrawable")
    submission.status = SubmissionStatus.WITHDRAWN
    submission.save(update_fields=["status", "updated_at"])
    return submission
