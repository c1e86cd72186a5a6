"""Deadline extensions granted by organizers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from conference.workdays import UnknownCalendarYear
from submissions.deadlines import computed_due_at, format_beijing
from submissions.models import Activity, DeadlineExtension, Requirement
from units.models import Unit


def grant_extension(
    *,
    requirement: Requirement,
    unit: Unit,
    due_at,
    reason: str,
    granted_by,
    activity: Activity | None = None,
) -> DeadlineExtension:
    """Give one unit a later deadline for one requirement, and for one activity when named
    (replacing an earlier extension of the same scope). It must be later than the deadline it
    extends: an extension never shortens one."""
    check_extension(requirement=requirement, unit=unit, activity=activity, due_at=due_at)
    extension, _created = DeadlineExtension.objects.update_or_create(
        requirement=requirement,
        unit=unit,
        activity=activity,
        defaults={"due_at": due_at, "reason": reason, "granted_by": granted_by},
    )
    return extension


def check_extension(*, requirement, unit, activity, due_at) -> None:
    """The extension names an activity of the unit only for a per-activity requirement, and
    moves every deadline it covers later."""
    if activity is not None:
        if activity.unit_id != unit.pk:
            raise ValidationError({"activity": _("活动不属于该单位。")}, code="foreign_activity")
        if not requirement.per_activity:
            raise ValidationError(
                {"activity": _("该要求不按活动提交，延期不能指定活动。")}, code="not_per_activity"
            )
    targets = [activity] if activity or not requirement.per_activity else None
    for target in targets or unit.activities.filter(section__edition=requirement.call.edition_id):
        try:
            computed, _provisional = computed_due_at(requirement, target)
        except UnknownCalendarYear:
            continue
        if computed is not None and due_at <= computed:
            raise ValidationError(
                {
                    "due_at": _("延期后的截止时间 %(due)s 不晚于原截止时间 %(computed)s。")
                    % {"due": format_beijing(due_at), "computed": format_beijing(computed)}
                },
                code="not_later",
            )
