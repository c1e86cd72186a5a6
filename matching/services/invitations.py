"""Accounts the committee's import opens for units (系统生成用户账号，反馈至各单位填报的联系邮箱).

The account is a liaison of its unit with no usable password; the e-mail carries a one-time
activation link (Django's token: it stops working once a password is set, and after
``PASSWORD_RESET_TIMEOUT``). The committee can send a fresh link from the admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import LIAISON
from ciep_portal.mail import send_templated_mail, site_url
from ciep_portal.queue import enqueue_on_commit
from matching.models import AccountInvitation


def invite_contact(*, unit, email: str, name: str, phone: str = "") -> AccountInvitation | None:
    """Open an account for a unit's contact unless one exists for that e-mail address."""
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        return None
    user = User(
        username=email[:150],
        email=email,
        first_name=name[:150],
        mobile=phone[:30],
        unit=unit,
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=LIAISON)[0])
    invitation = AccountInvitation.objects.create(user=user, unit=unit)
    enqueue_on_commit("matching.send_activation_email", invitation_id=invitation.pk)
    return invitation


def activation_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url() + reverse("matching:activate", args=[uid, token])


def send_activation_email(*, invitation: AccountInvitation) -> None:
    user = invitation.user
    send_templated_mail(
        to=[user.email],
        template="matching/email/activation",
        context={"user": user, "unit": invitation.unit, "link": activation_link(user)},
        language=user.preferred_language,
    )
    AccountInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


@transaction.atomic
def activate(*, user, password: str) -> None:
    """The contact chose a password through the link: the account is theirs now."""
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    AccountInvitation.objects.filter(user=user, activated_at__isnull=True).update(
        activated_at=timezone.now()
    )
