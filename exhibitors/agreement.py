"""展位确认协议 — the booth confirmation agreement as a Word file, filled with the exhibitor's
data, its booths, their area and the fee, ready to sign and seal (加盖单位公章).

Written in the reader's active language. The clauses are the edition's ``agreement_terms``
(data); the layout is code.
"""

import io

import docx
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibitors import selectors
from exhibitors.models import BoothApplication

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def square_metres(value) -> str:
    """18 rather than 18.0 or 18.00, whatever the database's sum returns."""
    return format(value.normalize(), "f")


def agreement_filename(application: BoothApplication) -> str:
    return _("展位确认协议-%(unit)s.docx") % {"unit": application.unit.name}


def other_name(unit) -> str:
    """The unit's name in the other language, beside the one the agreement is written in."""
    return unit.name_zh if unit.name == unit.name_en else unit.name_en


def build_agreement(application: BoothApplication) -> bytes:
    conf = selectors.exhibition_settings(application.edition)
    document = docx.Document()
    document.add_heading(_("展位确认协议"), level=0)
    document.add_paragraph(str(application.edition.name))
    _parties(document, application, conf)
    _booths(document, application)
    _payment(document, application, conf)
    _terms(document, conf)
    _signatures(document, conf)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(label), str(value or "—")


def _parties(document, application: BoothApplication, conf) -> None:
    unit = application.unit
    document.add_heading(_("甲方"), level=1)
    document.add_paragraph(conf.organizer or _("大会组委会"))
    document.add_heading(_("乙方（参展单位）"), level=1)
    _table(
        document,
        [
            (_("单位名称"), unit.name),
            (_("英文名称") if unit.name == unit.name_en else _("中文名称"), other_name(unit)),
            (_("统一社会信用代码"), unit.uscc),
            (_("国家/地区"), unit.country.name),
            (_("地址"), unit.address),
            (_("联系人"), unit.contact_name),
            (_("联系人手机"), unit.contact_mobile),
            (_("联系人邮箱"), unit.contact_email),
        ],
    )


def _booths(document, application: BoothApplication) -> None:
    edition = application.edition
    document.add_heading(_("展位"), level=1)
    _table(
        document,
        [
            (_("展会时间"), f"{edition.starts_on:%Y-%m-%d} – {edition.ends_on:%Y-%m-%d}"),
            (_("展会地点"), edition.venue),
            (_("展位位置"), application.place),
            (_("设置人才招聘台"), _("是") if application.wants_recruitment_desk else _("否")),
        ],
    )
    assignments = application.assignments.select_related("booth").order_by("booth__number")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        (_("展位号"), _("类型"), _("面积（平方米）"), _("费用（元）")),
        strict=True,
    ):
        cell.text = str(title)
    for assignment in assignments:
        booth = assignment.booth
        cells = table.add_row().cells
        values = (
            booth.number,
            booth.get_booth_type_display(),
            square_metres(booth.size_m2),
            booth.fee,
        )
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    total = table.add_row().cells
    total[0].text = str(_("合计"))
    total[2].text = square_metres(selectors.assigned_area(application))
    total[3].text = str(application.fee)


def _payment(document, application: BoothApplication, conf) -> None:
    document.add_heading(_("费用与汇款"), level=1)
    document.add_paragraph(_("应缴费用：人民币 %(fee)s 元。") % {"fee": application.fee})
    if conf.is_example:
        document.add_paragraph(_("注意：以下汇款信息为示例数据，请勿汇款。"))
    _table(
        document,
        [
            (_("收款户名"), conf.account_name),
            (_("开户银行"), conf.bank),
            (_("银行账号"), conf.bank_account_number),
            (_("汇款说明"), conf.note),
        ],
    )


def _terms(document, conf) -> None:
    lines = [line.strip() for line in conf.terms.splitlines() if line.strip()]
    if not lines:
        return
    document.add_heading(_("协议条款"), level=1)
    for line in lines:
        document.add_paragraph(line)


def _signatures(document, conf) -> None:
    document.add_heading(_("签署"), level=1)
    document.add_paragraph(
        _("请乙方法定代表人或授权代表签字并加盖单位公章后，上传扫描件，并将原件寄送至：%(to)s")
        % {"to": " ".join(filter(None, [conf.organizer, conf.address])) or "—"}
    )
    _table(
        document,
        [
            (_("乙方（盖章）"), ""),
            (_("签字"), ""),
            (_("日期"), ""),
        ],
    )
    document.add_paragraph(
        _("本协议由平台生成于 %(moment)s。")
        % {"moment": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    )
