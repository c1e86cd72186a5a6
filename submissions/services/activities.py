"""A unit's activities (活动), whose dates set the deadlines counted from them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from submissions.models import Activity
from units.models import Unit


def check_section(unit: Unit, section) -> None:
    """An activity belongs to one of the sections the committee gave the unit, once it gave
    any (units without sections yet may choose any of the edition's)."""
    given = unit.sections.filter(edition_id=section.edition_id)
    if given.exists() and not given.filter(pk=section.pk).exists():
        raise ValidationError(
            {
                "section": _("“%(section)s”不是组委会分配给本单位的板块，可选：%(given)s。")
                % {"section": section.name, "given": _("、").join(s.name for s in given)}
            },
            code="foreign_section",
        )


def save_activity(*, unit: Unit, data: dict, activity: Activity | None = None) -> Activity:
    activity = activity or Activity(unit=unit)
    if activity.unit_id != unit.pk:
        raise ValueError("activity of another unit")
    for name, value in data.items():
        setattr(activity, name, value)
    activity.full_clean()
    check_section(unit, activity.section)
    activity.save()
    return activity
