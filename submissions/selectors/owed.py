"""What a unit owes: the published calls addressed to it and their requirements."""

from conference.configuration import Configuration
from conference.models import Edition
from submissions.models import (
    Call,
    Requirement,
)
from submissions.selectors.published import PublishedCall, published_calls
from units.models import Unit


def calls_for_unit(
    unit: Unit, edition: Edition | None, config: Configuration | None = None
) -> list[PublishedCall]:
    """The published calls addressed to the unit: those of ``edition``, and those of other
    organizers that belong to no edition (全国科普日, 国家高新区十年成就巡礼)."""
    audiences = [Call.Audience.ALL]
    if unit.is_partner:
        audiences.append(Call.Audience.PARTNERS)
    if unit.is_exhibitor:
        audiences.append(Call.Audience.EXHIBITORS)
    return [
        published
        for published in published_calls(edition, config)
        if unit.pk in published.unit_ids
        or (published.call.audience in audiences and _addressed(published, unit))
    ]


def _addressed(published: PublishedCall, unit: Unit) -> bool:
    """By the call's unit kinds and regions (a region includes its cities and districts)."""
    if published.call.unit_kinds and unit.kind not in published.call.unit_kinds:
        return False
    if not published.region_ids:
        return True
    unit_regions = {unit.region_id, unit.region.parent_id if unit.region_id else None}
    return bool(published.region_ids & unit_regions)


def owed_by(unit: Unit, published: PublishedCall) -> list[Requirement]:
    """The requirements of a call addressed to the unit that apply to its kind."""
    return [r for r in published.requirements if not r.unit_kinds or unit.kind in r.unit_kinds]


def requirements_for_unit(unit: Unit, edition: Edition | None) -> list[Requirement]:
    return [r for published in calls_for_unit(unit, edition) for r in owed_by(unit, published)]
