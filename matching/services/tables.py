"""The 征集表 read back: by a unit (its own items) or by the committee (the tables units
e-mail in, naming their unit; and plain lists of units and contacts).

Every bad cell is named with its row and column ("第 7 行 · 领域：“人工智能+” 不在可选领域中")
and nothing is saved from a table with any error.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import Region
from matching.kinds import ItemAction, ItemKind
from matching.models import CollectionRound, Item, Sector
from matching.services.invitations import invite_contact
from matching.services.items import add_item, round_for_units
from matching.workbooks import ITEM_COLUMNS, NO, YES, read_table
from units.models import Unit

# Item fields by the column that holds them, and the other way round for the model's messages.
TEXT_COLUMNS = {
    "标题（中文）": "title_zh",
    "标题（英文）": "title_en",
    "简介（中文）": "summary_zh",
    "简介（英文）": "summary_en",
    "可提供": "offered",
    "寻求": "sought",
    "合作条件或预算": "terms",
    "联系人": "contact_name",
    "联系电话": "contact_phone",
    "联系邮箱": "contact_email",
}
FIELD_COLUMNS = {f: c for c, f in TEXT_COLUMNS.items()} | {
    "kind": "类别",
    "sector": "领域",
    "region": "地区",
    "closes_on": "截止日期",
    "confidential": "不公开",
}
ENGLISH_COLUMNS = ("标题（英文）", "简介（英文）")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_REGION_SUFFIXES = ("省", "市", "自治区", "特别行政区", "壮族自治区", "回族自治区", "维吾尔自治区")


class TableInvalid(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ParsedRow:
    number: int
    unit_name: str
    contact: dict
    values: dict | None  # None: a row of a plain list, naming a unit and its contact only


@dataclass
class ImportResult:
    items: list[Item] = field(default_factory=list)
    new_units: list[Unit] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Choices:
    """What a cell may name, read once per table."""

    def __init__(self):
        self.kinds = {str(k.label): k.value for k in ItemKind} | {
            k.value: k.value for k in ItemKind
        }
        sectors = Sector.objects.filter(is_active=True)
        self.sectors = {s.name_zh: s for s in sectors} | {s.name_en.lower(): s for s in sectors}
        self.regions = {}
        for region in Region.objects.all():
            self.regions[region.name_zh] = region
            self.regions.setdefault(region.name_en.lower(), region)
            for suffix in _REGION_SUFFIXES:
                if region.name_zh.endswith(suffix):
                    self.regions.setdefault(region.name_zh[: -len(suffix)], region)
        self.unit_kinds = {str(k.label): k.value for k in Unit.Kind}


def _cell_error(number: int, column: str, problem: str) -> str:
    return _("第 %(row)s 行 · %(column)s：%(problem)s") % {
        "row": number,
        "column": column,
        "problem": problem,
    }


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(_text(value))
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    return None


def _item_values(number, cells, choices, *, require_english) -> tuple[dict, list[str]]:
    errors, values = [], {}
    for column, name in TEXT_COLUMNS.items():
        values[name] = _text(cells.get(column))
    kind = _text(cells.get("类别"))
    if kind not in choices.kinds:
        errors.append(
            _cell_error(
                number,
                "类别",
                _("“%(value)s”不在可选类别中（%(choices)s）")
                % {"value": kind, "choices": "、".join(str(k.label) for k in ItemKind)}
                if kind
                else _("必须填写"),
            )
        )
    else:
        values["kind"] = choices.kinds[kind]
    sector = _text(cells.get("领域"))
    found = choices.sectors.get(sector) or choices.sectors.get(sector.lower())
    if found is None:
        problem = _("“%(value)s” 不在可选领域中") % {"value": sector} if sector else _("必须填写")
        errors.append(_cell_error(number, "领域", problem))
    values["sector"] = found
    region = _text(cells.get("地区"))
    values["region"] = choices.regions.get(region) or choices.regions.get(region.lower())
    if region and values["region"] is None:
        errors.append(
            _cell_error(number, "地区", _("“%(value)s” 不是可识别的省市名称") % {"value": region})
        )
    closes = cells.get("截止日期")
    values["closes_on"] = _date(closes) if _text(closes) else None
    if _text(closes) and values["closes_on"] is None:
        errors.append(
            _cell_error(
                number,
                "截止日期",
                _("“%(value)s” 不是日期（例如 2026-12-31）") % {"value": _text(closes)},
            )
        )
    secret = _text(cells.get("不公开"))
    if secret not in ("", YES, NO):
        errors.append(
            _cell_error(number, "不公开", _("“%(value)s” 应填“是”或“否”") % {"value": secret})
        )
    values["confidential"] = secret == YES
    if require_english:
        for column in ENGLISH_COLUMNS:
            if not values[TEXT_COLUMNS[column]]:
                errors.append(_cell_error(number, column, _("必须填写（用于面向海外发布）")))
    return values, errors


def _model_errors(number: int, values: dict) -> list[str]:
    """The model's own rules (lengths, e-mail address, required text), named by column; the
    kind and field, when unreadable, are already reported."""
    unread = [name for name in ("kind", "sector") if values.get(name) is None]
    try:
        Item(**{k: v for k, v in values.items() if k not in unread}).full_clean(
            exclude=["call", "round", "unit", "status", *unread]
        )
    except ValidationError as exc:
        return [
            _cell_error(number, FIELD_COLUMNS[name], "；".join(messages))
            for name, messages in exc.message_dict.items()
            if name in FIELD_COLUMNS
        ]
    return []


def _contact_errors(number: int, contact: dict) -> list[str]:
    """A row of a plain list: the unit's contact, who receives the activation link."""
    if not (contact["name"] and contact["email"]):
        return [_cell_error(number, "联系邮箱", _("只列单位时须填写联系人和联系邮箱"))]
    try:
        validate_email(contact["email"])
    except ValidationError:
        return [
            _cell_error(
                number,
                "联系邮箱",
                _("“%(value)s” 不是有效的邮箱地址") % {"value": contact["email"]},
            )
        ]
    return []


def _is_item_row(cells: dict) -> bool:
    return any(_text(cells.get(c)) for c, _w in ITEM_COLUMNS)


def parse_table(fileobj, *, need_unit: bool, require_english: bool) -> list[ParsedRow]:
    rows = read_table(fileobj)
    choices, parsed, errors = _Choices(), [], []
    if not rows:
        raise TableInvalid([_("表中没有填写任何一行。")])
    for number, cells in rows:
        unit_name = _text(cells.get("单位名称"))
        if need_unit and not unit_name:
            errors.append(_cell_error(number, "单位名称", _("必须填写")))
        contact = {
            "name": _text(cells.get("联系人")),
            "phone": _text(cells.get("联系电话")),
            "email": _text(cells.get("联系邮箱")),
            "kind": _text(cells.get("单位类别")),
            "name_en": _text(cells.get("单位英文名称")),
            "region": _text(cells.get("地区")),
        }
        values = None
        if _is_item_row(cells) or not need_unit:
            values, problems = _item_values(number, cells, choices, require_english=require_english)
            errors.extend(problems + _model_errors(number, values))
        else:
            errors.extend(_contact_errors(number, contact))
        parsed.append(ParsedRow(number, unit_name, contact, values))
    if errors:
        raise TableInvalid(errors)
    return parsed


def upload_unit_table(*, unit, by, fileobj) -> list[Item]:
    """A unit's filled-in 征集表: every row becomes an item of the unit, or none does."""
    round_ = round_for_units()
    rows = parse_table(fileobj, need_unit=False, require_english=True)
    with transaction.atomic():
        return [add_item(unit=unit, round=round_, by=by, values=row.values) for row in rows]


def import_committee_table(*, round: CollectionRound, by, fileobj) -> ImportResult:
    """The 征集表 that arrived by e-mail, or a plain list of units and contacts.

    Rows become items of the unit they name; a unit not yet in the portal is created, and the
    contact of a unit without any account gets one with an activation link by e-mail.
    """
    rows = parse_table(fileobj, need_unit=True, require_english=False)
    result = ImportResult()
    choices = _Choices()
    with transaction.atomic():
        units: dict[str, Unit] = {}
        for row in rows:
            unit = units.get(row.unit_name) or _unit_for(row, choices, result)
            units[row.unit_name] = unit
            if row.values is not None:
                result.items.append(
                    add_item(
                        unit=unit, round=round, by=by, values=row.values, action=ItemAction.IMPORT
                    )
                )
    return result


def _unit_for(row: ParsedRow, choices: _Choices, result: ImportResult) -> Unit:
    unit = Unit.objects.filter(name_zh=row.unit_name).first()
    if unit is None:
        unit = Unit(
            name_zh=row.unit_name,
            name_en=row.contact["name_en"],
            kind=choices.unit_kinds.get(row.contact["kind"], Unit.Kind.OTHER),
            region=choices.regions.get(row.contact["region"]),
            contact_name=row.contact["name"],
            contact_mobile=row.contact["phone"],
            contact_email=row.contact["email"],
            is_partner=True,
        )
        unit.full_clean()
        unit.save()
        result.new_units.append(unit)
    if row.contact["email"] and not unit.members.exists():
        invitation = invite_contact(
            unit=unit,
            email=row.contact["email"],
            name=row.contact["name"],
            phone=row.contact["phone"],
        )
        if invitation is None:
            result.notes.append(
                _("%(email)s 已有账号，未为“%(unit)s”新建账号。")
                % {"email": row.contact["email"], "unit": unit.name_zh}
            )
        else:
            result.invited.append(invitation.user.email)
    return unit
