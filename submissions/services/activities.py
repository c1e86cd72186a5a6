"""A unit's activities (活动), whose dates set the deadlines counted from them."""

from submissions.models import Activity
from units.models import Unit


def save_activity(*, unit: Unit, data: dict, activity: Activity | None = None) -> Activity:
    activity = activity or Activity(unit=unit)
    if activity.unit_id != unit.pk:
        raise ValueError("activity of another unit")
    for name, value in data.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    return activity
