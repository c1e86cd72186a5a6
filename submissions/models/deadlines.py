"""Deadline extensions (延期) granted to a unit, and a call's milestones beside its deadlines."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from conference.bilingual import in_language
from submissions.models.calls import Call, Requirement
from units.models import Unit


class DeadlineExtension(models.Model):
    """延期 — a later deadline granted to one unit for one requirement, and for one of its
    activities when the requirement is due per activity.

    It covers exactly what it names: an extension of activity A leaves activity B's deadline
    alone; one that names no activity covers the requirement for all the unit's activities.
    It never shortens a deadline: the later of the two moments counts.
    """

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="extensions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="deadline_extensions")
    activity = models.ForeignKey(
        "submissions.Activity",
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
        help_text=_("按活动提交的要求：只延长这一活动的截止时间；为空表示本单位的全部活动。"),
    )
    due_at = models.DateTimeField(_("延至"))
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批准人"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("批准时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("截止时间延期")
        verbose_name_plural = pgettext_lazy("plural", "截止时间延期")
        constraints = [
            models.UniqueConstraint(
                "requirement",
                "unit",
                Coalesce("activity", 0),
                name="one_extension_per_unit_and_activity",
            )
        ]

    def __str__(self) -> str:
        if self.activity_id:
            return f"{self.unit} · {self.requirement} · {self.activity}"
        return f"{self.unit} · {self.requirement}"


class CallMilestone(models.Model):
    """时间节点 — a dated step of a call that is not something units send, shown beside its
    requirements: e.g. "2023-08-21 起，重点活动通过全国科普日平台发布推广"."""

    call = models.ForeignKey(
        Call, verbose_name=_("征集通知"), on_delete=models.CASCADE, related_name="milestones"
    )
    code = models.SlugField(_("代码"), max_length=60)
    on = models.DateField(_("日期"))
    text_zh = models.CharField(_("内容"), max_length=300)
    text_en = models.CharField(_("内容（英文）"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = pgettext_lazy("plural", "时间节点")
        ordering = ["call", "on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="call_milestone_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.text}"

    @property
    def text(self) -> str:
        return in_language(self.text_zh, self.text_en)
