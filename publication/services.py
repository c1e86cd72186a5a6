"""Scheduling accepted material on the committee's channels, recording what was published,
and marking 特别优质 items. The admin (and any later page or command) calls these.

A slot is planned, then either published (with its link) or cancelled (with a reason); it
never goes back. The ``check_*`` functions hold the rules; forms call them to show errors
next to the fields, and the changing functions call them again before they save. Errors are
keyed by the field they are about. Each change is saved with ``by`` as the history's user.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publication.models import Channel, FeaturedContent, PublicationSlot
from publication.validators import validate_web_url
from submissions.deadlines import format_beijing
from submissions.kinds import SubmissionStatus
from submissions.models import Submission

Status = PublicationSlot.Status


def _check_accepted(submission: Submission) -> None:
    if submission.status != SubmissionStatus.ACCEPTED:
        message = _("只有已采用的材料才能排期发布；“%(item)s”当前状态为“%(status)s”。")
        raise ValidationError(
            {
                "submission": ValidationError(
                    message,
                    code="not_accepted",
                    params={"item": submission, "status": submission.get_status_display()},
                )
            }
        )


def _check_channel(channel: Channel) -> None:
    if not channel.is_active:
        raise ValidationError(
            {
                "channel": ValidationError(
                    _("渠道“%(channel)s”已停用，不能再排期。"),
                    code="channel_inactive",
                    params={"channel": channel},
                )
            }
        )


def _check_no_planned_twin(
    submission: Submission, channel: Channel, excluding: PublicationSlot | None = None
) -> None:
    twins = PublicationSlot.objects.filter(
        submission=submission, channel=channel, status=Status.PLANNED
    )
    if excluding is not None:
        twins = twins.exclude(pk=excluding.pk)
    twin = twins.first()
    if twin is not None:
        message = _(
            "“%(item)s”在“%(channel)s”已有计划中的排期（%(when)s），请修改那一条，不要重复排期。"
        )
        raise ValidationError(
            {
                "channel": ValidationError(
                    message,
                    code="duplicate_slot",
                    params={
                        "item": submission,
                        "channel": channel,
                        "when": format_beijing(twin.scheduled_at),
                    },
                )
            }
        )


def _check_responsible(responsible) -> None:
    if not (responsible.is_staff and responsible.is_active):
        raise ValidationError(
            {
                "responsible": ValidationError(
                    _("负责人须为组委会工作人员（可登录管理后台的在用账号）：%(user)s。"),
                    code="responsible_not_staff",
                    params={"user": responsible},
                )
            }
        )


def _require_aware(moment: datetime) -> None:
    # A naive time is a programming error (forms always give an aware one), not a user's.
    if timezone.is_naive(moment):
        raise ValueError("scheduled_at must be timezone-aware (Beijing time)")


def check_can_schedule(*, submission: Submission, channel: Channel, responsible) -> None:
    _check_accepted(submission)
    _check_channel(channel)
    _check_no_planned_twin(submission, channel)
    _check_responsible(responsible)


def check_can_replan(*, slot: PublicationSlot, channel: Channel, responsible) -> None:
    if slot.status != Status.PLANNED:
        raise ValidationError(
            _("只有计划中的排期可以改期、更换渠道或负责人；该排期%(status)s。"),
            code="not_planned",
            params={"status": slot.get_status_display()},
        )
    _check_accepted(slot.submission)
    if channel.pk != slot.channel_id:
        _check_channel(channel)
        _check_no_planned_twin(slot.submission, channel, excluding=slot)
    if responsible.pk != slot.responsible_id:
        _check_responsible(responsible)


def check_can_publish(*, slot: PublicationSlot, url: str) -> str:
    """The link, stripped, once it is a web address and the slot may be published."""
    if slot.status == Status.CANCELLED:
        raise ValidationError(
            _("已取消的排期不能标记为已发布；请重新排期。"), code="cancelled_slot"
        )
    url = (url or "").strip()
    if not url:
        raise ValidationError(
            {
                "published_url": ValidationError(
                    _("标记为已发布时须填写发布链接。"), code="url_required"
                )
            }
        )
    try:
        validate_web_url(url)
    except ValidationError as exc:
        raise ValidationError({"published_url": exc}) from exc
    return url


def check_can_cancel(*, slot: PublicationSlot, reason: str) -> str:
    """The reason, stripped, once the slot may be cancelled."""
    if slot.status != Status.PLANNED:
        raise ValidationError(
            _("只有计划中的排期可以取消；该排期%(status)s。"),
            code="not_planned",
            params={"status": slot.get_status_display()},
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"cancel_reason": ValidationError(_("取消排期时请填写原因。"), code="reason_required")}
        )
    return reason


def _save(slot: PublicationSlot, by) -> None:
    slot._history_user = by  # simple_history's documented way to name who made the change
    try:
        with transaction.atomic():
            slot.save()
    except IntegrityError:
        # Two organizers planned the same item on the same channel at the same moment.
        _check_no_planned_twin(slot.submission, slot.channel, excluding=slot)
        raise


def schedule(
    *, submission: Submission, channel: Channel, scheduled_at: datetime, responsible, by, note=""
) -> PublicationSlot:
    """Plan an accepted item on a channel at a moment (Beijing time), with a responsible person."""
    _require_aware(scheduled_at)
    check_can_schedule(submission=submission, channel=channel, responsible=responsible)
    slot = PublicationSlot(
        submission=submission,
        channel=channel,
        scheduled_at=scheduled_at,
        responsible=responsible,
        note=note,
        created_by=by,
    )
    _save(slot, by)
    return slot


def replan(
    *, slot: PublicationSlot, channel: Channel, scheduled_at: datetime, responsible, by
) -> PublicationSlot:
    """Move a planned slot to another time or channel, or hand it to someone else."""
    _require_aware(scheduled_at)
    check_can_replan(slot=slot, channel=channel, responsible=responsible)
    slot.channel, slot.scheduled_at, slot.responsible = channel, scheduled_at, responsible
    _save(slot, by)
    return slot


def update_note(*, slot: PublicationSlot, note: str, by) -> PublicationSlot:
    slot.note = note
    _save(slot, by)
    return slot


def mark_published(*, slot: PublicationSlot, url: str, by) -> PublicationSlot:
    """Record that the slot went out, with the post's link; calling it again corrects the link."""
    slot.published_url = check_can_publish(slot=slot, url=url)
    slot.status = Status.PUBLISHED
    slot.published_at = slot.published_at or timezone.now()
    _save(slot, by)
    return slot


def cancel(*, slot: PublicationSlot, by, reason: str) -> PublicationSlot:
    slot.cancel_reason = check_can_cancel(slot=slot, reason=reason)
    slot.status = Status.CANCELLED
    _save(slot, by)
    return slot


def mark_featured(*, submission: Submission, by, note: str = "") -> FeaturedContent:
    """特别优质: the committee will push the item to the official matrix and the media.

    Marking an item again keeps who marked it first and replaces the note."""
    _check_accepted(submission)
    featured = FeaturedContent.objects.filter(submission=submission).first()
    if featured is None:
        featured = FeaturedContent(submission=submission, marked_by=by)
    featured.note = note
    featured._history_user = by
    featured.save()
    return featured


def unmark_featured(*, submission: Submission, by) -> bool:
    """Take the 特别优质 mark off; False when the item had none."""
    featured = FeaturedContent.objects.filter(submission=submission).first()
    if featured is None:
        return False
    featured._history_user = by
    featured.delete()
    return True
