"""The chasing matrix: units down the side, a call's requirements across, one state per cell.

Reads only, in a fixed number of queries for a page of units, whatever the number of units,
requirements and items; the reminders read the same cells to know who still owes what.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from conference.models import Section
from conference.workdays import WorkingCalendar
from submissions.deadlines import Deadline, deadline_for, extension_for
from submissions.kinds import MaterialKind
from submissions.models import Activity, Call, DeadlineExtension, Requirement, Submission
from submissions.selectors.unit_dashboard import State, followed_ends, state_of, statuses_for
from submissions.tracked import sent_counts
from units.models import Unit

# When a cell covers several activities, it shows the one that most needs attention.
URGENCY = [
    State.LATE,
    State.NEEDS_ACTION,
    State.MISSING,
    State.WAITING_FOR_ACTIVITY,
    State.DRAFT,
    State.CHECKING,
    State.IN_REVIEW,
    State.OPTIONAL,
    State.CLOSED,
    State.SUBMITTED,
    State.ACCEPTED,
]


@dataclass
class Cell:
    requirement: Requirement
    state: str
    deadline: Deadline | None = None
    extended: bool = False
    item_ids: list[int] = field(default_factory=list)
    activity: Activity | None = None
    section: Section | None = None

    @property
    def label(self):
        return State.LABELS[self.state]

    @property
    def colour(self):
        return State.COLOURS[self.state]

    @property
    def owes(self) -> bool:
        """Still owes something the call requires (what reminders are about)."""
        return self.state in (State.MISSING, State.LATE)


@dataclass
class Row:
    unit: Unit
    cells: list[Cell]


def units_owing(call: Call):
    """The units a call is addressed to (its audience, unit kinds, regions and named units)."""
    audience = Q()
    if call.audience == Call.Audience.PARTNERS:
        audience = Q(is_partner=True)
    elif call.audience == Call.Audience.EXHIBITORS:
        audience = Q(is_exhibitor=True)
    if call.unit_kinds:
        audience &= Q(kind__in=call.unit_kinds)
    regions = call.regions.values("pk")
    if regions.exists():
        audience &= Q(region__in=regions) | Q(region__parent__in=regions)
    return Unit.objects.filter(audience | Q(pk__in=call.units.values("pk"))).distinct()


def applies(requirement: Requirement, unit: Unit) -> bool:
    return not requirement.unit_kinds or unit.kind in requirement.unit_kinds


def matrix(
    call: Call, units, *, now: datetime | None = None, section: Section | None = None
) -> tuple[list, list[Row]]:
    """Requirements (columns) and one row of cells per unit of ``units`` (a page of them).

    With ``section``, what the units owe in that section: the requirements of the section and
    those asked per activity or per section, counting only the section's activities, items and
    the units that run it (a unit with nothing owed there has empty cells)."""
    now = now or timezone.now()
    requirements = list(call.requirements.select_related("call__edition").order_by("order"))
    if section is not None:
        requirements = [
            r for r in requirements
            if r.section_id == section.pk or r.per_activity or r.per_section
        ]  # fmt: skip
    units = list(units.annotate(liaison_count=Count("liaisons")))
    unit_ids = [u.pk for u in units]
    statuses = defaultdict(lambda: defaultdict(list))
    items = defaultdict(list)
    sent = Submission.objects.filter(requirement__call=call, unit_id__in=unit_ids)
    if section is not None:
        sent = sent.filter(
            Q(section=section)
            | Q(activity__section=section)
            | Q(requirement__section=section)
            # Sent for the unit as a whole before sections were asked: it counts for each of
            # the unit's sections, as on the unit's dashboard.
            | Q(requirement__per_section=True, section__isnull=True, activity__isnull=True)
        )
    for unit_id, req_id, activity_id, section_id, status, pk in sent.values_list(
        "unit_id", "requirement_id", "activity_id", "section_id", "status", "pk"
    ):
        statuses[unit_id][(req_id, activity_id, section_id)].append(status)
        items[(unit_id, req_id)].append(pk)
    sections = defaultdict(list)
    if any(r.per_section for r in requirements):
        for unit_id, run in (
            (row.unit_id, row.section)
            for row in Unit.sections.through.objects.filter(
                unit_id__in=unit_ids,
                section__edition=call.edition_id,
                **({"section": section} if section is not None else {}),
            )
            .select_related("section")
            .order_by("section__order")
        ):
            sections[unit_id].append(run)
    extensions = defaultdict(dict)
    for e in DeadlineExtension.objects.filter(requirement__call=call, unit_id__in=unit_ids):
        extensions[(e.unit_id, e.requirement_id)][e.activity_id] = e
    activities = defaultdict(list)
    held = Activity.objects.filter(unit_id__in=unit_ids, section__edition=call.edition)
    for activity in held.filter(section=section) if section is not None else held:
        activities[activity.unit_id].append(activity)
    followed = followed_ends(
        {r.follows_id for r in requirements if r.follows_id},
        unit_ids,
        [a for unit_activities in activities.values() for a in unit_activities],
    )
    context = _Context(
        now,
        WorkingCalendar.load(),
        statuses,
        extensions,
        activities,
        followed,
        sections,
        sent_counts(requirements, unit_ids),
        section is not None,
    )
    rows = []
    for unit in units:
        cells = [
            _cell(requirement, unit, context, items[(unit.pk, requirement.pk)])
            if applies(requirement, unit)
            else None
            for requirement in requirements
        ]
        rows.append(Row(unit, cells))
    return requirements, rows


@dataclass
class _Context:
    now: datetime
    calendar: WorkingCalendar
    statuses: dict
    extensions: dict
    activities: dict
    followed: dict
    sections: dict
    # requirement id -> {unit id: rows sent} for kinds kept by other apps (booth applications)
    tracked: dict
    # Looking at one section: a unit owes nothing there without an activity or the section.
    one_section: bool = False


def _cell(requirement, unit, context: _Context, item_ids) -> Cell | None:
    """The cell of one unit and requirement; None where nothing is owed (figures of a unit
    that announced no live stream)."""
    extensions = context.extensions.get((unit.pk, requirement.pk), {})
    targets = context.activities[unit.pk] if requirement.per_activity else [None]
    followed = context.followed.get(unit.pk, {})
    if requirement.follows_id:
        targets = [a for a in targets if (requirement.follows_id, _pk(a)) in followed]
        if not targets:
            return None
    if requirement.per_activity and not targets:
        if context.one_section:
            return None
        return Cell(requirement, State.WAITING_FOR_ACTIVITY, extended=bool(extensions))
    pairs = [(activity, None) for activity in targets]
    if requirement.per_section:
        if context.one_section and not context.sections[unit.pk]:
            return None
        pairs = [(None, section) for section in context.sections[unit.pk] or [None]]
    cells = []
    for activity, section in pairs:
        extension = extension_for(extensions, activity)
        deadline = deadline_for(
            requirement,
            unit,
            activity,
            calendar=context.calendar,
            extension=extension,
            ends_at=followed.get((requirement.follows_id, _pk(activity))),
        )
        count = (
            unit.liaison_count
            if requirement.kind == MaterialKind.LIAISON_LIST
            else context.tracked.get(requirement.pk, {}).get(unit.pk, 0)
        )
        state = state_of(
            statuses_for(context.statuses[unit.pk], requirement, activity, section),
            count=count,
            min_count=requirement.min_count,
            past_due=deadline.is_past(context.now),
        )
        cells.append(
            Cell(requirement, state, deadline, deadline.extended, item_ids, activity, section)
        )
    return min(cells, key=lambda c: URGENCY.index(c.state))


def _pk(activity: Activity | None) -> int | None:
    return activity.pk if activity else None
