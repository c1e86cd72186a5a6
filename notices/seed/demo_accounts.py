"""Demo units, their accounts and activities, so that every role can try the portal.

Every demo unit's name ends in "（演示）". All demo accounts share one documented password;
re-running resets it, along with each account's unit and role.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password

from accounts.models import User
from accounts.roles import EXHIBITOR, LIAISON, ORGANIZER, ensure_role_groups
from conference.models import Edition, Region, Section
from notices.seed.calls import BEIJING
from notices.seed.rows import upsert
from submissions.models import Activity
from units.models import Unit
from units.validators import uscc_check_character

DEMO_PASSWORD = "ciep-demo-2023"
DEMO_SUFFIX = "（演示）"


def with_check_character(first17: str) -> str:
    return first17 + uscc_check_character(first17)


@dataclass(frozen=True)
class DemoActivity:
    section: str  # Section code
    name: str
    place: str


@dataclass(frozen=True)
class DemoUnit:
    name_zh: str
    name_en: str
    kind: str
    region: str | None = None
    is_partner: bool = False
    is_exhibitor: bool = False
    uscc: str = ""
    activity: DemoActivity | None = None


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    full_name: str
    unit: str  # key of DEMO_UNITS
    is_staff: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@demo.ciep.example"


@dataclass(frozen=True)
class DemoAccount:
    """One line of the logins table that ``load_demo`` prints."""

    username: str
    role: str
    unit: str


HALL_1 = "深圳会展中心1号馆"

DEMO_UNITS = {
    "organizer": DemoUnit(
        "深圳国际人才交流中心" + DEMO_SUFFIX,
        "Shenzhen International Talent Exchange Center (demo)",
        Unit.Kind.GOVERNMENT,
        region="shenzhen",
    ),
    "guangdong": DemoUnit(
        "广东省科学技术厅" + DEMO_SUFFIX,
        "Department of Science and Technology of Guangdong Province (demo)",
        Unit.Kind.PROVINCIAL_ST,
        region="guangdong",
        is_partner=True,
        activity=DemoActivity(
            "theme_activities",
            "粤港澳大湾区国际人才交流推介会" + DEMO_SUFFIX,
            "深圳会展中心5楼会议室",
        ),
    ),
    "cetc": DemoUnit(
        "中国电子科技集团有限公司" + DEMO_SUFFIX,
        "China Electronics Technology Group Corporation (demo)",
        Unit.Kind.CENTRAL_ENTERPRISE,
        is_partner=True,
        activity=DemoActivity(
            "exhibition",
            "中国电科科技创新成果展" + DEMO_SUFFIX,
            f"{HALL_1} 企业引领支撑创新展区 中央企业科技创新成果展览板块",
        ),
    ),
    "company": DemoUnit(
        "深圳演示科技有限公司" + DEMO_SUFFIX,
        "Shenzhen Demo Technology Co., Ltd. (demo)",
        Unit.Kind.ENTERPRISE,
        region="shenzhen",
        is_exhibitor=True,
        # 9 工商 1 企业, 440300 深圳市, a made-up organization code, and a valid check character.
        uscc=with_check_character("91440300MA5DEM001"),
        activity=DemoActivity(
            "exhibition",
            "深圳演示科技有限公司新品发布会" + DEMO_SUFFIX,
            f"{HALL_1} 企业引领支撑创新展区 创新创业成果展示交易板块",
        ),
    ),
}

DEMO_USERS = (
    DemoUser("organizer", ORGANIZER, "李明（演示）", "organizer", is_staff=True),
    DemoUser("liaison_gd", LIAISON, "张华（演示）", "guangdong"),
    DemoUser("liaison_cec", LIAISON, "王芳（演示）", "cetc"),
    DemoUser("exhibitor", EXHIBITOR, "刘洋（演示）", "company"),
)

# Demo activities run on the conference's first morning.
ACTIVITY_START, ACTIVITY_LENGTH = time(10, 0), timedelta(hours=2)


def load_demo_accounts(edition: Edition) -> tuple[DemoAccount, ...]:
    ensure_role_groups()
    units = {key: load_unit(spec) for key, spec in DEMO_UNITS.items()}
    for key, spec in DEMO_UNITS.items():
        if spec.activity:
            activity = load_activity(units[key], spec.activity, edition)
            # The committee gives a unit the sections it runs: the demo units run their
            # activity's, so the press release and posts are asked per section, as the notice
            # asks ("请结合板块具体情况"), and folders read 宣传-板块-单位.
            units[key].sections.add(activity.section)
    return tuple(load_user(spec, units[spec.unit]) for spec in DEMO_USERS)


def load_unit(spec: DemoUnit) -> Unit:
    region = Region.objects.get(code=spec.region) if spec.region else None
    return upsert(
        Unit,
        lookup={"name_zh": spec.name_zh},
        values={
            "name_en": spec.name_en,
            "kind": spec.kind,
            "region": region,
            "uscc": spec.uscc,
            "is_partner": spec.is_partner,
            "is_exhibitor": spec.is_exhibitor,
        },
    )


def load_activity(unit: Unit, spec: DemoActivity, edition: Edition) -> Activity:
    starts_at = datetime.combine(edition.starts_on, ACTIVITY_START, tzinfo=BEIJING)
    return upsert(
        Activity,
        lookup={
            "unit": unit,
            "section": Section.objects.get(edition=edition, code=spec.section),
            "name": spec.name,
        },
        values={
            "starts_at": starts_at,
            "ends_at": starts_at + ACTIVITY_LENGTH,
            "place": spec.place,
        },
    )


def load_user(spec: DemoUser, unit: Unit) -> DemoAccount:
    user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
    user.email = spec.email
    user.first_name, user.last_name = spec.full_name, ""
    user.unit = unit
    user.is_staff, user.is_active = spec.is_staff, True
    if user.pk is None or not user.check_password(DEMO_PASSWORD):
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
    user.full_clean()
    user.save()
    user.groups.set([Group.objects.get(name=spec.role)])
    return DemoAccount(username=spec.username, role=spec.role, unit=unit.name_zh)
