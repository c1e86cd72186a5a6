"""E-mail to the exhibitor when its application changes, in each reader's own language."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import EXHIBITOR
from ciep_portal.mail import send_templated_mail
from exhibitors import selectors
from exhibitors.models import ApplicationMessage


def recipients(unit):
    """The unit's active exhibitor accounts; each is written to in its preferred language."""
    return unit.members.filter(is_active=True, groups__name=EXHIBITOR).exclude(email="").distinct()


def mail_exhibitor(*, message: ApplicationMessage) -> bool:
    """Mail the change once; False if it was already mailed (a task run twice)."""
    with transaction.atomic():
        claimed = ApplicationMessage.objects.filter(pk=message.pk, emailed_at__isnull=True)
        if not claimed.update(emailed_at=timezone.now()):
            return False
        application = message.application
        context = {
            "application": application,
            "message": message,
            "path": reverse("exhibitors:detail", args=[application.pk]),
        }
        for user in recipients(application.unit):
            send_templated_mail(
                to=[user.email],
                template="exhibitors/email/application_update",
                context={**context, "user": user, "next_step": _next_step(application, user)},
                language=user.preferred_language,
            )
    return True


def _next_step(application, user) -> str:
    with translation.override(user.preferred_language):
        return selectors.next_step(application)
