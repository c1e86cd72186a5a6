"""Publication schedule (发布排期): accepted items on channels, by day, with status per slot."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from accounts.roles import ORGANIZER
from publication import selectors, services
from publication.models import Channel, FeaturedContent, PublicationSlot
from submissions.kinds import SubmissionStatus
from submissions.models import Submission
from tests.factories import RequirementFactory, UnitFactory, UserFactory, beijing

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2023, 4, 10)


def accepted_item(title="深圳论坛新闻稿", status=SubmissionStatus.ACCEPTED) -> Submission:
    return Submission.objects.create(
        requirement=RequirementFactory(), unit=UnitFactory(), status=status, title=title
    )


def channel(code: str) -> Channel:
    return Channel.objects.get(code=code)


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


@pytest.fixture
def organizer():
    return UserFactory(
        unit=None, is_staff=True, is_superuser=True, role=ORGANIZER, first_name="王编辑"
    )


def plan(item, organizer, code="wechat", when=None, **kwargs) -> PublicationSlot:
    return services.schedule(
        submission=item,
        channel=channel(code),
        scheduled_at=when or beijing(2023, 4, 10, 10, 0),
        responsible=organizer,
        by=organizer,
        **kwargs,
    )


def test_the_nine_channels_of_the_notice_are_seeded_in_order():
    assert [c.name_zh for c in Channel.objects.all()] == [
        "大会官网",
        "微信公众号",
        "微博",
        "抖音",
        "视频号",
        "Facebook",
        "Twitter/X",
        "LinkedIn",
        "媒体推送",
    ]


def test_scheduling_records_who_planned_it_in_beijing_time(organizer):
    slot = plan(accepted_item(), organizer, note="配图用主视觉海报")

    stored = PublicationSlot.objects.get(pk=slot.pk)
    assert stored.status == PublicationSlot.Status.PLANNED
    assert stored.scheduled_at == dt.datetime(2023, 4, 10, 2, 0, tzinfo=dt.UTC)
    assert stored.created_by == organizer
    assert stored.history.get().history_user == organizer


@pytest.mark.parametrize(
    ("status", "shown"),
    [(SubmissionStatus.IN_REVIEW, "审核中"), (SubmissionStatus.REJECTED, "未采用")],
)
def test_only_accepted_items_can_be_scheduled(organizer, status, shown):
    item = accepted_item(title="未审完的推文", status=status)

    with pytest.raises(ValidationError) as excinfo:
        plan(item, organizer)

    assert messages_of(excinfo) == (
        f"只有已采用的材料才能排期发布；“未审完的推文”当前状态为“{shown}”。"
    )
    assert not PublicationSlot.objects.exists()


def test_a_second_planned_slot_on_the_same_channel_is_refused(organizer):
    item = accepted_item()
    first = plan(item, organizer, code="weibo")

    with pytest.raises(ValidationError) as excinfo:
        plan(item, organizer, code="weibo", when=beijing(2023, 4, 12, 9, 0))

    assert messages_of(excinfo) == (
        "“深圳论坛新闻稿”在“微博”已有计划中的排期（2023-04-10 10:00（北京时间 UTC+08:00）），"
        "请修改那一条，不要重复排期。"
    )
    # Another channel is fine, and so is the same channel once the first slot is cancelled.
    plan(item, organizer, code="douyin")
    services.cancel(slot=first, by=organizer, reason="改到下周")
    plan(item, organizer, code="weibo", when=beijing(2023, 4, 17, 9, 0))
    assert item.publication_slots.count() == 3


def test_the_responsible_person_must_be_staff(organizer):
    liaison = UserFactory(first_name="联络员甲")

    with pytest.raises(ValidationError) as excinfo:
        services.schedule(
            submission=accepted_item(),
            channel=channel("website"),
            scheduled_at=beijing(2023, 4, 10, 10, 0),
            responsible=liaison,
            by=organizer,
        )

    assert "负责人须为组委会工作人员" in messages_of(excinfo)


def test_publishing_needs_a_web_link(organizer):
    slot = plan(accepted_item(), organizer)

    for url, message in [
        ("  ", "标记为已发布时须填写发布链接。"),
        ("ftp://mp.weixin.qq.com/s/abc", "发布链接须为以 http:// 或 https:// 开头的完整网址。"),
        ("不是网址", "发布链接须为以 http:// 或 https:// 开头的完整网址。"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            services.mark_published(slot=slot, url=url, by=organizer)
        assert messages_of(excinfo) == message
    slot.refresh_from_db()
    assert slot.status == PublicationSlot.Status.PLANNED

    services.mark_published(slot=slot, url=" https://mp.weixin.qq.com/s/abc ", by=organizer)

    slot.refresh_from_db()
    assert slot.status == PublicationSlot.Status.PUBLISHED
    assert slot.published_url == "https://mp.weixin.qq.com/s/abc"
    assert slot.published_at is not None
    assert slot.history.latest().history_user == organizer


def test_cancelling_needs_a_reason_and_closes_the_slot(organizer):
    slot = plan(accepted_item(), organizer)

    with pytest.raises(ValidationError) as excinfo:
        services.cancel(slot=slot, by=organizer, reason=" ")
    assert messages_of(excinfo) == "取消排期时请填写原因。"

    services.cancel(slot=slot, by=organizer, reason="活动延期")

    slot.refresh_from_db()
    assert (slot.status, slot.cancel_reason) == (PublicationSlot.Status.CANCELLED, "活动延期")
    with pytest.raises(ValidationError) as excinfo:
        services.mark_published(slot=slot, url="https://weibo.com/1", by=organizer)
    assert messages_of(excinfo) == "已取消的排期不能标记为已发布；请重新排期。"


def test_featured_mark_on_accepted_items_only(organizer):
    item = accepted_item()

    featured = services.mark_featured(submission=item, by=organizer, note="推送央媒")
    services.mark_featured(submission=item, by=UserFactory(is_staff=True), note="推送省媒")

    featured.refresh_from_db()
    assert (featured.marked_by, featured.note) == (organizer, "推送省媒")
    assert plan(item, organizer).is_featured
    with pytest.raises(ValidationError) as excinfo:
        services.mark_featured(submission=accepted_item(status="in_review"), by=organizer)
    assert "只有已采用的材料" in messages_of(excinfo)

    assert services.unmark_featured(submission=item, by=organizer) is True
    assert not FeaturedContent.objects.exists()
    assert services.unmark_featured(submission=item, by=organizer) is False


def test_calendar_puts_slots_on_their_beijing_day_and_channel(organizer):
    late = plan(accepted_item("晚间推文"), organizer, "weibo", beijing(2023, 4, 10, 23, 30))
    early = plan(accepted_item("凌晨推文"), organizer, "weibo", beijing(2023, 4, 11, 0, 10))
    plan(accepted_item("下周推文"), organizer, "weibo", beijing(2023, 4, 17, 0, 0))

    days = selectors.calendar(MONDAY, 7)

    assert [d.date for d in days] == [MONDAY + dt.timedelta(days=n) for n in range(7)]
    assert [c.channel.code for c in days[0].cells][:3] == ["website", "wechat", "weibo"]
    cells = {(d.date, c.channel.code): c.slots for d in days for c in d.cells}
    assert cells[(MONDAY, "weibo")] == [late]
    assert cells[(dt.date(2023, 4, 11), "weibo")] == [early]
    assert sum(len(slots) for slots in cells.values()) == 2


@pytest.mark.parametrize("count", [3, 30])
def test_calendar_takes_two_queries_whatever_the_number_of_slots(
    organizer, count, django_assert_num_queries
):
    codes = list(Channel.objects.values_list("code", flat=True))
    for n in range(count):
        item = accepted_item(f"推文{n}")
        if n % 2:
            services.mark_featured(submission=item, by=organizer)
        plan(item, organizer, codes[n % len(codes)], beijing(2023, 4, 10 + n % 7, 8 + n % 12, 0))

    with django_assert_num_queries(2):
        days = selectors.calendar(MONDAY, 7)
        shown = [
            (str(s), s.submission.unit.name_zh, s.responsible.username, s.is_featured)
            for day in days
            for cell in day.cells
            for s in cell.slots
        ]
    assert len(shown) == count


def calendar_page(client, user, start="2023-04-12"):
    client.force_login(user)
    response = client.get(reverse("admin:publication_publicationslot_calendar"), {"start": start})
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def cell(page, day: str, code: str):
    (found,) = page.xpath(f'//td[@data-day="{day}"][@data-channel="{code}"]')
    return found


def test_admin_calendar_shows_a_week_of_slots_by_day_and_channel(client, organizer):
    item = accepted_item("开幕式新闻稿")
    services.mark_featured(submission=item, by=organizer)
    planned = plan(item, organizer, "wechat", beijing(2023, 4, 12, 20, 0))
    published = plan(accepted_item("招聘会短视频"), organizer, "douyin", beijing(2023, 4, 16, 9))
    services.mark_published(slot=published, url="https://www.douyin.com/video/1", by=organizer)

    page = calendar_page(client, organizer, start="2023-04-12")  # a Wednesday: its week shows

    title = page.xpath("//h1")[0].text_content()
    assert title == "发布排期日历（北京时间 UTC+08:00）"
    assert (
        page.xpath('//*[@class="calendar-range"]')[0].text_content() == "2023-04-10 至 2023-04-16"
    )
    assert page.xpath('//a[@rel="prev"]/@href') == ["?start=2023-04-03"]
    assert page.xpath('//a[@rel="next"]/@href') == ["?start=2023-04-17"]
    headers = [
        th.text_content().strip() for th in page.xpath('//table[@class="calendar-grid"]/thead//th')
    ]
    assert headers[:4] == ["日期", "大会官网", "微信公众号", "微博"]

    wednesday = cell(page, "2023-04-12", "wechat")
    text = " ".join(wednesday.text_content().split())
    assert "20:00 开幕式新闻稿" in text
    assert "计划中" in text and "★ 特别优质" in text and "王编辑" in text
    change_url = reverse("admin:publication_publicationslot_change", args=[planned.pk])
    assert change_url in wednesday.xpath(".//a/@href")

    sunday = cell(page, "2023-04-16", "douyin")
    assert "09:00 招聘会短视频" in " ".join(sunday.text_content().split())
    assert sunday.xpath('.//span[contains(@class, "slot-badge")]')[0].text == "已发布"
    assert "https://www.douyin.com/video/1" in sunday.xpath(".//a/@href")
    # Nothing else in the week's cells, and nothing outside the cells it belongs in.
    assert cell(page, "2023-04-12", "weibo").xpath('.//div[@class="calendar-slot"]') == []
    assert len(page.xpath('//div[contains(@class, "calendar-slot ")]')) == 2
    # Strict CSP: no inline style or script in what this page adds.
    main = page.xpath('//div[@id="content-main"]')[0]
    assert main.xpath(".//@style | .//style | .//script") == []


def test_slot_changelist_links_to_the_calendar(client, organizer):
    plan(accepted_item(), organizer)
    client.force_login(organizer)

    response = client.get(reverse("admin:publication_publicationslot_changelist"))

    page = html.fromstring(response.content.decode())
    link = page.xpath('//ul[@class="object-tools"]//a[contains(@href, "calendar")]')[0]
    assert link.text_content().strip() == "发布排期日历"
    assert "深圳论坛新闻稿" in page.xpath('//table[@id="result_list"]')[0].text_content()


def slot_form_data(item, organizer, **extra) -> dict:
    return {
        "submission": item.pk,
        "channel": channel("weibo").pk,
        "scheduled_at_0": "2023-04-10",
        "scheduled_at_1": "10:00",
        "responsible": organizer.pk,
        "note": "",
        **extra,
    }


def test_admin_add_form_goes_through_the_service(client, organizer):
    item = accepted_item()
    client.force_login(organizer)
    add_url = reverse("admin:publication_publicationslot_add")

    client.post(add_url, slot_form_data(item, organizer))
    slot = PublicationSlot.objects.get()
    assert (slot.created_by, slot.scheduled_at) == (organizer, beijing(2023, 4, 10, 10, 0))

    response = client.post(add_url, slot_form_data(item, organizer))
    assert response.status_code == 200
    assert "已有计划中的排期" in response.content.decode()
    pending = accepted_item(title="审核中的稿件", status=SubmissionStatus.IN_REVIEW)
    client.post(add_url, slot_form_data(pending, organizer, channel=channel("douyin").pk))
    assert PublicationSlot.objects.count() == 1


def test_admin_change_form_publishes_only_with_a_link(client, organizer):
    slot = plan(accepted_item(), organizer, "weibo")
    client.force_login(organizer)
    change_url = reverse("admin:publication_publicationslot_change", args=[slot.pk])
    data = slot_form_data(slot.submission, organizer, status="published", published_url="")

    response = client.post(change_url, data)

    assert "标记为已发布时须填写发布链接。" in response.content.decode()
    slot.refresh_from_db()
    assert slot.status == PublicationSlot.Status.PLANNED

    client.post(change_url, {**data, "published_url": "https://weibo.com/ciep/1"})

    slot.refresh_from_db()
    assert (slot.status, slot.published_url) == ("published", "https://weibo.com/ciep/1")
    assert slot.history.latest().history_user == organizer


def test_organizers_who_are_not_superusers_use_the_calendar_and_liaisons_do_not(client):
    staff = UserFactory(unit=None, is_staff=True, role=ORGANIZER)
    plan(accepted_item("论坛推文"), staff, "website", beijing(2023, 4, 13, 9, 0))

    page = calendar_page(client, staff, start="2023-04-13")
    assert "论坛推文" in cell(page, "2023-04-13", "website").text_content()

    client.force_login(UserFactory())
    response = client.get(reverse("admin:publication_publicationslot_calendar"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_empty_cell_links_to_a_prefilled_add_form(client, organizer):
    page = calendar_page(client, organizer, start="2023-04-10")
    (add_link,) = cell(page, "2023-04-14", "linkedin").xpath('.//a[@class="calendar-add"]/@href')

    response = client.get(add_link)

    form = html.fromstring(response.content.decode())
    assert form.xpath('//select[@name="channel"]/option[@selected]/text()') == ["LinkedIn"]
    assert form.xpath('//input[@name="scheduled_at_0"]/@value') == [
        "2023/04/14"
    ]  # zh-hans date format
    assert form.xpath('//input[@name="scheduled_at_1"]/@value') == ["09:00"]
    responsible = form.xpath('//select[@name="responsible"]/option[@selected]/@value')
    assert responsible == [str(organizer.pk)]


def test_change_pages_show_what_each_status_still_allows(client, organizer):
    planned = plan(accepted_item("甲"), organizer, "weibo")
    published = services.mark_published(
        slot=plan(accepted_item("乙"), organizer, "weibo"), url="https://weibo.com/2", by=organizer
    )
    cancelled = services.cancel(
        slot=plan(accepted_item("丙"), organizer), by=organizer, reason="撤"
    )
    client.force_login(organizer)

    def editable(slot):
        url = reverse("admin:publication_publicationslot_change", args=[slot.pk])
        page = html.fromstring(client.get(url).content.decode())
        names = page.xpath('//form[@id="publicationslot_form"]//*[@name]/@name')
        return {n for n in names if n in {"channel", "status", "published_url", "note"}}

    assert editable(planned) == {"channel", "status", "published_url", "note"}
    assert editable(published) == {"published_url", "note"}
    assert editable(cancelled) == {"note"}
    # A slot that went out (or was called off) is a record: it is not deleted.
    delete = "admin:publication_publicationslot_delete"
    assert client.get(reverse(delete, args=[published.pk])).status_code == 403
    assert client.get(reverse(delete, args=[planned.pk])).status_code == 200


def test_featured_marks_in_the_admin_go_through_the_services(client, organizer):
    item = accepted_item()
    client.force_login(organizer)

    client.post(
        reverse("admin:publication_featuredcontent_add"),
        {"submission": item.pk, "note": "推送新华社"},
    )
    featured = FeaturedContent.objects.get()
    assert (featured.submission, featured.marked_by, featured.note) == (
        item,
        organizer,
        "推送新华社",
    )

    client.post(
        reverse("admin:publication_featuredcontent_delete", args=[featured.pk]), {"post": "yes"}
    )
    assert not FeaturedContent.objects.exists()
    assert FeaturedContent.history.latest().history_user == organizer
