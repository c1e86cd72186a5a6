"""The organizers' home in the admin: where each call stands, what is due, who is behind."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from conference.models import Edition, Section
from conference.workdays import UnknownCalendarYear, WorkingCalendar
from submissions.deadlines import beijing_tz
from submissions.kinds import DeadlineAnchor, SubmissionStatus
from submissions.models import Activity, Call, MaterialFile, Requirement, Submission
from submissions.selectors.matrix import matrix, units_owing
from submissions.selectors.unit_dashboard import State
from submissions.tracked import TRACKED
from units.models import Unit

BEHIND_SHOWN = 10
UNIT_BATCH = 500
UPLOAD_DAYS = 14
CHART_HEIGHT = 60
BAR_STEP = 10


@dataclass
class CallSummary:
    call: Call
    by_status: list[tuple[str, int]]
    by_section: list[tuple[str, int]]
    due_soon: list["DueSoon"]
    behind: list[tuple[str, int, int]]  # unit name, requirements sent, requirements owed


@dataclass
class DueSoon:
    """A requirement due within 7 days for some units: the first of their deadlines, and how
    many of those units sent it."""

    requirement: Requirement
    due_at: object
    sent: int
    owing: int


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
    for requirement in call.requirements.all():
        if requirement.kind in TRACKED:
            by_status += TRACKED[requirement.kind].by_status(requirement)
    # An item's section: its own (per-section materials), its requirement's, its activity's.
    counted = (
        items.annotate(
            section_key=Coalesce("section_id", "requirement__section_id", "activity__section_id")
        )
        .order_by()
        .values("section_key")
        .annotate(n=Count("pk"))
    )
    counts = {row["section_key"]: row["n"] for row in counted}
    sections = Section.objects.in_bulk([pk for pk in counts if pk is not None])
    # Named in the reader's language (the English admin showed the Chinese names).
    by_section = [(sections[pk].name if pk in sections else "—", n) for pk, n in counts.items()]
    due_soon, behind = _from_the_matrix(call, now)
    return CallSummary(call, by_status, by_section, due_soon, behind)


# A cell in these states has something sent for it.
SENT = {State.CHECKING, State.NEEDS_ACTION, State.IN_REVIEW, State.ACCEPTED, State.SUBMITTED}


def _from_the_matrix(call: Call, now) -> tuple[list, list]:
    """What is due within 7 days and who is behind, read from the chasing matrix's cells, so
    that they agree with it: relative deadlines per unit and activity, the liaison list's rows
    and other apps' rows (booth applications) counted as sent."""
    unit_ids = list(units_owing(call).values_list("pk", flat=True))
    soon: dict[int, list] = defaultdict(list)  # requirement id -> [due, sent, owing, req]
    progress = []
    for start in range(0, len(unit_ids), UNIT_BATCH):
        batch = Unit.objects.filter(pk__in=unit_ids[start : start + UNIT_BATCH])
        _requirements, rows = matrix(call, batch, now=now)
        for row in rows:
            required = [c for c in row.cells if c is not None and c.requirement.min_count > 0]
            sent = sum(1 for c in required if c.state in SENT)
            if sent < len(required):
                progress.append((row.unit.name, sent, len(required)))
            for cell in row.cells:
                due = cell.deadline.due_at if cell and cell.deadline else None
                if due is None or not now <= due <= now + timedelta(days=7):
                    continue
                entry = soon.setdefault(cell.requirement.pk, [due, 0, 0, cell.requirement])
                entry[0] = min(entry[0], due)
                entry[1] += cell.state in SENT
                entry[2] += 1
    due_soon = [
        DueSoon(requirement, due, sent, owing)
        for due, sent, owing, requirement in sorted(soon.values(), key=lambda e: e[0])
    ]
    progress.sort(key=lambda p: (p[1] - p[2], p[1], p[0]))
    return due_soon, progress[:BEHIND_SHOWN]


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
