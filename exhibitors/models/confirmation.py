"""展位确认 — the signed and sealed booth confirmation agreement, and the payment."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from exhibitors.kinds import PaymentMethod, ScanVerdict
from exhibitors.models.applications import BoothApplication
from exhibitors.validators import validate_tax_number


def scan_path(instance: "AgreementScan", filename: str) -> str:
    """agreements/<unit>/<random>.<type>: unguessable, and no part of the uploaded name."""
    return f"agreements/{instance.application.unit_id}/{uuid.uuid4().hex}.{instance.detected_type}"


class AgreementScan(models.Model):
    """The scan of the agreement as the exhibitor signed and sealed it (加盖单位公章).

    Whether seal and signature are there is the organizer's judgement, recorded with who and
    when. A new upload is a new row; earlier ones stay.
    """

    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.CASCADE,
        related_name="scans",
    )
    file = models.FileField(_("文件"), upload_to=scan_path, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.BigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    detected_type = models.CharField(_("识别的类型"), max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    verdict = models.CharField(
        _("核验结果"), max_length=20, choices=ScanVerdict.choices, default=ScanVerdict.PENDING
    )
    note = models.TextField(_("核验说明"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核验人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("展位确认协议扫描件")
        verbose_name_plural = pgettext_lazy("plural", "展位确认协议扫描件")
        ordering = ["application", "-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="scan_verdict_recorded_with_who_and_when",
                condition=Q(verdict=ScanVerdict.PENDING)
                | Q(verified_by__isnull=False, verified_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class Payment(models.Model):
    """缴费 — a payment the committee received, with what the invoice is to show."""

    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("到账日期"))
    method = models.CharField(
        _("方式"), max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    invoice_title = models.CharField(_("发票抬头"), max_length=200)
    tax_number = models.CharField(
        _("纳税人识别号"), max_length=20, blank=True, validators=[validate_tax_number]
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("缴费记录")
        verbose_name_plural = pgettext_lazy("plural", "缴费记录")
        ordering = ["application", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("金额应大于 0 元。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"
