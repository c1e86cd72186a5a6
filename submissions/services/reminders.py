"""Reminders (催报) to units that still owe material: by an organizer's action or by Celery
beat at the offsets each call sets. Never for what is submitted or extended; each one logged.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ciep_portal.mail import site_url
from submissions.deadlines import format_beijing
from submissions.models import Call
from submissions.models.review import ReminderLog
from submissions.selectors.matrix import Cell, matrix, units_owing
from submissions.services.notifications import render_editable, unit_recipients
from units.models import Unit

# A trigger missed by more than this (the portal was down, the call published late) is not
# sent any more: a "3 days before" reminder must not arrive after the deadline.
TRIGGER_WINDOW = timedelta(hours=12)
UNIT_BATCH = 500


@dataclass
class Reminder:
    unit: Unit
    cells: list[Cell]
    offset_hours: int | None = None


def owed_cells(call: Call, units, *, now: datetime) -> dict[Unit, list[Cell]]:
    """For each unit, the cells it still owes (missing or late, not extended)."""
    owed = {}
    _requirements, rows = matrix(call, units, now=now)
    for row in rows:
        cells = [c for c in row.cells if c is not None and c.owes and not c.extended]
        if cells:
            owed[row.unit] = cells
    return owed


def due_automatic(call: Call, *, now: datetime) -> list[Reminder]:
    offsets = list(call.reminder_rules.values_list("offset_hours", flat=True))
    if not offsets:
        return []
    reminders = []
    unit_ids = list(units_owing(call).values_list("pk", flat=True))
    for start in range(0, len(unit_ids), UNIT_BATCH):
        batch = Unit.objects.filter(pk__in=unit_ids[start : start + UNIT_BATCH])
        for unit, cells in owed_cells(call, batch, now=now).items():
            for offset in offsets:
                due = [c for c in cells if _triggered(c, offset, now)]
                if due:
                    reminders.append(Reminder(unit, due, offset))
    return reminders


def _triggered(cell: Cell, offset_hours: int, now: datetime) -> bool:
    if cell.deadline is None or cell.deadline.due_at is None:
        return False
    trigger = cell.deadline.due_at - timedelta(hours=offset_hours)
    return trigger <= now < trigger + TRIGGER_WINDOW


def send_automatic(*, now: datetime | None = None) -> int:
    """Beat's job: every reminder whose time has come, each at most once. Returns e-mails sent."""
    now = now or timezone.now()
    sent = 0
    for call in Call.objects.filter(is_published=True, reminder_rules__isnull=False).distinct():
        for reminder in due_automatic(call, now=now):
            sent += send(reminder=reminder, kind=ReminderLog.Kind.AUTOMATIC, by=None)
    return sent


def send_manual(*, call: Call, units, requirements=None, by, now=None) -> int:
    """An organizer's action: remind the selected units of what they still owe in ``call``."""
    owed = owed_cells(call, units, now=now or timezone.now())
    sent = 0
    for unit, cells in owed.items():
        if requirements is not None:
            cells = [c for c in cells if c.requirement in requirements]
        if cells:
            sent += send(reminder=Reminder(unit, cells), kind=ReminderLog.Kind.MANUAL, by=by)
    return sent


def send(*, reminder: Reminder, kind: str, by) -> int:
    """Log, then e-mail one unit about its cells. A log that exists already (two beat ticks at
    once) means the other tick sends it: nothing is sent twice."""
    recipients = unit_recipients(reminder.unit)
    if not recipients:
        return 0
    try:
        with transaction.atomic():
            for cell in reminder.cells:
                ReminderLog.objects.create(
                    unit=reminder.unit,
                    requirement=cell.requirement,
                    activity=cell.activity,
                    kind=kind,
                    offset_hours=reminder.offset_hours,
                    recipients=", ".join(a for group in recipients.values() for a in group),
                    sent_by=by,
                )
            transaction.on_commit(lambda: _email(reminder, recipients))
    except IntegrityError:
        return 0
    return 1


def _email(reminder: Reminder, recipients: dict[str, list[str]]) -> None:
    for language, addresses in recipients.items():
        subject, body = render_editable("reminder", language, reminder_values(reminder, language))
        EmailMultiAlternatives(subject=subject, body=body, to=addresses).send()


def reminder_values(reminder: Reminder, language: str) -> dict[str, str]:
    """The placeholders of the reminder template, as plain text in ``language``."""
    english = language.startswith("en")
    unit = reminder.unit
    due = sorted(c.deadline.due_at for c in reminder.cells if c.deadline and c.deadline.due_at)
    with translation.override(language):
        return {
            "unit": (unit.name_en or unit.name_zh) if english else unit.name_zh,
            "items": "\n".join(_item_line(c, english) for c in reminder.cells),
            "count": str(len(reminder.cells)),
            "deadline": format_beijing(due[0]) if due else "",
            "link": site_url(),
        }


def _item_line(cell: Cell, english: bool) -> str:
    requirement = cell.requirement
    values = {
        "title": (requirement.title_en or requirement.title_zh)
        if english
        else requirement.title_zh,
        "activity": cell.activity.name if cell.activity else "",
        "section": cell.section.name if cell.section else "",
        "deadline": cell.deadline.display if cell.deadline and cell.deadline.due_at else "",
    }
    if cell.activity:
        line = _("- %(title)s（活动：%(activity)s），截止时间 %(deadline)s") % values
    elif cell.section:
        line = _("- %(title)s（板块：%(section)s），截止时间 %(deadline)s") % values
    else:
        line = _("- %(title)s，截止时间 %(deadline)s") % values
    if cell.deadline and cell.deadline.is_past():
        line += _("（已过截止时间）")
    return line
