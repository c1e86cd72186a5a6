"""Reads for the publication calendar (发布排期日历): days × channels, in Beijing time."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from publication.models import Channel, PublicationSlot
from submissions.deadlines import beijing_tz


@dataclass(frozen=True)
class CalendarCell:
    channel: Channel
    slots: list[PublicationSlot]


@dataclass(frozen=True)
class CalendarDay:
    date: date
    cells: list[CalendarCell]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def today_in_beijing() -> date:
    return timezone.localtime(timezone.now(), beijing_tz()).date()


def slots_between(start: date, days: int):
    """Slots from the start of ``start`` to the end of the last day, Beijing time, with
    everything the calendar and the change list show selected in the same query."""
    tz = beijing_tz()
    begin = datetime.combine(start, time.min, tzinfo=tz)
    end = datetime.combine(start + timedelta(days=days), time.min, tzinfo=tz)
    return (
        PublicationSlot.objects.filter(scheduled_at__gte=begin, scheduled_at__lt=end)
        .select_related(
            "channel",
            "responsible",
            "submission__unit",
            "submission__requirement",
            "submission__featured",
        )
        .order_by("scheduled_at", "pk")
    )


def _channels_shown(slots: list[PublicationSlot]) -> list[Channel]:
    # Active channels, plus any since switched off that still have slots in the range.
    shown = {c.pk: c for c in Channel.objects.filter(is_active=True)}
    shown.update({s.channel_id: s.channel for s in slots if s.channel_id not in shown})
    return sorted(shown.values(), key=lambda c: (c.order, c.pk))


def calendar(start: date, days: int, channels=None) -> list[CalendarDay]:
    """``days`` days from ``start``, each with one cell per channel listing its slots by time.

    Two queries whatever the number of slots (one when ``channels`` is given as a list)."""
    slots = slots_between(start, days)
    if channels is None:
        slots = list(slots)
        channels = _channels_shown(slots)
    else:
        channels = list(channels)
        slots = list(slots.filter(channel__in=channels))
    tz = beijing_tz()
    by_cell = defaultdict(list)
    for slot in slots:
        by_cell[(timezone.localtime(slot.scheduled_at, tz).date(), slot.channel_id)].append(slot)
    return [
        CalendarDay(
            date=day,
            cells=[CalendarCell(channel=c, slots=by_cell[(day, c.pk)]) for c in channels],
        )
        for day in (start + timedelta(days=n) for n in range(days))
    ]
