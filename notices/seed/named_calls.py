"""Calls that ``manage.py load_call NAME`` writes, one at a time, from their notices.

Each is rows only (a ``CallSpec``): the same organizations run calls of these shapes every
year, and the next one is a new spec here or a few rows in the admin, not new code.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from notices.seed.calls import load_call
from notices.seed.ciep21 import load_edition, load_sections
from notices.seed.ciep21_calls import FORUM_PLANS
from notices.seed.gaoxinqu import GAOXINQU_10_YEARS
from notices.seed.kepuri2023 import KEPURI_2023_XINJIANG
from notices.seed.regions import load_regions
from submissions.models import Call


@dataclass(frozen=True)
class NamedCall:
    description: str
    load: Callable[[], Call]


def _kepuri() -> Call:
    load_regions()  # the call is addressed to Xinjiang
    return load_call(None, KEPURI_2023_XINJIANG)


def _gaoxinqu() -> Call:
    return load_call(None, GAOXINQU_10_YEARS)


def _ciep21_forum_plans() -> Call:
    # The forum plans belong to the 21st CIEP and its 论坛会议 section: both are written too
    # (current only if no other edition is).
    edition = load_edition(make_current=False)
    load_sections(edition)
    return load_call(edition, FORUM_PLANS)


NAMED_CALLS: dict[str, NamedCall] = {
    "kepuri-2023-xinjiang": NamedCall("2023 全国科普日（新疆科协，通知 002）", _kepuri),
    "gaoxinqu-10-years": NamedCall("国家高新区十年成就巡礼（火炬中心，通知 004）", _gaoxinqu),
    "ciep21-forum-plans": NamedCall(
        "第二十一届大会论坛会议方案（通知 001 附件1）", _ciep21_forum_plans
    ),
}


@transaction.atomic
def load_named_call(name: str) -> Call:
    return NAMED_CALLS[name].load()
