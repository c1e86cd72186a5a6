"""The unit's publicity liaisons (宣传联络员信息表, 附件4).

The list is one per unit, whichever call asks for it: the 21st CIEP's publicity call, or the
火炬中心's "国家高新区宣传工作联络信息表" — each a ``LIAISON_LIST`` requirement.
"""

from django.db import transaction

from conference.models import Edition
from submissions.deadlines import DeadlinePassed, deadline_for
from submissions.kinds import MaterialKind
from submissions.models import Requirement
from submissions.selectors.owed import requirements_for_unit
from units.models import Liaison, Unit


def liaison_requirements(unit: Unit, edition: Edition | None) -> list[Requirement]:
    """The requirements "宣传联络员信息" of the calls addressed to the unit (``edition``'s and
    those that belong to no edition)."""
    return [r for r in requirements_for_unit(unit, edition) if r.kind == MaterialKind.LIAISON_LIST]


@transaction.atomic
def add_liaison(*, unit: Unit, edition: Edition | None, data: dict) -> Liaison:
    """Add a liaison; refused once every call asking for the list is past its deadline for
    the unit (extensions honoured).

    Editing an existing liaison stays open after the deadline: keeping contacts current is
    what the committee needs from then on.
    """
    deadlines = [deadline_for(r, unit) for r in liaison_requirements(unit, edition)]
    if deadlines and all(d.is_past() for d in deadlines):
        raise DeadlinePassed(max(deadlines, key=lambda d: d.due_at))
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
