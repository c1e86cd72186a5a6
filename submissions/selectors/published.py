"""The published calls of an edition with what they ask, cached until an organizer edits them.

Every page of a unit starts from them (which calls reach the unit, what each asks, by when).
They are read from the cache (``conference.configuration``) and rebuilt after any change to a
call, requirement, rule, milestone or section, or to the units and regions a call names. The
cache holds plain model instances and ids, never querysets: relations are joined up again
after each read, with the edition the caller read in the same request.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q

from conference import configuration
from conference.configuration import Configuration
from conference.models import Edition
from submissions.models import Call, CallMilestone, Requirement, RequirementRule


@dataclass
class PublishedCall:
    call: Call
    requirements: list[Requirement]  # each with its section
    milestones: list[CallMilestone]
    region_ids: frozenset[int]
    unit_ids: frozenset[int]  # 另行指定的单位


def published_calls(
    edition: Edition | None, config: Configuration | None = None
) -> list[PublishedCall]:
    """The calls of ``edition`` and those of other organizers (no edition), in their order."""
    config = config or Configuration.current()
    key = f"published-calls:{edition.pk if edition else 'none'}"
    calls = config.cached(key, lambda: _read(edition))
    for published in calls:
        call = published.call
        call.edition = edition if call.edition_id else None
        for requirement in published.requirements:
            requirement.call = call
    return calls


def _read(edition: Edition | None) -> list[PublishedCall]:
    editions = Q(edition__isnull=True) | (Q(edition=edition) if edition else Q(pk__in=[]))
    calls = list(
        Call.objects.filter(editions, is_published=True).order_by(
            F("edition_id").asc(nulls_last=True), "order", "pk"
        )
    )
    ids = [call.pk for call in calls]
    requirements = _by_call(
        Requirement.objects.filter(call__in=ids).select_related("section").order_by("order", "pk")
    )
    milestones = _by_call(CallMilestone.objects.filter(call__in=ids).order_by("on", "code"))
    regions = _linked(Call.regions.through.objects.filter(call__in=ids), "region_id")
    units = _linked(Call.units.through.objects.filter(call__in=ids), "unit_id")
    return [
        PublishedCall(
            call,
            requirements[call.pk],
            milestones[call.pk],
            frozenset(regions[call.pk]),
            frozenset(units[call.pk]),
        )
        for call in calls
    ]


def _by_call(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.call_id].append(row)
    return grouped


def _linked(links, column: str) -> dict[int, set[int]]:
    grouped = defaultdict(set)
    for call_id, other_id in links.values_list("call_id", column):
        grouped[call_id].add(other_id)
    return grouped


def watch_configuration() -> None:
    """Rebuild after any change to what ``_read`` reads. The rules are not cached yet, but
    they are part of what an organizer configures for a requirement: watched with it."""
    configuration.watch(
        [Call, Requirement, RequirementRule, CallMilestone],
        [Call.regions.through, Call.units.through],
    )
