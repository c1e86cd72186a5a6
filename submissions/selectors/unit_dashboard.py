"""Where a unit stands on each requirement: the rows of its dashboard."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from conference.configuration import Configuration
from conference.models import Edition, Section
from conference.workdays import WorkingCalendar
from submissions.deadlines import (
    NOT_LIVE,
    Deadline,
    deadline_for,
    describe_rule,
    describe_time_left,
    extension_for,
    item_end,
)
from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.materials import spec_for
from submissions.models import (
    Activity,
    Call,
    CallMilestone,
    DeadlineExtension,
    Requirement,
    Submission,
)
from submissions.selectors.owed import calls_for_unit, owed_by
from submissions.tracked import sent_counts
from units.models import Unit


class State:
    """Where one requirement stands for a unit, as the dashboard shows it."""

    MISSING = "missing"
    OPTIONAL = "optional"
    LATE = "late"
    WAITING_FOR_ACTIVITY = "waiting_for_activity"
    CHECKING = "checking"
    NEEDS_ACTION = "needs_action"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CLOSED = "closed"

    LABELS = {
        MISSING: _("待提交"),
        OPTIONAL: _("可选"),
        LATE: _("逾期未交"),
        WAITING_FOR_ACTIVITY: _("待添加活动"),
        CHECKING: _("自动检查中"),
        NEEDS_ACTION: _("需修改"),
        IN_REVIEW: _("审核中"),
        ACCEPTED: _("已采用"),
        DRAFT: _("草稿未提交"),
        SUBMITTED: _("已提交"),
        CLOSED: _("已截止"),
    }
    NEXT_ACTIONS = {
        MISSING: _("请在截止前提交。"),
        OPTIONAL: _("如有，请在截止前提交。"),
        LATE: _("已过截止时间；如需补交，请联系组委会申请延期。"),
        WAITING_FOR_ACTIVITY: _("先添加本单位的活动，截止时间按活动日期计算。"),
        CHECKING: _("系统正在检查文件，请稍候。"),
        NEEDS_ACTION: _("查看问题，修改后重新提交。"),
        IN_REVIEW: _("已提交，等待组委会审核。"),
        ACCEPTED: _("已采用，无需操作。"),
        DRAFT: _("草稿尚未提交，请完成后提交。"),
        SUBMITTED: _("已提交；打开可查看进展。"),
        CLOSED: _("可选材料，已过截止时间。"),
    }
    # Bootstrap colour of the badge.
    COLOURS = {
        MISSING: "warning",
        OPTIONAL: "secondary",
        LATE: "danger",
        WAITING_FOR_ACTIVITY: "info",
        CHECKING: "info",
        NEEDS_ACTION: "danger",
        IN_REVIEW: "primary",
        ACCEPTED: "success",
        DRAFT: "secondary",
        SUBMITTED: "success",
        CLOSED: "secondary",
    }


def state_of(statuses: list[str], *, count: int, min_count: int, past_due: bool) -> str:
    """The state of a requirement, given the statuses of the unit's items for it.

    ``count`` counts items that are not reviewed one by one (the rows of the liaison list).
    """
    live = [s for s in statuses if s != SubmissionStatus.WITHDRAWN]
    if any(s in (SubmissionStatus.FAILED, SubmissionStatus.CHANGES_REQUESTED) for s in live):
        return State.NEEDS_ACTION
    if SubmissionStatus.CHECKING in live:
        return State.CHECKING
    sent = [s for s in live if s != SubmissionStatus.DRAFT]
    if not sent and count == 0:
        if past_due:
            return State.LATE if min_count > 0 else State.CLOSED
        if live:
            return State.DRAFT
        return State.OPTIONAL if min_count == 0 else State.MISSING
    if not sent:
        return State.SUBMITTED
    if all(s == SubmissionStatus.ACCEPTED for s in sent) and len(sent) >= min_count:
        return State.ACCEPTED
    return State.IN_REVIEW


class Links:
    """URLs reversed once each: a dashboard's rows of one kind, or of one requirement for
    several activities, share theirs."""

    def __init__(self):
        self._urls: dict[tuple, str] = {}

    def __call__(self, name: str, *args) -> str:
        key = (name, *args)
        if key not in self._urls:
            self._urls[key] = reverse(name, args=args)
        return self._urls[key]


@dataclass
class RequirementRow:
    requirement: Requirement
    deadline: Deadline
    state: str
    count: int
    activity: Activity | None = None
    calendar_error: str = ""
    now: datetime = field(default_factory=timezone.now)
    links: Links = field(default_factory=Links, repr=False)
    # For a requirement asked per section: the unit's section this row is for.
    section: Section | None = None

    @property
    def label(self):
        return State.LABELS[self.state]

    @property
    def colour(self):
        return State.COLOURS[self.state]

    @property
    def next_action(self):
        return State.NEXT_ACTIONS[self.state]

    @cached_property
    def time_left(self) -> str:
        return describe_time_left(self.deadline, self.now)

    @cached_property
    def rule_text(self) -> str:
        return describe_rule(self.requirement)

    @cached_property
    def action_url(self) -> str:
        """Where the unit acts on this row, if the portal takes this kind yet."""
        link = self.links
        if self.requirement.kind == MaterialKind.LIAISON_LIST:
            return link("submissions:liaisons")
        if self.state == State.WAITING_FOR_ACTIVITY:
            return link("submissions:activities")
        if self.requirement.kind == MaterialKind.STATISTICS:
            return link("submissions:statistics", self.requirement.pk)
        if self.requirement.kind == MaterialKind.BOOTH_APPLICATION:
            return link("exhibitors:home")
        if spec_for(self.requirement.kind) is None:
            return ""
        url = link("submissions:requirement", self.requirement.pk)
        if self.activity:
            return f"{url}?activity={self.activity.pk}"
        return f"{url}?section={self.section.pk}" if self.section else url

    @property
    def due_soon(self) -> bool:
        left = self.deadline.time_left(self.now)
        return left is not None and 0 <= left.total_seconds() <= 3 * 86400


@dataclass
class CallBlock:
    call: Call
    rows: list[RequirementRow]
    milestones: list[CallMilestone] = field(default_factory=list)


def unit_dashboard(
    unit: Unit, edition: Edition | None, *, now: datetime | None = None
) -> list[CallBlock]:
    """Every requirement the unit owes in ``edition`` and in calls of other organizers, its
    deadline, state and next step.

    A fixed number of queries whatever the number of calls, requirements and items: the
    configuration's version, then the unit's extensions, activities, items and (if a call asks
    for the list) liaisons. The calls and the calendar come from the cache.
    """
    config = Configuration.current()
    owed = [
        (published, requirements)
        for published in calls_for_unit(unit, edition, config)
        if (requirements := owed_by(unit, published))
    ]
    facts = _UnitFacts.read(
        unit,
        edition,
        [r for _published, requirements in owed for r in requirements],
        WorkingCalendar.cached(config),
        now or timezone.now(),
    )
    blocks = []
    for published, requirements in owed:
        block = CallBlock(published.call, [], published.milestones)
        blocks.append(block)
        for requirement in requirements:
            if requirement.per_activity and not facts.activities:
                if not requirement.follows_id:
                    block.rows.append(_waiting_for_activity(requirement, facts))
                continue
            if requirement.per_section:
                for section in facts.sections or [None]:
                    block.rows.append(_row(requirement, unit, None, facts, section))
                continue
            for activity in facts.targets(requirement):
                block.rows.append(_row(requirement, unit, activity, facts))
    return blocks


@dataclass
class _UnitFacts:
    """What the rows of one unit's dashboard are computed from, read in one query each."""

    extensions: dict[int, dict[int | None, DeadlineExtension]]
    activities: list[Activity]
    # (requirement, activity, section) -> statuses of the unit's items.
    statuses: dict[tuple[int, int | None, int | None], list[str]]
    liaison_count: int
    calendar: WorkingCalendar
    now: datetime
    # (followed requirement, activity) -> the end its live items state (a stream's end).
    followed_ends: dict[tuple[int, int | None], datetime] = field(default_factory=dict)
    # The sections the committee gave the unit in this edition (per-section materials).
    sections: list[Section] = field(default_factory=list)
    # requirement id -> rows the unit sent of a kind kept by another app (booth applications)
    tracked: dict[int, int] = field(default_factory=dict)
    links: Links = field(default_factory=Links)

    def targets(self, requirement: Requirement) -> list:
        """The rows of a requirement: one, or one per activity; a requirement owed after
        another (figures after a stream) only for the activities that have one."""
        targets = self.activities if requirement.per_activity else [None]
        if requirement.follows_id:
            return [
                a
                for a in targets
                if (requirement.follows_id, a.pk if a else None) in self.followed_ends
            ]
        return targets

    def ends_at(self, requirement: Requirement, activity: Activity | None):
        key = (requirement.follows_id, activity.pk if activity else None)
        return self.followed_ends.get(key) if requirement.follows_id else None

    @classmethod
    def read(cls, unit, edition, owed: list[Requirement], calendar, now) -> "_UnitFacts":
        statuses = defaultdict(list)
        for req_id, activity_id, section_id, status in Submission.objects.filter(
            unit=unit, requirement__in=[r.pk for r in owed]
        ).values_list("requirement_id", "activity_id", "section_id", "status"):
            statuses[(req_id, activity_id, section_id)].append(status)
        asks_for_liaisons = any(r.kind == MaterialKind.LIAISON_LIST for r in owed)
        extensions = defaultdict(dict)
        for extension in DeadlineExtension.objects.filter(unit=unit):
            extensions[extension.requirement_id][extension.activity_id] = extension
        activities = list(Activity.objects.filter(unit=unit, section__edition=edition))
        return cls(
            extensions=extensions,
            activities=activities,
            followed_ends=followed_ends(
                {r.follows_id for r in owed if r.follows_id}, [unit.pk], activities
            ).get(unit.pk, {}),
            sections=sections_of(unit, edition) if any(r.per_section for r in owed) else [],
            tracked={
                req_id: counts.get(unit.pk, 0)
                for req_id, counts in sent_counts(owed, [unit.pk]).items()
            },
            statuses=statuses,
            liaison_count=unit.liaisons.count() if asks_for_liaisons else 0,
            calendar=calendar,
            now=now,
        )


def followed_ends(requirement_ids: set[int], unit_ids: list[int], activities) -> dict:
    """unit -> {(requirement, activity): latest end} of the live items of ``requirement_ids``
    (the requirements others follow), an item without its own end taking its activity's.
    One query, for a dashboard or a page of the matrix."""
    if not requirement_ids:
        return {}
    activity_ends = {a.pk: a.ends_at for a in activities}
    ends: dict[int, dict] = defaultdict(dict)
    rows = (
        Submission.objects.filter(requirement_id__in=requirement_ids, unit_id__in=unit_ids)
        .exclude(status__in=NOT_LIVE)
        .values_list("unit_id", "requirement_id", "activity_id", "data")
    )
    for unit_id, requirement_id, activity_id, data in rows:
        end = item_end(data) or activity_ends.get(activity_id)
        key = (requirement_id, activity_id)
        known = ends[unit_id].get(key)
        if end is not None and (known is None or end > known):
            ends[unit_id][key] = end
    return ends


def _waiting_for_activity(requirement: Requirement, facts: _UnitFacts) -> RequirementRow:
    deadline = Deadline(due_at=None, waiting_for_anchor=True)
    state = State.WAITING_FOR_ACTIVITY
    return RequirementRow(requirement, deadline, state, 0, now=facts.now, links=facts.links)


def sections_of(unit: Unit, edition: Edition | None) -> list[Section]:
    """The sections the committee gave the unit in ``edition``, in the edition's order."""
    return list(unit.sections.filter(edition=edition).order_by("order"))


def statuses_for(statuses: dict, requirement, activity, section) -> list[str]:
    """The statuses of the unit's items for one row. A per-section row also counts the
    unit-level items sent before sections were asked (still valid)."""
    activity_id = activity.pk if activity else None
    own = statuses.get((requirement.pk, activity_id, section.pk if section else None), [])
    if section is not None:
        own = own + statuses.get((requirement.pk, activity_id, None), [])
    return own


def _row(requirement, unit, activity, facts: _UnitFacts, section=None) -> RequirementRow:
    deadline = deadline_for(
        requirement,
        unit,
        activity,
        calendar=facts.calendar,
        extension=extension_for(facts.extensions.get(requirement.id, {}), activity),
        ends_at=facts.ends_at(requirement, activity),
    )
    error = deadline.calendar_error
    own = statuses_for(facts.statuses, requirement, activity, section)
    count = (
        facts.liaison_count
        if requirement.kind == MaterialKind.LIAISON_LIST
        else facts.tracked.get(requirement.pk, 0)
    )
    state = state_of(
        own, count=count, min_count=requirement.min_count, past_due=deadline.is_past(facts.now)
    )
    return RequirementRow(
        requirement,
        deadline,
        state,
        count or len(own),
        activity,
        error,
        facts.now,
        facts.links,
        section=section,
    )
