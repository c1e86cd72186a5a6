"""Case studies (成果案例): what a case must meet beyond the rules of every item.

A case belongs to one of its requirement's categories (典型地区/本区情况, 典型机构, …), names the
years it concerns within the requirement's range (national 2001–2022, Shenzhen 2007–2022),
says whether the unit welcomes an on-site interview, and gives its text point by point in the
browser or as an editable Word file (or both). A category may be capped per unit. The length
("1000字左右") is a guidance range: outside it the case is sent with a warning.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from achievements.models import CaseCategory
from achievements.selectors import text_outcomes
from inspection.documents import count_chars
from submissions.deadlines import ensure_open
from submissions.kinds import SubmissionStatus
from submissions.models import Requirement, Submission
from submissions.models.files import FileRole, Verdict
from submissions.services.items import ItemInput, create_item, update_item
from units.models import Unit


@dataclass
class CaseInput:
    """What the case form (or a command) hands over."""

    title: str
    year_from: int | None
    year_to: int | None = None  # empty: the case concerns ``year_from`` alone
    interview: bool = False
    answers: dict[str, str] = field(default_factory=dict)  # CasePrompt code -> text
    uploads: dict = field(default_factory=dict)  # file role -> list of UploadedFile


def case_text(category: CaseCategory, answers: dict) -> str:
    """The typed points in the category's order, one paragraph each."""
    texts = ((answers.get(p.code) or "").strip() for p in category.prompts.all())
    return "\n".join(text for text in texts if text)


def check_years(requirement: Requirement, year_from: int | None, year_to: int | None) -> dict:
    """Errors by field: both years within the requirement's range, the first not after the last."""
    low, high = requirement.year_from, requirement.year_to
    errors: dict[str, list[str]] = {}
    if year_from is None:
        return {"year_from": [_("请填写案例所涉年份。")]}
    for name, year in (("year_from", year_from), ("year_to", year_to)):
        if year is not None and low and high and not low <= year <= high:
            errors[name] = [
                _(
                    "案例年份应在 %(low)s—%(high)s 年之间（本次征集的统计范围），"
                    "您填写的是 %(year)s 年。"
                )
                % {"low": low, "high": high, "year": year}
            ]
    if not errors and year_to is not None and year_to < year_from:
        errors["year_to"] = [
            _("结束年份 %(to)s 早于起始年份 %(from)s。") % {"to": year_to, "from": year_from}
        ]
    return errors


def _check_case(requirement, category, case: CaseInput, *, has_word_file: bool) -> int:
    """Raise every problem of ``case`` at once; return the typed text's character count."""
    errors = check_years(requirement, case.year_from, case.year_to)
    text = case_text(category, case.answers)
    if not text and not has_word_file:
        errors.setdefault("__all__", []).append(
            _("请在下方逐项填写案例内容，或上传可编辑的 Word 文件（二选一）。")
        )
    chars = count_chars(text)
    if text:
        failures = [
            o.message for o in text_outcomes(requirement, chars) if o.verdict == Verdict.FAIL
        ]
        if failures:
            errors.setdefault("__all__", []).extend(failures)
    if errors:
        raise ValidationError(errors)
    return chars


def ensure_category_room(requirement: Requirement, unit: Unit, category: CaseCategory) -> None:
    if category.max_items is None:
        return
    sent = (
        Submission.objects.filter(requirement=requirement, unit=unit, data__category=category.code)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .count()
    )
    if sent >= category.max_items:
        raise ValidationError(
            _("“%(category)s”类案例每个单位最多报送 %(n)s 个，本单位已报送 %(sent)s 个。")
            % {"category": category.title, "n": category.max_items, "sent": sent},
            code="too_many_cases",
        )


def _item_input(category: CaseCategory, case: CaseInput, chars: int) -> ItemInput:
    codes = [p.code for p in category.prompts.all()]
    data = {
        "title": case.title.strip(),
        "category": category.code,
        "year_from": case.year_from,
        "year_to": case.year_to if case.year_to is not None else case.year_from,
        "interview": bool(case.interview),
        "answers": {code: (case.answers.get(code) or "").strip() for code in codes},
        "chars": chars,
    }
    return ItemInput(texts=data, uploads=case.uploads)


def create_case(
    *,
    requirement: Requirement,
    category: CaseCategory,
    unit: Unit,
    by,
    case: CaseInput,
    now=None,
) -> Submission:
    if category.requirement_id != requirement.pk:
        raise ValidationError(_("案例类别不属于此项征集。"), code="foreign_category")
    ensure_open(requirement, unit, None, now=now)
    ensure_category_room(requirement, unit, category)
    chars = _check_case(
        requirement, category, case, has_word_file=bool(case.uploads.get(FileRole.MAIN))
    )
    return create_item(
        requirement=requirement,
        unit=unit,
        activity=None,
        by=by,
        item=_item_input(category, case, chars),
        now=now,
    )


def update_case(*, submission: Submission, by, case: CaseInput, now=None) -> Submission:
    """Replace the case's fields; files given are added (pictures) or replace the Word file."""
    category = case_category(submission)
    has_word_file = bool(case.uploads.get(FileRole.MAIN)) or (
        submission.files.filter(role=FileRole.MAIN, is_current=True).exists()
    )
    chars = _check_case(submission.requirement, category, case, has_word_file=has_word_file)
    return update_item(
        submission=submission, by=by, item=_item_input(category, case, chars), now=now
    )


def case_category(submission: Submission) -> CaseCategory:
    """The category a case was sent under; it stays with the case."""
    category = CaseCategory.objects.filter(
        requirement=submission.requirement_id, code=submission.data.get("category")
    ).first()
    if category is None:
        raise ValidationError(_("此案例的类别已被组委会删除，请联系组委会。"), code="no_category")
    return category
