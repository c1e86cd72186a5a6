"""The committee's decisions on an application, and its messages to the exhibitor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import Board
from exhibitors.models import ApplicationMessage, BoardAdmission, BoothApplication
from exhibitors.services.quota import check_province_quota
from exhibitors.services.state import lock, log, move, release_all_booths
from units.models import Unit


def _required(text: str, message: str) -> str:
    if not (text or "").strip():
        raise ValidationError({"message": message})
    return text.strip()


@transaction.atomic
def accept(*, application: BoothApplication, by, message: str = "") -> BoothApplication:
    application = lock(application)
    # 每省10家: the committee cannot accept more than the province's places either.
    check_province_quota(application, application.enterprises.count())
    move(application, "accept", by=by, body=(message or "").strip(), from_organizer=True)
    return application


@transaction.atomic
def reject(*, application: BoothApplication, by, reason: str) -> BoothApplication:
    """不予通过; the reason is sent to the exhibitor. Booths already given return to the plan."""
    reason = _required(reason, _("请填写不予通过的原因，它将发送给参展单位。"))
    application = lock(application)
    move(application, "reject", by=by, body=reason, from_organizer=True)
    release_all_booths(application)
    return application


@transaction.atomic
def request_changes(*, application: BoothApplication, by, message: str) -> BoothApplication:
    """Send the application back; the exhibitor edits and resubmits, the history stays."""
    message = _required(message, _("请写明需要参展单位修改的内容。"))
    application = lock(application)
    move(application, "request_changes", by=by, body=message, from_organizer=True)
    return application


@transaction.atomic
def send_organizer_message(*, application: BoothApplication, by, body: str) -> ApplicationMessage:
    body = _required(body, _("请填写消息内容。"))
    return log(application, by=by, body=body, from_organizer=True, notify=True)


def admit_to_board(*, board: Board, unit: Unit, by, reason: str = "") -> BoardAdmission:
    """组委会特许: let a unit apply to a regional board that does not list its region."""
    admission, _created = BoardAdmission.objects.update_or_create(
        board=board, unit=unit, defaults={"reason": reason, "granted_by": by}
    )
    return admission
