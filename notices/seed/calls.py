"""Seed tables for calls (征集通知): what a call asks for, by when, and the limits it sets.

A seed writes each ``CallSpec`` as a ``Call`` with its ``Requirement`` and
``RequirementRule`` rows, keyed by their codes. Rows an organizer added in the admin are left
alone; values the seed holds are brought back to the seed's.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from conference.models import Edition, Region, Section
from notices.seed.rows import set_m2m, upsert
from submissions.kinds import Severity
from submissions.models import Call, CallMilestone, Requirement, RequirementRule

# Every time in the notices is Beijing time.
BEIJING = ZoneInfo("Asia/Shanghai")


def beijing(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    value: int
    value_max: int | None = None
    severity: str = Severity.FAIL
    # The file role the rule checks; empty means every file of the requirement.
    applies_to: str = ""


@dataclass(frozen=True)
class RequirementSpec:
    code: str
    kind: str
    title_zh: str
    title_en: str
    guidance_zh: str
    guidance_en: str
    min_count: int = 1
    max_count: int | None = None
    per_activity: bool = False
    per_section: bool = False  # asked for each section the unit runs (请结合板块具体情况)
    deadline_at: datetime | None = None
    deadline_anchor: str = ""
    deadline_working_days: int | None = None
    section: str | None = None  # a Section code of the same edition
    unit_kinds: tuple[str, ...] = ()
    rules: tuple[RuleSpec, ...] = ()
    # File type families of the main file ("word", "excel", "pdf", "image"); empty: the kind's.
    file_types: tuple[str, ...] = ()
    # The code of an earlier requirement of the call this one is owed after (figures after a
    # live stream).
    follows: str | None = None


@dataclass(frozen=True)
class MilestoneSpec:
    code: str
    on: date
    text_zh: str
    text_en: str = ""


@dataclass(frozen=True)
class CallSpec:
    code: str
    title_zh: str
    title_en: str
    notice_ref: str
    issued_on: date
    summary_zh: str
    summary_en: str
    audience: str
    order: int
    unit_kinds: tuple[str, ...] = ()
    requirements: tuple[RequirementSpec, ...] = ()
    # For a call of another organizer (no edition): who issued it, and where it applies.
    organizer_zh: str = ""
    organizer_en: str = ""
    regions: tuple[str, ...] = ()  # Region codes; empty: everywhere
    milestones: tuple[MilestoneSpec, ...] = ()
    # Downloads are named "<prefix>-<section>-<unit>-…"; the notice names publicity "宣传".
    file_prefix: str = "宣传"


def load_call(edition: Edition | None, spec: CallSpec) -> Call:
    """The call of ``edition`` (None: of no edition) that ``spec`` describes, with its rows."""
    call = upsert(
        Call,
        lookup={"edition": edition, "code": spec.code},
        values={
            "title_zh": spec.title_zh,
            "title_en": spec.title_en,
            "organizer_zh": spec.organizer_zh,
            "organizer_en": spec.organizer_en,
            "notice_ref": spec.notice_ref,
            "file_prefix": spec.file_prefix,
            "issued_on": spec.issued_on,
            "summary_zh": spec.summary_zh,
            "summary_en": spec.summary_en,
            "audience": spec.audience,
            "unit_kinds": list(spec.unit_kinds),
            "order": spec.order,
        },
    )
    if spec.regions:
        set_m2m(call.regions, [Region.objects.get(code=code) for code in spec.regions])
    for order, requirement in enumerate(spec.requirements, start=1):
        load_requirement(call, requirement, order=order * 10)
    for milestone in spec.milestones:
        upsert(
            CallMilestone,
            lookup={"call": call, "code": milestone.code},
            values={"on": milestone.on, "text_zh": milestone.text_zh, "text_en": milestone.text_en},
        )
    return call


def load_requirement(call: Call, spec: RequirementSpec, *, order: int) -> Requirement:
    section = Section.objects.get(edition=call.edition, code=spec.section) if spec.section else None
    requirement = upsert(
        Requirement,
        lookup={"call": call, "code": spec.code},
        values={
            "kind": spec.kind,
            "title_zh": spec.title_zh,
            "title_en": spec.title_en,
            "guidance_zh": spec.guidance_zh,
            "guidance_en": spec.guidance_en,
            "section": section,
            "unit_kinds": list(spec.unit_kinds),
            "min_count": spec.min_count,
            "max_count": spec.max_count,
            "per_activity": spec.per_activity,
            "per_section": spec.per_section,
            "deadline_at": spec.deadline_at,
            "deadline_anchor": spec.deadline_anchor,
            "deadline_working_days": spec.deadline_working_days,
            "file_types": list(spec.file_types),
            "follows": Requirement.objects.get(call=call, code=spec.follows)
            if spec.follows
            else None,
            "order": order,
        },
    )
    for rule in spec.rules:
        load_rule(requirement, rule)
    return requirement


def load_rule(requirement: Requirement, spec: RuleSpec) -> RequirementRule:
    return upsert(
        RequirementRule,
        lookup={"requirement": requirement, "code": spec.code, "applies_to": spec.applies_to},
        values={
            "value": Decimal(spec.value),
            "value_max": None if spec.value_max is None else Decimal(spec.value_max),
            "severity": spec.severity,
        },
    )
