"""Reading the exhibition: which boards a unit may apply to, its applications, the deadline,
what it should do next. Functions that change nothing."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from conference.models import Board, Edition, Hall, Zone
from exhibitors.kinds import ApplicationStatus, ScanVerdict
from exhibitors.models import (
    AgreementScan,
    BoardAdmission,
    BoothApplication,
    ExhibitionSettings,
)
from submissions.deadlines import Deadline, deadline_for
from submissions.kinds import MaterialKind
from submissions.models import Requirement
from units.models import Unit

S = ApplicationStatus


def current_edition() -> Edition | None:
    return Edition.objects.filter(is_current=True).first()


def exhibition_settings(edition: Edition) -> ExhibitionSettings:
    """The edition's settings; an unsaved row with the defaults if organizers set none yet."""
    found = ExhibitionSettings.objects.filter(edition=edition).first()
    return found or ExhibitionSettings(edition=edition)


def booth_requirement(edition: Edition) -> Requirement | None:
    """The exhibition call's 展位申请 requirement, whose deadline closes new applications."""
    return (
        Requirement.objects.filter(call__edition=edition, kind=MaterialKind.BOOTH_APPLICATION)
        .select_related("call__edition")
        .order_by("call__order", "order")
        .first()
    )


def application_deadline(edition: Edition, unit: Unit) -> Deadline | None:
    requirement = booth_requirement(edition)
    return deadline_for(requirement, unit) if requirement else None


# --- Where a unit may exhibit ------------------------------------------------------------------


def region_chain(unit: Unit) -> list[int]:
    """The unit's region and every region above it (深圳 → 广东), as ids."""
    chain, region = [], unit.region
    while region is not None and region.pk not in chain:
        chain.append(region.pk)
        region = region.parent
    return chain


def boards_open_to(unit: Unit, edition: Edition) -> QuerySet[Board]:
    """Boards without regions, boards of the unit's regions, and boards it was admitted to."""
    admitted = BoardAdmission.objects.filter(unit=unit).values("board")
    return (
        Board.objects.filter(zone__hall__edition=edition)
        .filter(Q(regions__isnull=True) | Q(regions__in=region_chain(unit)) | Q(pk__in=admitted))
        .distinct()
        .select_related("zone__hall")
        .order_by("zone__hall__number", "zone__order", "order")
    )


def board_open_to(board: Board, unit: Unit) -> bool:
    regions = set(board.regions.values_list("pk", flat=True))
    if not regions or regions & set(region_chain(unit)):
        return True
    return BoardAdmission.objects.filter(board=board, unit=unit).exists()


def halls_of(edition: Edition) -> QuerySet[Hall]:
    return Hall.objects.filter(edition=edition).order_by("number")


def zones_of(edition: Edition) -> QuerySet[Zone]:
    return Zone.objects.filter(hall__edition=edition).select_related("hall")


# --- A unit's applications ------------------------------------------------------------------------


def applications_of(unit: Unit) -> QuerySet[BoothApplication]:
    """The only way the exhibitor's pages find an application: within the user's unit."""
    return BoothApplication.objects.filter(unit=unit).select_related(
        "edition", "hall", "zone", "board", "unit"
    )


def live_applications_for_place(
    *, unit: Unit, edition: Edition, hall, zone, board, area: str
) -> QuerySet[BoothApplication]:
    return BoothApplication.objects.filter(
        unit=unit, edition=edition, hall=hall, zone=zone, board=board, area=area
    ).exclude(status__in=[S.REJECTED, S.WITHDRAWN])


def latest_scan(application: BoothApplication) -> AgreementScan | None:
    return application.scans.order_by("-uploaded_at", "-pk").first()


def amount_paid(application: BoothApplication) -> Decimal:
    return application.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def assigned_area(application: BoothApplication) -> Decimal:
    total = application.assignments.aggregate(total=Sum("booth__size_m2"))["total"]
    return total or Decimal("0")


def next_step(application: BoothApplication) -> str:
    """What the exhibitor should do now, in one sentence."""
    status = application.status
    if status == S.DRAFT:
        return _("请检查填写内容，确认无误后提交申请。")
    if status == S.CHANGES_REQUESTED:
        return _("组委会要求修改，请阅读下方消息，修改后重新提交。")
    if status == S.SUBMITTED:
        return _("申请已提交，请等待组委会审核。")
    if status == S.ACCEPTED:
        scan = latest_scan(application)
        if not application.assignments.exists():
            return _("申请已通过，组委会正在分配展位；分配后可下载展位确认协议。")
        if scan is not None and scan.verdict == ScanVerdict.REFUSED:
            return _("上传的协议未通过核验，请阅读说明，重新签署盖章后上传。")
        return _("请下载展位确认协议，签字并加盖单位公章后上传扫描件，并将原件寄送组委会。")
    if status == S.AGREEMENT_UPLOADED:
        return _("协议扫描件已上传，请等待组委会核验。")
    if status == S.AGREEMENT_VERIFIED:
        return _("协议已核验，请按下方汇款信息缴纳费用。")
    if status == S.PAID:
        return _("费用已到账，参展手续已办完。")
    if status == S.REJECTED:
        return _("申请未通过，原因见下方消息。")
    return _("申请已撤回。")


def applications_sent(requirement: Requirement, unit_ids) -> dict[int, int]:
    """Units' applications of the requirement's edition that were sent (neither drafts nor
    withdrawn), for the committee's matrix and workbench."""
    rows = (
        BoothApplication.objects.filter(
            edition_id=requirement.call.edition_id, unit_id__in=unit_ids
        )
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .order_by()
        .values_list("unit_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def applications_by_status(requirement: Requirement) -> list[tuple[str, int]]:
    rows = (
        BoothApplication.objects.filter(edition_id=requirement.call.edition_id)
        .exclude(status=ApplicationStatus.DRAFT)
        .order_by("status")
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    labels = dict(ApplicationStatus.choices)
    return [(labels[status], n) for status, n in rows]
