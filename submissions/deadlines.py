"""When a requirement is due for a unit, and whether something may still be sent.

Every deadline is a moment in Beijing time (Asia/Shanghai, UTC+08:00). A relative deadline
("5 working days before the activity") is due at the end of that working day, 23:59:59. An
extension granted to the unit replaces the computed moment. Enforcement compares with the
server's clock, never the browser's.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference.workdays import UnknownCalendarYear, WorkingCalendar
from submissions.kinds import DeadlineAnchor, SubmissionStatus
from submissions.models import Activity, DeadlineExtension, Requirement, Submission
from units.models import Unit

END_OF_DAY = time(23, 59, 59)
LOOK_UP = object()


def beijing_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=beijing_tz())


def format_beijing(moment: datetime) -> str:
    """'2023-03-22 12:00（北京时间 UTC+08:00）' — the form every page and e-mail uses."""
    local = timezone.localtime(moment, beijing_tz())
    return _("%(moment)s（北京时间 UTC+08:00）") % {"moment": local.strftime("%Y-%m-%d %H:%M")}


@dataclass(frozen=True)
class Deadline:
    due_at: datetime | None
    computed_due_at: datetime | None = None
    extended: bool = False
    provisional: bool = False
    # A relative deadline whose anchor (the activity, the stream's end) is not known yet.
    waiting_for_anchor: bool = False
    # Why the deadline cannot be computed: the holiday schedule of its year is not entered
    # ("2031 年的节假日安排尚未录入…"). Shown wherever the deadline would be.
    calendar_error: str = ""

    def is_past(self, now: datetime | None = None) -> bool:
        return self.due_at is not None and (now or timezone.now()) > self.due_at

    def time_left(self, now: datetime | None = None) -> timedelta | None:
        return None if self.due_at is None else self.due_at - (now or timezone.now())

    @property
    def display(self) -> str:
        if self.due_at:
            return format_beijing(self.due_at)
        return self.calendar_error


def anchor_date(
    requirement: Requirement, activity: Activity | None, ends_at: datetime | None = None
) -> date | None:
    """The day a relative deadline counts from. ``ends_at`` is the end of what the
    requirement follows (a live stream's own end), which replaces the activity's end."""
    anchor = requirement.deadline_anchor
    if anchor == DeadlineAnchor.EDITION_START:
        edition = requirement.call.edition
        return edition.starts_on if edition else None
    if anchor == DeadlineAnchor.STREAM_END and ends_at is not None:
        return timezone.localtime(ends_at, beijing_tz()).date()
    if activity is None:
        return None
    moment = activity.starts_at if anchor == DeadlineAnchor.ACTIVITY_START else activity.ends_at
    return timezone.localtime(moment, beijing_tz()).date()


def item_end(data: dict) -> datetime | None:
    """The end an item states (a live stream's "直播结束时间", stored as ISO 8601)."""
    value = (data or {}).get("ends_at")
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=beijing_tz())


def followed_end(requirement: Requirement, unit: Unit, activity: Activity | None):
    """For a requirement owed after another (figures after a stream): the latest end of the
    unit's live items of the followed one for ``activity`` — the activity's end for an item
    that states none — or None when there is no such item (nothing is owed)."""
    items = Submission.objects.filter(
        requirement_id=requirement.follows_id, unit=unit, activity=activity
    ).exclude(status__in=NOT_LIVE)
    ends = [item_end(data) for data in items.values_list("data", flat=True)]
    if not ends:
        return None
    fallback = activity.ends_at if activity is not None else None
    known = [e or fallback for e in ends if e or fallback]
    return max(known) if known else None


# Items that do not make a followed requirement owed: not sent, taken back, or refused.
NOT_LIVE = (SubmissionStatus.DRAFT, SubmissionStatus.WITHDRAWN, SubmissionStatus.REJECTED)


def computed_due_at(
    requirement: Requirement,
    activity: Activity | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    ends_at: datetime | None = None,
) -> tuple[datetime | None, bool]:
    """The deadline the call sets, and whether a provisional holiday calendar was used."""
    if requirement.deadline_at is not None:
        return requirement.deadline_at, False
    if not requirement.deadline_anchor:
        return None, False
    day = anchor_date(requirement, activity, ends_at)
    if day is None:
        return None, False
    calendar = calendar or WorkingCalendar.load()
    calendar.provisional_used = False
    due_day = calendar.shift(day, requirement.deadline_working_days)
    return end_of_day(due_day), calendar.provisional_used


def extension_for(extensions: dict, activity: Activity | None) -> DeadlineExtension | None:
    """The extension that covers ``activity``, from a unit's extensions of one requirement
    keyed by activity id (None for one that names no activity): the activity's own first."""
    if activity is not None and activity.pk in extensions:
        return extensions[activity.pk]
    return extensions.get(None)


def _look_up_extension(requirement, unit, activity) -> DeadlineExtension | None:
    rows = DeadlineExtension.objects.filter(requirement=requirement, unit=unit).filter(
        Q(activity__isnull=True) | Q(activity=activity) if activity else Q(activity__isnull=True)
    )
    return extension_for({e.activity_id: e for e in rows}, activity)


def deadline_for(
    requirement: Requirement,
    unit: Unit,
    activity: Activity | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    extension: DeadlineExtension | None | object = LOOK_UP,
    ends_at: datetime | None | object = LOOK_UP,
) -> Deadline:
    """The deadline of ``requirement`` for ``unit`` (and one of its activities, if relative).

    Lists pass the ``extension`` that covers the row (``extension_for``), or None, from what
    they prefetched, to avoid a query per row. An extension names its activity (or none, for
    all of them); it only ever moves a deadline later.
    """
    if extension is LOOK_UP:
        extension = _look_up_extension(requirement, unit, activity)
    if extension is not None and extension.activity_id not in (None, getattr(activity, "pk", None)):
        extension = None  # another activity's extension
    if ends_at is LOOK_UP:
        ends_at = None
        if requirement.follows_id and requirement.deadline_anchor == DeadlineAnchor.STREAM_END:
            ends_at = followed_end(requirement, unit, activity)
    try:
        due, provisional = computed_due_at(
            requirement, activity, calendar=calendar, ends_at=ends_at
        )
    except UnknownCalendarYear as exc:
        # Not a guess: no deadline, and the reason said wherever the deadline is shown. An
        # extension the committee granted is a date of its own and still holds.
        if extension is not None:
            return Deadline(due_at=extension.due_at, extended=True)
        return Deadline(due_at=None, calendar_error=exc.messages[0])
    waiting = requirement.is_relative and due is None
    if extension is not None and due is not None and extension.due_at > due:
        return Deadline(
            due_at=extension.due_at, computed_due_at=due, extended=True, provisional=provisional
        )
    return Deadline(
        due_at=due, computed_due_at=due, provisional=provisional, waiting_for_anchor=waiting
    )


class DeadlinePassed(ValidationError):
    def __init__(self, deadline: Deadline):
        super().__init__(
            _("提交截止时间为 %(deadline)s，现已截止，无法提交。如需延期，请联系组委会。"),
            code="deadline_passed",
            params={"deadline": deadline.display},
        )
        self.deadline = deadline


def ensure_open(
    requirement: Requirement,
    unit: Unit,
    activity: Activity | None = None,
    *,
    now: datetime | None = None,
) -> Deadline:
    """Raise ``DeadlinePassed`` when the unit's deadline for ``requirement`` is over."""
    deadline = deadline_for(requirement, unit, activity)
    if deadline.is_past(now):
        raise DeadlinePassed(deadline)
    return deadline


def describe_time_left(deadline: Deadline, now: datetime | None = None) -> str:
    """'还剩 3 天 4 小时', '还剩 45 分钟', '已截止 2 天' — what a person reads at a glance."""
    left = deadline.time_left(now)
    if left is None:
        return ""
    past = left.total_seconds() < 0
    left = abs(left)
    days, hours, minutes = left.days, left.seconds // 3600, (left.seconds % 3600) // 60
    if days:
        amount = ngettext("%(d)s 天", "%(d)s 天", days) % {"d": days}
        if hours:
            amount += " " + ngettext("%(h)s 小时", "%(h)s 小时", hours) % {"h": hours}
    elif hours:
        amount = ngettext("%(h)s 小时", "%(h)s 小时", hours) % {"h": hours}
        if minutes:
            amount += " " + ngettext("%(m)s 分钟", "%(m)s 分钟", minutes) % {"m": minutes}
    else:
        amount = ngettext("%(m)s 分钟", "%(m)s 分钟", minutes) % {"m": minutes}
    return (_("已截止 %(amount)s") if past else _("还剩 %(amount)s")) % {"amount": amount}


def describe_rule(requirement: Requirement) -> str:
    """The deadline as the notice words it, for requirements whose date is not known yet."""
    if requirement.deadline_at is not None:
        return format_beijing(requirement.deadline_at)
    if not requirement.deadline_anchor:
        return _("无截止时间")
    n = requirement.deadline_working_days
    anchor = DeadlineAnchor(requirement.deadline_anchor).label
    if n < 0:
        return ngettext(
            "%(anchor)s前 %(n)s 个工作日当天 24 时前",
            "%(anchor)s前 %(n)s 个工作日当天 24 时前",
            -n,
        ) % {"anchor": anchor, "n": -n}
    return ngettext(
        "%(anchor)s后 %(n)s 个工作日当天 24 时前",
        "%(anchor)s后 %(n)s 个工作日当天 24 时前",
        n,
    ) % {"anchor": anchor, "n": n}
