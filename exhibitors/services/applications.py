"""The exhibitor's side: 申请参展 — drafts, the representative enterprises, pictures,
submission before the deadline, and withdrawal."""

from dataclasses import dataclass, fields
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Board, Edition, Hall, Zone
from exhibitors import selectors
from exhibitors.kinds import Area, BoothType, PictureRole
from exhibitors.models import ApplicationPicture, BoothApplication, RepresentativeEnterprise
from exhibitors.services.quota import check_province_quota
from exhibitors.services.state import ensure_can, lock, log, move, release_all_booths
from exhibitors.services.uploads import check_picture
from inspection.names import clean_filename
from submissions.deadlines import ensure_open
from submissions.services.files import sha256_of
from units.models import Unit


@dataclass
class ApplicationInput:
    """What the application form (or a command) hands over."""

    hall: Hall
    zone: Zone | None = None
    board: Board | None = None
    area: str = ""
    booth_type: str = BoothType.STANDARD
    booth_count: int | None = None
    raw_area_m2: Decimal | None = None
    technologies: str = ""
    results: str = ""
    products: str = ""
    services: str = ""
    wants_recruitment_desk: bool = False


EXHIBITS = ("technologies", "results", "products", "services")


def ensure_accepting_new(*, edition: Edition, unit: Unit) -> None:
    """New applications close with the exhibition call's deadline (extensions honoured)."""
    requirement = selectors.booth_requirement(edition)
    if requirement is not None:
        ensure_open(requirement, unit)


def check_place(*, unit: Unit, edition: Edition, data: ApplicationInput) -> str:
    """Refuse a place that does not exist or is not open to the unit; return the area."""
    hall, zone, board = data.hall, data.zone, data.board
    errors: dict[str, str] = {}
    if hall.edition_id != edition.pk:
        errors["hall"] = _("展馆“%(hall)s”不属于本届大会。") % {"hall": hall}
    if hall.zones.exists() and zone is None:
        errors["zone"] = _("请选择展区。")
    elif zone is not None and zone.hall_id != hall.pk:
        errors["zone"] = _("展区“%(zone)s”不在展馆“%(hall)s”内。") % {"zone": zone, "hall": hall}
    elif zone is not None and zone.boards.exists() and board is None:
        errors["board"] = _("请选择展览板块。")
    if board is not None and "zone" not in errors:
        if board.zone_id != getattr(zone, "pk", None):
            errors["board"] = _("展览板块“%(board)s”不在所选展区内。") % {"board": board}
        elif not selectors.board_open_to(board, unit):
            regions = "、".join(r.name for r in board.regions.all())
            errors["board"] = _(
                "“%(board)s”只接受以下省市的单位申请：%(regions)s。如需在此板块参展，请联系组委会。"
            ) % {"board": board, "regions": regions}
    areas = _areas(board)
    if len(areas) > 1 and data.area not in areas:
        errors["area"] = _("此板块设政府区域和企业区域，请选择其一。")
    if errors:
        raise ValidationError(errors)
    return data.area if len(areas) > 1 else (areas[0] if areas else "")


def _areas(board: Board | None) -> list[str]:
    if board is None:
        return []
    flags = (
        (Area.GOVERNMENT, board.has_government_area),
        (Area.ENTERPRISE, board.has_enterprise_area),
    )
    return [area for area, present in flags if present]


def check_size(data: ApplicationInput) -> None:
    if data.booth_type == BoothType.STANDARD and not data.booth_count:
        raise ValidationError({"booth_count": _("请填写标准展位数量（至少 1 个）。")})
    if data.booth_type == BoothType.RAW and not (data.raw_area_m2 and data.raw_area_m2 > 0):
        raise ValidationError({"raw_area_m2": _("请填写光地面积（平方米）。")})


def _ensure_editable(application: BoothApplication) -> None:
    if not application.is_editable:
        raise ValidationError(
            _("申请当前状态为“%(status)s”，不能修改。"),
            code="not_editable",
            params={"status": application.get_status_display()},
        )


def _ensure_no_twin(application: BoothApplication, *, area: str) -> None:
    twins = selectors.live_applications_for_place(
        unit=application.unit,
        edition=application.edition,
        hall=application.hall,
        zone=application.zone,
        board=application.board,
        area=area,
    ).exclude(pk=application.pk)
    if twins.exists():
        raise ValidationError(
            _("本单位已有一份“%(place)s”的申请，请修改那一份，或先撤回再重新申请。"),
            code="duplicate_application",
            params={"place": twins.first().place},
        )


@transaction.atomic
def save_draft(
    *, unit: Unit, by, data: ApplicationInput, application: BoothApplication | None = None
) -> BoothApplication:
    """Create the unit's application as a draft, or change a draft or one sent back."""
    if application is None:
        edition = data.hall.edition
        ensure_accepting_new(edition=edition, unit=unit)
        application = BoothApplication(unit=unit, edition=edition, created_by=by)
    else:
        application = lock(application)
        if application.unit_id != unit.pk:
            raise ValidationError(_("这不是本单位的申请。"), code="foreign_application")
        _ensure_editable(application)
    area = check_place(unit=unit, edition=application.edition, data=data)
    check_size(data)
    for field in fields(ApplicationInput):
        setattr(application, field.name, getattr(data, field.name))
    application.area = area
    if application.booth_type == BoothType.STANDARD:
        application.raw_area_m2 = None
    else:
        application.booth_count = None
    _ensure_no_twin(application, area=area)
    application.save()
    if application.enterprise_limit is None:
        # The list belongs to a board's enterprise area; another place has none.
        application.enterprises.all().delete()
    return application


def _check_complete(application: BoothApplication) -> None:
    if not any(getattr(application, name).strip() for name in EXHIBITS):
        raise ValidationError(
            _("请至少填写一项展示内容：技术、成果、产品或服务。"), code="no_exhibits"
        )
    limit = application.enterprise_limit
    if limit is not None:
        count = application.enterprises.count()
        if count == 0:
            raise ValidationError(
                _("企业区域请填写本省市的代表性企业名单（至多 %(limit)s 家）。"),
                code="no_enterprises",
                params={"limit": limit},
            )
        check_enterprise_count(count, limit)
        check_province_quota(application, count)


def input_of(application: BoothApplication) -> ApplicationInput:
    """What the application holds, as the form would hand it over."""
    return ApplicationInput(
        **{f.name: getattr(application, f.name) for f in fields(ApplicationInput)}
    )


@transaction.atomic
def submit_application(*, application: BoothApplication, by) -> BoothApplication:
    """确认无误后提交. The first submission must come before the deadline; a resubmission
    after the committee asked for changes may come later."""
    application = lock(application)
    ensure_can(application, "submit")
    if application.submitted_at is None:
        ensure_accepting_new(edition=application.edition, unit=application.unit)
    data = input_of(application)
    check_place(unit=application.unit, edition=application.edition, data=data)
    check_size(data)
    _check_complete(application)
    if application.submitted_at is None:
        application.submitted_at = timezone.now()
        application.save(update_fields=["submitted_at", "updated_at"])
    move(application, "submit", by=by, from_organizer=False)
    return application


@transaction.atomic
def withdraw(*, application: BoothApplication, by) -> BoothApplication:
    application = lock(application)
    move(application, "withdraw", by=by, from_organizer=False)
    release_all_booths(application)
    return application


# --- Representative enterprises (代表性企业) ---------------------------------------------------


def check_enterprise_count(count: int, limit: int) -> None:
    if count > limit:
        raise ValidationError(
            _(
                "每个省市的企业区域至多 %(limit)s 家代表性企业，您填写了 %(count)s 家；"
                "第 %(first)s 家起超出上限，请删减。"
            ),
            code="too_many_enterprises",
            params={"limit": limit, "count": count, "first": limit + 1},
        )


@transaction.atomic
def save_enterprises(
    *, application: BoothApplication, by, rows: list[dict]
) -> list[RepresentativeEnterprise]:
    """Replace the list with ``rows`` (dicts of name, field, offering), in their order."""
    application = lock(application)
    _ensure_editable(application)
    limit = application.enterprise_limit
    if limit is None:
        raise ValidationError(
            _("只有区域板块的企业区域需要填写代表性企业名单。"), code="no_enterprise_area"
        )
    check_enterprise_count(len(rows), limit)
    check_province_quota(application, len(rows))
    application.enterprises.all().delete()
    enterprises = [
        RepresentativeEnterprise(
            application=application,
            position=position,
            name=row["name"].strip(),
            field=row["field"].strip(),
            offering=row["offering"].strip(),
        )
        for position, row in enumerate(rows, start=1)
    ]
    for enterprise in enterprises:
        enterprise.full_clean(exclude=["application"])
    return RepresentativeEnterprise.objects.bulk_create(enterprises)


# --- Logo and pictures -------------------------------------------------------------------------


@transaction.atomic
def add_picture(*, application: BoothApplication, role: str, upload, by) -> ApplicationPicture:
    """Keep a logo (replacing the previous one) or one more picture, after the cheap checks."""
    application = lock(application)
    _ensure_editable(application)
    conf = selectors.exhibition_settings(application.edition)
    if role == PictureRole.PICTURE:
        count = application.pictures.filter(role=PictureRole.PICTURE).count()
        if count >= conf.max_pictures:
            raise ValidationError(
                _("展示图片至多 %(limit)s 张，已上传 %(count)s 张；请先删除不需要的图片。"),
                code="too_many_pictures",
                params={"limit": conf.max_pictures, "count": count},
            )
    detected, facts = check_picture(
        upload, min_width=conf.picture_min_width, max_mb=conf.picture_max_mb
    )
    if role == PictureRole.LOGO:
        for old in application.pictures.filter(role=PictureRole.LOGO):
            _delete_picture(old)
    picture = ApplicationPicture(
        application=application,
        role=role,
        original_name=clean_filename(upload.name or "") or "upload",
        size=upload.size,
        sha256=sha256_of(upload),
        detected_type=detected,
        width=facts.width,
        height=facts.height,
        uploaded_by=by,
    )
    picture.file.save(f"picture.{detected}", upload, save=False)
    picture.save()
    return picture


def _delete_picture(picture: ApplicationPicture) -> None:
    storage, name = picture.file.storage, picture.file.name
    picture.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def remove_picture(*, picture: ApplicationPicture, by) -> None:
    application = lock(picture.application)
    _ensure_editable(application)
    _delete_picture(picture)


# --- Messages -------------------------------------------------------------------------------------


@transaction.atomic
def post_exhibitor_message(*, application: BoothApplication, by, body: str):
    """A question or note from the exhibitor to the committee, kept with the application."""
    if not body.strip():
        raise ValidationError({"body": _("请填写留言内容。")})
    return log(application, by=by, body=body.strip(), from_organizer=False, notify=False)
