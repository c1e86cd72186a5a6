"""E-mails of project matching, each in its reader's language. Sent from tasks."""

from django.contrib.auth import get_user_model

from ciep_portal.mail import send_templated_mail
from matching.models import Answer, ItemEvent


def unit_recipients(item) -> dict[str, str]:
    """The unit's active accounts and the item's contact, by address, with their language."""
    User = get_user_model()
    people = {
        u.email.lower(): u.preferred_language
        for u in User.objects.filter(unit_id=item.unit_id, is_active=True).exclude(email="")
    }
    people.setdefault(item.contact_email.lower(), "zh-hans")
    return people


def send_review_email(*, event: ItemEvent) -> None:
    item = event.item
    for address, language in unit_recipients(item).items():
        send_templated_mail(
            to=[address],
            template="matching/email/review",
            context={"event": event, "item": item},
            language=language,
        )


def send_answer_emails(*, answer: Answer) -> None:
    """The answer reaches the committee's mailbox and the unit that owns the item."""
    item = answer.item
    send_templated_mail(
        to=[item.call.committee_email],
        template="matching/email/answer",
        context={"answer": answer, "item": item, "for_committee": True},
        language="zh-hans",
    )
    for address, language in unit_recipients(item).items():
        send_templated_mail(
            to=[address],
            template="matching/email/answer",
            context={"answer": answer, "item": item, "for_committee": False},
            language=language,
        )
