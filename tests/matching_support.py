"""Objects for the project-matching tests: a call with a round open now, the seeded fields,
and items built through the service units use."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.kinds import ItemKind
from matching.models import CollectionRound, MatchingCall, Sector
from matching.services.items import add_item
from notices.seed.matching import load_sectors


@pytest.fixture
def matching_call(db):
    load_sectors()
    call = MatchingCall.objects.create(
        code="matching-test",
        title_zh="供需信息征集",
        title_en="Supply and demand",
        committee_email="eo@example.cn",
        answers_per_hour=3,
    )
    now = timezone.now()
    CollectionRound.objects.create(
        call=call,
        name_zh="第一批",
        name_en="First round",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=10),
    )
    return call


def item_values(**overrides) -> dict:
    values = {
        "kind": ItemKind.PROJECT,
        "title_zh": "氢燃料电池联合研发",
        "title_en": "Joint R&D on hydrogen fuel cells",
        "summary_zh": "寻求海外团队合作研发燃料电池电堆。",
        "summary_en": "Seeking a team abroad to develop fuel-cell stacks together.",
        "sector": Sector.objects.get(name_zh="绿色低碳"),
        "offered": "实验场地",
        "sought": "研发团队",
        "terms": "联合研发",
        "contact_name": "王工",
        "contact_phone": "0755-12345678",
        "contact_email": "secret.contact@unit.example.cn",
    }
    return values | overrides


def make_item(call, unit, *, by=None, **overrides):
    return add_item(unit=unit, round=call.rounds.first(), by=by, values=item_values(**overrides))
