"""Achievement statistics and case studies (成果案例征集, notice 003): the national and Shenzhen
variants, typed or Word cases with Word's 字数, the statistics grid and its Excel round trip,
and the report files of what the committee accepted."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import docx as python_docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from achievements.models import CaseCategory
from achievements.reports import cases_report_docx, statistics_workbook
from achievements.services.cases import CaseInput, create_case
from achievements.services.statistics import save_statistics
from conference.models import Region
from inspection.documents import count_chars
from inspection.formats.legacy_doc import doc_text
from submissions.kinds import SubmissionStatus
from submissions.models import MaterialFile, Requirement, Submission
from tests import media
from tests.factories import UserFactory
from units.models import Unit

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
OUTSIDE = "不在建议的 800–1300 字范围内（可以提交，请酌情调整）"


@pytest.fixture
def frozen(monkeypatch):
    """The call is open until 2023-04-10: the tests act on 2023-03-20, before it."""
    from django.utils import timezone

    moment = dt.datetime(2023, 3, 20, 10, 0, tzinfo=BEIJING)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def liaison(name: str, kind: str, region: str):
    return UserFactory(
        unit__name_zh=name, unit__kind=kind, unit__region=Region.objects.get(code=region)
    )


@pytest.fixture
def guangdong(ciep21):
    return liaison("广东省科学技术厅", Unit.Kind.PROVINCIAL_ST, "guangdong")


@pytest.fixture
def beijing(ciep21):
    return liaison("北京市科学技术委员会", Unit.Kind.PROVINCIAL_ST, "beijing")


@pytest.fixture
def nanshan(ciep21):
    return liaison("深圳市南山区科技创新局", Unit.Kind.SHENZHEN_DISTRICT, "nanshan")


def requirement(call: str, code: str) -> Requirement:
    return Requirement.objects.get(call__code=call, call__edition__is_demo=False, code=code)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def case_url(call: str, category: str) -> str:
    url = reverse("submissions:requirement", args=[requirement(call, "case_study").pk])
    return f"{url}?category={category}"


def prompt_codes(call: str, category: str) -> list[str]:
    found = requirement(call, "case_study").case_categories.get(code=category)
    return list(found.prompts.values_list("code", flat=True))


def post_case(client, call="cases_national", category="institution", **fields):
    data = {"title": "某研究院引进芯片团队", "year_from": 2015, "interview": "yes"}
    data.update(fields)
    return client.post(case_url(call, category), data)


# --- Counting characters as Word does -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("中国国际人才交流大会", 10),
        ("CIEP 2023年在深圳举办。", 9),  # CIEP, 2023, 年在深圳举办 (6), 。
        ("引进 overseas high-level talent 共 120 人，合作项目 35 个。", 16),
        ("“一带一路”倡议", 8),  # full-width quotes count one each
        ("Hello, world! 你好，世界！", 8),  # Hello, world! 你 好 ， 世 界 ！
        ("don’t stop", 2),  # an apostrophe stays inside its word
        ("第1届　第2届", 6),  # the full-width space counts nothing
    ],
)
def test_characters_are_counted_as_word_counts_them(text, count):
    assert count_chars(text) == count


# --- Case studies ---------------------------------------------------------------------------------


def test_a_typed_case_outside_the_range_is_sent_with_a_warning(client, guangdong, frozen):
    client.force_login(guangdong)
    response = post_case(
        client,
        answer_background="某研究院成立于2005年，专注 AI 芯片研发。",  # 18
        answer_bottleneck="缺少 high-end 人才。",  # 6
    )
    assert response.status_code == 302
    item = Submission.objects.get()
    assert item.status == SubmissionStatus.IN_REVIEW
    assert item.data["chars"] == 24
    assert item.data["category"] == "institution" and item.data["interview"] is True
    assert item.data["answers"]["background"] == "某研究院成立于2005年，专注 AI 芯片研发。"
    page = client.get(response.url).content.decode()
    assert f"共 24 字，{OUTSIDE}" in page
    assert "典型机构" in page and "2015年" in page and "欢迎实地采访" in page


def test_a_typed_case_of_about_1000_characters_passes(client, guangdong, frozen):
    client.force_login(guangdong)
    response = post_case(client, answer_background="人才" * 300, answer_leap="发展" * 150)
    page = client.get(response.url).content.decode()
    assert "共 900 字，在建议的 800–1300 字范围内" in page
    assert OUTSIDE not in page


def test_a_case_needs_typed_points_or_a_word_file(client, guangdong, frozen):
    client.force_login(guangdong)
    response = post_case(client)
    assert response.status_code == 400
    assert (
        "请在下方逐项填写案例内容，或上传可编辑的 Word 文件（二选一）。"
        in response.content.decode()
    )
    assert not Submission.objects.exists()


def test_a_docx_with_text_in_tables_is_counted_by_the_worker(
    client, guangdong, frozen, django_capture_on_commit_callbacks
):
    word = media.docx(
        ["典型机构案例", "CIEP 2023"],  # 6 + 2
        tables=[[["引进人员", "张教授"], ["成效", "新增就业 120 人"]]],  # 4 + 3 + 2 + 6
    )
    client.force_login(guangdong)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_case(client, main=upload("案例.docx", word))
    assert response.status_code == 302
    document = MaterialFile.objects.get(role="main")
    assert document.facts["document"]["chars"] == 23
    verdict = document.verdicts.get(code="text_char_range")
    assert (verdict.verdict, verdict.params["count"]) == ("warn", 23)
    assert document.check_status == "warned"
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW  # a warning, not a refusal
    assert f"共 23 字，{OUTSIDE}" in client.get(response.url).content.decode()


def test_a_word_97_doc_is_read_and_counted(
    client, guangdong, frozen, django_capture_on_commit_callbacks
):
    # 8-bit and UTF-16 pieces, a hyperlink field whose code Word does not count, table cells.
    doc = media.word97(
        [
            ("CIEP 2023 ", True),
            ('年在深圳举办。\r\x13 HYPERLINK "https://ciep.example" \x14链接\x15\r', False),
            ("单位\x07广东\x07\x07", False),
        ]
    )
    assert doc_text(io.BytesIO(doc)) == "CIEP 2023 年在深圳举办。\n链接\n单位\n广东\n\n"
    client.force_login(guangdong)
    with django_capture_on_commit_callbacks(execute=True):
        post_case(client, main=upload("案例.doc", doc))
    document = MaterialFile.objects.get(role="main")
    assert (document.detected_type, document.facts["document"]["chars"]) == ("doc", 15)


def test_a_doc_the_portal_cannot_read_is_kept_with_a_warning_not_refused(
    client, guangdong, frozen, django_capture_on_commit_callbacks
):
    client.force_login(guangdong)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_case(client, main=upload("旧版.doc", media.ole2(["WordDocument"])))
    document = MaterialFile.objects.get(role="main")
    assert (document.detected_type, document.check_status) == ("doc", "warned")
    assert "document" not in document.facts
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW
    page = client.get(response.url).content.decode()
    assert "未能读取 .doc 文件中的文字，字数未统计，组委会将人工核对" in page


@pytest.mark.parametrize(
    ("name", "data", "detected"),
    [("案例.pdf", media.pdf(), "PDF 文档"), ("案例.docx", media.jpeg(800, 600), "JPEG 图片")],
    ids=["pdf", "picture-named-docx"],
)
def test_a_pdf_or_a_picture_instead_of_an_editable_file_is_refused(
    client, guangdong, frozen, name, data, detected
):
    client.force_login(guangdong)
    response = post_case(client, main=upload(name, data))
    page = response.content.decode()
    assert response.status_code == 400
    allowed = "Word 97-2003 文档（doc）、Word 文档（docx）"
    assert f"文件实际类型为 {detected}，此处只接受 {allowed}" in page
    assert 'value="某研究院引进芯片团队"' in page  # what was typed stays
    assert not Submission.objects.exists() and not MaterialFile.objects.exists()


def test_a_word_file_without_text_is_a_scan_and_fails(
    client, guangdong, frozen, django_capture_on_commit_callbacks
):
    client.force_login(guangdong)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_case(client, main=upload("扫描件.docx", media.docx([""])))
    assert Submission.objects.get().status == SubmissionStatus.FAILED
    page = client.get(response.url).content.decode()
    assert "文档中没有可编辑的文字（可能是扫描件或图片），请上传可编辑的 Word 文件" in page


def test_pictures_are_optional_and_several_may_be_sent(
    client, guangdong, frozen, django_capture_on_commit_callbacks
):
    client.force_login(guangdong)
    with django_capture_on_commit_callbacks(execute=True):
        post_case(
            client,
            answer_background="人才" * 450,
            photo=[upload("a.jpg", media.jpeg(800, 600)), upload("b.png", media.png(640, 480))],
        )
    photos = MaterialFile.objects.filter(role="photo").order_by("position")
    assert [(p.position, p.detected_type) for p in photos] == [(1, "jpeg"), (2, "png")]


@pytest.mark.parametrize(
    ("call", "category", "years", "error"),
    [
        ("cases_national", "region", (2001, 2022), None),
        (
            "cases_national",
            "region",
            (2000, None),
            "2001—2022 年之间（本次征集的统计范围），您填写的是 2000 年",
        ),
        (
            "cases_national",
            "talent",
            (2010, 2023),
            "2001—2022 年之间（本次征集的统计范围），您填写的是 2023 年",
        ),
        ("cases_shenzhen", "district", (2007, None), None),
        (
            "cases_shenzhen",
            "district",
            (2006, 2010),
            "2007—2022 年之间（本次征集的统计范围），您填写的是 2006 年",
        ),
        ("cases_shenzhen", "institution", (2020, 2018), "结束年份 2018 早于起始年份 2020。"),
    ],
)
def test_case_years_lie_within_the_variants_range(
    client, guangdong, nanshan, frozen, call, category, years, error
):
    client.force_login(nanshan if call == "cases_shenzhen" else guangdong)
    first_point = f"answer_{prompt_codes(call, category)[0]}"
    response = post_case(
        client, call, category, year_from=years[0], year_to=years[1] or "", **{first_point: "内容"}
    )
    if error is None:
        assert response.status_code == 302
        assert Submission.objects.get().data["year_from"] == years[0]
    else:
        assert response.status_code == 400
        assert error in response.content.decode()
        assert not Submission.objects.exists()


def test_the_two_variants_are_two_configurations_of_one_model(ciep21):
    national, shenzhen = (
        requirement(c, "case_study") for c in ("cases_national", "cases_shenzhen")
    )
    assert (national.year_from, national.year_to) == (2001, 2022)
    assert (shenzhen.year_from, shenzhen.year_to) == (2007, 2022)
    for call in ("cases_national", "cases_shenzhen"):
        statistics = requirement(call, "statistics")
        assert statistics.years == [2018, 2019, 2020, 2021, 2022]
        assert statistics.max_count == 1
        due = dt.datetime(2023, 4, 10, 23, 59, 59, tzinfo=BEIJING)
        assert statistics.deadline_at == due == requirement(call, "case_study").deadline_at
        metrics = list(statistics.metrics.values_list("name_zh", "is_example"))
        assert ("引进外国专家人数", True) in metrics and len(metrics) == 6

    def titles(req):
        return list(req.case_categories.values_list("title_zh", flat=True))

    assert titles(national)[0] == "典型地区" and titles(shenzhen)[0] == "本区情况"
    assert (
        titles(national)[1:]
        == titles(shenzhen)[1:]
        == [
            "典型机构",
            "典型项目（一）：通过大会引进的项目",
            "典型项目（二）：通过大会为国内项目引进资金或人才",
            "典型人才",
        ]
    )
    region = national.case_categories.get(code="region")
    assert list(region.prompts.values_list("label_zh", flat=True))[0] == "当地国际化人才的基本情况"
    district = shenzhen.case_categories.get(code="district")
    assert (
        list(district.prompts.values_list("label_zh", flat=True))[0] == "本区国际化人才的基本情况"
    )


def test_the_seed_runs_twice_and_leaves_organizers_metrics_alone(ciep21):
    from notices.seed.ciep21 import load_ciep21

    statistics = requirement("cases_national", "statistics")
    statistics.metrics.filter(code="events").delete()
    statistics.metrics.filter(code="projects").update(name_zh="签约项目数")
    load_ciep21()
    assert not statistics.metrics.filter(code="events").exists()
    assert statistics.metrics.get(code="projects").name_zh == "签约项目数"
    assert CaseCategory.objects.filter(requirement__call__edition=ciep21).count() == 10


def test_the_case_page_shows_each_categorys_guidance_beside_its_form(client, nanshan, frozen):
    client.force_login(nanshan)
    overview = client.get(case_url("cases_shenzhen", "").split("?")[0]).content.decode()
    assert "本区情况" in overview and "典型人才" in overview and "典型地区" not in overview
    page = client.get(case_url("cases_shenzhen", "project_supported")).content.decode()
    assert "通过大会为国内项目引进了资金、关键领军人员、核心团队成员等的成功案例" in page
    assert "项目在引进资金或人才之前的基本情况" in page  # a point, as a field label
    assert 'data-charcount-output data-low="800" data-high="1300"' in page
    assert 'min="2007"' in page and 'max="2022"' in page
    assert "<script>" not in page.replace("<script src=", "")  # no inline script (CSP)


def test_organizers_may_cap_the_cases_of_a_category(client, guangdong, beijing, frozen):
    CaseCategory.objects.filter(
        requirement=requirement("cases_national", "case_study"), code="institution"
    ).update(max_items=1)
    client.force_login(guangdong)
    assert post_case(client, answer_background="一").status_code == 302
    second = post_case(client, answer_background="二")
    assert second.status_code == 400
    assert "“典型机构”类案例每个单位最多报送 1 个，本单位已报送 1 个。" in second.content.decode()
    assert post_case(client, "cases_national", "talent", answer_experience="三").status_code == 302
    client.force_login(beijing)  # the cap counts per unit
    assert post_case(client, answer_background="四").status_code == 302


def test_a_case_is_edited_and_keeps_its_category(client, guangdong, frozen):
    client.force_login(guangdong)
    response = post_case(client, answer_background="旧")
    form = client.get(response.url).content.decode()
    assert "旧</textarea>" in form
    edited = client.post(
        response.url,
        {
            "title": "新名称",
            "year_from": 2016,
            "year_to": 2018,
            "interview": "no",
            "answer_background": "新内容",
        },
    )
    assert edited.status_code == 302
    item = Submission.objects.get()
    assert (item.title, item.data["year_to"], item.data["interview"]) == ("新名称", 2018, False)
    assert item.data["answers"]["background"] == "新内容" and item.data["category"] == "institution"


# --- Achievement statistics -----------------------------------------------------------------------


def statistics_url(call="cases_national") -> str:
    return reverse("submissions:statistics", args=[requirement(call, "statistics").pk])


def metric(code: str, call="cases_national"):
    return requirement(call, "statistics").metrics.get(code=code)


def full_grid(value="1", call="cases_national") -> dict:
    statistics = requirement(call, "statistics")
    return {f"v{m.pk}_{y}": value for m in statistics.metrics.all() for y in statistics.years}


def test_the_grid_reports_every_bad_cell_and_keeps_what_was_typed(client, guangdong, frozen):
    client.force_login(guangdong)
    experts, amount = metric("foreign_experts"), metric("project_amount")
    grid = full_grid()
    grid[f"v{experts.pk}_2020"] = "十二"
    grid[f"v{amount.pk}_2019"] = "12.5"  # decimals are fine for 万元
    grid[f"v{metric('events').pk}_2022"] = ""
    response = client.post(statistics_url(), {**grid, "save": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "2020年 · 引进外国专家人数：“十二”不是整数" in page
    assert "2022年 · 举办活动场次：必填，没有的请填 0" in page
    assert 'value="十二"' in page and 'value="12.5"' in page  # nothing typed is lost
    assert not Submission.objects.exists()

    grid[f"v{experts.pk}_2020"] = "12"
    grid[f"v{metric('events').pk}_2022"] = "0"
    assert client.post(statistics_url(), {**grid, "save": "1"}).status_code == 302
    values = Submission.objects.get().data["values"]
    assert values[str(experts.pk)]["2020"] == 12 and values[str(amount.pk)]["2019"] == "12.5"
    assert 'value="12"' in client.get(statistics_url()).content.decode()


def test_the_excel_template_round_trip_with_a_bad_cell(client, guangdong, frozen):
    client.force_login(guangdong)
    response = client.get(
        reverse(
            "submissions:statistics_template", args=[requirement("cases_national", "statistics").pk]
        )
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][4:] == [2018, 2019, 2020, 2021, 2022]
    assert sheet.column_dimensions["A"].hidden
    assert sheet.data_validations.dataValidation  # Excel refuses "十二" as the unit types
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    for row in rows.values():
        for cell in row[4:9]:
            cell.value = 5
    rows["引进外国专家人数"][6].value = "十二"  # G3: 2020
    rows["达成合作项目数"][5].value = 3.5  # F5: 2019
    rows["合作项目金额"][8].value = 1234.56
    buffer = io.BytesIO()
    workbook.save(buffer)
    typed = {f"v{metric('events').pk}_2018": "7"}

    bad = client.post(
        statistics_url(),
        {**typed, "upload": "1", "workbook": upload("统计.xlsx", buffer.getvalue())},
    )
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "Excel 文件中有 2 处错误，未保存任何内容" in page
    assert "2020年 · 引进外国专家人数：“十二”不是整数（单元格 G3）" in page
    assert "2019年 · 达成合作项目数：“3.5”不是整数（单元格 F5）" in page
    assert 'value="7"' in page  # what was typed in the browser is still there
    assert not Submission.objects.exists()

    rows["引进外国专家人数"][6].value = 12
    rows["达成合作项目数"][5].value = 3
    buffer = io.BytesIO()
    workbook.save(buffer)
    good = client.post(
        statistics_url(), {"upload": "1", "workbook": upload("统计.xlsx", buffer.getvalue())}
    )
    assert good.status_code == 302
    values = Submission.objects.get().data["values"]
    assert values[str(metric("foreign_experts").pk)]["2020"] == 12
    assert values[str(metric("project_amount").pk)]["2022"] == "1234.56"
    again = client.get(
        reverse(
            "submissions:statistics_template", args=[requirement("cases_national", "statistics").pk]
        )
    )
    refilled = openpyxl.load_workbook(io.BytesIO(again.content)).worksheets[0]
    assert refilled["G3"].value == 12 and refilled["B3"].value == "引进外国专家人数"


def test_a_workbook_that_is_not_the_template_is_refused_with_its_problems(
    client, guangdong, frozen
):
    client.force_login(guangdong)
    wrong = media.xlsx([["指标", "2018年", "2019年"], ["不存在的指标", 1, 2]])
    response = client.post(statistics_url(), {"upload": "1", "workbook": upload("x.xlsx", wrong)})
    page = response.content.decode()
    assert "第 1 行缺少 2020 年的列，请使用平台下载的模板。" in page
    assert "第 2 行的指标“不存在的指标”不在本次统计表中" in page
    csv = client.post(
        statistics_url(), {"upload": "1", "workbook": upload("x.xlsx", b"a,b\n1,2\n")}
    )
    assert "文件实际类型为 纯文本，此处只接受 Excel 工作簿（xlsx）" in csv.content.decode()
    assert not Submission.objects.exists()


def test_one_statistics_table_per_unit_and_none_after_acceptance(client, guangdong, frozen):
    client.force_login(guangdong)
    client.post(statistics_url(), {**full_grid("1"), "save": "1"})
    client.post(statistics_url(), {**full_grid("2"), "save": "1"})
    item = Submission.objects.get()
    assert item.data["values"][str(metric("events").pk)]["2018"] == 2
    Submission.objects.update(status=SubmissionStatus.ACCEPTED)
    page = client.get(statistics_url()).content.decode()
    assert "状态为“已采用”，不能再修改。" in page
    refused = client.post(statistics_url(), {**full_grid("3"), "save": "1"})
    assert refused.status_code == 400
    assert Submission.objects.get().data["values"][str(metric("events").pk)]["2018"] == 2


def test_the_dashboard_links_to_the_case_page_and_the_grid(client, nanshan, frozen):
    client.force_login(nanshan)
    page = client.get(reverse("submissions:dashboard")).content.decode()
    case = reverse("submissions:requirement", args=[requirement("cases_shenzhen", "case_study").pk])
    assert f'href="{case}"' in page
    assert f'href="{statistics_url("cases_shenzhen")}"' in page


# --- Isolation ------------------------------------------------------------------------------------


def test_units_see_only_their_own_cases_and_statistics(client, guangdong, beijing, nanshan, frozen):
    client.force_login(guangdong)
    case = post_case(client, answer_background="广东的案例")
    grid = full_grid("1")
    grid[f"v{metric('foreign_experts').pk}_2021"] = "4321"
    client.post(statistics_url(), {**grid, "save": "1"})
    statistics = Submission.objects.get(requirement__kind="statistics")

    client.force_login(beijing)
    assert client.get(case.url).status_code == 404
    assert client.get(reverse("submissions:item", args=[statistics.pk])).status_code == 404
    own = client.get(statistics_url()).content.decode()
    assert "4321" not in own
    template = client.get(
        reverse(
            "submissions:statistics_template", args=[requirement("cases_national", "statistics").pk]
        )
    )
    values = [
        c.value
        for row in openpyxl.load_workbook(io.BytesIO(template.content))
        .worksheets[0]
        .iter_rows(min_row=2)
        for c in row[4:]
    ]
    assert set(values) == {None}
    assert (
        "广东的案例"
        not in client.get(case_url("cases_national", "region").split("?")[0]).content.decode()
    )

    client.force_login(nanshan)  # a Shenzhen district is not asked by the national call
    assert client.get(case_url("cases_national", "institution")).status_code == 404
    assert client.get(statistics_url()).status_code == 404
    client.force_login(guangdong)  # nor a province by the Shenzhen call
    assert client.get(statistics_url("cases_shenzhen")).status_code == 404


# --- The report material --------------------------------------------------------------------------


def make_case(
    user, category: str, title: str, answers: dict, *, call="cases_national", uploads=None
):
    req = requirement(call, "case_study")
    return create_case(
        requirement=req,
        category=req.case_categories.get(code=category),
        unit=user.unit,
        by=user,
        case=CaseInput(
            title=title,
            year_from=2018,
            year_to=2020,
            interview=True,
            answers=answers,
            uploads=uploads or {},
        ),
    )


def test_the_report_files_open_and_hold_what_was_accepted(
    client, guangdong, beijing, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        word_case = make_case(
            beijing,
            "institution",
            "北京某研究院",
            {},
            uploads={
                "main": [upload("案例.docx", media.docx(["正文段落"], tables=[[["表格里的成效"]]]))]
            },
        )
    accepted = [
        make_case(guangdong, "talent", "广东的人才", {"experience": "海外归来的张教授"}),
        make_case(guangdong, "region", "广东的地区", {"effects": "带动就业"}),
        make_case(beijing, "region", "北京的地区", {"talent_overview": "北京人才概况"}),
        word_case,
    ]
    make_case(guangdong, "institution", "未采用的案例", {"background": "不应出现"})
    Submission.objects.filter(pk__in=[c.pk for c in accepted]).update(
        status=SubmissionStatus.ACCEPTED
    )
    call = requirement("cases_national", "case_study").call
    document = python_docx.Document(io.BytesIO(cases_report_docx(call)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "典型地区"),
        ("Heading 2", "北京市"),
        ("Heading 3", "北京的地区"),
        ("Heading 2", "广东省"),
        ("Heading 3", "广东的地区"),
        ("Heading 1", "典型机构"),
        ("Heading 2", "北京市"),
        ("Heading 3", "北京某研究院"),
        ("Heading 1", "典型人才"),
        ("Heading 2", "广东省"),
        ("Heading 3", "广东的人才"),
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "海外归来的张教授" in text and "表格里的成效" in text
    assert "报送单位：广东省科学技术厅；所涉年份：2018—2020年；欢迎实地采访" in text
    assert "不应出现" not in text and "未采用的案例" not in text

    req = requirement("cases_national", "statistics")
    experts = metric("foreign_experts")
    for user, value in ((guangdong, "12"), (beijing, "30")):
        cells = {(m.pk, y): "1" for m in req.metrics.all() for y in req.years}
        cells[(experts.pk, 2020)] = value
        cells[(metric("project_amount").pk, 2022)] = "0.25"
        save_statistics(requirement=req, unit=user.unit, by=user, cells=cells)
    Submission.objects.filter(requirement=req).update(status=SubmissionStatus.ACCEPTED)
    other = UserFactory(unit__kind=Unit.Kind.ENTERPRISE)
    cells = {(m.pk, y): "1000" for m in req.metrics.all() for y in req.years}
    save_statistics(requirement=req, unit=other.unit, by=other, cells=cells)  # not accepted

    workbook = openpyxl.load_workbook(io.BytesIO(statistics_workbook(call)))
    totals = {row[0]: row for row in workbook["合计"].iter_rows(min_row=2, values_only=True)}
    assert totals["引进外国专家人数"][2:8] == (2, 2, 42, 2, 2, 50)  # 2018…2022, total
    assert totals["引进外国专家人数"][8] == 2  # units reporting
    assert Decimal(str(totals["合作项目金额"][6])) == Decimal("0.5")
    units = {row[0] for row in workbook["各单位"].iter_rows(min_row=2, values_only=True)}
    assert units == {"广东省科学技术厅", "北京市科学技术委员会"}


def test_the_committee_downloads_the_report_files_from_the_admin(client, guangdong):
    organizer = UserFactory(is_staff=True, is_superuser=True, unit=None)
    client.force_login(organizer)
    changelist = client.get(reverse("admin:achievements_reportcall_changelist")).content.decode()
    call = requirement("cases_national", "case_study").call
    cases = reverse("admin:achievements_reportcall_cases", args=[call.pk])
    assert cases in changelist and "成果案例征集（全国）" in changelist
    response = client.get(cases)
    assert response.status_code == 200
    python_docx.Document(io.BytesIO(response.content))  # opens
    workbook = client.get(reverse("admin:achievements_reportcall_statistics", args=[call.pk]))
    assert openpyxl.load_workbook(io.BytesIO(workbook.content)).sheetnames == ["合计", "各单位"]
    client.force_login(guangdong)
    assert client.get(cases).status_code == 302  # to the admin login: not for units


def test_the_demo_edition_copies_years_categories_and_metrics(ciep21):
    from datetime import date

    from notices.seed.demo import load_demo

    demo = load_demo(today=date(2026, 11, 22)).edition
    copy = Requirement.objects.get(
        call__edition=demo, call__code="cases_shenzhen", code="case_study"
    )
    assert (copy.year_from, copy.year_to) == (2007, 2022)
    assert copy.case_categories.first().title_zh == "本区情况"
    assert copy.case_categories.get(code="talent").prompts.count() == 3
    statistics = Requirement.objects.get(
        call__edition=demo, call__code="cases_shenzhen", code="statistics"
    )
    assert statistics.years == [2018, 2019, 2020, 2021, 2022] and statistics.metrics.count() == 6


def test_the_statistics_grid_in_english_gives_units_and_guidance_in_english(
    client, guangdong, frozen
):
    client.force_login(guangdong)
    client.cookies["django_language"] = "en"
    url = reverse("submissions:statistics", args=[requirement("cases_national", "statistics").pk])
    page = client.get(url).content.decode()
    assert "Amount of cooperation projects (10,000 yuan)" in page
    assert "The signed amount, in units of 10,000 yuan; decimals allowed." in page
    # Counts need no unit in English: not "Institutions attending or exhibiting（个）".
    assert "Institutions attending or exhibiting<" in page.replace("\n", "").replace(" <", "<")
    assert "（个）" not in page and "按签约金额统计" not in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(url).content.decode()
    assert "合作项目金额（万元）" in page and "按签约金额统计，单位万元，可带小数。" in page
