"""Achievement statistics and case studies (成果统计、案例征集) as data of a requirement.

The kinds of case and the metrics of the statistics table differ between calls (the national
call's first kind is 典型地区, Shenzhen's is 本区情况; the table is not in the notice), so they
are rows organizers edit in the admin, not code.
"""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from conference.bilingual import in_language
from submissions.models.calls import Call, Requirement


class CaseCategory(models.Model):
    """案例类别 — e.g. 典型机构, with the notice's guidance and the points it asks for."""

    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("征集要求"),
        on_delete=models.CASCADE,
        related_name="case_categories",
    )
    code = models.SlugField(_("代码"), max_length=40)
    title_zh = models.CharField(_("名称"), max_length=100)
    title_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    guidance_zh = models.TextField(_("通知要求"), blank=True)
    guidance_en = models.TextField(_("通知要求（英文）"), blank=True)
    max_items = models.PositiveSmallIntegerField(
        _("每个单位至多份数"), null=True, blank=True, help_text=_("为空表示不限。")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        db_table = "submissions_casecategory"  # the table from before the app was split out
        verbose_name = _("案例类别")
        verbose_name_plural = pgettext_lazy("plural", "案例类别")
        ordering = ["requirement", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "code"], name="case_category_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    @property
    def guidance(self) -> str:
        return in_language(self.guidance_zh, self.guidance_en)


class CasePrompt(models.Model):
    """One point a case of a category should cover, typed in its own text box."""

    category = models.ForeignKey(
        CaseCategory, verbose_name=_("案例类别"), on_delete=models.CASCADE, related_name="prompts"
    )
    code = models.SlugField(_("代码"), max_length=40)
    label_zh = models.CharField(_("要点"), max_length=200)
    label_en = models.CharField(_("要点（英文）"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        db_table = "submissions_caseprompt"  # the table from before the app was split out
        verbose_name = _("案例要点")
        verbose_name_plural = pgettext_lazy("plural", "案例要点")
        ordering = ["category", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="case_prompt_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.label_zh, self.label_en)


class StatisticMetric(models.Model):
    """One row of the achievement statistics table (成果统计表), filled in for each year."""

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("整数")
        DECIMAL = "decimal", _("小数")

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("征集要求"), on_delete=models.CASCADE, related_name="metrics"
    )
    code = models.SlugField(_("代码"), max_length=60)
    name_zh = models.CharField(_("指标"), max_length=200)
    name_en = models.CharField(_("指标（英文）"), max_length=300, blank=True)
    unit_of_measure = models.CharField(_("计量单位"), max_length=30, blank=True)
    unit_of_measure_en = models.CharField(
        _("计量单位（英文）"),
        max_length=30,
        blank=True,
        help_text=_("英文页面中显示在指标名后；计数（个、人、场）可不填。"),
    )
    value_type = models.CharField(
        _("数值类型"), max_length=10, choices=ValueType.choices, default=ValueType.INTEGER
    )
    required = models.BooleanField(_("必填"), default=True)
    help_text = models.CharField(_("填写说明"), max_length=500, blank=True)
    help_text_en = models.CharField(_("填写说明（英文）"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_example = models.BooleanField(
        _("示例指标"),
        default=False,
        help_text=_("通知未附统计表，此指标为平台预置的示例，请组委会核对、修改或删除。"),
    )

    class Meta:
        db_table = "submissions_statisticmetric"  # the table from before the app was split out
        verbose_name = _("统计指标")
        verbose_name_plural = pgettext_lazy("plural", "统计指标")
        ordering = ["requirement", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "code"], name="statistic_metric_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    @property
    def label(self) -> str:
        """The name with its unit, as a row header: 合作项目金额（万元）, or in English
        "Amount of cooperation projects (10,000 yuan)" (no unit for counts)."""
        if (get_language() or "").startswith("en"):
            unit = self.unit_of_measure_en
            return f"{self.name} ({unit})" if unit else self.name
        if self.unit_of_measure and self.unit_of_measure not in self.name_zh:
            return f"{self.name}（{self.unit_of_measure}）"
        return self.name

    @property
    def guidance(self) -> str:
        return in_language(self.help_text, self.help_text_en)


class ReportCall(Call):
    """A call as the committee's report material: its accepted cases and statistics."""

    class Meta:
        proxy = True
        verbose_name = _("成效研究报告素材")
        verbose_name_plural = pgettext_lazy("plural", "成效研究报告素材")
