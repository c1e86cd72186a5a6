"""The committee's side of the exhibition in the admin: decisions, messages, the booth
inventory, admissions to regional boards, filters and the Excel exports."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import REVIEWER
from conference.models import Region
from exhibitors import services
from exhibitors.kinds import ApplicationStatus
from exhibitors.models import Booth, ExhibitionSettings
from exhibitors.seed import load_booths
from tests.factories import UserFactory
from tests.test_exhibitors import (
    JJJ,
    accepted,
    board,
    booth,
    draft,
    make_exhibitor,
    make_organizer,
    open_for_applications,
    page,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def edition(ciep21, monkeypatch):
    return open_for_applications(ciep21, monkeypatch)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_rejecting_needs_a_reason_which_is_sent(client, edition, committed):
    organizer = make_organizer()
    user = make_exhibitor()
    application = draft(user)
    services.submit_application(application=application, by=user)
    client.force_login(organizer)
    changelist = reverse("admin:exhibitors_boothapplication_changelist")
    action = {"action": "reject_selected", "_selected_action": [application.pk], "apply": "1"}
    response = client.post(changelist, {**action, "message": ""})
    assert "请填写不予通过的原因，它将发送给参展单位。" in page(response)
    with committed():
        client.post(changelist, {**action, "message": "展区已满。"})
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert "展区已满。" in mail.outbox[-1].body


def test_the_admin_list_filters_by_hall_board_status_region_and_payment(client, edition):
    organizer = make_organizer()
    accepted(make_exhibitor(name_zh="广东甲公司"), organizer)
    draft(make_exhibitor(name_zh="北京乙公司", region="beijing"), board(JJJ))
    client.force_login(organizer)
    url = reverse("admin:exhibitors_boothapplication_changelist")
    listing = page(client.get(url, {"board__id__exact": board(JJJ).pk}))
    assert "北京乙公司" in listing and "广东甲公司" not in listing
    listing = page(client.get(url, {"status__exact": "accepted"}))
    assert "广东甲公司" in listing and "北京乙公司" not in listing
    beijing = Region.objects.get(code="beijing")
    listing = page(client.get(url, {"unit__region__id__exact": beijing.pk, "paid": "no"}))
    assert "北京乙公司" in listing and "广东甲公司" not in listing


def test_excel_exports_neutralise_formulas(client, edition):
    organizer = make_organizer()
    application = accepted(
        make_exhibitor(name_zh='=HYPERLINK("http://x","点我")', name_en="@SUM(1)"), organizer
    )
    services.assign_booth(application=application, booth=booth("1B08"), by=organizer)
    client.force_login(organizer)
    response = client.post(
        reverse("admin:exhibitors_boothapplication_changelist"),
        {"action": "export_list", "_selected_action": [application.pk]},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x","点我")'
    assert sheet["B2"].value == "'@SUM(1)"
    assert sheet["P2"].value == "1B08"

    response = client.post(
        reverse("admin:exhibitors_booth_changelist"),
        {
            "action": "export_booth_plan",
            "_selected_action": list(Booth.objects.values_list("pk", flat=True)),
        },
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 1 and workbook.sheetnames[0].startswith("1 ")
    rows = {row[0]: row for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    assert rows["1B08"][5] == '\'=HYPERLINK("http://x","点我")'
    assert rows["1B09"][6] == "空闲"


def test_load_booths_is_idempotent_and_keeps_organizer_edits(edition):
    first = Booth.objects.count()
    assert first > 0
    Booth.objects.filter(number="1A01").update(fee=Decimal("1"))
    again = load_booths(edition)
    assert again.booths_created == 0 and not again.settings_created
    assert Booth.objects.count() == first
    assert booth("1A01").fee == Decimal("1")
    settings = ExhibitionSettings.objects.get(edition=edition)
    assert settings.is_example and settings.standard_booth_m2 == Decimal("9")


def test_the_committee_works_from_the_applications_page(client, edition, committed):
    organizer = make_organizer()
    user = make_exhibitor(name_zh="广东甲公司")
    application = draft(user)
    services.submit_application(application=application, by=user)
    client.force_login(organizer)
    change = reverse("admin:exhibitors_boothapplication_change", args=[application.pk])
    admin_page = page(client.get(change))
    assert "申请已提交，请等待组委会审核。" in admin_page
    decide = reverse("admin:exhibitors_boothapplication_decide", args=[application.pk])
    assert decide in admin_page

    form = page(client.get(decide))
    assert 'value="accept"' in form and 'value="request_changes"' in form
    with committed():
        response = client.post(decide, {"decision": "request_changes", "message": "请补充图片。"})
    assert response.url == change
    message = reverse("admin:exhibitors_boothapplication_message", args=[application.pk])
    with committed():
        client.post(message, {"message": "图片请用原图。"})

    client.force_login(user)
    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert "请补充图片。" in detail and "图片请用原图。" in detail
    client.post(
        reverse("exhibitors:message", args=[application.pk]), {"body": "已收到，今天补充。"}
    )
    assert application.messages.last().body == "已收到，今天补充。"
    assert not application.messages.last().from_organizer
    assert [m.subject for m in mail.outbox] == [
        "参展申请状态更新：需修改",
        "组委会关于参展申请的消息",
    ]


def test_the_booth_inventory_shows_who_holds_each_booth(client, edition):
    organizer = make_organizer()
    application = accepted(make_exhibitor(name_zh="广东甲公司"), organizer)
    services.assign_booth(application=application, booth=booth("1B11"), by=organizer)
    client.force_login(organizer)
    listing = page(client.get(reverse("admin:exhibitors_booth_changelist"), {"assigned": "yes"}))
    assert "1B11" in listing and "广东甲公司" in listing and "1B12" not in listing


def test_organizers_admit_a_unit_to_a_regional_board_in_the_admin(client, edition):
    organizer = make_organizer()
    guangdong = make_exhibitor()
    client.force_login(organizer)
    response = client.post(
        reverse("admin:exhibitors_boardadmission_add"),
        {"board": board(JJJ).pk, "unit": guangdong.unit.pk, "reason": "京粤合作项目"},
    )
    assert response.status_code == 302
    admission = guangdong.unit.board_admissions.get()
    assert (admission.board, admission.granted_by) == (board(JJJ), organizer)


def test_a_reviewer_reads_applications_but_cannot_decide(client, edition):
    user = make_exhibitor()
    application = draft(user)
    services.submit_application(application=application, by=user)
    client.force_login(UserFactory(unit=None, is_staff=True, role=REVIEWER))
    changelist = reverse("admin:exhibitors_boothapplication_changelist")
    listing = page(client.get(changelist))
    assert user.unit.name_zh in listing and "accept_selected" not in listing
    decide = reverse("admin:exhibitors_boothapplication_decide", args=[application.pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 403
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
