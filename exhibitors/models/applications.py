"""展位申请 — an exhibitor's application, its representative enterprises, pictures and the
messages between the exhibitor and the committee."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from conference.models import Board, Edition, Hall, Zone
from exhibitors.kinds import (
    EDITABLE,
    ApplicationStatus,
    Area,
    BoothType,
    PaymentMethod,
    PictureRole,
)
from units.models import Unit


class BoothApplication(models.Model):
    """申请参展 — the booths one exhibitor asks for in one place (hall → zone → board, area).

    State changes go through ``exhibitors.services`` only; ``history`` keeps every version.
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("届次"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("参展单位"),
        on_delete=models.PROTECT,
        related_name="booth_applications",
    )
    hall = models.ForeignKey(
        Hall, verbose_name=_("展馆"), on_delete=models.PROTECT, related_name="+"
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("展区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("展览板块"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.CharField(_("区域"), max_length=20, choices=Area.choices, blank=True)
    booth_type = models.CharField(
        _("展位类型"), max_length=20, choices=BoothType.choices, default=BoothType.STANDARD
    )
    booth_count = models.PositiveSmallIntegerField(_("标准展位数量"), null=True, blank=True)
    raw_area_m2 = models.DecimalField(
        _("光地面积（平方米）"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    technologies = models.TextField(_("展示技术"), blank=True)
    results = models.TextField(_("展示成果"), blank=True)
    products = models.TextField(_("展示产品"), blank=True)
    services = models.TextField(_("展示服务"), blank=True)
    wants_recruitment_desk = models.BooleanField(_("设置人才招聘台"), default=False)
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    fee = models.DecimalField(
        _("应缴费用（元）"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("所分配展位的费用之和，分配展位时计算。"),
    )
    submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填写人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("展位申请")
        verbose_name_plural = pgettext_lazy("plural", "展位申请")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="booth_application_size_given",
                condition=Q(booth_count__isnull=True) | Q(booth_count__gte=1),
                violation_error_message=_("标准展位数量至少为 1 个。"),
            ),
            models.CheckConstraint(
                name="booth_application_raw_area_positive",
                condition=Q(raw_area_m2__isnull=True) | Q(raw_area_m2__gt=0),
                violation_error_message=_("光地面积应大于 0 平方米。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.place}"

    @property
    def place(self) -> str:
        """馆 · 展区 · 板块 · 区域, as far as the application names them."""
        parts = [self.hall, self.zone, self.board]
        text = " · ".join(str(p) for p in parts if p is not None)
        return f"{text} · {self.get_area_display()}" if self.area else text

    @property
    def requested_size(self) -> str:
        if self.booth_type == BoothType.RAW:
            return gettext("光地 %(m2)s 平方米") % {"m2": self.raw_area_m2}
        return gettext("标准展位 %(n)s 个") % {"n": self.booth_count or 0}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def enterprise_limit(self) -> int | None:
        """How many representative enterprises this application lists at most, if it lists any."""
        if self.area != Area.ENTERPRISE or self.board is None:
            return None
        return self.board.enterprise_limit


class RepresentativeEnterprise(models.Model):
    """代表性企业 — one of a province's enterprises shown in its board's enterprise area."""

    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.CASCADE,
        related_name="enterprises",
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("企业名称"), max_length=200)
    field = models.CharField(_("所属领域"), max_length=200)
    offering = models.TextField(_("携带的技术、成果、产品"))

    class Meta:
        verbose_name = _("代表性企业")
        verbose_name_plural = pgettext_lazy("plural", "代表性企业")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="enterprise_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


def picture_path(instance: "ApplicationPicture", filename: str) -> str:
    """exhibitors/<unit>/<random>.<type>: nothing of the original name reaches the disk."""
    return f"exhibitors/{instance.application.unit_id}/{uuid.uuid4().hex}.{instance.detected_type}"


class ApplicationPicture(models.Model):
    """The exhibitor's logo or a picture of what it shows, kept byte for byte."""

    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.CASCADE,
        related_name="pictures",
    )
    role = models.CharField(_("用途"), max_length=20, choices=PictureRole.choices)
    file = models.FileField(_("文件"), upload_to=picture_path, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.BigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    detected_type = models.CharField(_("识别的类型"), max_length=20)
    width = models.PositiveIntegerField(_("宽度（像素）"))
    height = models.PositiveIntegerField(_("高度（像素）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("参展图片")
        verbose_name_plural = pgettext_lazy("plural", "参展图片")
        ordering = ["application", "role", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


# The messages the portal writes into an application's history; words are code, values data.
SYSTEM_MESSAGES = {
    "booth_assigned": _("已分配展位 %(booth)s（%(m2)s 平方米）。"),
    "booth_released": _("已取消展位 %(booth)s。"),
    "agreement_uploaded": _("上传了展位确认协议扫描件：%(name)s"),
    "paid": _("已收到费用 %(amount)s 元（%(date)s，%(method)s）。"),
    "part_paid": _("已收到 %(amount)s 元（%(date)s，%(method)s），尚欠 %(due)s 元。"),
}


def system_text(code: str, params: dict) -> str:
    values = dict(params)
    if "method" in values:
        values["method"] = PaymentMethod(values["method"]).label
    return str(SYSTEM_MESSAGES[code]) % values


class ApplicationMessage(models.Model):
    """A message between the committee and the exhibitor, or a change of state with its note.

    Together these rows are the application's history as the exhibitor reads it.
    """

    application = models.ForeignKey(
        BoothApplication,
        verbose_name=_("展位申请"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发送人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_organizer = models.BooleanField(_("组委会发出"), default=False)
    status_from = models.CharField(
        _("原状态"), max_length=30, choices=ApplicationStatus.choices, blank=True
    )
    status_to = models.CharField(
        _("新状态"), max_length=30, choices=ApplicationStatus.choices, blank=True
    )
    body = models.TextField(_("内容"), blank=True)
    # A message the portal writes ("已分配展位 1DR1（36 平方米）。"): its kind and values, put
    # into words in each reader's language; ``body`` keeps the Chinese wording for search.
    code = models.CharField(_("系统消息"), max_length=40, blank=True, editable=False)
    params = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请消息")
        verbose_name_plural = pgettext_lazy("plural", "申请消息")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:50] or self.get_status_to_display()

    @property
    def text(self) -> str:
        """What the reader reads: a system message in the active language, else the body."""
        return system_text(self.code, self.params) if self.code else self.body

    @property
    def is_state_change(self) -> bool:
        return bool(self.status_to)


class BoardAdmission(models.Model):
    """组委会特许 — a unit admitted to a regional board whose regions do not include its own."""

    board = models.ForeignKey(
        Board, verbose_name=_("展览板块"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="board_admissions"
    )
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("批准时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("区域板块特许")
        verbose_name_plural = pgettext_lazy("plural", "区域板块特许")
        constraints = [
            models.UniqueConstraint(fields=["board", "unit"], name="one_admission_per_board")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.board}"
