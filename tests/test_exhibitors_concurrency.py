"""Two organizers assigning the same booth at the same instant: exactly one wins, the other is
told the booth is taken, and neither sees an error page.

Runs on PostgreSQL (CI); SQLite serialises every write, so there is no race to test there.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from exhibitors.models import BoothAssignment
from exhibitors.seed import load_booths
from tests.test_concurrency import run_together
from tests.test_exhibitors import accepted, booth, freeze, make_exhibitor, make_organizer

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_organizers_assigning_one_booth_at_once(ciep21, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: runs on PostgreSQL in CI")
    freeze(monkeypatch, 2023, 3, 20, 10, 0)
    load_booths(ciep21)
    first_organizer, second_organizer = make_organizer(), make_organizer()
    wanted = booth("1B10")
    first = accepted(make_exhibitor(name_zh="甲公司"), first_organizer)
    second = accepted(make_exhibitor(name_zh="乙公司"), first_organizer)

    def assign(organizer, application):
        client = Client()
        client.force_login(organizer)
        url = reverse("admin:exhibitors_boothapplication_assign", args=[application.pk])
        return lambda: client.post(url, {"booth": wanted.pk})

    responses = run_together(assign(first_organizer, first), assign(second_organizer, second))

    assert sorted(r.status_code for r in responses) == [200, 302], responses
    winner = BoothAssignment.objects.get(booth=wanted).application
    loser = second if winner == first else first
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert f"展位 1B10 已分配给 {winner.unit.name_zh}，不能重复分配；请另选展位。" in refused
    assert not loser.assignments.exists()
    assert BoothAssignment.objects.filter(booth=wanted).count() == 1
