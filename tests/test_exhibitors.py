"""Exhibitor booth applications (展览洽谈): register, apply, confirm, sign and seal, pay.

Every test acts in 2023 (the 21st CIEP's real dates): ``timezone.now`` is frozen, before the
application deadline of 2023-03-24 23:59:59 unless a test moves it.
"""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import docx
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import EXHIBITOR, ORGANIZER
from conference.models import Board, Hall, Region
from exhibitors import services
from exhibitors.kinds import ApplicationStatus, ScanVerdict
from exhibitors.models import (
    AgreementScan,
    Booth,
    BoothApplication,
    BoothAssignment,
)
from exhibitors.seed import load_booths
from submissions.models import DeadlineExtension, Requirement
from tests import media
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
S = ApplicationStatus
GBA = "粤港澳大湾区建设板块"
JJJ = "京津冀协同发展板块"
PASSWORD = "Gd-exhibitor-2023!"


# --- Helpers, shared with test_exhibitors_concurrency -----------------------------------------


def freeze(monkeypatch, *args):
    moment = dt.datetime(*args, tzinfo=BEIJING)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def board(name_zh: str) -> Board:
    return Board.objects.select_related("zone__hall").get(
        name_zh=name_zh, zone__hall__edition__is_demo=False
    )


def booth(number: str) -> Booth:
    return Booth.objects.get(number=number, hall__edition__is_demo=False)


def make_exhibitor(*, region: str | None = "guangdong", language="zh-hans", **unit) -> User:
    unit.setdefault("is_partner", False)
    unit.setdefault("kind", "enterprise")
    owner = UnitFactory(
        is_exhibitor=True,
        region=Region.objects.get(code=region) if region else None,
        contact_name="李四",
        contact_mobile="13900139000",
        contact_email="li@example.cn",
        **unit,
    )
    return UserFactory(unit=owner, role=EXHIBITOR, preferred_language=language)


def make_organizer() -> User:
    return UserFactory(unit=None, is_staff=True, role=ORGANIZER, first_name="组委会王五")


def application_form(place: Board | None = None, **overrides) -> dict:
    place = place or board(GBA)
    data = {
        "hall": place.zone.hall_id,
        "zone": place.zone_id,
        "board": place.pk,
        "area": "enterprise",
        "booth_type": "standard",
        "booth_count": "2",
        "raw_area_m2": "",
        "technologies": "海水淡化膜技术",
        "results": "",
        "products": "智能传感器",
        "services": "",
    }
    return {**data, **overrides}


def enterprise_rows(count: int, *, existing: int = 0) -> dict:
    data = {
        "enterprises-TOTAL_FORMS": str(count),
        "enterprises-INITIAL_FORMS": str(existing),
        "enterprises-MIN_NUM_FORMS": "0",
        "enterprises-MAX_NUM_FORMS": "1000",
    }
    for i in range(count):
        data[f"enterprises-{i}-name"] = f"广东代表企业{i + 1}"
        data[f"enterprises-{i}-field"] = "新一代信息技术"
        data[f"enterprises-{i}-offering"] = f"产品{i + 1}"
    return data


def draft(user: User, place: Board | None = None, **overrides) -> BoothApplication:
    """An application saved through the service, with one enterprise where the area needs it."""
    place = place or board(GBA)
    data = services.ApplicationInput(
        hall=place.zone.hall,
        zone=place.zone,
        board=place,
        area=overrides.pop("area", "enterprise"),
        booth_count=2,
        technologies="海水淡化膜技术",
        **overrides,
    )
    application = services.save_draft(unit=user.unit, by=user, data=data)
    if application.enterprise_limit:
        services.save_enterprises(
            application=application,
            by=user,
            rows=[{"name": "华为", "field": "通信", "offering": "5G"}],
        )
    return application


def accepted(user: User, organizer: User, place: Board | None = None) -> BoothApplication:
    application = draft(user, place)
    services.submit_application(application=application, by=user)
    return services.accept(application=application, by=organizer)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def page(response) -> str:
    return response.content.decode()


def open_for_applications(ciep21, monkeypatch):
    """The 21st CIEP with the example booths, on 2023-03-20, before the deadline."""
    freeze(monkeypatch, 2023, 3, 20, 10, 0)
    load_booths(ciep21)
    return ciep21


@pytest.fixture
def edition(ciep21, monkeypatch):
    return open_for_applications(ciep21, monkeypatch)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request enqueues after its commit (the e-mails), as the real server does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- The whole path -----------------------------------------------------------------------------


def register(client) -> User:
    guangdong = Region.objects.get(code="guangdong")
    response = client.post(
        reverse("accounts:register_exhibitor"),
        {
            "org-name_zh": "深圳测试科技有限公司",
            "org-name_en": "Shenzhen Test Technology Co., Ltd.",
            "org-kind": "enterprise",
            "org-country": "CN",
            "org-uscc": "91440300MA5D7L2Q10",
            "org-region": guangdong.pk,
            "org-address": "深圳市福田区福华三路",
            "org-website": "https://example.cn",
            "org-contact_name": "李四",
            "org-contact_mobile": "13900139000",
            "org-contact_email": "li@example.cn",
            "account-username": "szexpo",
            "account-first_name": "李四",
            "account-email": "li@example.cn",
            "account-preferred_language": "zh-hans",
            "account-password1": PASSWORD,
            "account-password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    return User.objects.get(username="szexpo")


def test_the_whole_path_register_apply_accept_assign_agreement_verify_pay(
    client, edition, committed
):
    organizer = make_organizer()
    office = client.__class__()
    office.force_login(organizer)

    # 我要参展: register, land on the exhibitor home with the deadline in Beijing time.
    with committed():
        exhibitor = register(client)
    assert client.get(reverse("accounts:landing")).url == reverse("exhibitors:home")
    home = page(client.get(reverse("exhibitors:home")))
    assert "参展报名截止时间：2023-03-24 23:59（北京时间 UTC+08:00）" in home
    assert reverse("exhibitors:home") in home  # the nav link 参展申请
    mail.outbox.clear()

    # 申请参展: hall → zone → board, enterprise area, 2 standard booths; then the enterprises.
    response = client.post(reverse("exhibitors:apply"), application_form())
    application = BoothApplication.objects.get(unit=exhibitor.unit)
    assert response.url == reverse("exhibitors:detail", args=[application.pk])
    assert application.status == S.DRAFT
    assert application.place.endswith(f"{GBA} · 企业区域")
    client.post(reverse("exhibitors:enterprises", args=[application.pk]), enterprise_rows(3))
    assert [e.name for e in application.enterprises.all()] == [
        "广东代表企业1",
        "广东代表企业2",
        "广东代表企业3",
    ]
    client.post(
        reverse("exhibitors:picture_upload", args=[application.pk]),
        {"role": "logo", "file": upload("logo.jpg", media.jpeg(1200, 800))},
    )
    with committed():
        client.post(reverse("exhibitors:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at == timezone.now()

    # The committee accepts (list action with its note) and assigns two booths.
    changelist = reverse("admin:exhibitors_boothapplication_changelist")
    with committed():
        office.post(
            changelist,
            {
                "action": "accept_selected",
                "_selected_action": [application.pk],
                "apply": "1",
                "message": "欢迎参展，展位见协议。",
            },
        )
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assign = reverse("admin:exhibitors_boothapplication_assign", args=[application.pk])
    for number in ("1B01", "1B02"):
        response = office.post(assign, {"booth": booth(number).pk})
        assert response.status_code == 302
    application.refresh_from_db()
    assert application.fee == Decimal("16000.00")

    # 展位确认: the exhibitor downloads the agreement filled with its data, booths, area, fee.
    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert "1B01" in detail and "1B02" in detail and "16000.00" in detail
    assert "以下汇款信息为示例数据，请勿汇款。" in detail
    assert "欢迎参展，展位见协议。" in detail
    response = client.get(reverse("exhibitors:agreement_download", args=[application.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]
    )
    for expected in (
        "深圳测试科技有限公司",
        "91440300MA5D7L2Q10",
        "1B01",
        "1B02",
        "18",
        "16000.00",
        "深圳国际人才交流中心",
    ):
        assert expected in text

    # The signed and sealed scan; the committee checks it, then records the payment.
    with committed():
        client.post(
            reverse("exhibitors:agreement_upload", args=[application.pk]),
            {"file": upload("协议盖章.pdf", media.pdf())},
        )
    scan = AgreementScan.objects.get(application=application)
    assert scan.detected_type == "pdf" and scan.original_name == "协议盖章.pdf"
    assert "协议盖章" not in scan.file.name
    with committed():
        office.post(
            reverse("admin:exhibitors_boothapplication_verify", args=[application.pk]),
            {"approved": "1", "note": ""},
        )
    scan.refresh_from_db()
    assert scan.verdict == ScanVerdict.APPROVED
    assert (scan.verified_by, scan.verified_at) == (organizer, timezone.now())
    with committed():
        response = office.post(
            reverse("admin:exhibitors_boothapplication_payment", args=[application.pk]),
            {
                "amount": "16000.00",
                "paid_on": "2023-03-28",
                "method": "bank_transfer",
                "invoice_title": "深圳测试科技有限公司",
                "tax_number": "91440300ma5d7l2q10",
                "note": "",
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.PAID
    payment = application.payments.get()
    assert payment.tax_number == "91440300MA5D7L2Q10" and payment.recorded_by == organizer

    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert "已缴费" in detail
    assert "2023-03-28 到账 16000.00 元（银行转账）" in detail
    # One e-mail at each change of state, to the exhibitor's address.
    assert [m.subject for m in mail.outbox] == [
        "参展申请状态更新：已提交，待审核",
        "参展申请状态更新：已通过，待签署协议",
        "参展申请状态更新：协议已上传，待核验",
        "参展申请状态更新：协议已核验，待缴费",
        "参展申请状态更新：已缴费",
    ]
    assert {tuple(m.to) for m in mail.outbox} == {("li@example.cn",)}
    assert "欢迎参展，展位见协议。" in mail.outbox[1].body


# --- Where an exhibitor may apply --------------------------------------------------------------


def test_regional_boards_are_offered_only_to_their_provinces(client, edition):
    guangdong = make_exhibitor(region="guangdong")
    client.force_login(guangdong)
    form = page(client.get(reverse("exhibitors:apply")))
    assert GBA in form and JJJ not in form
    assert "科技金融服务展示推介板块" in form  # boards without regions are open to all

    response = client.post(reverse("exhibitors:apply"), application_form(board(JJJ)))
    assert response.status_code == 400
    assert "只接受以下省市的单位申请：北京市、河北省、天津市" in page(response)
    assert not BoothApplication.objects.exists()


def test_a_city_applies_to_its_own_board_and_its_provinces(edition):
    shenzhen = make_exhibitor(region="shenzhen")
    assert draft(shenzhen, board("先行示范区建设板块")).board.name_zh == "先行示范区建设板块"
    assert draft(shenzhen, board(GBA)).board.name_zh == GBA


def test_the_committee_can_admit_a_unit_to_another_regions_board(client, edition):
    guangdong = make_exhibitor(region="guangdong")
    services.admit_to_board(board=board(JJJ), unit=guangdong.unit, by=make_organizer())
    client.force_login(guangdong)
    response = client.post(reverse("exhibitors:apply"), application_form(board(JJJ)))
    assert response.status_code == 302
    assert BoothApplication.objects.get().board == board(JJJ)


def test_a_unit_without_region_applies_only_to_boards_without_regions(client, edition):
    foreign = make_exhibitor(region=None, kind="foreign", country="DE")
    client.force_login(foreign)
    form = page(client.get(reverse("exhibitors:apply")))
    assert GBA not in form and "国（境）外专业机构展览推介板块" in form
    place = board("国（境）外专业机构展览推介板块")
    response = client.post(
        reverse("exhibitors:apply"),
        application_form(place, area="", booth_type="raw", raw_area_m2="36"),
    )
    application = BoothApplication.objects.get()
    assert response.url == reverse("exhibitors:detail", args=[application.pk])
    assert (application.area, application.booth_count, application.raw_area_m2) == (
        "",
        None,
        Decimal("36.0"),
    )


def test_a_hall_without_zones_takes_an_application_on_its_own(client, edition):
    client.force_login(make_exhibitor())
    hall = Hall.objects.get(edition=edition, number=2)
    response = client.post(
        reverse("exhibitors:apply"),
        application_form(board(GBA), hall=hall.pk, zone="", board="", area=""),
    )
    assert response.status_code == 302
    assert str(BoothApplication.objects.get().place) == "海归人才创新创业馆"


def test_a_board_with_two_areas_asks_which(client, edition):
    client.force_login(make_exhibitor())
    response = client.post(reverse("exhibitors:apply"), application_form(area=""))
    assert "此板块设政府区域和企业区域，请选择其一。" in page(response)


# --- The representative enterprises -------------------------------------------------------------


def test_up_to_ten_representative_enterprises_and_the_eleventh_is_refused(client, edition):
    user = make_exhibitor()
    application = draft(user)
    client.force_login(user)
    url = reverse("exhibitors:enterprises", args=[application.pk])
    assert page(client.get(url)).count('name="enterprises-') >= 10 * 3

    assert client.post(url, enterprise_rows(10)).status_code == 302
    assert application.enterprises.count() == 10

    response = client.post(url, enterprise_rows(11, existing=10))
    assert response.status_code == 400
    assert (
        "每个省市的企业区域至多 10 家代表性企业，您填写了 11 家；第 11 家起超出上限，请删减。"
        in page(response)
    )
    assert application.enterprises.count() == 10
    assert "广东代表企业11" not in set(application.enterprises.values_list("name", flat=True))


def test_the_enterprise_limit_is_data_organizers_may_change(edition):
    user = make_exhibitor()
    application = draft(user)
    Board.objects.filter(pk=application.board_id).update(enterprise_limit=3)
    application.refresh_from_db()
    rows = [{"name": f"企业{i}", "field": "制造", "offering": "产品"} for i in range(4)]
    with pytest.raises(ValidationError) as refused:
        services.save_enterprises(application=application, by=user, rows=rows)
    assert "至多 3 家代表性企业，您填写了 4 家" in refused.value.messages[0]


def test_an_enterprise_area_cannot_be_submitted_without_its_list(client, edition):
    user = make_exhibitor()
    client.force_login(user)
    client.post(reverse("exhibitors:apply"), application_form())
    application = BoothApplication.objects.get()
    response = client.post(reverse("exhibitors:submit", args=[application.pk]), follow=True)
    assert "企业区域请填写本省市的代表性企业名单（至多 10 家）。" in page(response)
    application.refresh_from_db()
    assert application.status == S.DRAFT


# --- Pictures -----------------------------------------------------------------------------------


def test_pictures_follow_the_publicity_picture_rule(client, edition):
    user = make_exhibitor()
    application = draft(user)
    client.force_login(user)
    url = reverse("exhibitors:picture_upload", args=[application.pk])
    response = client.post(
        url, {"role": "picture", "file": upload("展台.jpg", media.jpeg(999, 600))}
    )
    assert response.status_code == 400
    assert "图片宽度 999 像素（999×600），低于下限 1000 像素" in page(response)
    response = client.post(
        url, {"role": "picture", "file": upload("展台.jpg", media.jpeg(1000, 600))}
    )
    assert response.status_code == 302
    picture = application.pictures.get()
    assert (picture.width, picture.detected_type) == (1000, "jpeg")
    response = client.post(url, {"role": "picture", "file": upload("x.jpg", media.html_as_jpg())})
    assert "文件实际类型为" in page(response)
    # The refused form's page leaves this address in the bar: reloading it leads back to the
    # application (it answered a blank 405), and only for its owner.
    assert client.get(url).url == reverse("exhibitors:detail", args=[application.pk])
    client.force_login(make_exhibitor(name_zh="另一家企业"))
    assert client.get(url).status_code == 404


# --- Deadline and extension ---------------------------------------------------------------------


def test_applications_are_taken_until_the_end_of_the_24th_beijing_time(
    client, edition, monkeypatch
):
    user = make_exhibitor()
    client.force_login(user)
    freeze(monkeypatch, 2023, 3, 24, 23, 59, 59)
    client.post(reverse("exhibitors:apply"), application_form(area="government"))
    application = BoothApplication.objects.get()
    client.post(reverse("exhibitors:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_after_the_deadline_new_applications_are_refused_with_the_date(
    client, edition, monkeypatch
):
    user = make_exhibitor()
    early = draft(user, board("科技金融服务展示推介板块"))
    client.force_login(user)
    freeze(monkeypatch, 2023, 3, 25, 0, 0, 1)

    home = page(client.get(reverse("exhibitors:home")))
    assert "参展报名已于 2023-03-24 23:59（北京时间 UTC+08:00） 截止" in home
    assert 'href="/exhibition/apply/"' not in home
    response = client.post(reverse("exhibitors:apply"), application_form(area="government"))
    assert "提交截止时间为 2023-03-24 23:59（北京时间 UTC+08:00），现已截止" in page(response)
    assert BoothApplication.objects.count() == 1

    # A draft begun before the deadline is a new application too.
    response = client.post(reverse("exhibitors:submit", args=[early.pk]), follow=True)
    assert "现已截止" in page(response)
    early.refresh_from_db()
    assert early.status == S.DRAFT


def test_an_extension_for_one_exhibitor_reopens_applications_for_it_alone(
    client, edition, monkeypatch
):
    late, other = make_exhibitor(), make_exhibitor()
    requirement = Requirement.objects.get(
        call__code="exhibition", call__edition=edition, code="booth_application"
    )
    DeadlineExtension.objects.create(
        requirement=requirement,
        unit=late.unit,
        due_at=dt.datetime(2023, 3, 31, 23, 59, 59, tzinfo=BEIJING),
    )
    freeze(monkeypatch, 2023, 3, 28, 9, 0)
    client.force_login(late)
    assert "2023-03-31 23:59" in page(client.get(reverse("exhibitors:home")))
    client.post(reverse("exhibitors:apply"), application_form(area="government"))
    application = BoothApplication.objects.get(unit=late.unit)
    client.post(reverse("exhibitors:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED

    client.force_login(other)
    response = client.post(reverse("exhibitors:apply"), application_form(area="government"))
    assert "现已截止" in page(response)
    assert not BoothApplication.objects.filter(unit=other.unit).exists()


def test_changes_asked_for_after_the_deadline_can_still_be_resubmitted(
    client, edition, monkeypatch, committed
):
    user = make_exhibitor()
    application = draft(user)
    services.submit_application(application=application, by=user)
    freeze(monkeypatch, 2023, 3, 27, 10, 0)
    with committed():
        services.request_changes(
            application=application, by=make_organizer(), message="请补充展示产品的参数。"
        )
    client.force_login(user)
    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert "请补充展示产品的参数。" in detail and "需修改" in detail
    client.post(
        reverse("exhibitors:edit", args=[application.pk]),
        application_form(products="智能传感器，量程 0–100 MPa"),
    )
    client.post(reverse("exhibitors:submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.products == "智能传感器，量程 0–100 MPa"
    # The history keeps each version and each message.
    assert application.history.count() >= 4
    assert list(application.messages.values_list("status_to", flat=True)) == [
        S.SUBMITTED,
        S.CHANGES_REQUESTED,
        S.SUBMITTED,
    ]
    assert mail.outbox[0].subject == "参展申请状态更新：需修改"
    assert "请补充展示产品的参数。" in mail.outbox[0].body


# --- One exhibitor never sees another's ---------------------------------------------------------


def test_another_exhibitors_application_and_files_are_not_found(client, edition):
    owner, stranger = make_exhibitor(), make_exhibitor()
    organizer = make_organizer()
    application = draft(owner)
    picture = services.add_picture(
        application=application,
        role="logo",
        upload=upload("logo.png", media.png(1200, 600)),
        by=owner,
    )
    services.submit_application(application=application, by=owner)
    services.accept(application=application, by=organizer)
    services.assign_booth(application=application, booth=booth("1B05"), by=organizer)
    scanned = media.pdf()
    scan = services.upload_agreement(
        application=application, upload=upload("scan.pdf", scanned), by=owner
    )
    client.force_login(stranger)
    for name in ("detail", "edit", "enterprises", "agreement_download"):
        assert client.get(reverse(f"exhibitors:{name}", args=[application.pk])).status_code == 404
    for name in ("submit", "withdraw", "message", "agreement_upload", "picture_upload"):
        assert client.post(reverse(f"exhibitors:{name}", args=[application.pk])).status_code == 404
    assert client.get(reverse("exhibitors:scan_download", args=[scan.pk])).status_code == 404
    assert client.get(reverse("exhibitors:picture_download", args=[picture.pk])).status_code == 404
    assert owner.unit.name_zh not in page(client.get(reverse("exhibitors:home")))
    application.refresh_from_db()
    assert application.status == S.AGREEMENT_UPLOADED

    client.force_login(owner)
    response = client.get(reverse("exhibitors:scan_download", args=[scan.pk]))
    assert b"".join(response.streaming_content) == scanned
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


# --- Booths -------------------------------------------------------------------------------------


def test_a_booth_is_never_assigned_twice(client, edition):
    organizer = make_organizer()
    first = accepted(make_exhibitor(name_zh="甲公司"), organizer)
    second = accepted(make_exhibitor(name_zh="乙公司"), organizer)
    services.assign_booth(application=first, booth=booth("1B01"), by=organizer)

    client.force_login(organizer)
    response = client.post(
        reverse("admin:exhibitors_boothapplication_assign", args=[second.pk]),
        {"booth": booth("1B01").pk},
    )
    assert response.status_code == 200
    assert "展位 1B01 已分配给 甲公司，不能重复分配；请另选展位。" in page(response)
    assert not second.assignments.exists()
    # The database refuses it too, whatever the code does.
    with pytest.raises(IntegrityError):
        BoothAssignment.objects.create(booth=booth("1B01"), application=second)


def test_booths_go_only_to_accepted_applications_in_their_hall(edition):
    organizer = make_organizer()
    user = make_exhibitor()
    application = draft(user)
    with pytest.raises(ValidationError, match="只能给已通过"):
        services.assign_booth(application=application, booth=booth("1B01"), by=organizer)
    services.submit_application(application=application, by=user)
    services.accept(application=application, by=organizer)
    with pytest.raises(ValidationError) as refused:
        services.assign_booth(application=application, booth=booth("1A01"), by=organizer)
    assert "展位 1A01 在“科技部展区”" in refused.value.messages[0]


def test_withdrawing_gives_the_booths_back(client, edition):
    organizer = make_organizer()
    user = make_exhibitor()
    application = accepted(user, organizer)
    services.assign_booth(application=application, booth=booth("1B03"), by=organizer)
    client.force_login(user)
    url = reverse("exhibitors:withdraw", args=[application.pk])
    assert "撤回后申请不能恢复，已分配的展位将退回组委会。" in page(client.get(url))
    application.refresh_from_db()
    assert application.status == S.ACCEPTED  # asking is not withdrawing
    client.post(url)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.fee == 0
    assert not BoothAssignment.objects.filter(booth__number="1B03").exists()


# --- The agreement and its check ----------------------------------------------------------------


def test_the_agreement_scan_must_be_a_pdf_or_an_image(client, edition):
    organizer = make_organizer()
    user = make_exhibitor()
    application = accepted(user, organizer)
    client.force_login(user)
    url = reverse("exhibitors:agreement_upload", args=[application.pk])
    response = client.post(url, {"file": upload("协议.pdf", media.pdf())}, follow=True)
    assert "组委会尚未分配展位" in page(response)
    services.assign_booth(application=application, booth=booth("1B04"), by=organizer)
    response = client.post(url, {"file": upload("协议.pdf", media.docx(["展位确认协议"]))})
    assert response.status_code == 400
    assert "文件实际类型为 Word 文档（docx），此处只接受 JPEG 图片、PDF 文档、PNG 图片" in page(
        response
    )
    assert not application.scans.exists()
    response = client.post(url, {"file": upload("协议.jpg", media.jpeg(1654, 2339))})
    assert response.status_code == 302
    assert application.scans.get().detected_type == "jpeg"


def test_a_scan_without_seal_is_sent_back_with_the_reason(client, edition, committed):
    organizer = make_organizer()
    user = make_exhibitor()
    application = accepted(user, organizer)
    services.assign_booth(application=application, booth=booth("1B06"), by=organizer)
    services.upload_agreement(application=application, upload=upload("a.pdf", media.pdf()), by=user)
    client.force_login(organizer)
    url = reverse("admin:exhibitors_boothapplication_verify", args=[application.pk])
    response = client.post(url, {"approved": "0", "note": ""})
    assert "请说明未通过核验的原因" in page(response)
    with committed():
        client.post(url, {"approved": "0", "note": "缺少单位公章，请重新盖章后上传。"})
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    scan = application.scans.get()
    assert (scan.verdict, scan.verified_by) == (ScanVerdict.REFUSED, organizer)

    client.force_login(user)
    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert "缺少单位公章，请重新盖章后上传。" in detail
    assert "上传的协议未通过核验" in detail
    assert mail.outbox[-1].subject == "参展申请状态更新：已通过，待签署协议"


def test_a_partial_payment_leaves_the_balance_due(edition):
    organizer = make_organizer()
    user = make_exhibitor()
    application = accepted(user, organizer)
    services.assign_booth(application=application, booth=booth("1B07"), by=organizer)
    services.upload_agreement(application=application, upload=upload("a.pdf", media.pdf()), by=user)
    services.verify_agreement(scan=application.scans.get(), by=organizer, approved=True)
    payment = {
        "paid_on": dt.date(2023, 3, 29),
        "method": "bank_transfer",
        "invoice_title": "甲公司",
        "by": organizer,
    }
    services.record_payment(application=application, amount=Decimal("5000"), **payment)
    application.refresh_from_db()
    assert application.status == S.AGREEMENT_VERIFIED
    assert "尚欠 3000.00 元" in application.messages.last().body
    services.record_payment(application=application, amount=Decimal("3000"), **payment)
    application.refresh_from_db()
    assert application.status == S.PAID


# --- E-mail in each reader's language -----------------------------------------------------------


def test_emails_follow_each_users_language(edition, committed):
    chinese = make_exhibitor(language="zh-hans")
    english = UserFactory(unit=chinese.unit, role=EXHIBITOR, preferred_language="en")
    application = draft(chinese)
    services.submit_application(application=application, by=chinese)
    with committed():
        services.request_changes(application=application, by=make_organizer(), message="请补充。")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {chinese.email, english.email}
    assert GBA in by_address[chinese.email].body
    assert "Guangdong-Hong Kong-Macao Greater Bay Area" in by_address[english.email].body
    assert GBA not in by_address[english.email].body


def test_a_mail_task_run_twice_sends_once(edition, committed):
    from exhibitors.tasks import mail_exhibitor

    user = make_exhibitor()
    application = draft(user)
    with committed():
        services.submit_application(application=application, by=user)
    message = application.messages.get()
    mail_exhibitor(message_id=message.pk)
    assert len(mail.outbox) == 1


def test_the_form_names_each_options_parent_for_the_cascading_selects(client, edition):
    client.force_login(make_exhibitor())
    form = page(client.get(reverse("exhibitors:apply")))
    gba = board(GBA)
    assert f'value="{gba.zone_id}" data-parent="{gba.zone.hall_id}"' in form
    assert f'value="{gba.pk}" data-parent="{gba.zone_id}" data-two-areas="1"' in form
    assert "js/exhibitors.js" in form and "<script>" not in form


def test_an_accepted_application_cannot_be_edited_by_the_exhibitor(client, edition):
    user = make_exhibitor()
    application = accepted(user, make_organizer())
    client.force_login(user)
    response = client.post(
        reverse("exhibitors:edit", args=[application.pk]),
        application_form(booth_count="9"),
        follow=True,
    )
    assert "申请当前状态为“已通过，待签署协议”，不能修改。" in page(response)
    application.refresh_from_db()
    assert application.booth_count == 2


def test_ten_representative_enterprises_per_province_across_its_exhibitors(client, edition):
    """Issue 14.11: two Guangdong exhibitors had 10 enterprises accepted each (20 for 广东)."""
    organizer = make_organizer()
    first, second = make_exhibitor(), make_exhibitor(region="shenzhen")
    application = draft(first)
    rows = [{"name": f"广东企业{i}", "field": "制造", "offering": "产品"} for i in range(7)]
    services.save_enterprises(application=application, by=first, rows=rows)
    services.submit_application(application=application, by=first)

    # 深圳 lies in 广东, the province the 粤港澳大湾区 board lists: 3 places are left.
    other = draft(second)
    client.force_login(second)
    url = reverse("exhibitors:enterprises", args=[other.pk])
    response = client.post(url, enterprise_rows(4, existing=1))
    assert response.status_code == 400
    assert (
        "每个省市在企业区域至多邀请 10 家代表性企业：广东省的其他参展单位已报 7 家，"
        "本申请填写 4 家，合计 11 家，超出上限；本申请至多还可填写 3 家。"
    ) in page(response)
    assert client.post(url, enterprise_rows(3, existing=1)).status_code == 302
    services.submit_application(application=other, by=second)

    # The committee cannot accept beyond the limit either (the limit lowered meanwhile).
    Board.objects.filter(pk=other.board_id).update(enterprise_limit=9)
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="合计 10 家，超出上限"):
        services.accept(application=other, by=organizer)
    Board.objects.filter(pk=other.board_id).update(enterprise_limit=10)
    assert services.accept(application=other, by=organizer).status == S.ACCEPTED
    # A withdrawn application gives its places back; another province is not concerned.
    services.withdraw(application=BoothApplication.objects.get(pk=application.pk), by=first)
    again = draft(first)
    rows = [{"name": f"广东企业{i}", "field": "制造", "offering": "产品"} for i in range(6)]
    assert len(services.save_enterprises(application=again, by=first, rows=rows)) == 6


def test_a_foreign_exhibitor_reads_its_agreement_and_history_in_english(client, edition):
    """Issue 14.12: an English-speaking organization got Chinese clauses, Party A, bank and
    address, and Chinese system messages ("已分配展位 1DR1（36 平方米）。")."""
    organizer = make_organizer()
    user = make_exhibitor(
        language="en",
        name_zh="Fraunhofer Shenzhen Liaison Office",
        name_en="Fraunhofer Shenzhen Liaison Office",
        country="DE",
        uscc="",
    )
    application = accepted(user, organizer)
    raw = Booth.objects.filter(
        hall__edition=edition, zone=application.zone, booth_type="raw"
    ).first()
    services.assign_booth(application=application, booth=raw, by=organizer)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    detail = page(client.get(reverse("exhibitors:detail", args=[application.pk])))
    assert f"Booth {raw.number} allocated (36 m²)." in detail
    assert "已分配展位" not in detail
    assert "Shenzhen International Talent Exchange Center" in detail
    assert "(Example) A bank, Shenzhen branch" in detail
    response = client.get(reverse("exhibitors:agreement_download", args=[application.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]
    )
    for expected in (
        "Booth confirmation agreement",
        "Shenzhen International Talent Exchange Center",
        "(Example) A bank, Shenzhen branch",
        "1. Party B exhibits at the booths",
        "Fraunhofer Shenzhen Liaison Office",
    ):
        assert expected in text, expected
    assert (
        "乙方按本协议" not in text and "某银行" not in text and "深圳国际人才交流中心" not in text
    )
    # The committee reads the same history in Chinese.
    with translation.override("zh-hans"):
        assert application.messages.last().text == f"已分配展位 {raw.number}（36 平方米）。"


def test_the_workbench_counts_booth_applications(client, edition):
    """Issue 14.13: after two applications the home page said "展位申请 … 0/3 个单位已交 ·
    尚无提交"."""
    organizer = make_organizer()
    organizer.is_superuser = True
    organizer.save()
    first, second, _idle = make_exhibitor(), make_exhibitor(), make_exhibitor()
    for user in (first, second):
        services.submit_application(application=draft(user), by=user)
    client.force_login(organizer)
    home = page(client.get(reverse("admin:index")))
    assert "展位申请 · 03-24 23:59：2/3 个单位已交" in home
    assert "已提交，待审核：<strong>2</strong>" in home
