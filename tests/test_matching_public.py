"""The public boards (no account): filters, search, one page per item without the contact,
揭榜 with a rate limit; and confidential items on no public path."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from matching.kinds import ItemAction, ItemKind
from matching.models import Answer, Sector
from matching.services import review
from tests.factories import UnitFactory, UserFactory
from tests.matching_support import make_item

pytestmark = pytest.mark.django_db

CONTACT = "secret.contact@unit.example.cn"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organizer(db):
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")


def posted(call, unit, organizer, **values):
    item = make_item(call, unit, **values)
    review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    return item


def answer(client, item, **overrides):
    data = {
        "name": "Anna Müller",
        "organization": "TU Berlin",
        "country": "DE",
        "email": "anna@example.org",
        "message": "We would like to cooperate.",
    } | overrides
    return client.post(f"/matching/items/{item.pk}/", data, follow=True)


def test_the_boards_filter_search_and_page_without_an_account(client, matching_call, organizer):
    unit = UnitFactory(name_zh="广东省科学技术厅")
    hydrogen = posted(matching_call, unit, organizer)
    chips = posted(
        matching_call,
        unit,
        organizer,
        kind=ItemKind.TECHNOLOGY,
        title_zh="芯片封装工艺",
        title_en="Chip packaging",
        sector=Sector.objects.get(name_zh="新材料"),
    )
    talent = posted(matching_call, unit, organizer, kind=ItemKind.TALENT, title_zh="首席科学家")
    make_item(matching_call, unit, title_zh="审核中的条目")  # not accepted: not shown

    page = client.get("/matching/boards/projects/").content.decode()
    assert hydrogen.title_zh in page and chips.title_zh in page
    assert talent.title_zh not in page and "审核中的条目" not in page
    assert "共 2 条" in page
    page = client.get("/matching/boards/talent/").content.decode()
    assert talent.title_zh in page and hydrogen.title_zh not in page

    sector = Sector.objects.get(name_zh="新材料").pk
    page = client.get(f"/matching/boards/projects/?sector={sector}").content.decode()
    assert chips.title_zh in page and hydrogen.title_zh not in page
    page = client.get("/matching/boards/projects/?kind=technology").content.decode()
    assert chips.title_zh in page and hydrogen.title_zh not in page
    page = client.get("/matching/boards/projects/?q=fuel+cells").content.decode()
    assert hydrogen.title_zh in page and chips.title_zh not in page
    page = client.get("/matching/boards/projects/?q=不存在的词").content.decode()
    assert "没有符合条件的条目" in page

    page = client.get(f"/matching/items/{hydrogen.pk}/").content.decode()
    assert hydrogen.summary_zh in page and "广东省科学技术厅" in page
    assert CONTACT not in page and "王工" not in page and "0755-12345678" not in page
    english = client.get(
        f"/matching/items/{hydrogen.pk}/", headers={"accept-language": "en"}
    ).content.decode()
    assert "Joint R&amp;D on hydrogen fuel cells" in english and CONTACT not in english


def test_a_visitor_answers_and_the_committee_and_the_unit_are_told(
    client, matching_call, organizer, django_capture_on_commit_callbacks
):
    unit = UnitFactory()
    liaison = UserFactory(unit=unit)
    item = posted(matching_call, unit, organizer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, item)
    assert "揭榜留言已提交" in response.content.decode()
    stored = Answer.objects.get()
    assert (stored.item, stored.organization, stored.state) == (item, "TU Berlin", "new")
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"eo@example.cn", liaison.email, CONTACT}
    assert all("anna@example.org" in m.body for m in mail.outbox)
    client.force_login(liaison)
    page = client.get("/matching/unit/").content.decode()
    assert "Anna Müller" in page and "We would like to cooperate." in page


def test_an_answer_without_its_required_fields_is_refused_and_nothing_is_stored(
    client, matching_call, organizer
):
    item = posted(matching_call, UnitFactory(), organizer)
    response = answer(client, item, email="not-an-address", organization="")
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_answers_are_rate_limited_per_address(client, matching_call, organizer):
    item = posted(matching_call, UnitFactory(), organizer)
    for _n in range(matching_call.answers_per_hour):
        assert answer(client, item).status_code == 200
    response = answer(client, item)
    assert response.status_code == 429
    assert "每小时最多揭榜 3 次" in response.content.decode()
    assert Answer.objects.count() == 3


def test_a_confidential_item_is_on_no_public_path(client, matching_call, organizer):
    unit = UnitFactory()
    secret = posted(matching_call, unit, organizer, title_zh="保密雷达组件", confidential=True)
    review.mark_key(item=secret, by=organizer, key=True)
    open_item = posted(matching_call, unit, organizer)
    for url in (
        "/matching/boards/projects/",
        "/matching/boards/projects/?q=保密雷达",
        f"/matching/boards/projects/?sector={secret.sector_id}&kind=project",
    ):
        page = client.get(url).content.decode()
        assert "保密雷达组件" not in page, url
    assert open_item.title_zh in client.get("/matching/boards/projects/").content.decode()
    assert client.get(f"/matching/items/{secret.pk}/").status_code == 404
    assert client.get(f"/matching/items/{secret.pk}/answered/").status_code == 404
    assert answer(client, secret).status_code == 404
    assert not Answer.objects.exists()


def test_the_answer_form_names_countries_in_the_readers_language(client, matching_call, organizer):
    """A partner abroad read 阿富汗, 奥兰群岛, 阿尔巴尼亚… on the English answer form: the list was
    built once, in the language the server started in."""
    item = posted(matching_call, UnitFactory(), organizer)
    url = reverse("matching:item", args=[item.pk])
    client.cookies["django_language"] = "zh-hans"
    assert ">德国</option>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert ">Germany</option>" in english and ">德国</option>" not in english
