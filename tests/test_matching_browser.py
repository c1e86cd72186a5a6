"""The public boards in a real browser: on a phone and a desktop, in Chinese and English,
nothing overflows sideways and every form control has a label; a visitor answers an item."""

import pytest

from matching.kinds import ItemAction
from matching.services import review
from tests.browser import shot
from tests.factories import UnitFactory, UserFactory
from tests.matching_support import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNLABELLED = """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.name)"""


def test_a_visitor_reads_the_board_on_a_phone_and_answers_an_item(page, live_server, matching_call):
    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")
    item = make_item(matching_call, UnitFactory(name_zh="广东省科学技术厅"))
    review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    review.mark_key(item=item, by=organizer, key=True)

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for language in ("zh-hans", "en"):
            cookie = {"name": "django_language", "value": language, "url": live_server.url}
            page.context.add_cookies([cookie])
            for url in ("/matching/boards/projects/", f"/matching/items/{item.pk}/"):
                page.goto(live_server.url + url)
                assert page.locator("html").get_attribute("lang") == language
                assert not page.evaluate(
                    "document.documentElement.scrollWidth > window.innerWidth"
                ), (url, width, language)
                assert page.evaluate(UNLABELLED) == [], (url, width, language)
            shot(page, f"matching-item-{width}-{language}")

    page.goto(live_server.url + "/matching/boards/projects/")
    page.get_by_role("link", name=item.title_en).click()
    page.fill("input[name=name]", "Anna Müller")
    page.fill("input[name=organization]", "TU Berlin")
    page.select_option("select[name=country]", "DE")
    page.fill("input[name=email]", "anna@example.org")
    page.fill("textarea[name=message]", "We would like to cooperate.")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert "Your answer has been sent" in page.locator("h1").inner_text()
    assert item.answers.get().organization == "TU Berlin"
