"""The conference itself: editions, sections, the exhibition's halls, zones and boards, the
regions they serve, and the holiday calendar that working-day deadlines count on.

A new edition is a new row. Everything here is seeded from the notices by
``manage.py load_ciep21`` and editable in the admin.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conference.bilingual import in_language


class BilingualName(models.Model):
    """A Chinese name and an English one; ``name`` gives the one for the active language."""

    name_zh = models.CharField(_("中文名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)


class Edition(BilingualName):
    """一届大会 — e.g. the 21st CIEP, 2023-04-15 to 04-16 in Shenzhen."""

    number = models.PositiveSmallIntegerField(_("届次"))
    starts_on = models.DateField(_("开幕日期"))
    ends_on = models.DateField(_("闭幕日期"))
    setup_starts_on = models.DateField(_("报到、布展开始"), null=True, blank=True)
    setup_ends_on = models.DateField(_("报到、布展结束"), null=True, blank=True)
    venue_zh = models.CharField(_("地点"), max_length=300, blank=True)
    venue_en = models.CharField(_("地点（英文）"), max_length=300, blank=True)
    hosts_zh = models.TextField(_("主办单位"), blank=True)
    organizers_zh = models.TextField(_("承办单位"), blank=True)
    is_current = models.BooleanField(
        _("当前届次"), default=False, help_text=_("首页展示的届次；同一时间只能有一个。")
    )
    is_demo = models.BooleanField(
        _("演示届次"),
        default=False,
        help_text=_("演示数据：日期由真实届次平移而来，仅供试用。"),
    )

    class Meta:
        verbose_name = _("大会届次")
        verbose_name_plural = pgettext_lazy("plural", "大会届次")
        ordering = ["-number", "is_demo"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_edition"
            ),
            models.UniqueConstraint(fields=["number", "is_demo"], name="edition_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="edition_ends_after_start"
            ),
        ]

    @property
    def venue(self) -> str:
        return in_language(self.venue_zh, self.venue_en)


class Section(BilingualName):
    """板块 — the five offline sections (开幕式, 论坛会议, 展览洽谈, 人才招聘, 主题活动) and the
    online services."""

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("线下")
        ONLINE = "online", _("线上")

    edition = models.ForeignKey(
        Edition, verbose_name=_("届次"), on_delete=models.CASCADE, related_name="sections"
    )
    code = models.SlugField(_("代码"), max_length=50)
    mode = models.CharField(_("形式"), max_length=10, choices=Mode.choices)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("板块")
        verbose_name_plural = pgettext_lazy("plural", "板块")
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="section_code_unique")
        ]


class Region(BilingualName):
    """A province-level region or a city that the exhibition's regional boards name."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("省")
        AUTONOMOUS_REGION = "autonomous_region", _("自治区")
        MUNICIPALITY = "municipality", _("直辖市")
        SAR = "sar", _("特别行政区")
        CITY = "city", _("副省级城市/计划单列市")
        CORPS = "corps", _("新疆生产建设兵团")
        DISTRICT = "district", _("深圳市辖区/新区")

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = pgettext_lazy("plural", "地区")
        ordering = ["code"]


class Hall(BilingualName):
    """展馆 — e.g. 国际科技创新和人才交流展洽综合馆."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("届次"), on_delete=models.CASCADE, related_name="halls"
    )
    number = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("展馆")
        verbose_name_plural = pgettext_lazy("plural", "展馆")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="hall_number_unique")
        ]


class Zone(BilingualName):
    """展区 — e.g. 区域协调发展展区."""

    hall = models.ForeignKey(
        Hall, verbose_name=_("展馆"), on_delete=models.CASCADE, related_name="zones"
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("展区")
        verbose_name_plural = pgettext_lazy("plural", "展区")
        ordering = ["hall", "order"]


class Board(BilingualName):
    """板块 of a zone — e.g. 京津冀协同发展板块, open to 北京, 天津, 河北."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("展区"), on_delete=models.CASCADE, related_name="boards"
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("对应省市"),
        blank=True,
        help_text=_("区域板块只对这些省市开放；为空表示不按地区限制。"),
    )
    has_government_area = models.BooleanField(_("设政府区域"), default=False)
    has_enterprise_area = models.BooleanField(_("设企业区域"), default=False)
    enterprise_limit = models.PositiveSmallIntegerField(
        _("代表性企业上限"),
        null=True,
        blank=True,
        help_text=_("每个省市在企业区域可邀请的代表性企业数量上限，通知为 10 家。"),
    )

    class Meta:
        verbose_name = _("展览板块")
        verbose_name_plural = pgettext_lazy("plural", "展览板块")
        ordering = ["zone", "order"]


class CalendarYear(models.Model):
    """A year whose holiday schedule is entered by hand because chinesecalendar does not know it.

    Days of such a year are working days Monday to Friday, except the ``CalendarDay`` rows
    entered for it. ``provisional`` marks a schedule not yet published by the State Council:
    deadlines computed with it are shown as provisional.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    provisional = models.BooleanField(
        _("暂定"), default=True, help_text=_("国务院办公厅尚未公布该年放假安排时勾选。")
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("节假日年份")
        verbose_name_plural = pgettext_lazy("plural", "节假日年份")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An extra holiday or working day (调休), overriding chinesecalendar for that date."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    name = models.CharField(_("名称"), max_length=100, blank=True)
    provisional = models.BooleanField(_("暂定"), default=False)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = pgettext_lazy("plural", "节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ConfigurationVersion(models.Model):
    """One row whose token changes with every change to the organizers' configuration.

    Calls, requirements and their rules, sections, milestones and the holiday calendar are read
    on every page of a unit and change a few times a day. ``conference.configuration`` caches
    them under this token and writes a new random one in the same transaction as each change,
    so every process sees a committed edit at once, whatever the cache backend, and never a
    rolled-back one (a counter would come back to a value already used).
    """

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("配置版本")
        verbose_name_plural = pgettext_lazy("plural", "配置版本")
        default_permissions = ()  # written by the portal only, never by hand

    def __str__(self) -> str:
        return str(self.token)
