"""The committee's review: accept, ask for changes, reject, assign a reviewer, and record
what it settles for an item (a forum plan's room and fee).

One flow for every kind of item. The admin's actions and any command call these; each step is
recorded (``ReviewEvent``, and the item's history) and the unit's liaisons are told by e-mail
in their own language.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ciep_portal.queue import enqueue_on_commit
from submissions.kinds import SubmissionStatus
from submissions.materials import spec_for
from submissions.models import Submission
from submissions.models.review import ReviewAction, ReviewEvent
from submissions.selectors.items import decision_lines

REVIEWABLE = (
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.CHANGES_REQUESTED,
    SubmissionStatus.FAILED,
    SubmissionStatus.ACCEPTED,
    SubmissionStatus.REJECTED,
)
TARGET = {
    ReviewAction.ACCEPT: SubmissionStatus.ACCEPTED,
    ReviewAction.REQUEST_CHANGES: SubmissionStatus.CHANGES_REQUESTED,
    ReviewAction.REJECT: SubmissionStatus.REJECTED,
}
NEEDS_MESSAGE = (ReviewAction.REQUEST_CHANGES, ReviewAction.REJECT)


def review(*, submission: Submission, action: str, by, message: str = "") -> ReviewEvent:
    """Move one item to the action's state; refuses items still being checked or withdrawn."""
    message = (message or "").strip()
    if action in NEEDS_MESSAGE and not message:
        raise ValidationError(_("要求修改或不予采用时，请写明意见，单位将看到这段文字。"))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status not in REVIEWABLE:
            raise ValidationError(
                _("“%(title)s”状态为“%(status)s”，不能审核。")
                % {"title": locked, "status": locked.get_status_display()}
            )
        event = ReviewEvent.objects.create(
            submission=locked,
            action=action,
            from_status=locked.status,
            to_status=TARGET[action],
            message=message,
            by=by,
        )
        locked.status = TARGET[action]
        locked._change_reason = message[:100] or event.get_action_display()
        locked.save(update_fields=["status", "updated_at"])
        _notify(event)
    return event


def review_many(*, submissions, action: str, by, message: str = "") -> tuple[int, list[str]]:
    """The admin's bulk action: how many were reviewed, and why the others were not."""
    done, problems = 0, []
    for submission in submissions:
        try:
            review(submission=submission, action=action, by=by, message=message)
        except ValidationError as exc:
            problems.extend(exc.messages)
        else:
            done += 1
    return done, problems


def assign_reviewer(*, submissions, reviewer, by) -> int:
    count = 0
    for submission in submissions:
        with transaction.atomic():
            locked = Submission.objects.select_for_update().get(pk=submission.pk)
            locked.reviewer = reviewer
            locked._change_reason = _("指派审核人")
            locked.save(update_fields=["reviewer", "updated_at"])
            ReviewEvent.objects.create(
                submission=locked,
                action=ReviewAction.ASSIGN,
                from_status=locked.status,
                to_status=locked.status,
                message=str(reviewer),
                by=by,
            )
        count += 1
    return count


# The committee settles something (a room, a fee) only for an item it has before it.
DECIDABLE = (
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.CHANGES_REQUESTED,
    SubmissionStatus.ACCEPTED,
)


def record_decision(*, submission: Submission, by, values: dict) -> ReviewEvent:
    """Store what the committee settled for an item in the fields its kind names (a forum
    plan's room and fee), tell the unit, and keep who and when as a review step.

    The item's status is left as it is: confirming the room is not accepting the plan.
    """
    spec = spec_for(submission.requirement.kind)
    if spec is None or not spec.decision:
        raise ValidationError(_("此类材料没有需要组委会确认的内容。"), code="no_decision")
    decision = {t.name: values.get(t.name, "") for t in spec.decision}
    missing = [str(t.label) for t in spec.decision if t.required and decision[t.name] in ("", None)]
    if missing:
        raise ValidationError(
            _("请填写：%(fields)s。") % {"fields": _("、").join(missing)},
            code="decision_incomplete",
        )
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status not in DECIDABLE:
            raise ValidationError(
                _("“%(title)s”状态为“%(status)s”，不能确认。")
                % {"title": locked, "status": locked.get_status_display()},
                code="not_decidable",
            )
        locked.decision = decision
        locked._change_reason = str(spec.decision_label or ReviewAction.DECIDE.label)
        locked.save(update_fields=["decision", "updated_at"])
        event = ReviewEvent.objects.create(
            submission=locked,
            action=ReviewAction.DECIDE,
            from_status=locked.status,
            to_status=locked.status,
            message="\n".join(f"{label}：{value}" for label, value in decision_lines(locked)),
            by=by,
        )
        _notify(event)
    return event


def _notify(event: ReviewEvent) -> None:

    enqueue_on_commit("submissions.send_review_email", event_id=event.pk)
