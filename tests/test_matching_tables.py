"""Units send items one by one on the web, or many at once through the 征集表 round trip."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from matching.kinds import ItemAction, ItemKind, ItemStatus
from matching.models import Item
from matching.workbooks import COLUMNS, HEADER_ROW
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_ROW = {
    "类别": "技术需求",
    "标题（中文）": "海水淡化膜寿命提升",
    "标题（英文）": "Longer-life desalination membranes",
    "简介（中文）": "寻求膜材料抗污染技术。",
    "简介（英文）": "Seeking anti-fouling membrane technology.",
    "领域": "新材料",
    "地区": "广东",
    "可提供": "中试线",
    "寻求": "技术团队",
    "合作条件或预算": "500 万元",
    "截止日期": "2030-12-31",
    "不公开": "否",
    "联系人": "李工",
    "联系电话": "020-1234567",
    "联系邮箱": "li@unit.example.cn",
}


def filled(template: bytes, rows: list[dict]) -> io.BytesIO:
    """The downloaded template with ``rows`` typed in under the header, as a unit would."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book["征集表"]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    for offset, row in enumerate(rows, start=1):
        for column, title in enumerate(COLUMNS, start=1):
            if title in row:
                sheet.cell(HEADER_ROW + offset, column, row[title])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "征集表.xlsx"
    return buffer


@pytest.fixture
def liaison(matching_call):
    from notices.seed.regions import load_regions

    load_regions()
    return UserFactory(unit=UnitFactory())


def test_a_liaison_enters_an_item_on_the_web_and_it_goes_to_review(client, liaison):
    client.force_login(liaison)
    page = client.get("/matching/unit/").content.decode()
    assert "当前征集时段：第一批" in page
    from matching.models import Sector

    response = client.post(
        "/matching/unit/items/new/",
        {
            "kind": ItemKind.TALENT,
            "title_zh": "射频芯片设计专家",
            "title_en": "",
            "summary_zh": "负责射频前端芯片设计。",
            "summary_en": "",
            "sector": Sector.objects.get(name_zh="新一代电子信息").pk,
            "contact_name": "赵女士",
            "contact_email": "zhao@unit.example.cn",
        },
    )
    assert response.status_code == 400  # English is required for posting abroad
    assert not Item.objects.exists()
    response = client.post(
        "/matching/unit/items/new/",
        {
            "kind": ItemKind.TALENT,
            "title_zh": "射频芯片设计专家",
            "title_en": "RF chip design expert",
            "summary_zh": "负责射频前端芯片设计。",
            "summary_en": "Leads RF front-end chip design.",
            "sector": Sector.objects.get(name_zh="新一代电子信息").pk,
            "contact_name": "赵女士",
            "contact_email": "zhao@unit.example.cn",
            "confidential": "on",
        },
        follow=True,
    )
    item = Item.objects.get()
    assert (item.unit, item.status, item.confidential) == (
        liaison.unit,
        ItemStatus.IN_REVIEW,
        True,
    )
    assert "射频芯片设计专家" in response.content.decode()


def test_outside_a_collection_round_nothing_can_be_sent(client, liaison, matching_call):
    matching_call.rounds.update(closes_at=timezone.now() - timedelta(days=1))
    client.force_login(liaison)
    assert "当前不在征集时段" in client.get("/matching/unit/").content.decode()
    response = client.post("/matching/unit/", {"table": filled(template(client), [GOOD_ROW])})
    assert "当前不在供需信息征集时段" in response.content.decode()
    assert not Item.objects.exists()


def template(client) -> bytes:
    response = client.get("/matching/unit/template.xlsx")
    assert response.status_code == 200
    return response.content


def test_the_table_round_trip_names_every_bad_cell_and_saves_nothing(client, liaison):
    client.force_login(liaison)
    blank = template(client)
    sheet = openpyxl.load_workbook(io.BytesIO(blank))["征集表"]
    assert [c.value for c in sheet[HEADER_ROW]] == list(COLUMNS)
    assert sheet.cell(HEADER_ROW + 1, 2).value == liaison.unit.name_zh
    rows = [GOOD_ROW] * 4 + [
        GOOD_ROW | {"领域": "人工智能+"},
        GOOD_ROW | {"类别": "合作", "截止日期": "下月底", "联系邮箱": "not-an-address"},
        GOOD_ROW | {"标题（英文）": "", "不公开": "也许"},
    ]
    response = client.post("/matching/unit/", {"table": filled(blank, rows)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "第 7 行 · 领域：“人工智能+” 不在可选领域中" in page
    assert "第 8 行 · 类别：“合作”不在可选类别中" in page
    assert "第 8 行 · 截止日期：“下月底” 不是日期" in page
    assert "第 8 行 · 联系邮箱" in page
    assert "第 9 行 · 标题（英文）：必须填写" in page
    assert "第 9 行 · 不公开：“也许” 应填“是”或“否”" in page
    assert not Item.objects.exists()

    response = client.post("/matching/unit/", {"table": filled(blank, [GOOD_ROW] * 3)}, follow=True)
    assert "已导入 3 条供需信息" in response.content.decode()
    items = Item.objects.filter(unit=liaison.unit)
    assert items.count() == 3
    item = items.first()
    assert (item.region.name_zh, str(item.closes_on), item.confidential) == (
        "广东省",
        "2030-12-31",
        False,
    )
    assert item.events.get().action == ItemAction.SUBMIT


def test_text_that_excel_would_run_as_a_formula_is_written_back_as_text(client, liaison):
    from matching.workbooks import collection_template

    client.force_login(liaison)
    row = GOOD_ROW | {"寻求": "+5 名工程师"}
    client.post("/matching/unit/", {"table": filled(template(client), [row])})
    assert Item.objects.get().sought == "+5 名工程师"
    sheet = openpyxl.load_workbook(io.BytesIO(collection_template(rows=[row])))["征集表"]
    assert sheet.cell(HEADER_ROW + 1, COLUMNS.index("寻求") + 1).value == "'+5 名工程师"


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client, liaison):
    client.force_login(liaison)
    upload = io.BytesIO(b"not a workbook")
    upload.name = "table.xlsx"
    response = client.post("/matching/unit/", {"table": upload})
    assert "Excel 文件无法读取" in response.content.decode()


def test_another_units_item_is_not_found(client, liaison, matching_call):
    from tests.matching_support import make_item

    other = make_item(matching_call, UnitFactory())
    client.force_login(liaison)
    assert client.get(f"/matching/unit/items/{other.pk}/").status_code == 404
