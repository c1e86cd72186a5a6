"""每省遴选邀请10家代表性企业: the limit of a board's enterprise area is per province (or
city the board lists), across every exhibitor of that province, not per application.

The limit is data (``Board.enterprise_limit``). Checked when an exhibitor saves or submits its
list and when the committee accepts an application; the board row is locked first so that two
exhibitors of one province cannot both take the last places.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from conference.models import Board, Region
from exhibitors.kinds import CLOSED, ApplicationStatus, Area
from exhibitors.models import BoothApplication, RepresentativeEnterprise


def province_of(application: BoothApplication, listed: set[int] | None = None) -> Region | None:
    """The region of the board's list the application's unit stands for: the nearest of its
    region and that region's parents that the board lists (深圳 on 先行示范区; 福田区 → 深圳
    → 广东 on 粤港澳大湾区), else the unit's own region (admitted by the committee)."""
    region = application.unit.region
    if listed is None:
        listed = set(application.board.regions.values_list("pk", flat=True))
    current = region
    while current is not None:
        if current.pk in listed:
            return current
        current = current.parent
    return region


def claimed_by_others(application: BoothApplication, region: Region) -> int:
    """Representative enterprises of the other live applications on the same board that
    stand for the same region (drafts, rejected and withdrawn ones hold no place)."""
    listed = set(application.board.regions.values_list("pk", flat=True))
    others = (
        BoothApplication.objects.filter(
            edition_id=application.edition_id,
            board_id=application.board_id,
            area=Area.ENTERPRISE,
        )
        .exclude(pk=application.pk)
        .exclude(status__in=[*CLOSED, ApplicationStatus.DRAFT])
        .select_related("unit__region__parent__parent")
    )
    same = [a.pk for a in others if province_of(a, listed) == region]
    return RepresentativeEnterprise.objects.filter(application__in=same).count()


def check_province_quota(application: BoothApplication, count: int) -> None:
    """Refuse ``count`` enterprises for ``application`` when, with those of the other
    exhibitors of its province, they exceed the board's limit."""
    limit = application.enterprise_limit
    if limit is None or application.board_id is None:
        return
    Board.objects.select_for_update().filter(pk=application.board_id).first()
    region = province_of(application)
    if region is None:
        return
    others = claimed_by_others(application, region)
    if others + count > limit:
        raise ValidationError(
            _(
                "每个省市在企业区域至多邀请 %(limit)s 家代表性企业：%(region)s的其他参展单位"
                "已报 %(others)s 家，本申请填写 %(count)s 家，合计 %(total)s 家，超出上限；"
                "本申请至多还可填写 %(left)s 家。"
            ),
            code="province_enterprise_limit",
            params={
                "limit": limit,
                "region": region.name,
                "others": others,
                "count": count,
                "total": others + count,
                "left": max(limit - others, 0),
            },
        )
