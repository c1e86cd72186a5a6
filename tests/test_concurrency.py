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
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from submissions.models import Requirement, Submission
from submissions.services.items import ItemInput, create_item
from tests import media
from tests.factories import ActivityFactory, UserFactory
from tests.test_uploads import tus_client, upload_whole

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


# --- The same form posted twice (a double click) --------------------------------------------

GUEST = {
    "name": "王教授",
    "position": "院士",
    "organization": "某大学",
    "biography": "简介",
    "topics": "人才",
    "contact": "13800000000",
}


@pytest.fixture
def guest_page(ciep21, monkeypatch):
    moment = dt.datetime(2023, 3, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    guest = Requirement.objects.get(call__code="publicity", code="interview_guest")
    return reverse("submissions:requirement", args=[guest.pk])


def browsers(user, count=2) -> list[Client]:
    """The same person's browser sending the form ``count`` times."""
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def test_the_same_upload_posted_twice_makes_one_item_and_says_why(guest_page):
    liaison = UserFactory()
    photo = upload_whole(tus_client(liaison), media.jpeg(1200, 1600), filename="嘉宾.jpg")
    first, second = browsers(liaison)
    data = {**GUEST, "photo_uploads": photo}
    assert first.post(guest_page, data).status_code == 302
    again = second.post(guest_page, data)
    assert again.status_code == 400
    assert "“采访嘉宾”每个单位只能提交 1 份" in again.content.decode()
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("sent_as", ["same-upload", "same-bytes"])
def test_a_double_click_racing_itself_makes_one_item_and_one_message(guest_page, sent_as):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: runs on PostgreSQL in CI")
    liaison = UserFactory()
    photo = upload_whole(tus_client(liaison), media.jpeg(1200, 1600), filename="嘉宾.jpg")
    picture = media.jpeg(1200, 1600)

    def post(browser):
        if sent_as == "same-upload":
            data = {**GUEST, "photo_uploads": photo}
        else:
            data = {**GUEST, "photo": SimpleUploadedFile("嘉宾.jpg", picture)}
        return lambda: browser.post(guest_page, data)

    results = run_together(*(post(b) for b in browsers(liaison)))
    statuses = sorted(getattr(r, "status_code", r) for r in results)
    assert statuses == [302, 400], results
    refused = next(r for r in results if r.status_code == 400).content.decode()
    assert "“采访嘉宾”每个单位只能提交 1 份" in refused
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("racing", [False, True])
def test_a_double_click_on_a_requirement_of_many_items_says_the_file_was_saved(guest_page, racing):
    """Where a unit may send many items (pictures), the second request of a double click must
    not read as a failure: it names the file and says it is saved already."""
    if racing and connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: runs on PostgreSQL in CI")
    liaison = UserFactory()
    requirement = Requirement.objects.get(
        call__code="publicity", call__edition__is_demo=False, code="photos"
    )
    assert requirement.max_count is None or requirement.max_count > 1
    activity = ActivityFactory(unit=liaison.unit, section=requirement.call.edition.sections.first())
    picture = upload_whole(tus_client(liaison), media.jpeg(1600, 1200), filename="现场.jpg")
    page = reverse("submissions:requirement", args=[requirement.pk]) + f"?activity={activity.pk}"
    data = {"caption": "开幕式", "photo_uploads": picture}
    first, second = browsers(liaison)
    if racing:
        results = run_together(lambda: first.post(page, data), lambda: second.post(page, data))
    else:
        results = [first.post(page, data), second.post(page, data)]
    assert sorted(r.status_code for r in results) == [302, 400], results
    refused = next(r for r in results if r.status_code == 400).content.decode()
    assert "文件“现场.jpg”已随上一次提交保存" in refused
    assert "已失效" not in refused
    assert Submission.objects.filter(unit=liaison.unit).count() == 1
