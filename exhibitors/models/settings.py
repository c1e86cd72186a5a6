"""What organizers set for an edition's exhibition: where agreements go, where money goes, and
the limits of the pictures exhibitors upload. Data, editable in the admin, never code."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conference.bilingual import in_language
from conference.models import Edition


class ExhibitionSettings(models.Model):
    """展览洽谈设置 — one row per edition."""

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("届次"),
        on_delete=models.CASCADE,
        related_name="exhibition_settings",
    )
    organizer_name = models.CharField(
        _("协议甲方（收件单位）"),
        max_length=200,
        blank=True,
        help_text=_("展位确认协议寄送至此单位，例如深圳国际人才交流中心。"),
    )
    organizer_name_en = models.CharField(
        _("协议甲方（英文）"),
        max_length=300,
        blank=True,
        help_text=_("境外参展单位以英文阅读时使用；为空则显示中文。"),
    )
    mailing_address = models.CharField(_("协议寄送地址"), max_length=300, blank=True)
    mailing_address_en = models.CharField(_("协议寄送地址（英文）"), max_length=400, blank=True)
    contact = models.CharField(_("联系人及电话"), max_length=300, blank=True)
    bank_account_name = models.CharField(_("收款户名"), max_length=200, blank=True)
    bank_account_name_en = models.CharField(_("收款户名（英文）"), max_length=300, blank=True)
    bank_name = models.CharField(_("开户银行"), max_length=200, blank=True)
    bank_name_en = models.CharField(_("开户银行（英文）"), max_length=300, blank=True)
    bank_account_number = models.CharField(_("银行账号"), max_length=60, blank=True)
    payment_note = models.TextField(
        _("汇款说明"), blank=True, help_text=_("例如：汇款时请注明单位名称和展位号。")
    )
    payment_note_en = models.TextField(_("汇款说明（英文）"), blank=True)
    is_example = models.BooleanField(
        _("示例数据"),
        default=False,
        help_text=_("勾选时，页面和协议提示汇款信息仅为示例，请勿汇款。"),
    )
    standard_booth_m2 = models.DecimalField(
        _("标准展位面积（平方米）"), max_digits=6, decimal_places=1, default=Decimal("9")
    )
    picture_min_width = models.PositiveIntegerField(
        _("图片水平像素不少于"),
        default=1000,
        help_text=_("宣传资料征集通知的图片要求：水平像素不低于 1000，请勿压缩。"),
    )
    picture_max_mb = models.PositiveIntegerField(_("单张图片不超过（MB）"), default=200)
    max_pictures = models.PositiveSmallIntegerField(_("展示图片至多（张）"), default=10)
    scan_max_mb = models.PositiveIntegerField(_("协议扫描件不超过（MB）"), default=20)
    agreement_terms = models.TextField(
        _("协议条款"),
        blank=True,
        help_text=_("展位确认协议中的条款正文，每段一行。"),
    )
    agreement_terms_en = models.TextField(
        _("协议条款（英文）"),
        blank=True,
        help_text=_("英文协议的条款，每段一行；境外参展单位以英文阅读时使用。"),
    )

    class Meta:
        verbose_name = _("展览洽谈设置")
        verbose_name_plural = pgettext_lazy("plural", "展览洽谈设置")

    def __str__(self) -> str:
        return str(self.edition)

    # The texts an exhibitor reads, in the active language (English when entered).
    @property
    def organizer(self) -> str:
        return in_language(self.organizer_name, self.organizer_name_en)

    @property
    def address(self) -> str:
        return in_language(self.mailing_address, self.mailing_address_en)

    @property
    def account_name(self) -> str:
        return in_language(self.bank_account_name, self.bank_account_name_en)

    @property
    def bank(self) -> str:
        return in_language(self.bank_name, self.bank_name_en)

    @property
    def note(self) -> str:
        return in_language(self.payment_note, self.payment_note_en)

    @property
    def terms(self) -> str:
        return in_language(self.agreement_terms, self.agreement_terms_en)

    @property
    def has_bank_details(self) -> bool:
        return bool(self.bank_account_name and self.bank_name and self.bank_account_number)
