"""Excel exports for the committee: the exhibitor list and each hall's booth plan.

Written by the portal's one writer (``ciep_portal.spreadsheets.workbook_bytes``): a name typed
by an exhibitor can never run as a formula on an organizer's machine.
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ciep_portal.spreadsheets import new_workbook, workbook_bytes

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet titles may not contain these, and are at most 31 characters.
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet(workbook, title: str, header: list[str], rows) -> None:
    sheet = workbook.create_sheet(title.translate(SHEET_FORBIDDEN)[:31])
    sheet.append([str(h) for h in header])
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, title_text in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(title_text)) * 2)


def exhibitor_list(applications) -> bytes:
    """One row per application: who, where, what they asked for, state, booths and money."""
    workbook = new_workbook(empty=True)
    header = [
        _("单位名称"),
        _("英文名称"),
        _("单位类别"),
        _("所属省市"),
        _("统一社会信用代码"),
        _("联系人"),
        _("联系人手机"),
        _("联系人邮箱"),
        _("展馆"),
        _("展区"),
        _("展览板块"),
        _("区域"),
        _("申请展位"),
        _("人才招聘台"),
        _("状态"),
        _("分配展位"),
        _("应缴费用（元）"),
        _("已缴（元）"),
    ]
    rows = []
    applications = applications.select_related(
        "unit__region", "hall", "zone", "board"
    ).prefetch_related("assignments__booth", "payments")
    for application in applications:
        unit = application.unit
        booths = ", ".join(a.booth.number for a in application.assignments.all())
        paid = sum((p.amount for p in application.payments.all()), 0)
        rows.append(
            [
                unit.name_zh,
                unit.name_en,
                unit.get_kind_display(),
                unit.region.name if unit.region else "",
                unit.uscc,
                unit.contact_name,
                unit.contact_mobile,
                unit.contact_email,
                str(application.hall),
                str(application.zone or ""),
                str(application.board or ""),
                application.get_area_display(),
                application.requested_size,
                _("是") if application.wants_recruitment_desk else _("否"),
                application.get_status_display(),
                booths,
                float(application.fee),
                float(paid),
            ]
        )
    _sheet(workbook, _("参展单位"), header, rows)
    return workbook_bytes(workbook)


def booth_plan(booths) -> bytes:
    """One sheet per hall: every booth, its size and fee, and who holds it."""
    workbook = new_workbook(empty=True)
    by_hall = defaultdict(list)
    booths = booths.select_related("hall", "zone", "assignment__application__unit")
    for booth in booths.order_by("hall__number", "number"):
        by_hall[booth.hall].append(booth)
    header = [
        _("展位号"),
        _("展区"),
        _("类型"),
        _("面积（平方米）"),
        _("费用（元）"),
        _("参展单位"),
        _("状态"),
    ]
    for hall, hall_booths in by_hall.items():
        rows = [_booth_row(booth) for booth in hall_booths]
        _sheet(workbook, f"{hall.number} {hall.name}", header, rows)
    if not by_hall:
        _sheet(workbook, _("展位图"), header, [])
    return workbook_bytes(workbook)


def _booth_row(booth) -> list:
    assignment = getattr(booth, "assignment", None)
    application = assignment.application if assignment else None
    return [
        booth.number,
        str(booth.zone or ""),
        booth.get_booth_type_display(),
        float(booth.size_m2),
        float(booth.fee),
        application.unit.name if application else "",
        application.get_status_display() if application else _("空闲"),
    ]
