"""The achievement statistics table (成果统计表) as an Excel workbook: the template a unit
downloads and fills in, and reading it back.

Metrics are rows and years are columns; the hidden column A holds each metric's id, so a row
is found again even if the unit renames or moves it. Reading collects each cell with its
address ("F3") and judges nothing: ``services.statistics`` parses the values, for the browser
grid and the workbook alike.
"""

import re
import warnings
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from achievements.models import StatisticMetric
from achievements.selectors import metrics_of, stored_value
from ciep_portal.spreadsheets import new_workbook, workbook_bytes
from submissions.models import Requirement

ID_COLUMN, NAME_COLUMN, FIRST_YEAR_COLUMN = 1, 2, 5
MAX_ROWS, MAX_COLUMNS = 500, 60
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")


def metric_type_label(metric: StatisticMetric) -> str:
    return str(metric.get_value_type_display())


def statistics_template(requirement: Requirement, *, unit_name: str = "", data=None) -> bytes:
    """The table for ``requirement``, with the unit's stored values when ``data`` is given."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("成果统计")
    years = requirement.years
    headers = [_("编号"), _("指标"), _("计量单位"), _("必填"), *years]
    sheet.append(headers)
    for metric in metrics_of(requirement):
        values = [stored_value(data or {}, metric.pk, year) for year in years]
        sheet.append(
            [
                metric.pk,
                metric.name_zh,
                metric.unit_of_measure,
                _("是") if metric.required else _("否"),
                *[float(v) if v is not None and not isinstance(v, int) else v for v in values],
            ]
        )
        row = sheet.max_row
        if metric.help_text:
            sheet.cell(row, NAME_COLUMN).comment = Comment(metric.help_text, "CIEP")
        _validate_row(sheet, metric, row, len(years))
    _style(sheet, len(years))
    _instructions(workbook.create_sheet(_("填写说明")), requirement, unit_name)
    return workbook_bytes(workbook)


def _validate_row(sheet, metric: StatisticMetric, row: int, year_count: int) -> None:
    integer = metric.value_type == StatisticMetric.ValueType.INTEGER
    validation = DataValidation(
        type="whole" if integer else "decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=metric.name_zh[:32],
        error=_("请填写不小于 0 的整数。") if integer else _("请填写不小于 0 的数字。"),
    )
    first = get_column_letter(FIRST_YEAR_COLUMN)
    last = get_column_letter(FIRST_YEAR_COLUMN + year_count - 1)
    validation.add(f"{first}{row}:{last}{row}")
    sheet.add_data_validation(validation)


def _style(sheet, year_count: int) -> None:
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 12
    sheet.column_dimensions["D"].width = 8
    for index in range(year_count):
        sheet.column_dimensions[get_column_letter(FIRST_YEAR_COLUMN + index)].width = 12
    sheet.freeze_panes = sheet.cell(2, FIRST_YEAR_COLUMN)


def _instructions(sheet, requirement: Requirement, unit_name: str) -> None:
    years = requirement.years
    lines = [
        requirement.call.title,
        requirement.title,
        _("填报单位：%(unit)s") % {"unit": unit_name} if unit_name else "",
        _("统计范围：%(first)s—%(last)s年，每个指标按年份分别填写。")
        % {"first": years[0], "last": years[-1]}
        if years
        else "",
        _("请在“成果统计”工作表的年份列填写数字，不要修改第 1 行、隐藏的 A 列和指标名称。"),
        _("没有发生的请填 0；非必填指标没有数据可以留空。"),
        _("填好后在平台“成果统计”页面上传本文件；有错误的单元格会逐一列出，修改后重新上传。"),
    ]
    for line in filter(None, lines):
        sheet.append([line])
    sheet.column_dimensions["A"].width = 100


# --- Reading a filled-in table back --------------------------------------------------------------


@dataclass
class SheetCells:
    """The year cells found for each metric: raw values and their addresses."""

    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    refs: dict[tuple[int, int], str] = field(default_factory=dict)


def read_statistics_sheet(requirement: Requirement, fileobj) -> SheetCells:
    """The year cells of the first worksheet, by (metric id, year).

    Raises ``ValidationError`` listing every problem of the table's layout (a missing year
    column, a row that is no metric of this table); values are not judged here.
    """
    try:
        rows = _rows(fileobj)
    except (KeyError, ValueError, TypeError, IndexError, OSError, zipfile.BadZipFile) as error:
        raise ValidationError(
            _("Excel 文件无法读取（%(reason)s），请重新下载模板填写后上传。")
            % {"reason": type(error).__name__},
            code="workbook_undecodable",
        ) from error
    return _cells(requirement, rows)


def _rows(fileobj) -> list[tuple]:
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it drops (extensions, printer settings);
        # only the cell values are read, so those warnings say nothing about them.
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return list(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True))
        finally:
            workbook.close()


def _cells(requirement: Requirement, rows: list[tuple]) -> SheetCells:
    errors: list[str] = []
    columns = _year_columns(rows[0] if rows else (), requirement.years, errors)
    metrics = metrics_of(requirement)
    by_id = {m.pk: m for m in metrics}
    by_name = {m.name_zh.strip(): m for m in metrics} | {m.label.strip(): m for m in metrics}
    found, seen = SheetCells(), {}
    for number, row in enumerate(rows[1:], start=2):
        metric = _row_metric(row, by_id, by_name)
        year_values = [row[c - 1] if c - 1 < len(row) else None for c in columns.values()]
        if metric is None:
            if _has_content(row[1:2]) or _has_content(year_values):
                errors.append(
                    _("第 %(row)s 行的指标“%(name)s”不在本次统计表中，请使用平台下载的模板。")
                    % {"row": number, "name": _row_label(row)}
                )
            continue
        if metric.pk in seen:
            errors.append(
                _("第 %(row)s 行与第 %(first)s 行是同一指标“%(name)s”，请只保留一行。")
                % {"row": number, "first": seen[metric.pk], "name": metric.name}
            )
            continue
        seen[metric.pk] = number
        for year, column in columns.items():
            key = (metric.pk, year)
            found.cells[key] = row[column - 1] if column - 1 < len(row) else None
            found.refs[key] = f"{get_column_letter(column)}{number}"
    if errors:
        raise ValidationError(errors, code="statistics_layout")
    return found


def _year_columns(header: tuple, years: list[int], errors: list[str]) -> dict[int, int]:
    columns = {}
    for index, value in enumerate(header, start=1):
        year = value if isinstance(value, int) else None
        if isinstance(value, str) and _YEAR.match(value):
            year = int(_YEAR.match(value).group(1))
        if year in years and year not in columns:
            columns[year] = index
    for year in years:
        if year not in columns:
            errors.append(_("第 1 行缺少 %(year)s 年的列，请使用平台下载的模板。") % {"year": year})
    return columns


def _row_metric(row: tuple, by_id: dict, by_name: dict) -> StatisticMetric | None:
    raw_id = row[ID_COLUMN - 1] if row else None
    if isinstance(raw_id, float) and raw_id.is_integer():
        raw_id = int(raw_id)
    if isinstance(raw_id, str) and raw_id.strip().isdigit():
        raw_id = int(raw_id.strip())
    if isinstance(raw_id, int) and raw_id in by_id:
        return by_id[raw_id]
    name = row[NAME_COLUMN - 1] if len(row) >= NAME_COLUMN else None
    return by_name.get(name.strip()) if isinstance(name, str) else None


def _row_label(row: tuple) -> str:
    """What names the row for a person: its first text among the columns before the years."""
    texts = [v.strip() for v in row[: FIRST_YEAR_COLUMN - 1] if isinstance(v, str) and v.strip()]
    return texts[0] if texts else ""


def _has_content(values) -> bool:
    return any(v is not None and str(v).strip() for v in values)
