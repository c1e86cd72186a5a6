"""Accounts. A user belongs to at most one unit and sees only that unit's material."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from units.models import Unit


class User(AbstractUser):
    email = models.EmailField(_("邮箱"), unique=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    mobile = models.CharField(_("手机"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("通知语言"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("系统邮件使用的语言。"),
    )
    welcome_sent_at = models.DateTimeField(_("欢迎邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = pgettext_lazy("plural", "用户")

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} <{self.username}>" if full else self.username
