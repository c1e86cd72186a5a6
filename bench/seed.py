"""Seed the bench template database: the 21st CIEP, the demo edition, and N liaisons.

    python bench/seed.py N PASSWORD      (run by bench/stack.py with the bench environment)

Each liaison ``bench001``… has a unit of its own (a provincial department, a partner, so its
dashboard shows the publicity calls) and one activity in the demo edition on the conference's
first morning, whose "5 working days before" deadlines lie ahead, as in the deadline surge.
"""

import sys
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()  # before the models are imported

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import LIAISON, ensure_role_groups  # noqa: E402
from conference.models import Section  # noqa: E402
from notices.seed.calls import BEIJING  # noqa: E402
from notices.seed.ciep21 import load_ciep21  # noqa: E402
from notices.seed.demo import load_demo  # noqa: E402
from submissions.models import Activity  # noqa: E402
from units.models import Unit  # noqa: E402


@transaction.atomic
def seed(count: int, password: str) -> None:
    load_ciep21(make_current=False)
    edition = load_demo().edition  # the current edition, deadlines ahead of today
    ensure_role_groups()
    liaison = Group.objects.get(name=LIAISON)
    section = Section.objects.get(edition=edition, code="exhibition")
    starts_at = datetime.combine(edition.starts_on, time(10, 0), tzinfo=BEIJING)
    hashed = make_password(password)  # one hash for all: Argon2 is slow on purpose
    for number in range(1, count + 1):
        unit = Unit.objects.create(
            name_zh=f"基准测试单位{number:03}",
            name_en=f"Benchmark unit {number:03}",
            kind=Unit.Kind.PROVINCIAL_ST,
            is_partner=True,
        )
        user = User.objects.create(
            username=f"bench{number:03}",
            email=f"bench{number:03}@bench.example",
            first_name=f"联络员{number:03}",
            unit=unit,
            password=hashed,
        )
        user.groups.add(liaison)
        Activity.objects.create(
            unit=unit,
            section=section,
            name=f"基准测试活动{number:03}",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            place="深圳会展中心5楼会议室",
        )


if __name__ == "__main__":
    seed(int(sys.argv[1]), sys.argv[2])
