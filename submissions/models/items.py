"""The units' activities and the items (submissions) they send for the requirements."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from conference.models import Hall, Section, Zone
from submissions.kinds import SubmissionStatus
from submissions.models.calls import Requirement
from units.models import Unit


class Activity(models.Model):
    """活动 — a unit's activity within a section; relative deadlines hang off its dates."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="activities"
    )
    section = models.ForeignKey(Section, verbose_name=_("板块"), on_delete=models.PROTECT)
    name = models.CharField(_("活动名称"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    hall = models.ForeignKey(
        Hall, verbose_name=_("展馆"), null=True, blank=True, on_delete=models.SET_NULL
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("展区"), null=True, blank=True, on_delete=models.SET_NULL
    )
    place = models.CharField(_("线下地点说明"), max_length=300, blank=True)
    live_room_url = models.URLField(_("线上直播间地址"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = pgettext_lazy("plural", "活动")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """One item a unit sends for a requirement; what it holds depends on the kind."""

    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("征集要求"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="submissions"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    # For a requirement asked per section (按板块提交): the section of the unit's it is for.
    section = models.ForeignKey(
        Section,
        verbose_name=_("板块"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    title = models.CharField(_("标题"), max_length=300, blank=True)
    data = models.JSONField(_("填报内容"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # 原创、无版权纠纷: who ticked the declaration, and when.
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("声明人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("声明时间"), null=True, blank=True)
    # What the committee settled for the item, in the fields its kind names (for a forum
    # plan: the room and the fee). Kept apart from ``data`` so the unit's edits never touch it;
    # who decided and when is the ``ReviewEvent`` of action "decide".
    decision = models.JSONField(_("组委会确认"), default=dict, blank=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when the requirement allows one item (per unit, or per activity): the database
    # then refuses a second live one, whatever the race between two liaisons.
    is_singleton = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("提交材料")
        verbose_name_plural = pgettext_lazy("plural", "提交材料")
        ordering = ["-created_at"]
        # Recording a review (accept, request changes, reject) is not changing the item:
        # reviewers hold this and no change permission.
        permissions = [("review_submission", _("可以审核提交材料"))]
        indexes = [
            models.Index(fields=["unit", "requirement", "status"]),
            # The review desk lists newest first and navigates by submission date.
            models.Index(fields=["-created_at"], name="submission_created_idx"),
            models.Index(fields=["submitted_at"], name="submission_submitted_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                F("requirement"),
                F("unit"),
                Coalesce("activity", 0),
                Coalesce("section", 0),
                condition=Q(is_singleton=True) & ~Q(status="withdrawn"),
                name="one_live_item_per_target_when_singleton",
                violation_error_message=_("本单位已提交过该项材料，只能提交一份。"),
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.requirement} · {self.unit}"
