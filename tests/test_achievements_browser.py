"""The case form's live character count in a real browser: the same rule as the server's."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conference.models import Region
from inspection.documents import count_chars
from submissions.models import Requirement
from tests.browser import shot
from tests.factories import UserFactory
from units.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLES = [
    "中国国际人才交流大会",
    "CIEP 2023年在深圳举办。",
    "引进 overseas high-level talent 共 120 人，合作项目 35 个。",
    "“一带一路”倡议",
    "don’t stop",
    "第1届　第2届\n𠀀𠀁",  # a full-width space; two characters of extension B
]


@pytest.fixture
def frozen(monkeypatch):
    from django.utils import timezone

    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_count_shows_while_typing_and_warns_outside_the_range(
    page, live_server, ciep21, frozen
):
    UserFactory(
        username="nanshan",
        unit__kind=Unit.Kind.SHENZHEN_DISTRICT,
        unit__region=Region.objects.get(code="nanshan"),
    )
    case_study = Requirement.objects.get(
        call__code="cases_shenzhen", call__edition__is_demo=False, code="case_study"
    )
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "nanshan")
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url("**/dashboard/")
    url = reverse("submissions:requirement", args=[case_study.pk]) + "?category=talent"
    page.goto(live_server.url + url)

    counts = page.evaluate("(samples) => samples.map(window.ciepCountChars)", SAMPLES)
    assert counts == [count_chars(text) for text in SAMPLES]

    counter = page.locator("[data-charcount-output]")
    assert counter.is_visible()
    page.fill("textarea[name=answer_experience]", "张教授 2015 年回国。")  # 3 + 1 + 3 + 1
    page.fill("textarea[name=answer_contributions]", "创办 AI 企业")  # 2 + 1 + 2
    assert counter.get_attribute("data-count") == "13"
    assert counter.locator(".charcount-value").inner_text() == "13"
    assert counter.locator(".charcount-outside").is_visible()  # 13 is far below 800
    shot(page, "case-form-count")
    page.fill("textarea[name=answer_experience]", "人才" * 450)
    assert counter.get_attribute("data-count") == "905"
    assert not counter.locator(".charcount-outside").is_visible()
