"""The requirement page of a busy unit stays small and fast (issue 18, item 13).

After a busy hour a unit had about 1,250 items under one requirement and the page listed them
all: 425 KB, 140 ms. It now lists the newest 50, with links to the other pages.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.kinds import MaterialKind, SubmissionStatus
from submissions.models import Submission
from tests.factories import RequirementFactory, UserFactory

pytestmark = pytest.mark.django_db
ITEMS = 1250


@pytest.fixture
def busy_unit_page(client):
    """A liaison whose unit sent 1,250 items ("照片 0001" the oldest) to one requirement."""
    requirement = RequirementFactory(kind=MaterialKind.PRESS_RELEASE, max_count=None)
    liaison = UserFactory()
    Submission.objects.bulk_create(
        Submission(
            requirement=requirement,
            unit=liaison.unit,
            title=f"照片 {number:04d}",
            status=SubmissionStatus.IN_REVIEW,
        )
        for number in range(1, ITEMS + 1)
    )
    client.force_login(liaison)
    return reverse("submissions:requirement", args=[requirement.pk])


def titles(response) -> list[str]:
    return re.findall(r"照片 \d{4}", response.content.decode())


def test_a_unit_with_1250_items_sees_the_newest_50_and_links_to_the_rest(
    client, busy_unit_page, settings
):
    first = client.get(busy_unit_page)
    page = first.content.decode()
    assert titles(first) == [f"照片 {n:04d}" for n in range(1250, 1200, -1)]
    assert "共 1250 份" in page and "第 1/25 页（第 1–50 份）" in page
    assert len(first.content) < 60_000, f"{len(first.content)} bytes"
    assert 'href="?page=2" rel="next"' in page

    last = client.get(busy_unit_page, {"page": 25})
    assert titles(last) == [f"照片 {n:04d}" for n in range(50, 0, -1)]
    assert 'href="?page=24" rel="prev"' in last.content.decode()
    # A page that does not exist, or is not a number, shows the nearest one.
    assert titles(client.get(busy_unit_page, {"page": 99})) == titles(last)
    assert titles(client.get(busy_unit_page, {"page": "abc"})) == titles(first)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(busy_unit_page).content.decode()
    assert "1250 in all" in english and "Page 1 of 25 (items 1–50)" in english


def test_the_page_makes_no_query_per_item(client, busy_unit_page):
    client.get(busy_unit_page)  # caches the configuration
    with CaptureQueriesContext(connection) as busy:
        client.get(busy_unit_page)
    Submission.objects.filter(pk__in=Submission.objects.order_by("pk")[50:]).delete()
    with CaptureQueriesContext(connection) as quiet:
        client.get(busy_unit_page)
    assert len(busy) == len(quiet)
