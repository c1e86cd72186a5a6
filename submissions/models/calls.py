"""Calls (征集通知), their requirements and rules, deadlines and extensions.

A call and everything it asks for are rows: organizers add a call or change a limit in the
admin. Kinds of material and kinds of check are code (``submissions.kinds``).
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from conference.bilingual import in_language
from conference.models import Edition, Region, Section
from submissions.kinds import (
    DeadlineAnchor,
    MaterialKind,
    RuleCode,
    Severity,
)
from submissions.validators import validate_file_families
from units.models import Unit


class BilingualTitle(models.Model):
    title_zh = models.CharField(_("标题"), max_length=200)
    title_en = models.CharField(_("英文标题"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)


class CallQuerySet(models.QuerySet):
    def on_show(self):
        """Calls units see now: the current edition's, and those of other organizers that
        belong to no edition (e.g. 全国科普日), while published."""
        return self.filter(is_published=True).filter(
            Q(edition__is_current=True) | Q(edition__isnull=True)
        )


class Call(BilingualTitle):
    """征集通知 — e.g. "第二十一届中国国际人才交流大会宣传资料征集".

    A call of the conference belongs to an edition. The organizations that run CIEP also send
    calls of their own (科协's 全国科普日, 火炬中心's 国家高新区十年成就巡礼): those belong to no
    edition and name their organizer (发文单位) instead.
    """

    class Audience(models.TextChoices):
        PARTNERS = "partners", _("合作单位")
        EXHIBITORS = "exhibitors", _("参展单位")
        ALL = "all", _("全部单位")

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("届次"),
        on_delete=models.CASCADE,
        related_name="calls",
        null=True,
        blank=True,
        help_text=_("其他机构的征集通知（如全国科普日）不属于大会届次，留空并填写发文单位。"),
    )
    organizer_zh = models.CharField(
        _("发文单位"), max_length=200, blank=True, help_text=_("为空表示大会组委会。")
    )
    organizer_en = models.CharField(_("发文单位（英文）"), max_length=300, blank=True)
    code = models.SlugField(_("代码"), max_length=60)
    notice_ref = models.CharField(_("通知文件"), max_length=200, blank=True)
    issued_on = models.DateField(_("发文日期"), null=True, blank=True)
    summary_zh = models.TextField(_("说明"), blank=True)
    summary_en = models.TextField(_("说明（英文）"), blank=True)
    audience = models.CharField(
        _("面向"), max_length=20, choices=Audience.choices, default=Audience.PARTNERS
    )
    unit_kinds = models.JSONField(
        _("面向的单位类别"),
        default=list,
        blank=True,
        help_text=_("为空表示不限类别。"),
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("面向的地区"),
        blank=True,
        related_name="+",
        help_text=_("为空表示不限地区；选定省级地区时包括其下属城市和区。"),
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("另行指定的单位"), blank=True, related_name="+"
    )
    file_prefix = models.CharField(
        _("下载文件名前缀"),
        max_length=20,
        default="宣传",
        help_text=_(
            "下载和打包时文件夹与文件名的开头，其后是板块和单位，如“宣传-展览洽谈-某单位”。"
        ),
    )
    is_published = models.BooleanField(_("已发布"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("征集通知")
        verbose_name_plural = pgettext_lazy("plural", "征集通知")
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="call_code_unique"),
            # NULLs are distinct in the constraint above: calls without an edition need their own.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(edition__isnull=True),
                name="call_code_unique_no_edition",
            ),
        ]

    @property
    def summary(self) -> str:
        return in_language(self.summary_zh, self.summary_en)

    @property
    def organizer(self) -> str:
        return in_language(self.organizer_zh, self.organizer_en)

    def clean(self):
        known = set(Unit.Kind.values)
        unknown = [k for k in self.unit_kinds or [] if k not in known]
        if unknown:
            raise ValidationError({"unit_kinds": _("未知的单位类别：%s") % ", ".join(unknown)})
        if self.edition_id is None and not self.organizer_zh:
            raise ValidationError({"organizer_zh": _("不属于大会届次的征集通知，请填写发文单位。")})


def template_path(instance: "Requirement", filename: str) -> str:
    """templates/<random>.<ext>: the organizer's file name never reaches the disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"templates/{uuid.uuid4().hex}{suffix}"


# Written in a requirement's guidance where the deadline is meant: "请于{截止时间}前提交。"
DEADLINE_PLACEHOLDERS = ("{截止时间}", "{deadline}")


class Requirement(BilingualTitle):
    """One thing a call asks each unit for, with how many, which limits and by when.

    The deadline is either absolute (``deadline_at``) or counted in Chinese working days from
    an anchor date (``deadline_anchor`` + ``deadline_working_days``, negative = before), due by
    the end of that day in Beijing time.
    """

    call = models.ForeignKey(
        Call, verbose_name=_("征集通知"), on_delete=models.CASCADE, related_name="requirements"
    )
    code = models.SlugField(_("代码"), max_length=60)
    kind = models.CharField(_("材料类别"), max_length=30, choices=MaterialKind.choices)
    section = models.ForeignKey(
        Section, verbose_name=_("板块"), null=True, blank=True, on_delete=models.SET_NULL
    )
    unit_kinds = models.JSONField(
        _("仅限单位类别"), default=list, blank=True, help_text=_("为空表示与征集通知相同。")
    )
    min_count = models.PositiveSmallIntegerField(
        _("至少份数"), default=1, help_text=_("0 表示可选。")
    )
    max_count = models.PositiveSmallIntegerField(
        _("至多份数"), null=True, blank=True, help_text=_("为空表示不限。")
    )
    per_activity = models.BooleanField(
        _("按活动提交"), default=False, help_text=_("份数和截止时间按单位的每个活动计算。")
    )
    per_section = models.BooleanField(
        _("按板块提交"),
        default=False,
        help_text=_(
            "份数按单位负责的每个板块计算（“请结合板块具体情况”），文件夹为“宣传-板块-单位”；"
            "尚未分配板块的单位按单位提交一份。"
        ),
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("随之产生于"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followers",
        help_text=_(
            "只有单位就该要求提交了材料（同一活动）时才需提交，如直播观看数据随直播；"
            "起算日为“直播结束日”时，按所提交材料中的结束时间计算。"
        ),
    )
    deadline_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    deadline_anchor = models.CharField(
        _("截止时间起算日"), max_length=20, choices=DeadlineAnchor.choices, blank=True
    )
    deadline_working_days = models.SmallIntegerField(
        _("工作日偏移"),
        null=True,
        blank=True,
        help_text=_("负数为起算日之前，正数为之后；例如 -5 表示活动开始前 5 个工作日。"),
    )
    guidance_zh = models.TextField(
        _("填报说明"),
        blank=True,
        help_text=_("写“{截止时间}”处显示该单位适用的截止时间（含延期），不要写死日期。"),
    )
    guidance_en = models.TextField(_("填报说明（英文）"), blank=True)
    # 统计范围: the years a case or the statistics may concern, e.g. 2001–2022.
    year_from = models.PositiveSmallIntegerField(_("统计年份起"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("统计年份止"), null=True, blank=True)
    template_file = models.FileField(
        _("模板文件"),
        upload_to=template_path,
        blank=True,
        max_length=200,
        help_text=_("Word 或 Excel（xlsx）文件；单位在征集要求页面下载，填写后上传。"),
    )
    file_types = models.JSONField(
        _("接受的文件类型"),
        default=list,
        blank=True,
        validators=[validate_file_families],
        help_text=_("用于“填写模板并上传”“文档”等类别的主文件；为空表示按材料类别的默认类型。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("征集要求")
        verbose_name_plural = pgettext_lazy("plural", "征集要求")
        ordering = ["call", "order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="requirement_code_unique"),
            models.CheckConstraint(
                name="requirement_one_deadline_mode",
                condition=(
                    Q(
                        deadline_at__isnull=False,
                        deadline_anchor="",
                        deadline_working_days__isnull=True,
                    )
                    | Q(deadline_at__isnull=True, deadline_working_days__isnull=False)
                    & ~Q(deadline_anchor="")
                    | Q(
                        deadline_at__isnull=True,
                        deadline_anchor="",
                        deadline_working_days__isnull=True,
                    )
                ),
            ),
            models.CheckConstraint(
                name="requirement_counts_ordered",
                condition=Q(max_count__isnull=True) | Q(max_count__gte=models.F("min_count")),
            ),
            models.CheckConstraint(
                name="requirement_years_ordered",
                condition=Q(year_from__isnull=True)
                | Q(year_to__isnull=True)
                | Q(year_to__gte=models.F("year_from")),
            ),
        ]

    @property
    def guidance(self) -> str:
        return in_language(self.guidance_zh, self.guidance_en)

    def guidance_with(self, deadline: str) -> str:
        """The guidance with its placeholder "{截止时间}" (or "{deadline}") replaced by the
        deadline that applies, so that no text repeats a date the data may change."""
        text = self.guidance
        for token in DEADLINE_PLACEHOLDERS:
            text = text.replace(token, deadline)
        return text

    @property
    def is_relative(self) -> bool:
        return bool(self.deadline_anchor)

    def clean(self):
        if self.deadline_at and (self.deadline_anchor or self.deadline_working_days is not None):
            raise ValidationError(_("截止时间请二选一：固定时间，或按工作日从起算日计算。"))
        if bool(self.deadline_anchor) != (self.deadline_working_days is not None):
            raise ValidationError(_("按工作日计算截止时间时，起算日和工作日偏移都要填写。"))
        if self.per_section and (self.per_activity or self.section_id):
            raise ValidationError(
                {"per_section": _("按板块提交的要求不能同时按活动提交或指定板块。")}
            )
        if self.max_count is not None and self.max_count < self.min_count:
            raise ValidationError({"max_count": _("至多份数不能小于至少份数。")})
        if self.year_from and self.year_to and self.year_to < self.year_from:
            raise ValidationError({"year_to": _("统计年份止不能早于统计年份起。")})
        if self.follows_id and (self.follows_id == self.pk or self.follows.call_id != self.call_id):
            raise ValidationError({"follows": _("只能选择同一征集通知中的另一项要求。")})
        if self.call_id and self.call.edition_id is None:
            self._clean_without_edition()

    def _clean_without_edition(self):
        """A call of another organizer has no sections, activities or opening day."""
        if self.section_id:
            raise ValidationError({"section": _("不属于大会届次的征集通知不能指定板块。")})
        if self.per_activity:
            raise ValidationError({"per_activity": _("不属于大会届次的征集通知不能按活动提交。")})
        if self.deadline_anchor == DeadlineAnchor.EDITION_START:
            raise ValidationError(
                {"deadline_anchor": _("不属于大会届次的征集通知不能按大会开幕日计算截止时间。")}
            )

    @property
    def years(self) -> list[int]:
        """The years concerned, oldest first; empty when the requirement names none."""
        if not (self.year_from and self.year_to):
            return []
        return list(range(self.year_from, self.year_to + 1))


class RequirementRule(models.Model):
    """A limit a requirement's material must meet — e.g. image width ≥ 1000 px."""

    requirement = models.ForeignKey(
        Requirement, verbose_name=_("征集要求"), on_delete=models.CASCADE, related_name="rules"
    )
    code = models.CharField(_("规则"), max_length=40, choices=RuleCode.choices)
    value = models.DecimalField(_("限值"), max_digits=12, decimal_places=2)
    value_max = models.DecimalField(
        _("上限值"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("仅用于范围类规则。"),
    )
    severity = models.CharField(
        _("违反时"), max_length=10, choices=Severity.choices, default=Severity.FAIL
    )
    applies_to = models.CharField(
        _("适用文件"),
        max_length=40,
        blank=True,
        help_text=_("文件角色，为空表示该要求的全部文件。"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查规则")
        verbose_name_plural = pgettext_lazy("plural", "检查规则")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "code", "applies_to"], name="requirement_rule_unique"
            )
        ]

    def __str__(self) -> str:
        # Fixed-point: normalize() alone wrote 1000 as "1E+3".
        value = format(self.value.normalize(), "f")
        if self.value_max is not None:
            value = f"{value}–{format(self.value_max.normalize(), 'f')}"
        return f"{self.get_code_display()} {value}"
