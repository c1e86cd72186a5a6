"""The unit's publicity liaisons (宣传联络员信息表, 附件4)."""

from django.db import transaction

from conference.models import Edition
from submissions.deadlines import ensure_open
from submissions.kinds import MaterialKind
from submissions.models import Requirement
from units.models import Liaison, Unit


def liaison_requirement(unit: Unit, edition: Edition | None) -> Requirement | None:
    """The requirement "宣传联络员信息" of the edition's calls, if one asks for it."""
    if edition is None:
        return None
    return (
        Requirement.objects.filter(call__edition=edition, kind=MaterialKind.LIAISON_LIST)
        .select_related("call__edition")
        .first()
    )


@transaction.atomic
def add_liaison(*, unit: Unit, edition: Edition | None, data: dict) -> Liaison:
    """Add a liaison; refused after the liaison list's deadline unless the unit has an extension.

    Editing an existing liaison stays open after the deadline: keeping contacts current is
    what the committee needs from then on.
    """
    requirement = liaison_requirement(unit, edition)
    if requirement is not None:
        ensure_open(requirement, unit)
    liaison = Liaison(unit=unit, **data)
    liaison.full_clean()
    liaison.save()
    return liaison


def update_liaison(*, liaison: Liaison, data: dict) -> Liaison:
    for name, value in data.items():
        setattr(liaison, name, value)
    liaison.full_clean()
    liaison.save()
    return liaison
