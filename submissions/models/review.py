"""The committee's review of items, and the reminders it sends to units that owe material."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.email_templates import check_template
from submissions.kinds import SubmissionStatus
from submissions.models.calls import Call, Requirement
from submissions.models.items import Activity, Submission
from units.models import Unit


class ReviewAction(models.TextChoices):
    ACCEPT = "accept", _("采用")
    REQUEST_CHANGES = "request_changes", _("要求修改")
    REJECT = "reject", _("不予采用")
    ASSIGN = "assign", _("指派审核人")
    RESUBMIT = "resubmit", _("单位重新提交")
    DECIDE = "decide", _("组委会确认")


class ReviewEvent(models.Model):
    """One step of an item's review, with the message the unit reads."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("提交材料"), on_delete=models.CASCADE, related_name="reviews"
    )
    action = models.CharField(_("操作"), max_length=20, choices=ReviewAction.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=SubmissionStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=SubmissionStatus.choices)
    message = models.TextField(_("意见"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    notified_at = models.DateTimeField(_("通知单位时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = pgettext_lazy("plural", "审核记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        # Named by its own moment, not by the item's title (which a later version may change:
        # a request made on 新闻稿.docx read "要求修改 · 新闻稿_v2.docx").
        at = timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M") if self.at else ""
        return f"{self.get_action_display()} · {at}"


class ReminderRule(models.Model):
    """When a call's automatic reminders go out, relative to each requirement's deadline.

    ``offset_hours`` before the deadline (72 = three days before); negative = after it
    (−21 for a 12:00 deadline is 09:00 the next morning).
    """

    call = models.ForeignKey(
        Call, verbose_name=_("征集通知"), on_delete=models.CASCADE, related_name="reminder_rules"
    )
    offset_hours = models.SmallIntegerField(
        _("截止前多少小时"), help_text=_("正数为截止前，负数为截止后；例如 72、24、-21。")
    )

    class Meta:
        verbose_name = _("自动催报时间")
        verbose_name_plural = pgettext_lazy("plural", "自动催报时间")
        ordering = ["call", "-offset_hours"]
        constraints = [
            models.UniqueConstraint(fields=["call", "offset_hours"], name="reminder_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.offset_hours:+d} h"


class ReminderLog(models.Model):
    """A reminder sent to a unit for one requirement (and activity): never sent twice."""

    class Kind(models.TextChoices):
        AUTOMATIC = "auto", _("自动")
        MANUAL = "manual", _("手动")

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE)
    requirement = models.ForeignKey(
        Requirement, verbose_name=_("征集要求"), on_delete=models.CASCADE
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("活动"), null=True, blank=True, on_delete=models.CASCADE
    )
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    offset_hours = models.SmallIntegerField(_("截止前小时数"), null=True, blank=True)
    recipients = models.TextField(_("收件人"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发送人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("催报记录")
        verbose_name_plural = pgettext_lazy("plural", "催报记录")
        ordering = ["-sent_at"]
        constraints = [
            # One automatic reminder per unit, requirement, activity and offset, even when
            # two beat ticks overlap.
            models.UniqueConstraint(
                F("unit"),
                F("requirement"),
                Coalesce("activity", 0),
                F("offset_hours"),
                condition=Q(kind="auto"),
                name="one_automatic_reminder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.requirement} · {self.sent_at:%Y-%m-%d %H:%M}"


class EmailTemplate(models.Model):
    """An e-mail organizers may reword, in Chinese and English: plain text with the named
    placeholders its code offers (``submissions.email_templates``), rendered in a sandbox."""

    TEXT_FIELDS = ("subject_zh", "body_zh", "subject_en", "body_en")

    code = models.SlugField(_("代码"), unique=True)
    description = models.CharField(_("用途"), max_length=200)
    subject_zh = models.CharField(_("主题（中文）"), max_length=200)
    body_zh = models.TextField(_("正文（中文）"))
    subject_en = models.CharField(_("主题（英文）"), max_length=200)
    body_en = models.TextField(_("正文（英文）"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("邮件模板")
        verbose_name_plural = pgettext_lazy("plural", "邮件模板")

    def __str__(self) -> str:
        return self.description

    def clean(self):
        errors = {}
        for name in self.TEXT_FIELDS:
            try:
                check_template(getattr(self, name), self.code)
            except ValidationError as exc:
                errors[name] = exc.error_list
        if errors:
            raise ValidationError(errors)
