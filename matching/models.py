"""Project matching (项目对接): the call and its collection rounds, the fields (领域), the items
units send (供需信息), the committee's steps on them, the answers of the public (揭榜), and
the accounts the committee's import opens for units.

An item's contact and its 不公开 flag are never read by a public page: public pages read
items only through ``matching.selectors.public``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from conference.bilingual import in_language
from conference.models import Edition, Hall, Region
from matching.kinds import ITEM_STATUSES, AnswerState, ItemAction, ItemKind, ItemStatus
from units.models import Unit


class MatchingCall(models.Model):
    """供需信息征集 — the year-round call of notice 001's 项目对接板块组织实施方案."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("届次"), on_delete=models.CASCADE, null=True, blank=True
    )
    code = models.SlugField(_("代码"), max_length=60, unique=True)
    title_zh = models.CharField(_("标题"), max_length=200)
    title_en = models.CharField(_("英文标题"), max_length=300, blank=True)
    summary_zh = models.TextField(_("说明"), blank=True)
    summary_en = models.TextField(_("英文说明"), blank=True)
    committee_email = models.EmailField(
        _("组委会邮箱"), help_text=_("揭榜留言同时发送到此邮箱，例如 EO@ciep.gov.cn。")
    )
    answers_per_hour = models.PositiveSmallIntegerField(
        _("每个网络地址每小时可揭榜次数"), default=5
    )
    is_published = models.BooleanField(_("已发布"), default=True)

    class Meta:
        verbose_name = _("供需信息征集")
        verbose_name_plural = pgettext_lazy("plural", "供需信息征集")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    @property
    def summary(self) -> str:
        return in_language(self.summary_zh, self.summary_en)


class CollectionRound(models.Model):
    """A period in which units send the 征集表 (在相应时段内发送), with its own deadline."""

    call = models.ForeignKey(
        MatchingCall, verbose_name=_("征集"), on_delete=models.CASCADE, related_name="rounds"
    )
    name_zh = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))

    class Meta:
        verbose_name = _("征集时段")
        verbose_name_plural = pgettext_lazy("plural", "征集时段")
        ordering = ["call", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.name}"

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at <= self.closes_at


class Sector(models.Model):
    """领域 — the list an item's field is chosen from; organizers keep it."""

    name_zh = models.CharField(_("中文名称"), max_length=100, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=200)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("可选"), default=True)

    class Meta:
        verbose_name = _("领域")
        verbose_name_plural = pgettext_lazy("plural", "领域")
        ordering = ["order", "name_zh"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)


class Item(models.Model):
    """供需信息 — one row of the 征集表: a project, a technology need, funding or a talent need."""

    call = models.ForeignKey(
        MatchingCall, verbose_name=_("征集"), on_delete=models.CASCADE, related_name="items"
    )
    round = models.ForeignKey(
        CollectionRound, verbose_name=_("征集时段"), on_delete=models.PROTECT, related_name="items"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="matching_items"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=ItemKind.choices)
    title_zh = models.CharField(_("标题（中文）"), max_length=100)
    title_en = models.CharField(
        _("标题（英文）"), max_length=200, blank=True, help_text=_("对外发布必填。")
    )
    summary_zh = models.TextField(_("简介（中文）"), max_length=1000)
    summary_en = models.TextField(
        _("简介（英文）"), max_length=3000, blank=True, help_text=_("对外发布必填。")
    )
    sector = models.ForeignKey(Sector, verbose_name=_("领域"), on_delete=models.PROTECT)
    region = models.ForeignKey(
        Region, verbose_name=_("地区"), on_delete=models.PROTECT, null=True, blank=True
    )
    offered = models.TextField(_("可提供"), max_length=1000, blank=True)
    sought = models.TextField(_("寻求"), max_length=1000, blank=True)
    terms = models.CharField(_("合作条件或预算"), max_length=300, blank=True)
    closes_on = models.DateField(_("截止日期"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"))
    confidential = models.BooleanField(
        _("不公开"),
        default=False,
        help_text=_("不在任何公开页面、搜索、打印榜单中出现，由组委会另行对接。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ITEM_STATUSES, default=ItemStatus.IN_REVIEW
    )
    is_key = models.BooleanField(_("重点"), default=False)
    halls = models.ManyToManyField(
        Hall, verbose_name=_("张榜展馆"), blank=True, help_text=_("留空表示各展馆都张贴。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    accepted_at = models.DateTimeField(_("采用时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("供需信息")
        verbose_name_plural = pgettext_lazy("plural", "供需信息")
        ordering = ["-pk"]
        indexes = [
            # The boards read only accepted public items, key ones first, newest first: a page
            # is the first rows of this index that pass the board's other filters.
            models.Index(
                models.F("is_key").desc(),
                models.F("accepted_at").desc(),
                models.F("id").desc(),
                condition=Q(status="accepted", confidential=False),
                name="matching_item_board_order",
            ),
            models.Index(fields=["unit", "status"], name="matching_item_unit_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)


class ItemEvent(models.Model):
    """One step of an item's history, with the message the unit reads."""

    item = models.ForeignKey(
        Item, verbose_name=_("供需信息"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=ItemAction.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=ITEM_STATUSES)
    to_status = models.CharField(_("新状态"), max_length=20, choices=ITEM_STATUSES)
    message = models.TextField(_("意见"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("处理记录")
        verbose_name_plural = pgettext_lazy("plural", "处理记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.item}"


class Answer(models.Model):
    """揭榜 — someone anywhere answers an item through the public form."""

    item = models.ForeignKey(
        Item, verbose_name=_("供需信息"), on_delete=models.CASCADE, related_name="answers"
    )
    name = models.CharField(_("姓名"), max_length=100)
    organization = models.CharField(_("机构"), max_length=200)
    country = CountryField(_("国家/地区"))
    email = models.EmailField(_("邮箱"))
    message = models.TextField(_("留言"), max_length=3000)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    state = models.CharField(
        _("处理状态"), max_length=20, choices=AnswerState.choices, default=AnswerState.NEW
    )
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("揭榜时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("揭榜")
        verbose_name_plural = pgettext_lazy("plural", "揭榜")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("%(name)s（%(organization)s）→ %(item)s") % {
            "name": self.name,
            "organization": self.organization,
            "item": self.item,
        }


class AccountInvitation(models.Model):
    """An account the committee's import opened for a unit's contact (系统生成用户账号), and
    whether its activation link was used."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="matching_invitation",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("激活邮件发送时间"), null=True, blank=True)
    activated_at = models.DateTimeField(_("激活时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("账号激活")
        verbose_name_plural = pgettext_lazy("plural", "账号激活")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.user.email}"
