"""Forms that never lose anything, in headless Chromium against the live server (issue 15):
upload rows that say at once what the form refuses and can be removed, files kept visibly by
a sent-back form, limits counted while typing and nothing cut."""

import datetime as dt
import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ORGANIZER
from conference.models import Hall, Zone
from submissions.kinds import SubmissionStatus
from submissions.models import Submission
from tests import media
from tests import test_browser_flows as flows
from tests.browser import shot
from tests.factories import UnitFactory, UserFactory
from uploads.models import UploadSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

open_calls, watched = flows.open_calls, flows.watched  # fixtures


def jpeg(name: str, width: int, height: int) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": media.jpeg(width, height)}


def psd(name: str, data: bytes | None = None) -> dict:
    return {"name": name, "mimeType": "image/vnd.adobe.photoshop", "buffer": data or media.psd()}


def eventually(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def activity_of(unit, edition):
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=60), flows.BEIJING)
    flows.known_calendar_through(starts.date())
    return unit.activities.create(
        name="人才政策宣讲会",
        section=edition.sections.get(code="exhibition"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=8),
    )


def row(page, name: str):
    return page.locator(".resumable-upload", has_text=name)


def test_upload_rows_refuse_at_once_can_be_removed_and_survive_a_sent_back_form(
    watched, live_server, open_calls
):
    page = watched
    liaison = UserFactory(username="gd_liaison", unit__name_zh="广东省科学技术厅")
    flows.log_in(page, live_server, "gd_liaison")
    page.wait_for_url("**/dashboard/")
    page.goto(
        live_server.url + reverse("submissions:requirement", args=[flows.publicity("poster").pk])
    )
    # Required file inputs are marked like required fields.
    assert page.locator("label[for=id_main] .asteriskField").is_visible()

    # Too narrow: refused in its row as soon as it has arrived, never shown as uploaded.
    page.set_input_files("input[name=main]", files=[jpeg("窄图.jpg", 999, 1400)])
    refused = row(page, "窄图.jpg").locator(".text-danger")
    refused.wait_for(timeout=30_000)
    assert "不予接收：" in refused.inner_text() and "999 像素" in refused.inner_text()
    assert page.locator("input[name=main_uploads]").count() == 0
    shot(page, "forms-01-refused-at-once")
    row(page, "窄图.jpg").get_by_role("button", name="移除 窄图.jpg").click()
    assert row(page, "窄图.jpg").count() == 0

    # A JPEG named .psd is refused by its content, at once, in its own row.
    page.set_input_files("input[name=source]", files=[psd("源文件.psd", media.jpeg(40, 30))])
    row(page, "源文件.psd").locator(".text-danger", has_text="JPEG").wait_for(timeout=30_000)
    row(page, "源文件.psd").get_by_role("button", name="移除 源文件.psd").click()

    page.set_input_files("input[name=main]", files=[jpeg("主视觉.jpg", 1200, 1600)])
    page.set_input_files("input[name=source]", files=[psd("主视觉.psd")])
    flows.wait_uploaded(page, 2)

    # A field error sends the form back: the files it keeps are listed, with remove buttons.
    page.fill("input[name=title]", "长" * 501)
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_load_state()
    page.locator(".invalid-feedback", has_text="501").wait_for()
    kept_source = row(page, "主视觉.psd")
    assert row(page, "主视觉.jpg").is_visible() and kept_source.is_visible()
    assert "已上传，提交时一并保存" in row(page, "主视觉.jpg").inner_text()
    shot(page, "forms-02-kept-after-error")
    source_id = kept_source.get_attribute("data-upload-id")
    kept_source.get_by_role("button", name="移除 主视觉.psd").click()
    assert kept_source.count() == 0
    assert page.locator("input[name=source_uploads]").count() == 0
    eventually(lambda: not UploadSession.objects.filter(pk=source_id).exists())

    # Chosen again, and the title shortened: the item is saved with both files.
    page.set_input_files("input[name=source]", files=[psd("新源文件.psd")])
    row(page, "新源文件.psd").locator(".text-success").wait_for(timeout=30_000)
    page.fill("input[name=title]", "主视觉")
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url("**/items/*/")
    item = Submission.objects.get(unit=liaison.unit)
    assert sorted(item.files.values_list("original_name", flat=True)) == [
        "主视觉.jpg",
        "新源文件.psd",
    ]


def test_limits_count_while_typing_and_pasted_text_is_not_cut(watched, live_server, open_calls):
    page = watched
    page.goto(live_server.url + reverse("accounts:register_exhibitor"))
    name = page.locator("input[name=org-name_zh]")
    name.click()
    typed = "深圳" * 150 + "科技有限公司😀"  # 307 characters
    page.keyboard.insert_text(typed)
    assert name.input_value() == typed  # nothing cut by the browser
    count = page.locator("#id_org-name_zh_count")
    assert count.inner_text() == "已输入 307 字，超过上限 200 字，请删减 107 字"
    assert "text-danger" in count.get_attribute("class")
    shot(page, "forms-03-too-long-counted")
    # The server refuses it with its count, and gives it back whole.
    page.get_by_role("button", name="注册", exact=True).last.click()
    page.wait_for_load_state()
    assert page.locator("input[name=org-name_zh]").input_value() == typed
    assert "目前字符数 307" in page.locator("main").inner_text()
    # The count speaks the page's language.
    page.locator(".lang-switch").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.locator("input[name=org-name_zh]").click()
    page.keyboard.insert_text(typed)
    assert page.locator("#id_org-name_zh_count").inner_text() == (
        "Characters: 307 of 200; remove 107"
    )


def test_the_live_stream_intro_counts_words_as_typed(watched, live_server, open_calls):
    page = watched
    liaison = UserFactory(username="sz_liaison", unit__name_zh="深圳市科学技术协会")
    activity = activity_of(liaison.unit, open_calls)
    flows.log_in(page, live_server, "sz_liaison")
    page.wait_for_url("**/dashboard/")
    live = reverse("submissions:requirement", args=[flows.publicity("live_stream").pk])
    page.goto(f"{live_server.url}{live}?activity={activity.pk}")
    intro = page.locator("textarea[name=intro]")
    intro.fill("大会直播 CIEP 2023")
    count = page.locator("#id_intro_count")
    assert count.inner_text() == "已输入 6 字，上限 100 字"  # 大 会 直 播 CIEP 2023
    intro.fill("直" * 101)
    assert count.inner_text() == "已输入 101 字，超过上限 100 字，请删减 1 字"


def test_an_expired_session_loses_neither_the_typed_text_nor_the_files(
    watched, live_server, open_calls
):
    page = watched
    liaison = UserFactory(username="bj_liaison", unit__name_zh="北京市科学技术委员会")
    flows.log_in(page, live_server, "bj_liaison")
    page.wait_for_url("**/dashboard/")
    guest = reverse("submissions:requirement", args=[flows.publicity("interview_guest").pk])
    page.goto(live_server.url + guest)
    page.fill("input[name=name]", "王五")
    page.fill("input[name=position]", "总工程师")
    page.fill("input[name=organization]", "北京市科学技术研究院")
    page.fill("textarea[name=biography]", "长期从事人才政策研究。")
    page.set_input_files("input[name=photo]", files=[jpeg("嘉宾.jpg", 1600, 1200)])
    flows.wait_uploaded(page, 1)
    # The session ends while the form is still open (it expired, or was ended elsewhere).
    Session.objects.all().delete()
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url("**/accounts/login/**")
    assert "您填写的内容已暂存" in page.locator("main").inner_text()
    page.fill("input[name=username]", "bj_liaison")
    page.fill("input[name=password]", flows.PASSWORD)
    page.get_by_role("button", name="登录", exact=True).last.click()
    page.wait_for_url(f"**{guest}")
    assert "已恢复登录失效前填写的内容" in page.locator("main").inner_text()
    assert page.locator("input[name=name]").input_value() == "王五"
    assert page.locator("textarea[name=biography]").input_value() == "长期从事人才政策研究。"
    assert row(page, "嘉宾.jpg").is_visible()
    shot(page, "forms-04-restored-after-login")
    page.fill("input[name=contact]", "13800138000")
    page.fill("textarea[name=topics]", "人才引进")
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url("**/items/*/")
    item = Submission.objects.get(unit=liaison.unit)
    assert item.data["name"] == "王五"
    assert list(item.files.values_list("original_name", flat=True)) == ["嘉宾.jpg"]


def test_the_activity_form_offers_only_the_zones_of_the_chosen_hall(
    watched, live_server, open_calls
):
    page = watched
    second = Hall.objects.create(edition=open_calls, number=99, name_zh="第二展馆")
    Zone.objects.create(hall=second, name_zh="第二展馆展区")
    UserFactory(username="sh_liaison", unit__name_zh="上海市科学技术委员会")
    flows.log_in(page, live_server, "sh_liaison")
    page.wait_for_url("**/dashboard/")
    page.goto(live_server.url + reverse("submissions:activities"))
    hall = open_calls.halls.filter(zones__isnull=False).first()
    others = Zone.objects.filter(hall__edition=open_calls).exclude(hall=hall)
    assert others.exists()
    page.select_option("select[name=hall]", str(hall.pk))
    shown = page.eval_on_selector_all(
        "select[name=zone] option",
        "options => options.filter(o => !o.hidden && o.value).map(o => o.value)",
    )
    assert sorted(shown) == sorted(str(z.pk) for z in hall.zones.all())


@pytest.mark.django_db
def test_exhibitor_file_inputs_announce_what_they_accept():
    from exhibitors.forms import AgreementUploadForm, PictureForm

    assert 'accept=".bmp,.jpg,.jpeg,.png,.tif,.tiff,.webp"' in str(PictureForm()["file"])
    assert 'accept=".jpg,.jpeg,.pdf,.png"' in str(AgreementUploadForm()["file"])


def test_the_admin_speaks_english_on_request_and_status_badges_stay_on_one_line(
    watched, live_server, open_calls
):
    page = watched
    UserFactory(unit=None, username="organizer", is_staff=True, is_superuser=True, role=ORGANIZER)
    requirement = flows.publicity("press_release")
    for status in SubmissionStatus:
        Submission.objects.create(
            unit=UnitFactory(name_zh=f"测试单位·{status.label}"),
            requirement=requirement,
            status=status,
            title=f"稿件 {status.label}",
            submitted_at=timezone.now(),
        )
    flows.log_in(page, live_server, "organizer", button="登录")
    page.goto(live_server.url + reverse("admin:submissions_submission_changelist"))
    badges = page.locator("#result_list .status")
    assert badges.count() == len(SubmissionStatus)
    for index in range(badges.count()):
        box = badges.nth(index).bounding_box()
        assert box["height"] < 24, (badges.nth(index).inner_text(), box)
    shot(page, "forms-05-admin-changelist-zh")
    page.locator(".admin-lang-switch").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#changelist-filter").get_by_text("By 审核人").count() == 0
    assert "Select" in page.locator("#content h1").inner_text()
    shot(page, "forms-06-admin-changelist-en")


def test_a_field_the_server_sends_back_shows_its_message(watched, live_server, open_calls):
    """A highlights box of spaces passes the browser and is refused by the server: the page
    came back looking as it was, the message hidden because the live counter took the field's
    invalid mark off. Now the message shows beside the field and at the top of the form."""
    page = watched
    UserFactory(username="hb_liaison", unit__name_zh="河北省科学技术厅")
    flows.log_in(page, live_server, "hb_liaison")
    page.wait_for_url("**/dashboard/")
    press = reverse("submissions:requirement", args=[flows.publicity("press_release").pk])
    page.goto(live_server.url + press)
    required = page.locator(".item-form textarea[required]").first
    name = required.get_attribute("name")
    required.fill("   ")
    page.locator(".item-form button[type=submit]").click()
    page.wait_for_load_state()
    message = page.locator(f"#id_{name}_error")
    assert message.is_visible() and "必填" in message.inner_text()
    assert "is-invalid" in page.locator(f"[name={name}]").get_attribute("class")
    summary = page.locator("#form-errors")
    assert summary.is_visible() and "请更正以下内容后再提交" in summary.inner_text()
    shot(page, "forms-07-sent-back-field-shows-its-message")
    # Typing in the field takes its mark off; the others keep theirs.
    page.locator(f"[name={name}]").fill("大会首次设立青年人才专场。")
    assert not message.is_visible()
