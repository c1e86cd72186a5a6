"""Deadline extensions granted by organizers."""

from submissions.models import DeadlineExtension, Requirement
from units.models import Unit


def grant_extension(
    *, requirement: Requirement, unit: Unit, due_at, reason: str, granted_by
) -> DeadlineExtension:
    """Give one unit a later deadline for one requirement (replacing an earlier extension)."""
    extension, _created = DeadlineExtension.objects.update_or_create(
        requirement=requirement,
        unit=unit,
        defaults={"due_at": due_at, "reason": reason, "granted_by": granted_by},
    )
    return extension
