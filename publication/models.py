"""发布排期 — when and where the committee publishes accepted material, and which items are
特别优质 (especially good) and pushed to the official matrix and the media.

Channels are rows, seeded with the nine the publicity notice names. How a slot moves from
planned to published or cancelled is decided in ``publication.services`` only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from conference.models import BilingualName
from publication.validators import validate_web_url
from submissions.kinds import SubmissionStatus
from submissions.models import Submission

# The admin's pickers offer only accepted items. A slot's item is read-only once scheduled, so
# an item whose acceptance is later withdrawn does not make its old slots invalid to edit.
ACCEPTED_ONLY = {"status": SubmissionStatus.ACCEPTED}


class Channel(BilingualName):
    """发布渠道 — e.g. 微信公众号, 视频号, 媒体推送; organizers add more in the admin."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(
        _("启用"),
        default=True,
        help_text=_("停用后不能再排期到该渠道；已有的排期仍在日历中显示。"),
    )

    class Meta:
        verbose_name = _("发布渠道")
        verbose_name_plural = pgettext_lazy("plural", "发布渠道")
        ordering = ["order", "pk"]


class PublicationSlot(models.Model):
    """一条发布排期 — one accepted item on one channel at one time, and who sees to it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("计划中")
        PUBLISHED = "published", _("已发布")
        CANCELLED = "cancelled", _("已取消")

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("材料"),
        on_delete=models.PROTECT,
        related_name="publication_slots",
        limit_choices_to=ACCEPTED_ONLY,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("发布渠道"), on_delete=models.PROTECT, related_name="slots"
    )
    scheduled_at = models.DateTimeField(_("计划发布时间"), help_text=_("北京时间（UTC+08:00）"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("负责人"),
        on_delete=models.PROTECT,
        related_name="publication_slots",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    published_url = models.URLField(
        _("发布链接"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_("标记为已发布时必填。"),
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("排期人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发布排期")
        verbose_name_plural = pgettext_lazy("plural", "发布排期")
        ordering = ["scheduled_at", "channel__order", "pk"]
        indexes = [models.Index(fields=["scheduled_at", "channel"], name="pub_slot_when_channel")]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "channel"],
                condition=Q(status="planned"),
                name="one_planned_slot_per_channel",
                violation_error_message=_("该材料在此渠道已有计划中的排期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | ~Q(published_url=""),
                name="published_slot_has_url",
                violation_error_message=_("已发布的排期须有发布链接。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.submission}"

    @property
    def is_featured(self) -> bool:
        # Reads the reverse one-to-one; selectors and the admin select it with the slot.
        return hasattr(self.submission, "featured")


class FeaturedContent(models.Model):
    """特别优质 — an accepted item the committee pushes to the official matrix and the media."""

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("材料"),
        on_delete=models.CASCADE,
        related_name="featured",
        limit_choices_to=ACCEPTED_ONLY,
    )
    note = models.CharField(_("推荐说明"), max_length=500, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("标记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("标记时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("特别优质内容")
        verbose_name_plural = pgettext_lazy("plural", "特别优质内容")
        ordering = ["-marked_at"]

    def __str__(self) -> str:
        return str(self.submission)
