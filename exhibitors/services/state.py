"""Moving an application from one state to the next, and the log the exhibitor reads."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from ciep_portal.queue import enqueue_on_commit
from exhibitors.kinds import TRANSITIONS
from exhibitors.models import ApplicationMessage, BoothApplication
from exhibitors.models.applications import system_text


def lock(application: BoothApplication) -> BoothApplication:
    """The application re-read under a row lock: state changes of one application queue up."""
    return BoothApplication.objects.select_for_update().get(pk=application.pk)


def ensure_can(application: BoothApplication, action: str) -> None:
    transition = TRANSITIONS[action]
    if application.status not in transition.sources:
        raise ValidationError(
            _("申请当前状态为“%(status)s”，不能%(action)s。"),
            code="wrong_state",
            params={"status": application.get_status_display(), "action": transition.label},
        )


def move(
    application: BoothApplication,
    action: str,
    *,
    by,
    body: str = "",
    from_organizer: bool,
    code: str = "",
    params: dict | None = None,
) -> ApplicationMessage:
    """Apply ``action`` to a locked application and log it; the exhibitor is mailed."""
    ensure_can(application, action)
    before = application.status
    application.status = TRANSITIONS[action].target
    application.save(update_fields=["status", "updated_at"])
    return log(
        application,
        by=by,
        body=body,
        from_organizer=from_organizer,
        status_from=before,
        status_to=application.status,
        notify=True,
        code=code,
        params=params,
    )


def log(
    application: BoothApplication,
    *,
    by,
    body: str = "",
    from_organizer: bool,
    notify: bool,
    status_from: str = "",
    status_to: str = "",
    code: str = "",
    params: dict | None = None,
) -> ApplicationMessage:
    """Record a message. A system message passes its ``code`` and ``params`` (JSON values):
    each reader then reads it in their own language; ``body`` keeps the Chinese words."""
    if code:
        with translation.override("zh-hans"):
            body = system_text(code, params or {})
    message = ApplicationMessage.objects.create(
        code=code,
        params=params or {},
        application=application,
        author=by,
        from_organizer=from_organizer,
        status_from=status_from,
        status_to=status_to,
        body=body,
    )
    if notify:
        _enqueue_mail(message)
    return message


def _enqueue_mail(message: ApplicationMessage) -> None:

    enqueue_on_commit("exhibitors.mail_exhibitor", message_id=message.pk)


def release_all_booths(application: BoothApplication) -> None:
    """A rejected or withdrawn application gives its booths back to the inventory."""
    application.assignments.all().delete()
    application.fee = 0
    application.save(update_fields=["fee", "updated_at"])
