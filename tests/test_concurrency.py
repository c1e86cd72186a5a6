"""Races that the database must settle: two liaisons adding the unit's one interview guest.

Runs on PostgreSQL (CI); SQLite serialises every write, so there is no race to test there.
"""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import timezone

from submissions.models import Requirement, Submission
from submissions.services.items import ItemInput, create_item
from tests import media
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*actions):
    """Start the actions at the same instant in threads; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def runner(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_liaisons_adding_the_one_interview_guest_at_once(ciep21, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: runs on PostgreSQL in CI")
    moment = dt.datetime(2023, 3, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    first = UserFactory()
    second = UserFactory(unit=first.unit)
    guest = Requirement.objects.get(call__code="publicity", code="interview_guest")

    def add(user, name):
        return lambda: create_item(
            requirement=guest,
            unit=user.unit,
            activity=None,
            by=user,
            item=ItemInput(
                texts={
                    "name": name,
                    "position": "教授",
                    "organization": "某大学",
                    "biography": "简介",
                    "topics": "人才",
                    "contact": "13800000000",
                },
                uploads={"photo": [SimpleUploadedFile("p.jpg", media.jpeg(1200, 1600))]},
            ),
        )

    results = run_together(add(first, "甲"), add(second, "乙"))
    created = [r for r in results if isinstance(r, Submission)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(created) == 1 and len(refused) == 1, results
    assert "每个单位只能提交 1 份" in refused[0].messages[0]
    assert Submission.objects.filter(unit=first.unit).count() == 1
