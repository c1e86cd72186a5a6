"""Reading case studies and achievement statistics: for the unit's pages, the admin, reports."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from achievements.models import CaseCategory, CasePrompt, StatisticMetric
from submissions.kinds import MaterialKind, RuleCode, SubmissionStatus
from submissions.models import Call, Requirement, Submission
from submissions.rules import Outcome, evaluate
from units.models import Unit

# --- Case studies --------------------------------------------------------------------------------

TEXT_RULES = (RuleCode.TEXT_CHAR_RANGE, RuleCode.TEXT_MAX_CHARS)


def text_outcomes(requirement: Requirement, chars: int) -> list[Outcome]:
    """The requirement's length rules judged on a typed text of ``chars`` characters."""
    rules = [r for r in requirement.rules.all() if r.code in TEXT_RULES and not r.applies_to]
    return evaluate(rules, {"document": {"chars": chars}})


def char_range(requirement: Requirement) -> tuple[int, int] | None:
    """The guidance range of a case's length (每个案例1000字左右 → e.g. 800–1300), if set."""
    for rule in requirement.rules.all():
        if rule.code == RuleCode.TEXT_CHAR_RANGE and not rule.applies_to and rule.value_max:
            return int(rule.value), int(rule.value_max)
    return None


def categories_of(requirement: Requirement) -> list[CaseCategory]:
    prompts = Prefetch("prompts", queryset=CasePrompt.objects.order_by("order", "pk"))
    return list(requirement.case_categories.prefetch_related(prompts).order_by("order", "pk"))


@dataclass
class CategoryCard:
    category: CaseCategory
    sent: int

    @property
    def has_room(self) -> bool:
        return self.category.max_items is None or self.sent < self.category.max_items


def category_cards(requirement: Requirement, unit: Unit) -> list[CategoryCard]:
    """Each category with the unit's live cases in it, for the requirement page."""
    counts: dict[str, int] = {}
    live = Submission.objects.filter(requirement=requirement, unit=unit).exclude(
        status=SubmissionStatus.WITHDRAWN
    )
    for data in live.values_list("data", flat=True):
        code = (data or {}).get("category")
        counts[code] = counts.get(code, 0) + 1
    return [CategoryCard(c, counts.get(c.code, 0)) for c in categories_of(requirement)]


def years_text(data: dict) -> str:
    first, last = data.get("year_from"), data.get("year_to")
    if not first:
        return ""
    if last and last != first:
        return _("%(first)s—%(last)s年") % {"first": first, "last": last}
    return _("%(year)s年") % {"year": first}


@dataclass
class CaseView:
    category: CaseCategory | None
    years: str
    interview: bool
    answers: list[tuple[str, str]]
    chars: int
    outcomes: list[Outcome] = field(default_factory=list)


def case_view(item: Submission, categories: dict[str, CaseCategory] | None = None) -> CaseView:
    """A case as its page, the admin and the report show it; the typed text's length judged.

    Lists pass the ``categories_by_code`` of the requirement, read once.
    """
    data = item.data or {}
    if categories is None:
        categories = categories_by_code(item.requirement)
    category = categories.get(data.get("category"))
    answers = data.get("answers") or {}
    prompts = list(category.prompts.all()) if category else []
    labelled = [(p.label, answers.get(p.code, "")) for p in prompts]
    known = {p.code for p in prompts}
    labelled += [(code, text) for code, text in answers.items() if code not in known]
    chars = int(data.get("chars") or 0)
    outcomes = text_outcomes(item.requirement, chars) if chars else []
    return CaseView(
        category=category,
        years=years_text(data),
        interview=bool(data.get("interview")),
        answers=[(label, text) for label, text in labelled if text],
        chars=chars,
        outcomes=outcomes,
    )


def categories_by_code(requirement: Requirement) -> dict[str, CaseCategory]:
    return {c.code: c for c in categories_of(requirement)}


def case_initial(item: Submission) -> dict:
    """The case form's initial values from a stored case."""
    data = item.data or {}
    initial = {
        "title": data.get("title", ""),
        "year_from": data.get("year_from"),
        "year_to": data.get("year_to") if data.get("year_to") != data.get("year_from") else None,
        "interview": "yes" if data.get("interview") else "no",
    }
    for code, text in (data.get("answers") or {}).items():
        initial[f"answer_{code}"] = text
    return initial


def accepted_cases(call: Call) -> list[Submission]:
    """Accepted cases of the call, by category order, then region, unit and date."""
    items = list(
        Submission.objects.filter(
            requirement__call=call,
            requirement__kind=MaterialKind.CASE_STUDY,
            status=SubmissionStatus.ACCEPTED,
        )
        .select_related("unit__region", "requirement")
        .prefetch_related("files")
    )
    order = {
        (c.requirement_id, c.code): (c.order, c.pk)
        for c in CaseCategory.objects.filter(requirement__call=call)
    }
    missing = (10**6, 0)
    return sorted(
        items,
        key=lambda s: (
            order.get((s.requirement_id, s.data.get("category")), missing),
            region_name(s.unit),
            s.unit.name_zh,
            s.submitted_at or s.created_at,
        ),
    )


def region_name(unit: Unit) -> str:
    return unit.region.name_zh if unit.region_id else _("未填写地区")


# --- Achievement statistics ----------------------------------------------------------------------


def metrics_of(requirement: Requirement) -> list[StatisticMetric]:
    return list(requirement.metrics.order_by("order", "pk"))


def statistics_item(requirement: Requirement, unit: Unit) -> Submission | None:
    """The unit's one live statistics item for ``requirement``, if it sent one."""
    return (
        Submission.objects.filter(requirement=requirement, unit=unit)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .order_by("-created_at")
        .first()
    )


def stored_value(data: dict, metric_id: int, year: int):
    """An int for integer metrics, a Decimal for decimal ones, None when empty."""
    value = ((data or {}).get("values") or {}).get(str(metric_id), {}).get(str(year))
    if value is None:
        return None
    return Decimal(value) if isinstance(value, str) else value


@dataclass
class StatisticsRow:
    metric: StatisticMetric
    values: list  # one per year, None when empty


def statistics_rows(requirement: Requirement, data: dict) -> list[StatisticsRow]:
    years = requirement.years
    return [
        StatisticsRow(m, [stored_value(data, m.pk, y) for y in years])
        for m in metrics_of(requirement)
    ]


def accepted_statistics(call: Call) -> list[Submission]:
    return list(
        Submission.objects.filter(
            requirement__call=call,
            requirement__kind=MaterialKind.STATISTICS,
            status=SubmissionStatus.ACCEPTED,
        )
        .select_related("unit__region", "requirement")
        .order_by("unit__name_zh")
    )
