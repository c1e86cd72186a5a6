"""Writing the case categories, their points and the statistics metrics of a requirement.

Categories and their points come from the notice and are kept up to the seed like every seeded
row. Metrics are examples (the notice's table is not published): they are written only while
the requirement has none, so an organizer's edits and deletions are never undone by a reload.
"""

from dataclasses import dataclass

from achievements.models import CaseCategory, CasePrompt, StatisticMetric
from notices.seed.rows import upsert
from submissions.models import Requirement


@dataclass(frozen=True)
class PromptSpec:
    code: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class CategorySpec:
    code: str
    title_zh: str
    title_en: str
    guidance_zh: str
    guidance_en: str
    prompts: tuple[PromptSpec, ...]
    max_items: int | None = None


@dataclass(frozen=True)
class MetricSpec:
    code: str
    name_zh: str
    name_en: str
    unit_of_measure: str
    unit_of_measure_en: str = ""  # counts (个, 人) need no unit in English
    value_type: str = StatisticMetric.ValueType.INTEGER
    required: bool = True
    help_text: str = ""
    help_text_en: str = ""


def load_years(requirement: Requirement, years: tuple[int, int]) -> None:
    upsert(
        Requirement,
        lookup={"pk": requirement.pk},
        values={"year_from": years[0], "year_to": years[1]},
    )


def load_categories(requirement: Requirement, specs: tuple[CategorySpec, ...]) -> None:
    for order, spec in enumerate(specs, start=1):
        category = upsert(
            CaseCategory,
            lookup={"requirement": requirement, "code": spec.code},
            values={
                "title_zh": spec.title_zh,
                "title_en": spec.title_en,
                "guidance_zh": spec.guidance_zh,
                "guidance_en": spec.guidance_en,
                "max_items": spec.max_items,
                "order": order * 10,
            },
        )
        for prompt_order, prompt in enumerate(spec.prompts, start=1):
            upsert(
                CasePrompt,
                lookup={"category": category, "code": prompt.code},
                values={
                    "label_zh": prompt.label_zh,
                    "label_en": prompt.label_en,
                    "order": prompt_order * 10,
                },
            )


def load_example_metrics(requirement: Requirement, specs: tuple[MetricSpec, ...]) -> None:
    if requirement.metrics.exists():
        return
    for order, spec in enumerate(specs, start=1):
        upsert(
            StatisticMetric,
            lookup={"requirement": requirement, "code": spec.code},
            values={
                "name_zh": spec.name_zh,
                "name_en": spec.name_en,
                "unit_of_measure": spec.unit_of_measure,
                "unit_of_measure_en": spec.unit_of_measure_en,
                "value_type": spec.value_type,
                "required": spec.required,
                "help_text": spec.help_text,
                "help_text_en": spec.help_text_en,
                "order": order * 10,
                "is_example": True,
            },
        )


CATEGORY_FIELDS = ("title_zh", "title_en", "guidance_zh", "guidance_en", "max_items", "order")
PROMPT_FIELDS = ("label_zh", "label_en", "order")
METRIC_FIELDS = (
    "name_zh",
    "name_en",
    "unit_of_measure",
    "unit_of_measure_en",
    "value_type",
    "required",
    "help_text",
    "help_text_en",
    "order",
    "is_example",
)


def copy_achievements(source: Requirement, target: Requirement) -> None:
    """The demo edition's copy of a requirement's years, categories, points and metrics."""
    upsert(
        Requirement,
        lookup={"pk": target.pk},
        values={"year_from": source.year_from, "year_to": source.year_to},
    )
    for category in source.case_categories.all():
        copy = upsert(
            CaseCategory,
            lookup={"requirement": target, "code": category.code},
            values={name: getattr(category, name) for name in CATEGORY_FIELDS},
        )
        for prompt in category.prompts.all():
            upsert(
                CasePrompt,
                lookup={"category": copy, "code": prompt.code},
                values={name: getattr(prompt, name) for name in PROMPT_FIELDS},
            )
    for metric in source.metrics.all():
        upsert(
            StatisticMetric,
            lookup={"requirement": target, "code": metric.code},
            values={name: getattr(metric, name) for name in METRIC_FIELDS},
        )
