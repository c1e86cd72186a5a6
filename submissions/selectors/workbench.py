"""The organizers' home in the admin: where each call stands, what is due, who is behind."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from conference.models import Edition
from conference.workdays import UnknownCalendarYear, WorkingCalendar
from submissions.deadlines import beijing_tz
from submissions.kinds import DeadlineAnchor, SubmissionStatus
from submissions.models import Activity, Call, MaterialFile, Requirement, Submission
from submissions.selectors.matrix import units_owing

BEHIND_SHOWN = 10
UPLOAD_DAYS = 14
CHART_HEIGHT = 60
BAR_STEP = 10


@dataclass
class CallSummary:
    call: Call
    by_status: list[tuple[str, int]]
    by_section: list[tuple[str, int]]
    due_soon: list[tuple[Requirement, int, int]]  # requirement, units sent, units owing
    behind: list[tuple[str, int, int]]  # unit name, requirements sent, requirements owed


@dataclass
class Dashboard:
    calls: list[CallSummary] = field(default_factory=list)
    uploads: list[tuple[str, int, int]] = field(default_factory=list)  # day, files, bytes
    # Years whose holiday schedule organizers must enter ("节假日年份") for deadlines to exist.
    missing_calendar_years: list[int] = field(default_factory=list)

    @property
    def upload_total(self) -> int:
        return sum(files for _day, files, _size in self.uploads)

    @property
    def chart_width(self) -> int:
        return BAR_STEP * len(self.uploads)

    @property
    def upload_bars(self) -> list[dict]:
        """Bars of a server-drawn SVG chart (no chart library, no CDN)."""
        top = max((files for _day, files, _size in self.uploads), default=0) or 1
        bars = []
        for index, (day, files, _size) in enumerate(self.uploads):
            height = round(CHART_HEIGHT * files / top)
            bars.append(
                {
                    "x": index * BAR_STEP + 1,
                    "y": CHART_HEIGHT - height,
                    "height": height,
                    "day": day,
                    "files": files,
                }
            )
        return bars


def organizer_dashboard(*, now=None) -> Dashboard:
    now = now or timezone.now()
    dashboard = Dashboard()
    for call in Call.objects.on_show():
        dashboard.calls.append(_summary(call, now))
    dashboard.uploads = _uploads(now)
    dashboard.missing_calendar_years = missing_calendar_years()
    return dashboard


def missing_calendar_years() -> list[int]:
    """The years a working-day deadline of a call on show falls in (or counts through) whose
    holiday schedule neither chinesecalendar nor the admin's "节假日年份" knows.

    Each distinct anchor date (activity starts and ends, opening days) is shifted by each
    distinct offset of the relative requirements: a handful of computations, not one per unit.
    """
    relative = Requirement.objects.filter(
        call__in=Call.objects.on_show(), deadline_working_days__isnull=False
    ).exclude(deadline_anchor="")
    offsets = defaultdict(set)
    editions = set()
    for anchor, days, edition_id in relative.values_list(
        "deadline_anchor", "deadline_working_days", "call__edition"
    ):
        offsets[anchor].add(days)
        editions.add(edition_id)
    anchors = defaultdict(set)
    for edition in Edition.objects.filter(pk__in=editions):
        anchors[DeadlineAnchor.EDITION_START].add(edition.starts_on)
    for starts, ends in Activity.objects.filter(section__edition__in=editions).values_list(
        "starts_at", "ends_at"
    ):
        anchors[DeadlineAnchor.ACTIVITY_START].add(timezone.localdate(starts, beijing_tz()))
        anchors[DeadlineAnchor.STREAM_END].add(timezone.localdate(ends, beijing_tz()))
    calendar = WorkingCalendar.load()
    missing = set()
    for anchor, days_set in offsets.items():
        for day in anchors[anchor]:
            for days in days_set:
                try:
                    calendar.shift(day, days)
                except UnknownCalendarYear as exc:
                    missing.add(exc.year)
    return sorted(missing)


def _summary(call: Call, now) -> CallSummary:
    items = Submission.objects.filter(requirement__call=call).exclude(
        status=SubmissionStatus.WITHDRAWN
    )
    labels = dict(SubmissionStatus.choices)
    by_status = [
        (labels[row["status"]], row["n"])
        for row in items.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    # An item's section: its own (per-section materials), its requirement's, its activity's.
    named = items.annotate(
        section_name=Coalesce(
            "section__name_zh", "requirement__section__name_zh", "activity__section__name_zh"
        )
    )
    by_section = [
        (row["section_name"] or "—", row["n"])
        for row in named.order_by().values("section_name").annotate(n=Count("pk"))
    ]
    owing = units_owing(call)
    owing_count = owing.count()
    soon = call.requirements.filter(deadline_at__gte=now, deadline_at__lte=now + timedelta(days=7))
    soon = soon.annotate(
        sent=Count("submissions__unit", distinct=True, filter=~Q(submissions__status="withdrawn"))
    )
    due_soon = [(r, r.sent, owing_count) for r in soon.order_by("deadline_at")]
    required = call.requirements.filter(min_count__gt=0).count()
    behind = (
        owing.annotate(
            sent=Count(
                "submissions__requirement",
                distinct=True,
                filter=Q(
                    submissions__requirement__call=call, submissions__requirement__min_count__gt=0
                )
                & ~Q(submissions__status="withdrawn"),
            )
        )
        .filter(sent__lt=required)
        .order_by("sent", "name_zh")
        .values_list("name_zh", "sent")[:BEHIND_SHOWN]
    )
    return CallSummary(call, by_status, by_section, due_soon, [(n, s, required) for n, s in behind])


def _uploads(now) -> list[tuple[str, int, int]]:
    """Files and bytes uploaded on each of the last days, days without uploads included."""
    today = timezone.localdate(now)
    days = [today - timedelta(days=n) for n in range(UPLOAD_DAYS - 1, -1, -1)]
    rows = (
        MaterialFile.objects.filter(uploaded_at__date__gte=days[0])
        .annotate(day=TruncDate("uploaded_at"))
        .values("day")
        .annotate(files=Count("pk"), size=Sum("size"))
    )
    counted = {row["day"]: (row["files"], row["size"] or 0) for row in rows}
    return [(day.strftime("%m-%d"), *counted.get(day, (0, 0))) for day in days]
