"""Creating accounts. Registration pages and commands both go through these functions."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import EXHIBITOR, LIAISON
from ciep_portal.mail import send_templated_mail
from ciep_portal.queue import enqueue_on_commit
from units.models import Unit


@dataclass(frozen=True)
class NewAccount:
    """What a person gives to open an account."""

    username: str
    email: str
    password: str
    full_name: str
    mobile: str = ""
    language: str = "zh-hans"


def _create_user(*, unit: Unit, role: str, account: NewAccount) -> User:
    user = User(
        username=account.username,
        email=account.email.lower(),
        first_name=account.full_name,
        mobile=account.mobile,
        unit=unit,
        preferred_language=account.language,
    )
    user.set_password(account.password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    _enqueue_welcome(user)
    return user


def _enqueue_welcome(user: User) -> None:
    enqueue_on_commit("accounts.send_welcome_email", user_id=user.pk)


def send_welcome_email(*, user: User) -> bool:
    """Welcome a new account once, in its own language; False if it was already welcomed."""
    with transaction.atomic():
        claimed = User.objects.filter(pk=user.pk, welcome_sent_at__isnull=True).update(
            welcome_sent_at=timezone.now()
        )
        if not claimed:
            return False
        send_templated_mail(
            to=[user.email],
            template="accounts/email/welcome",
            context={"user": user, "unit": user.unit},
            language=user.preferred_language,
        )
    return True


@transaction.atomic
def register_liaison(*, unit: Unit, account: NewAccount) -> User:
    """A liaison joins the unit whose invitation code they were given."""
    unit.is_partner = True
    unit.save(update_fields=["is_partner"])
    return _create_user(unit=unit, role=LIAISON, account=account)


@transaction.atomic
def register_exhibitor(*, unit: Unit, account: NewAccount) -> User:
    """An exhibiting organization registers itself (我要参展) with its first account."""
    unit.is_exhibitor = True
    unit.full_clean()
    unit.save()
    return _create_user(unit=unit, role=EXHIBITOR, account=account)
