"""展位 — the booth inventory of each hall and zone, and which application holds which booth."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conference.models import Hall, Zone
from exhibitors.kinds import BoothType
from exhibitors.models.applications import BoothApplication


class Booth(models.Model):
    """One booth of a hall's plan, e.g. 1A01, a standard booth of 9 m²."""

    hall = models.ForeignKey(
        Hall, verbose_name=_("展馆"), on_delete=models.CASCADE, related_name="booths"
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("展区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="booths",
    )
    number = models.CharField(_("展位号"), max_length=20)
    booth_type = models.CharField(
        _("展位类型"), max_length=20, choices=BoothType.choices, default=BoothType.STANDARD
    )
    size_m2 = models.DecimalField(_("面积（平方米）"), max_digits=7, decimal_places=1)
    fee = models.DecimalField(_("费用（元）"), max_digits=12, decimal_places=2)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("展位")
        verbose_name_plural = pgettext_lazy("plural", "展位")
        ordering = ["hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "number"], name="booth_number_unique"),
            models.CheckConstraint(condition=models.Q(size_m2__gt=0), name="booth_size_positive"),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="booth_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self):
        if self.zone_id and self.hall_id and self.zone.hall_id != self.hall_id:
            message = _("展区“%(zone)s”不在展馆“%(hall)s”内。")
            params = {"zone": self.zone, "hall": self.hall}
            raise ValidationError({"zone": ValidationError(message, params=params)})


class BoothAssignment(models.Model):
    """A booth given to an accepted application.

    ``booth`` is one-to-one: the database itself refuses a second assignment of the same
    booth, whatever the code does; ``services.booths.assign_booth`` also locks the booth row
    so that the loser of a race gets a clear message instead of an integrity error.
    """

    booth = models.OneToOneField(
        Booth, verbose_name=_("展位"), on_delete=models.PROTECT, related_name="assignment"
    )
    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分配人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("分配时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("展位分配")
        verbose_name_plural = pgettext_lazy("plural", "展位分配")
        ordering = ["booth__number"]

    def __str__(self) -> str:
        return f"{self.booth} → {self.application.unit}"
