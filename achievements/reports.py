"""The raw material of the 《中国国际人才交流大会成效研究报告》 from one call: a Word document of
every accepted case, grouped by category and region, and an Excel workbook of every unit's
accepted statistics with the totals per metric and year.
"""

import io
import logging
from collections import defaultdict
from decimal import Decimal
from itertools import groupby

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Cm
from openpyxl.styles import Font

from achievements.selectors import (
    accepted_cases,
    accepted_statistics,
    case_view,
    categories_by_code,
    metrics_of,
    region_name,
    stored_value,
)
from ciep_portal.spreadsheets import new_workbook, workbook_bytes
from inspection.documents import read_word
from inspection.errors import MediaError
from submissions.kinds import MaterialKind
from submissions.models import Call, MaterialFile, Submission
from submissions.models.files import FileRole

logger = logging.getLogger(__name__)

PICTURE_TYPES = frozenset({"jpeg", "png", "bmp", "tiff"})  # those python-docx can embed
PICTURE_WIDTH = Cm(14)


def _save(document_or_workbook) -> bytes:
    buffer = io.BytesIO()
    document_or_workbook.save(buffer)
    return buffer.getvalue()


# --- 案例汇编 (Word) ---------------------------------------------------------------------------


def cases_report_docx(call: Call) -> bytes:
    """Every accepted case of ``call``: category, then region, then unit; typed points, the
    text of an uploaded Word file, and the pictures."""
    document = docx.Document()
    document.add_heading(_("《中国国际人才交流大会成效研究报告》案例素材"), level=0)
    cases = accepted_cases(call)
    generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    document.add_paragraph(
        _("%(call)s · 已采用案例 %(n)s 个 · 生成于 %(at)s")
        % {"call": call.title, "n": len(cases), "at": generated}
    )
    categories = {}
    for item in cases:
        if item.requirement_id not in categories:
            categories[item.requirement_id] = categories_by_code(item.requirement)
    views = {item.pk: case_view(item, categories[item.requirement_id]) for item in cases}
    for category_title, in_category in groupby(cases, key=lambda i: _category_title(views[i.pk])):
        document.add_heading(category_title, level=1)
        for region, in_region in groupby(in_category, key=lambda i: region_name(i.unit)):
            document.add_heading(region, level=2)
            for item in in_region:
                _add_case(document, item, views[item.pk])
    return _save(document)


def _category_title(view) -> str:
    return view.category.title if view.category else _("未分类")


def _add_case(document, item: Submission, view) -> None:
    document.add_heading(item.title, level=3)
    interview = _("欢迎实地采访") if view.interview else _("暂不安排采访")
    document.add_paragraph(
        _("报送单位：%(unit)s；所涉年份：%(years)s；%(interview)s")
        % {"unit": item.unit.name_zh, "years": view.years, "interview": interview}
    )
    for label, text in view.answers:
        document.add_paragraph().add_run(label).bold = True
        for line in text.splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
    files = [f for f in item.files.all() if f.is_current]
    for material in (f for f in files if f.role == FileRole.MAIN):
        _add_word_text(document, material)
    for material in (f for f in files if f.role == FileRole.PHOTO):
        _add_picture(document, material)


def _add_word_text(document, material: MaterialFile) -> None:
    document.add_paragraph().add_run(
        _("单位上传的 Word 文件《%(name)s》：") % {"name": material.original_name}
    ).bold = True
    try:
        with material.file.open("rb") as handle:
            word = read_word(handle, material.detected_type)
    except (MediaError, OSError) as error:
        logger.warning("report: file %s unreadable: %r", material.pk, error)
        word = None
    if word is None:
        document.add_paragraph(_("（文件无法读取，请从平台下载原文件。）"))
        return
    for line in word.text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())


def _add_picture(document, material: MaterialFile) -> None:
    if material.detected_type in PICTURE_TYPES:
        try:
            with material.file.open("rb") as handle:
                document.add_picture(handle, width=PICTURE_WIDTH)
            document.add_paragraph().add_run(material.original_name).italic = True
            return
        # Whatever python-docx cannot embed (an odd TIFF, a damaged file) is listed instead.
        except Exception as error:
            logger.warning("report: picture %s not embedded: %r", material.pk, error)
    document.add_paragraph(_("图片：%(name)s（请从平台下载）") % {"name": material.original_name})


# --- 成果统计汇总 (Excel) ------------------------------------------------------------------------


def statistics_workbook(call: Call) -> bytes:
    """Totals per metric and year, and every unit's accepted values, one sheet each."""
    workbook = new_workbook()
    totals_sheet = workbook.active
    totals_sheet.title = _("合计")
    units_sheet = workbook.create_sheet(_("各单位"))
    items = accepted_statistics(call)
    for requirement in call.requirements.filter(kind=MaterialKind.STATISTICS).order_by("order"):
        own = [i for i in items if i.requirement_id == requirement.pk]
        _write_totals(totals_sheet, requirement, own)
        _write_units(units_sheet, requirement, own)
    note = _("仅含已采用的成果统计，共 %(n)s 个单位；生成于 %(at)s。") % {
        "n": len({i.unit_id for i in items}),
        "at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    totals_sheet.append([])
    totals_sheet.append([note])
    return workbook_bytes(workbook)


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def _header(sheet, cells: list) -> None:
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _write_totals(sheet, requirement, items: list[Submission]) -> None:
    years = requirement.years
    _header(sheet, [_("指标"), _("计量单位"), *years, _("合计"), _("填报单位数")])
    for metric in metrics_of(requirement):
        sums: dict[int, Decimal] = defaultdict(Decimal)
        reporting = set()
        for item in items:
            for year in years:
                value = stored_value(item.data, metric.pk, year)
                if value is not None:
                    sums[year] += Decimal(value)
                    reporting.add(item.unit_id)
        row = [_number(sums[y]) if y in sums else 0 for y in years]
        sheet.append(
            [metric.name_zh, metric.unit_of_measure, *row, _number(sum(sums.values(), Decimal()))]
            + [len(reporting)]
        )
    sheet.column_dimensions["A"].width = 32


def _write_units(sheet, requirement, items: list[Submission]) -> None:
    years = requirement.years
    _header(sheet, [_("单位"), _("地区"), _("指标"), _("计量单位"), *years])
    metrics = metrics_of(requirement)
    for item in items:
        for metric in metrics:
            values = [_number(stored_value(item.data, metric.pk, y)) for y in years]
            sheet.append(
                [
                    item.unit.name_zh,
                    region_name(item.unit),
                    metric.name_zh,
                    metric.unit_of_measure,
                    *values,
                ]
            )
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["C"].width = 28
