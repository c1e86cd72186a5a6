"""Giving booths of the inventory to accepted applications, never one booth twice."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from exhibitors.kinds import ApplicationStatus
from exhibitors.models import Booth, BoothApplication, BoothAssignment
from exhibitors.services.state import lock, log


def _taken(booth: Booth, holder: BoothApplication | None) -> ValidationError:
    return ValidationError(
        _("展位 %(booth)s 已分配给 %(unit)s，不能重复分配；请另选展位。"),
        code="booth_taken",
        params={"booth": booth.number, "unit": holder.unit if holder else _("其他申请")},
    )


def _ensure_fits(booth: Booth, application: BoothApplication) -> None:
    if booth.hall_id != application.hall_id:
        raise ValidationError(
            _("展位 %(booth)s 在“%(hall)s”，申请的是“%(wanted)s”。"),
            code="booth_elsewhere",
            params={"booth": booth.number, "hall": booth.hall, "wanted": application.hall},
        )
    if booth.zone_id and application.zone_id and booth.zone_id != application.zone_id:
        raise ValidationError(
            _("展位 %(booth)s 在“%(zone)s”，申请的是“%(wanted)s”。"),
            code="booth_elsewhere",
            params={"booth": booth.number, "zone": booth.zone, "wanted": application.zone},
        )


def _refresh_fee(application: BoothApplication) -> None:
    total = application.assignments.aggregate(total=Sum("booth__fee"))["total"]
    application.fee = total or 0
    application.save(update_fields=["fee", "updated_at"])


@transaction.atomic
def assign_booth(*, application: BoothApplication, booth: Booth, by) -> BoothAssignment:
    """Give ``booth`` to an accepted application.

    The booth row is locked first, so of two organizers assigning the same booth at once the
    second waits, then finds it taken. The one-to-one constraint is the last line: if it
    fires anyway, the same clear message is given instead of an error page.
    """
    locked = Booth.objects.select_for_update(of=("self",)).select_related("hall", "zone")
    booth = locked.get(pk=booth.pk)
    application = lock(application)
    if application.status != ApplicationStatus.ACCEPTED:
        raise ValidationError(
            _("只能给已通过、尚未上传协议的申请分配展位；此申请的状态为“%(status)s”。"),
            code="wrong_state",
            params={"status": application.get_status_display()},
        )
    _ensure_fits(booth, application)
    holder = BoothAssignment.objects.filter(booth=booth).select_related("application__unit")
    holder = holder.first()
    if holder is not None:
        raise _taken(booth, holder.application)
    try:
        with transaction.atomic():
            assignment = BoothAssignment.objects.create(
                booth=booth, application=application, assigned_by=by
            )
    except IntegrityError:
        raise _taken(booth, None) from None
    _refresh_fee(application)
    log(
        application,
        by=by,
        code="booth_assigned",
        params={"booth": booth.number, "m2": format(booth.size_m2.normalize(), "f")},
        from_organizer=True,
        notify=False,
    )
    return assignment


@transaction.atomic
def release_booth(*, assignment: BoothAssignment, by) -> None:
    """Take a booth back from an application that has not uploaded its agreement yet."""
    application = lock(assignment.application)
    if application.status != ApplicationStatus.ACCEPTED:
        raise ValidationError(
            _("协议上传后不能再更改展位；此申请的状态为“%(status)s”。"),
            code="wrong_state",
            params={"status": application.get_status_display()},
        )
    number = assignment.booth.number
    assignment.delete()
    _refresh_fee(application)
    log(
        application,
        by=by,
        code="booth_released",
        params={"booth": number},
        from_organizer=True,
        notify=False,
    )
