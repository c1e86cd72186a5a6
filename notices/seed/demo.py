"""A demo edition (演示届次) to try the portal with: the 21st CIEP moved forward in time.

``load_demo()`` copies the 21st edition's sections, exhibition layout and calls into an edition
marked ``is_demo`` and makes it current. Every date moves by the same whole number of weeks, so
weekdays stay as the notices have them, chosen so that the pre-event deadline (2023-03-22
12:00) falls 2–8 days after today and the rest are still open. The liaison list, due 6 days
21 hours earlier, is then already late unless the pre-event deadline is 7 or 8 days away.
Years the holiday library does not know yet get a provisional schedule.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from conference.models import Board, CalendarYear, Edition, Hall, Section, Zone
from notices.seed.achievements import copy_achievements
from notices.seed.calls import BEIJING
from notices.seed.ciep21 import NUMBER
from notices.seed.ciep21_calls import PRE_EVENT_DUE
from notices.seed.demo_accounts import DEMO_PASSWORD, DemoAccount, load_demo_accounts
from notices.seed.holidays import ensure_holiday_years
from notices.seed.matching import load_matching_demo
from notices.seed.rows import set_m2m, upsert
from submissions.models import Call, Requirement, RequirementRule

DEMO_NAME_ZH = "第二十一届中国国际人才交流大会（演示）"
DEMO_NAME_EN = "21st China International Talent Exchange Conference (CIEP) (demo)"
# Whole-week shifts leave a 7-day window: the pre-event deadline lands 2 to 8 days ahead.
MIN_DAYS_AHEAD = 2
# Working-day deadlines count from the demo activities, up to a few weeks past the conference
# (live figures across a long holiday): the holiday calendar must cover that margin too.
CALENDAR_MARGIN = timedelta(days=31)

EDITION_FIELDS = ("venue_zh", "venue_en", "hosts_zh", "organizers_zh")
SECTION_FIELDS = ("mode", "name_zh", "name_en", "order")
BOARD_FIELDS = (
    "name_en",
    "order",
    "has_government_area",
    "has_enterprise_area",
    "enterprise_limit",
)
CALL_FIELDS = (
    "title_zh",
    "title_en",
    "notice_ref",
    "summary_zh",
    "summary_en",
    "audience",
    "unit_kinds",
    "is_published",
    "order",
)
REQUIREMENT_FIELDS = (
    "kind",
    "title_zh",
    "title_en",
    "unit_kinds",
    "min_count",
    "max_count",
    "per_activity",
    "per_section",
    "deadline_anchor",
    "deadline_working_days",
    "guidance_zh",
    "guidance_en",
    "order",
)
RULE_FIELDS = ("value", "value_max", "severity")


class DemoSourceMissing(Exception):
    def __init__(self):
        super().__init__(
            "找不到第二十一届大会的配置，请先运行 load_ciep21。"
            " / The 21st edition is missing; run load_ciep21 first."
        )


@dataclass(frozen=True)
class DemoResult:
    edition: Edition
    shift: timedelta
    accounts: tuple[DemoAccount, ...]
    password: str
    provisional_years: tuple[int, ...]


def beijing_today() -> date:
    return timezone.localdate(timezone=BEIJING)


def demo_shift(today: date) -> timedelta:
    """The whole weeks that move the pre-event deadline to 2–8 days after ``today``."""
    days_needed = (today - PRE_EVENT_DUE.date()).days + MIN_DAYS_AHEAD
    return timedelta(weeks=-(-days_needed // 7))


@transaction.atomic
def load_demo(*, today: date | None = None) -> DemoResult:
    source = Edition.objects.filter(number=NUMBER, is_demo=False).first()
    if source is None:
        raise DemoSourceMissing
    shift = demo_shift(today or beijing_today())
    edition = copy_edition(source, shift)
    sections = copy_sections(source, edition)
    copy_halls(source, edition)
    copy_calls(source, edition, sections, shift)
    years = calendar_years(edition)
    ensure_holiday_years(years)
    accounts = load_demo_accounts(edition)
    load_matching_demo(edition)
    provisional = CalendarYear.objects.filter(year__in=years, provisional=True)
    return DemoResult(
        edition=edition,
        shift=shift,
        accounts=accounts,
        password=DEMO_PASSWORD,
        provisional_years=tuple(provisional.values_list("year", flat=True)),
    )


def fields(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def shift_moment(moment: datetime | None, shift: timedelta) -> datetime | None:
    # Added to the Beijing wall-clock time, so 12:00 stays 12:00.
    return None if moment is None else timezone.localtime(moment, BEIJING) + shift


def shift_day(day: date | None, shift: timedelta) -> date | None:
    return None if day is None else day + shift


def copy_edition(source: Edition, shift: timedelta) -> Edition:
    # Cleared first: the database allows one current edition at a time.
    Edition.objects.filter(is_current=True).exclude(number=NUMBER, is_demo=True).update(
        is_current=False
    )
    dates = ("starts_on", "ends_on", "setup_starts_on", "setup_ends_on")
    return upsert(
        Edition,
        lookup={"number": NUMBER, "is_demo": True},
        values={
            **fields(source, EDITION_FIELDS),
            **{name: shift_day(getattr(source, name), shift) for name in dates},
            "name_zh": DEMO_NAME_ZH,
            "name_en": DEMO_NAME_EN,
            "is_current": True,
        },
    )


def copy_sections(source: Edition, edition: Edition) -> dict[str, Section]:
    return {
        section.code: upsert(
            Section,
            lookup={"edition": edition, "code": section.code},
            values=fields(section, SECTION_FIELDS),
        )
        for section in source.sections.all()
    }


def copy_halls(source: Edition, edition: Edition) -> None:
    for hall in source.halls.all():
        copy = upsert(
            Hall,
            lookup={"edition": edition, "number": hall.number},
            values=fields(hall, ("name_zh", "name_en")),
        )
        for zone in hall.zones.all():
            copy_zone(zone, copy)


def copy_zone(zone: Zone, hall: Hall) -> None:
    copy = upsert(
        Zone,
        lookup={"hall": hall, "name_zh": zone.name_zh},
        values=fields(zone, ("name_en", "order")),
    )
    for board in zone.boards.all():
        board_copy = upsert(
            Board,
            lookup={"zone": copy, "name_zh": board.name_zh},
            values=fields(board, BOARD_FIELDS),
        )
        set_m2m(board_copy.regions, board.regions.all())


def copy_calls(source: Edition, edition: Edition, sections: dict, shift: timedelta) -> None:
    for call in source.calls.all():
        copy = upsert(
            Call,
            lookup={"edition": edition, "code": call.code},
            values={**fields(call, CALL_FIELDS), "issued_on": shift_day(call.issued_on, shift)},
        )
        set_m2m(copy.units, call.units.all())
        for requirement in call.requirements.all():
            copy_requirement(requirement, copy, sections, shift)


def copy_requirement(requirement: Requirement, call: Call, sections: dict, shift) -> None:
    section = sections[requirement.section.code] if requirement.section_id else None
    copy = upsert(
        Requirement,
        lookup={"call": call, "code": requirement.code},
        values={
            **fields(requirement, REQUIREMENT_FIELDS),
            "section": section,
            "deadline_at": shift_moment(requirement.deadline_at, shift),
            "template_file": requirement.template_file.name or "",
            # Requirements are copied in order: the one followed is there already.
            "follows": Requirement.objects.get(call=call, code=requirement.follows.code)
            if requirement.follows_id
            else None,
        },
    )
    for rule in requirement.rules.all():
        upsert(
            RequirementRule,
            lookup={"requirement": copy, "code": rule.code, "applies_to": rule.applies_to},
            values=fields(rule, RULE_FIELDS),
        )
    copy_achievements(requirement, copy)


def calendar_years(edition: Edition) -> list[int]:
    """The years the demo's dates, and the working days counted from them, fall in."""
    days = [edition.setup_starts_on or edition.starts_on, edition.ends_on + CALENDAR_MARGIN]
    days += [
        timezone.localtime(moment, BEIJING).date()
        for moment in Requirement.objects.filter(
            call__edition=edition, deadline_at__isnull=False
        ).values_list("deadline_at", flat=True)
    ]
    issued = Call.objects.filter(edition=edition, issued_on__isnull=False)
    days += issued.values_list("issued_on", flat=True)
    return list(range(min(days).year, max(days).year + 1))
