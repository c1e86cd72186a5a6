"""The home page and a liaison's dashboard in a real browser, in Chinese and English, on a phone."""

import pytest

from tests.browser import shot
from tests.factories import LiaisonFactory, RequirementFactory, UserFactory, beijing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_chinese_then_english(page, live_server, ciep21):
    page.goto(live_server.url)
    assert "第二十一届中国国际人才交流大会" in page.locator("h1").inner_text()
    assert "2023-04-15 至 2023-04-16" in page.content()
    shot(page, "home-zh")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "21st China International Talent Exchange Conference" in page.locator("h1").inner_text()
    assert "Beijing time" in page.locator("footer").inner_text()
    shot(page, "home-en")


def test_a_liaison_logs_in_and_sees_their_dashboard(page, live_server, ciep21):
    user = UserFactory(username="gd_liaison", unit__name_zh="广东省科学技术厅")
    LiaisonFactory(unit=user.unit)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "gd_liaison")
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url("**/dashboard/")
    assert "广东省科学技术厅" in page.locator("h1").inner_text()
    assert "宣传联络员名单" in page.content()
    assert "北京时间 UTC+08:00" in page.content()
    shot(page, "dashboard-zh")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    # On a phone the menu folds away and nothing overflows the screen sideways.
    assert not page.locator("#mainnav").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "dashboard-phone")


def test_the_dashboard_in_english_states_time_left(page, live_server):
    user = UserFactory(username="en_liaison", preferred_language="en")
    RequirementFactory(
        title_zh="新闻稿件", title_en="Press release", deadline_at=beijing(2099, 3, 22, 12, 0)
    )
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("button", name="English").click()
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="Log in").last.click()
    page.wait_for_url("**/dashboard/")
    body = page.locator("main").inner_text()
    assert "Press release" in body
    assert "2099-03-22 12:00 (Beijing time, UTC+08:00)" in body
    assert "days" in body and "left" in body
    shot(page, "dashboard-en")


def test_the_viewing_figures_table_is_usable_on_a_desk_and_a_phone(page, live_server):
    """Issue 14.3: under "各渠道观看数据" the table sat in a scroll box 0 px wide."""
    from submissions.kinds import DeadlineAnchor, MaterialKind
    from submissions.models import Submission
    from tests.factories import ActivityFactory, EditionFactory

    edition = EditionFactory(is_current=True)
    user = UserFactory(username="figures_liaison")
    activity = ActivityFactory(
        unit=user.unit,
        section__edition=edition,
        starts_at=beijing(2099, 4, 15, 9),
        ends_at=beijing(2099, 4, 15, 12),
    )
    figures = RequirementFactory(
        call__edition=edition,
        kind=MaterialKind.LIVE_FIGURES,
        title_zh="直播观看数据",
        per_activity=True,
        deadline_at=None,
        deadline_anchor=DeadlineAnchor.ACTIVITY_START,
        deadline_working_days=-1,
    )
    from conference.models import CalendarYear

    CalendarYear.objects.create(year=2099)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "figures_liaison")
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url("**/dashboard/")
    url = f"{live_server.url}/requirements/{figures.pk}/?activity={activity.pk}"
    width = "document.querySelector('.rows-fieldset .table-responsive').clientWidth"
    for viewport in (1280, 390):
        page.set_viewport_size({"width": viewport, "height": 900})
        page.goto(url)
        assert page.evaluate(width) > viewport * 0.7
        assert page.get_by_role("textbox", name="平台/渠道").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport
        shot(page, f"figures-form-{viewport}")
    page.get_by_role("textbox", name="平台/渠道").first.fill("视频号")
    page.get_by_role("spinbutton", name="观看人次").first.fill("12000")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/items/*/")
    item = Submission.objects.get()
    assert (item.data["rows"][0]["platform"], item.data["rows"][0]["views"]) == ("视频号", 12000)
    for viewport in (1280, 390):
        page.set_viewport_size({"width": viewport, "height": 900})
        page.reload()
        assert page.evaluate(width) > viewport * 0.7
        assert page.get_by_role("textbox", name="平台/渠道").first.input_value() == "视频号"
        shot(page, f"figures-item-{viewport}")


def test_the_viewing_figures_table_is_as_wide_as_its_form(page, live_server, ciep21):
    """The table of channels sat in a scrolling box beside the fieldset's floated legend,
    which squeezed the box to 0 px: the table was there, and invisible."""
    user = UserFactory(username="figures_liaison")
    figures = ciep21.calls.get(code="publicity").requirements.get(code="live_figures")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url("**/dashboard/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/requirements/{figures.pk}/")
        box = page.locator(".rows-table").locator("xpath=..").bounding_box()
        form = page.locator("form.item-form").bounding_box()
        assert box["width"] > form["width"] * 0.8, (box, form)
        assert page.get_by_label("平台/渠道").first.bounding_box()["width"] > 40
        shot(page, f"viewing-figures-{width}")
