"""ZIP exports too large to stream while the organizer waits: built by a worker."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def export_path(instance: "ExportJob", filename: str) -> str:
    return f"exports/{uuid.uuid4().hex}.zip"


class ExportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("准备中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE
    )
    description = models.CharField(_("内容"), max_length=300)
    file_ids = models.JSONField(_("文件"), default=list)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    archive = models.FileField(_("压缩包"), upload_to=export_path, blank=True, max_length=300)
    size = models.BigIntegerField(_("大小（字节）"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = pgettext_lazy("plural", "导出任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description
