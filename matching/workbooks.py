"""The 《中国国际人才交流大会供需信息征集表》 as an Excel workbook: the template units download
and fill (or send by e-mail), and reading it back into rows of text by column title.

Columns are found by their title in the header row, so a table whose columns were moved, or
a plain list of units with only the unit columns, reads the same. Values are judged in
``matching.services.tables``.
"""

import io
import warnings
import zipfile

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ciep_portal.spreadsheets import safe_cell
from matching.kinds import ItemKind
from matching.models import Sector

TITLE = "中国国际人才交流大会供需信息征集表"
# (column title, width, required in a unit's table); titles are the table's words, in Chinese
# like the notice's table, whatever the page's language.
UNIT_COLUMNS = (("单位名称", 28), ("联系人", 10), ("联系电话", 16), ("联系邮箱", 26))
ITEM_COLUMNS = (
    ("类别", 10),
    ("标题（中文）", 28),
    ("标题（英文）", 32),
    ("简介（中文）", 40),
    ("简介（英文）", 40),
    ("领域", 16),
    ("地区", 10),
    ("可提供", 24),
    ("寻求", 24),
    ("合作条件或预算", 20),
    ("截止日期", 12),
    ("不公开", 8),
)
COLUMNS = ("序号",) + tuple(c for c, _w in UNIT_COLUMNS + ITEM_COLUMNS)
HEADER_ROW = 2
MAX_ROWS, MAX_COLUMNS = 2000, 40
TEMPLATE_ROWS = 200
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
YES, NO = "是", "否"


def collection_template(*, unit=None, rows=()) -> bytes:
    """The 征集表, with the unit's name and contact filled in when ``unit`` is given."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "征集表"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(list(COLUMNS))
    for cell in sheet[HEADER_ROW]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *(safe_cell(row.get(c, "")) for c in COLUMNS[1:])])
    if unit is not None and not rows:
        sheet.append([1, safe_cell(unit.name_zh)])
    for index, (_title, width) in enumerate((("序号", 6),) + UNIT_COLUMNS + ITEM_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    _choices(book, sheet)
    _instructions(book.create_sheet("填写说明"), unit)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column(title: str) -> str:
    return get_column_letter(COLUMNS.index(title) + 1)


def _choices(book, sheet) -> None:
    """Drop-down lists for 类别, 领域 and 不公开, from a sheet of the current choices."""
    lists = book.create_sheet("可选值")
    kinds = [str(k.label) for k in ItemKind]
    sectors = list(Sector.objects.filter(is_active=True).values_list("name_zh", flat=True))
    for row, value in enumerate(kinds, 1):
        lists.cell(row, 1, value)
    for row, value in enumerate(sectors, 1):
        lists.cell(row, 2, value)
    lists.cell(1, 3, YES)
    lists.cell(2, 3, NO)
    lists.sheet_state = "hidden"
    first, last = HEADER_ROW + 1, HEADER_ROW + TEMPLATE_ROWS
    for title, formula in (
        ("类别", f"'可选值'!$A$1:$A${len(kinds)}"),
        ("领域", f"'可选值'!$B$1:$B${max(len(sectors), 1)}"),
        ("不公开", "'可选值'!$C$1:$C$2"),
    ):
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = _("请从下拉列表中选择。")
        validation.showErrorMessage = True
        validation.add(f"{_column(title)}{first}:{_column(title)}{last}")
        sheet.add_data_validation(validation)
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
    dates.error = _("请填写日期，例如 2026-12-31。")
    dates.showErrorMessage = True
    dates.add(f"{_column('截止日期')}{first}:{_column('截止日期')}{last}")
    sheet.add_data_validation(dates)


def _instructions(sheet, unit) -> None:
    lines = [
        TITLE,
        _("填报单位：%(unit)s") % {"unit": unit.name_zh} if unit is not None else "",
        _("每行一条供需信息。类别：项目合作、技术需求、资金、人才需求；领域从下拉列表中选择。"),
        _("标题和简介须有中文和英文（英文用于面向海外发布）。"),
        _("联系人、联系电话、联系邮箱不会公开，仅供组委会和对接时使用。"),
        _("不便公开发布但需要大会提供服务的，请在“不公开”列填“是”，组委会将另行协助对接。"),
        _("截止日期为日期格式（如 2026-12-31），可不填。"),
        _("请不要修改第 2 行的列标题。填好后在平台“项目对接”页面上传，或发送至大会指定邮箱。"),
    ]
    for line in filter(None, lines):
        sheet.append([line])
    sheet.column_dimensions["A"].width = 100


def read_table(fileobj) -> list[tuple[int, dict]]:
    """Each filled row as (row number, {column title: value}); raises ``ValidationError`` for
    a file that is not a workbook or has no header row."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops; only values are read.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
            try:
                rows = list(
                    book.worksheets[0].iter_rows(
                        max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True
                    )
                )
            finally:
                book.close()
    except (KeyError, ValueError, TypeError, IndexError, OSError, zipfile.BadZipFile) as error:
        raise ValidationError(
            _("Excel 文件无法读取（%(reason)s），请使用平台下载的征集表（.xlsx）。")
            % {"reason": type(error).__name__},
            code="workbook_undecodable",
        ) from error
    header = next(
        (i for i, r in enumerate(rows[:10]) if "单位名称" in _texts(r) or "类别" in _texts(r)),
        None,
    )
    if header is None:
        raise ValidationError(
            _("没有找到列标题行（需含“单位名称”或“类别”等列），请使用平台下载的征集表。"),
            code="no_header",
        )
    titles = _texts(rows[header])
    found = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        values = {t: v for t, v in zip(titles, row, strict=False) if t and t != "序号"}
        if _has_content(values):
            found.append((number, values))
    return found


def _texts(row) -> list[str]:
    return [str(c).strip() if c is not None else "" for c in (row or ())]


def _has_content(values: dict) -> bool:
    # A row holding only the unit's name (as the template is handed out) is no item.
    return any(v is not None and str(v).strip() for t, v in values.items() if t != "单位名称")
