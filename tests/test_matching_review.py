"""The committee's review of matching items: the engine's semantics, 重点 and the English."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.kinds import ItemAction, ItemStatus
from matching.models import ItemEvent
from matching.services import review
from tests.factories import UnitFactory, UserFactory
from tests.matching_support import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(db):
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")


def test_accept_request_changes_and_reject_keep_a_history_the_unit_reads_by_email(
    matching_call, organizer, django_capture_on_commit_callbacks
):
    unit = UnitFactory()
    liaison = UserFactory(unit=unit)
    item = make_item(matching_call, unit, by=liaison)
    with pytest.raises(ValidationError, match="请写明意见"):
        review.review(item=item, action=ItemAction.REQUEST_CHANGES, by=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        review.review(
            item=item, action=ItemAction.REQUEST_CHANGES, by=organizer, message="请补充预算"
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.CHANGES_REQUESTED
    recipients = {a for m in mail.outbox for a in m.to}
    assert {liaison.email, "secret.contact@unit.example.cn"} <= recipients
    assert "请补充预算" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED and item.accepted_at is not None
    actions = list(item.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [ItemAction.SUBMIT, ItemAction.REQUEST_CHANGES, ItemAction.ACCEPT]


def test_an_item_without_english_cannot_be_posted_until_the_committee_writes_it(
    matching_call, organizer
):
    item = make_item(matching_call, UnitFactory(), title_en="", summary_en="")
    with pytest.raises(ValidationError, match="英文"):
        review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    review.edit_english(
        item=item, by=organizer, title_en="Fuel cells", summary_en="Joint development."
    )
    review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    item.refresh_from_db()
    assert (item.status, item.title_en) == (ItemStatus.ACCEPTED, "Fuel cells")
    assert ItemEvent.objects.filter(item=item, action=ItemAction.EDIT_ENGLISH).exists()


def test_key_items_through_the_admin_action(client, matching_call, organizer, ciep21):
    from conference.models import Hall

    item = make_item(matching_call, UnitFactory())
    review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    hall = Hall.objects.filter(edition__is_current=True).order_by("number").first()
    client.force_login(organizer)
    response = client.post(
        "/admin/matching/item/",
        {"action": "mark_key", "_selected_action": [item.pk], "apply": "1", "halls": [hall.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_key and list(item.halls.all()) == [hall]
    page = client.get(f"/admin/matching/item/{item.pk}/change/").content.decode()
    assert "标为重点" in page and hall.name_zh in page


def test_an_english_reader_meets_the_item_under_its_english_title(
    client, matching_call, organizer, django_capture_on_commit_callbacks
):
    """The unit's own list, the item's form and the review e-mail follow the reader's language:
    an English-speaking liaison read "氢燃料电池联合研发" on every English page before."""
    unit = UnitFactory()
    liaison = UserFactory(unit=unit, preferred_language="en", email="en.reader@unit.example.cn")
    item = make_item(matching_call, unit, by=liaison)
    client.force_login(liaison)
    client.cookies["django_language"] = "en"
    home = client.get(reverse("matching:unit_home")).content.decode()
    assert "Joint R&amp;D on hydrogen fuel cells" in home and "氢燃料电池联合研发" not in home
    form = client.get(reverse("matching:item_edit", args=[item.pk])).content.decode()
    title, heading = (
        form.split(f"<{tag}", 1)[1].split(f"</{tag}>", 1)[0] for tag in ("title", "h1")
    )
    assert "Joint R&amp;D" in title and "Joint R&amp;D" in heading
    # The Chinese title is still there to edit, in its own field.
    assert 'value="氢燃料电池联合研发"' in form
    with django_capture_on_commit_callbacks(execute=True):
        review.review(item=item, action=ItemAction.REQUEST_CHANGES, by=organizer, message="Budget?")
    english = next(m for m in mail.outbox if "en.reader@unit.example.cn" in m.to)
    assert "Joint R&D on hydrogen fuel cells" in english.subject + english.body
    assert "氢燃料电池联合研发" not in english.subject + english.body
