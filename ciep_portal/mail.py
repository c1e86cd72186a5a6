"""E-mail in the recipient's language, plain text and HTML, from templates.

Templates live in pairs: ``PREFIX_subject.txt`` and ``PREFIX.txt`` (and optionally
``PREFIX.html``). Sent from Celery tasks, never from inside a request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def site_url() -> str:
    """The portal's absolute address, for links in e-mails sent outside a request."""
    return settings.SITE_URL


def send_templated_mail(*, to: list[str], template: str, context: dict, language: str) -> None:
    context = {"site_url": site_url(), **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
