"""Units (单位) that receive the notices and their publicity liaisons (宣传联络员).

Every piece of a unit's material hangs off its ``Unit``; a user sees only their own unit's.
"""

from django.db import models
from django.db.models import Q
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from conference.bilingual import in_language
from conference.models import Region
from units.validators import normalize_mobile, normalize_uscc, validate_mobile, validate_uscc


def new_join_code() -> str:
    # 10 characters from an alphabet without look-alikes (0/O, 1/I/L), read over the phone.
    return get_random_string(10, allowed_chars="ABCDEFGHJKMNPQRSTUVWXYZ23456789")


# Also what the registration form says beside the field (accounts.forms).
USCC_REGISTERED = _(
    "该统一社会信用代码已有单位注册，不能重复注册。如属本单位，"
    "请联系本单位已注册的人员或组委会为您添加账户。"
)


class Unit(models.Model):
    class Kind(models.TextChoices):
        PROVINCIAL_ST = "provincial_st", _("省级科技主管部门")
        MINISTRY = "ministry", _("部委及直属单位")
        CENTRAL_ENTERPRISE = "central_enterprise", _("中央企业")
        ENTERPRISE = "enterprise", _("企业")
        UNIVERSITY = "university", _("高校/科研院所")
        HR_SERVICE = "hr_service", _("人力资源服务机构")
        FINANCIAL = "financial", _("金融机构")
        FOREIGN = "foreign", _("境外机构")
        SHENZHEN_DISTRICT = "shenzhen_district", _("深圳市各区/新区")
        # The addressees of the 科协's and 火炬中心's own calls (notices 002, 004).
        SCIENCE_ASSOCIATION = "science_association", _("地方科协（省、地州市、县）")
        LEARNED_SOCIETY = "learned_society", _("学会、协会、研究会及高校、企业科协")
        HIGH_TECH_ZONE = "high_tech_zone", _("国家高新区管委会")
        GOVERNMENT = "government", _("其他政府部门")
        OTHER = "other", _("其他")

    name_zh = models.CharField(_("单位名称"), max_length=200, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    kind = models.CharField(_("单位类别"), max_length=30, choices=Kind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("所属省市"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("决定可申请的区域展览板块。"),
    )
    country = CountryField(_("国家/地区"), default="CN")
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_("中国境内机构填写，18 位。"),
    )
    address = models.CharField(_("地址"), max_length=300, blank=True)
    website = models.URLField(_("网址"), blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100, blank=True)
    contact_mobile = models.CharField(_("联系人手机"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系人邮箱"), blank=True)
    is_partner = models.BooleanField(
        _("合作单位"), default=False, help_text=_("接收宣传、成果案例等征集通知的单位。")
    )
    is_exhibitor = models.BooleanField(_("参展单位"), default=False)
    sections = models.ManyToManyField(
        "conference.Section",
        verbose_name=_("负责的板块"),
        blank=True,
        related_name="units",
        help_text=_(
            "组委会分配；一个单位可负责多个板块。新闻稿件、新媒体推文、主视觉海报按板块报送，"
            "单位的活动只能属于这些板块。"
        ),
    )
    join_code = models.CharField(
        _("注册邀请码"),
        max_length=12,
        unique=True,
        default=new_join_code,
        help_text=_("随通知发给单位；联络员注册时填写，加入本单位。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = pgettext_lazy("plural", "单位")
        ordering = ["name_zh"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=~Q(uscc=""),
                name="unit_uscc_unique",
                violation_error_code="uscc_registered",
                violation_error_message=USCC_REGISTERED,
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)

    def clean(self):
        self.uscc = normalize_uscc(self.uscc)


class Liaison(models.Model):
    """宣传联络员 — one row of 附件4 宣传联络员信息表."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="liaisons"
    )
    name = models.CharField(_("姓名"), max_length=100)
    position = models.CharField(_("职务"), max_length=100)
    mobile = models.CharField(_("手机"), max_length=30, validators=[validate_mobile])
    office_phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    email = models.EmailField(_("邮箱"))
    wechat_id = models.CharField(_("微信号"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("宣传联络员")
        verbose_name_plural = pgettext_lazy("plural", "宣传联络员")
        ordering = ["unit", "created_at"]

    def __str__(self) -> str:
        return _("%(name)s（%(unit)s）") % {"name": self.name, "unit": self.unit}

    def clean(self):
        self.mobile = normalize_mobile(self.mobile)
