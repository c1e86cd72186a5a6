"""factory_boy factories for real objects; tests build exactly what they need."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import LIAISON
from conference.models import Edition, Section
from submissions.kinds import MaterialKind
from submissions.models import Activity, Call, Requirement
from units.models import Liaison, Unit

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BEIJING)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        # Sections, calls and activities of one test share one edition unless told otherwise.
        django_get_or_create = ("number", "is_demo")

    number = 121
    is_demo = False
    name_zh = factory.LazyAttribute(lambda o: f"第{o.number}届测试大会")
    name_en = factory.LazyAttribute(lambda o: f"Test conference no. {o.number}")
    starts_on = dt.date(2023, 4, 15)
    ends_on = dt.date(2023, 4, 16)
    is_current = True


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"section-{n}")
    name_zh = factory.Sequence(lambda n: f"板块{n}")
    mode = Section.Mode.OFFLINE


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name_zh = factory.Sequence(lambda n: f"测试单位{n}")
    name_en = factory.Sequence(lambda n: f"Test unit {n}")
    kind = Unit.Kind.PROVINCIAL_ST
    is_partner = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    first_name = factory.Sequence(lambda n: f"联络员{n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=extracted or LIAISON)[0])


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"张{n}")
    position = "宣传处处长"
    mobile = "13800000000"
    email = factory.Sequence(lambda n: f"liaison{n}@example.cn")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"call-{n}")
    title_zh = factory.Sequence(lambda n: f"测试征集{n}")
    audience = Call.Audience.PARTNERS


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    call = factory.SubFactory(CallFactory)
    code = factory.Sequence(lambda n: f"req-{n}")
    title_zh = factory.Sequence(lambda n: f"材料{n}")
    kind = MaterialKind.PRESS_RELEASE
    deadline_at = beijing(2023, 3, 22, 12, 0)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    unit = factory.SubFactory(UnitFactory)
    section = factory.SubFactory(SectionFactory)
    name = factory.Sequence(lambda n: f"活动{n}")
    starts_at = beijing(2023, 4, 15, 9, 30)
    ends_at = beijing(2023, 4, 15, 17, 0)
