"""The liaison list in the layout of 附件4 (宣传联络员信息表): export, and import with per-row
errors. An import with any error saves nothing and reports every bad row."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from ciep_portal.spreadsheets import FORMULA_STARTS, new_workbook, workbook_bytes
from inspection.documents import check_office_package
from inspection.errors import MediaError
from inspection.messages import MESSAGES
from units.models import Liaison, Unit

COLUMNS = ["序号", "单位", "姓名", "职务", "手机", "办公电话", "邮箱", "微信号"]
FIELDS = ["name", "position", "mobile", "office_phone", "email", "wechat_id"]
TITLE = "宣传联络员信息表"
# What a well-formed but hostile package is refused for; anything else is "not a workbook".
UNSAFE_PACKAGE = {"document_unsafe_xml", "document_macro", "zip_bomb"}


def column_meanings() -> list[tuple[str, str]]:
    """The header cells a liaison workbook must have (Chinese in every language), each with its
    meaning in the reader's language, for the import page."""
    meanings = [Unit._meta.verbose_name] + [Liaison._meta.get_field(f).verbose_name for f in FIELDS]
    return [(column, str(meaning)) for column, meaning in zip(COLUMNS[1:], meanings, strict=True)]


def export_liaisons(liaisons, *, title: str = TITLE) -> bytes:
    book = new_workbook()
    sheet = book.active
    sheet.title = TITLE
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, liaison in enumerate(liaisons.select_related("unit"), start=1):
        values = [number, liaison.unit.name_zh, *(getattr(liaison, f) for f in FIELDS)]
        sheet.append(values)
    for letter, width in zip("ABCDEFGH", (6, 32, 10, 16, 14, 16, 26, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(book)


@dataclass
class ImportResult:
    created: int
    errors: list[str]
    updated: int = 0


def cell_text(value) -> str:
    """A cell as text, without the apostrophe ``safe_cell`` put before a formula-like value
    on export: an exported list imported again reads as it was entered."""
    text = str(value).strip() if value is not None else ""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def import_liaisons(fileobj) -> ImportResult:
    """Rows under the 附件4 header; the unit is found by its exact Chinese name.

    The package is checked before openpyxl parses any of it, as the statistics upload is: a
    DOCTYPE or ENTITY in any part (internal or external entities, "billion laughs"), macros or
    a zip bomb refuse the whole file with its name."""
    name = getattr(fileobj, "name", "") or _("所选文件")
    try:
        check_office_package(fileobj)
    except MediaError as exc:
        if exc.code not in UNSAFE_PACKAGE:
            raise ValidationError(_("无法读取该文件，请上传 .xlsx 格式的联络员信息表。")) from None
        raise ValidationError(
            _("“%(name)s”：%(problem)s") % {"name": name, "problem": MESSAGES[exc.code]},
            code=exc.code,
        ) from None
    try:
        sheet = load_workbook(fileobj, read_only=True, data_only=True).active
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("无法读取该文件，请上传 .xlsx 格式的联络员信息表。")) from None
    rows = list(sheet.iter_rows(values_only=True))
    header = next(
        (i for i, r in enumerate(rows) if r and "姓名" in [str(c or "") for c in r]), None
    )
    if header is None:
        raise ValidationError(_("没有找到表头（需含“单位”“姓名”等列）。"))
    names = [str(c or "").strip() for c in rows[header]]
    units = {u.name_zh: u for u in Unit.objects.all()}
    liaisons, errors = [], []
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        values = dict(zip(names, [cell_text(c) for c in row], strict=False))
        if not any(values.get(c) for c in COLUMNS[1:]):
            continue
        liaison, problems = _liaison(values, units)
        errors.extend(
            _("第 %(row)s 行：%(problem)s") % {"row": offset, "problem": p} for p in problems
        )
        if liaison is not None:
            liaisons.append(liaison)
    if errors:
        return ImportResult(0, errors)
    created = updated = 0
    with transaction.atomic():
        for liaison in liaisons:
            existing = _existing(liaison)
            if existing is None:
                liaison.save()
                created += 1
            else:
                for name in FIELDS:
                    setattr(existing, name, getattr(liaison, name))
                existing.save()
                updated += 1
    return ImportResult(created, [], updated)


def _existing(liaison: Liaison) -> Liaison | None:
    """The unit's liaison a row stands for: the same mobile number, else the same name. A
    list exported and imported again updates its rows instead of adding them twice."""
    same_unit = Liaison.objects.select_for_update().filter(unit=liaison.unit)
    return (
        same_unit.filter(mobile=liaison.mobile).first()
        or same_unit.filter(name=liaison.name).first()
    )


def _liaison(values: dict, units: dict) -> tuple[Liaison | None, list[str]]:
    unit = units.get(values.get("单位", ""))
    if unit is None:
        return None, [_("单位“%(name)s”不存在") % {"name": values.get("单位", "")}]
    liaison = Liaison(
        unit=unit, **{f: values.get(c, "") for f, c in zip(FIELDS, COLUMNS[2:], strict=True)}
    )
    try:
        liaison.full_clean(exclude=["unit"])
    except ValidationError as exc:
        return None, [
            f"{Liaison._meta.get_field(name).verbose_name}：{'；'.join(messages)}"
            for name, messages in exc.message_dict.items()
        ]
    return liaison, []
