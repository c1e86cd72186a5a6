"""E-mails to units: review decisions and reminders, each in the reader's language.

Recipients are the unit's accounts (in their chosen language) and the liaisons of its
liaison list who have no account (Chinese for units in China, English otherwise).
"""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone

from ciep_portal.mail import send_templated_mail
from submissions.email_templates import render
from submissions.models.review import EmailTemplate, ReviewEvent
from units.models import Unit


def unit_recipients(unit: Unit) -> dict[str, list[str]]:
    """Addresses of the unit grouped by language, each address once."""
    by_language: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for email, language in unit.members.filter(is_active=True).values_list(
        "email", "preferred_language"
    ):
        if email and email.lower() not in seen:
            seen.add(email.lower())
            by_language[language].append(email)
    fallback = "zh-hans" if unit.country == "CN" else "en"
    for email in unit.liaisons.values_list("email", flat=True):
        if email and email.lower() not in seen:
            seen.add(email.lower())
            by_language[fallback].append(email)
    return dict(by_language)


def send_review_email(event: ReviewEvent) -> int:
    """Tell the unit about a review step, once (a redelivered task sends nothing more)."""
    claimed = ReviewEvent.objects.filter(pk=event.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return 0
    submission = event.submission
    context = {
        "event": event,
        "submission": submission,
        "unit": submission.unit,
        "item_path": reverse("submissions:item", args=[submission.pk]),
    }
    sent = 0
    for language, addresses in unit_recipients(submission.unit).items():
        send_templated_mail(
            to=addresses, template="submissions/email/review", context=context, language=language
        )
        sent += len(addresses)
    return sent


def render_editable(code: str, language: str, values: dict[str, str]) -> tuple[str, str]:
    """Subject and body of an organizer-editable template, rendered for one language in the
    sandbox: ``values`` are the plain strings the placeholders stand for."""
    template = EmailTemplate.objects.get(code=code)
    english = language.startswith("en")
    subject = template.subject_en if english else template.subject_zh
    body = template.body_en if english else template.body_zh
    return " ".join(render(subject, values).split()), render(body, values)
