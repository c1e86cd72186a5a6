"""Uploaded files, what was measured in them, and each rule's verdict.

Originals are stored byte for byte under an unguessable path and never changed; a
replacement is a new row with the next version number, the earlier one kept. Thumbnails and
poster frames are separate files.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.models.items import Submission


class FileRole(models.TextChoices):
    """What a file is within its item; rules may single out a role (``applies_to``)."""

    MAIN = "main", _("主文件")
    SOURCE = "source", _("设计源文件")
    PHOTO = "photo", _("图片")
    COVER = "cover", _("封面主视觉")
    QR = "qr", _("二维码")
    ATTACHMENT = "attachment", _("附件")
    LETTER = "letter", _("正式函件扫描件")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("等待检查")
    PASSED = "passed", _("通过")
    WARNED = "warned", _("通过（有提醒）")
    FAILED = "failed", _("未通过")


class Verdict(models.TextChoices):
    PASS = "pass", _("通过")
    WARN = "warn", _("提醒")
    FAIL = "fail", _("不通过")


def material_path(instance: "MaterialFile", filename: str) -> str:
    """materials/<unit>/<random>/<random>.<ext>: nothing of the original name reaches the disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"materials/{instance.submission.unit_id}/{uuid.uuid4().hex}{suffix}"


def preview_path(instance: "MaterialFile", filename: str) -> str:
    return f"previews/{instance.submission.unit_id}/{uuid.uuid4().hex}.jpg"


class MaterialFile(models.Model):
    submission = models.ForeignKey(
        Submission, verbose_name=_("提交材料"), on_delete=models.CASCADE, related_name="files"
    )
    role = models.CharField(_("用途"), max_length=20, choices=FileRole.choices)
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("当前版本"), default=True)
    file = models.FileField(_("文件"), upload_to=material_path, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.BigIntegerField(_("大小（字节）"))
    # Empty until the worker's check hashes the stored file (services.files.ensure_sha256).
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    detected_type = models.CharField(_("识别的类型"), max_length=60)
    facts = models.JSONField(_("测量结果"), default=dict, blank=True)
    check_status = models.CharField(
        _("检查结果"), max_length=10, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    preview = models.FileField(_("预览图"), upload_to=preview_path, blank=True, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("材料文件")
        verbose_name_plural = pgettext_lazy("plural", "材料文件")
        ordering = ["submission", "role", "position", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "role", "position", "version"], name="file_version_unique"
            )
        ]
        indexes = [models.Index(fields=["check_status", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"


class RuleVerdict(models.Model):
    """One check of one file: what was measured, the limit, and pass, warn or fail.

    The message is rendered from ``code`` and ``params`` in the reader's language
    (``submissions.rules``), so a Chinese liaison and an English reviewer each read their own.
    """

    file = models.ForeignKey(MaterialFile, on_delete=models.CASCADE, related_name="verdicts")
    code = models.CharField(_("规则"), max_length=40)
    verdict = models.CharField(_("结论"), max_length=10, choices=Verdict.choices)
    params = models.JSONField(_("测量值与限值"), default=dict)

    class Meta:
        verbose_name = _("检查结论")
        verbose_name_plural = pgettext_lazy("plural", "检查结论")
        constraints = [
            models.UniqueConstraint(fields=["file", "code"], name="one_verdict_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.verdict}"
