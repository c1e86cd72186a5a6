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


def ensure_list_open(unit: Unit, edition: Edition | None) -> None:
    """Refuse once every call asking for the list is past its deadline for the unit
    (extensions honoured). Adding and editing close together, as every other material's
    changes close with its deadline; afterwards the committee keeps the list in the admin
    (or grants an extension)."""
    deadlines = [deadline_for(r, unit) for r in liaison_requirements(unit, edition)]
    deadlines = [d for d in deadlines if d.due_at is not None]
    if deadlines and all(d.is_past() for d in deadlines):
        raise DeadlinePassed(max(deadlines, key=lambda d: d.due_at))


@transaction.atomic
def add_liaison(*, unit: Unit, edition: Edition | None, data: dict) -> Liaison:
    """Add a liaison while the list is open (``ensure_list_open``)."""
    ensure_list_open(unit, edition)
    liaison = Liaison(unit=unit, **data)
    liaison.full_clean()
    liaison.save()
    return liaison


@transaction.atomic
def update_liaison(*, liaison: Liaison, data: dict, edition: Edition | None) -> Liaison:
    """Change a liaison while the list is open, by the same rule as adding one."""
    ensure_list_open(liaison.unit, edition)
    for name, value in data.items():
        setattr(liaison, name, value)
    liaison.full_clean()
    liaison.save()
    return liaison
