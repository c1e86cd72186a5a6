"""The 21st CIEP (第二十一届中国国际人才交流大会) as the notices describe it: the edition, its
sections, the exhibition's halls, zones and boards, and its calls.

``load_ciep21()`` writes it all and can run any number of times: rows are found by their codes
and natural keys and brought up to these tables, never duplicated.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from conference.models import Board, Edition, Hall, Section, Zone
from notices.seed.calls import load_call
from notices.seed.ciep21_calls import EXHIBITION, FORUM_PLANS, PUBLICITY
from notices.seed.ciep21_cases import (
    CASES_NATIONAL,
    CASES_SHENZHEN,
    load_cases_configuration,
)
from notices.seed.regions import load_regions
from notices.seed.rows import set_m2m, upsert

NUMBER = 21

EDITION = {
    "name_zh": "第二十一届中国国际人才交流大会",
    "name_en": "21st China International Talent Exchange Conference (CIEP)",
    "starts_on": date(2023, 4, 15),
    "ends_on": date(2023, 4, 16),
    "setup_starts_on": date(2023, 4, 13),
    "setup_ends_on": date(2023, 4, 14),
    "venue_zh": "深圳会展中心",
    "venue_en": "Shenzhen Convention & Exhibition Center",
    "hosts_zh": "科学技术部（国家外国专家局）、深圳市人民政府",
    "organizers_zh": (
        "中国国际人才交流中心、中国科学技术交流中心、深圳市科技创新委员会（深圳市外国专家局）、"
        "深圳市人力资源和社会保障局"
    ),
}

OFFLINE, ONLINE = Section.Mode.OFFLINE, Section.Mode.ONLINE
# code, mode, 中文名称, English name — in the order of notice 001.
SECTIONS = (
    ("opening", OFFLINE, "开幕式", "Opening ceremony"),
    ("forums", OFFLINE, "论坛会议", "Forums and conferences"),
    ("exhibition", OFFLINE, "展览洽谈", "Exhibition and negotiation"),
    ("recruitment", OFFLINE, "人才招聘", "Talent recruitment"),
    ("theme_activities", OFFLINE, "主题活动", "Theme activities"),
    ("virtual_hall", ONLINE, "虚拟展厅", "Virtual exhibition hall"),
    ("online_forums", ONLINE, "线上论坛会议", "Online forums and conferences"),
    ("project_matching", ONLINE, "项目对接", "Project matching"),
    ("online_recruitment", ONLINE, "线上招聘", "Online recruitment"),
)


@dataclass(frozen=True)
class BoardSpec:
    name_zh: str
    name_en: str
    # Regional boards (区域板块): open to these regions, with a government area and an
    # enterprise area for each region's 10 representative enterprises.
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ZoneSpec:
    name_zh: str
    name_en: str
    boards: tuple[BoardSpec, ...]


HALLS = (
    (
        1,
        "国际科技创新和人才交流展洽综合馆",
        "International S&T Innovation and Talent Exchange Hall",
    ),
    (2, "海归人才创新创业馆", "Returnee Innovation and Entrepreneurship Hall"),
    (3, "科学技术普及展览专馆", "Science Popularization Hall"),
    (4, "国际人才服务馆", "International Talent Services Hall"),
    (
        5,
        "2023年中国IT产业校企合作展",
        "2023 China IT Industry University-Enterprise Cooperation Expo",
    ),
)

REGIONAL_ENTERPRISE_LIMIT = 10

# Notice 001 divides only hall 1 into zones; halls 2–5 have none.
HALL_1_ZONES = (
    ZoneSpec(
        "科技部展区",
        "Ministry of Science and Technology zone",
        (
            BoardSpec(
                "（2012—2022）十年科技创新成就展",
                "A decade of S&T innovation achievements (2012–2022)",
            ),
        ),
    ),
    ZoneSpec(
        "区域协调发展展区",
        "Coordinated regional development zone",
        (
            BoardSpec(
                "京津冀协同发展板块",
                "Beijing-Tianjin-Hebei coordinated development",
                ("beijing", "tianjin", "hebei"),
            ),
            BoardSpec(
                "长三角一体化和长江经济带发展板块",
                "Yangtze River Delta integration and Yangtze River Economic Belt",
                (
                    "shanghai",
                    "jiangsu",
                    "zhejiang",
                    "anhui",
                    "jiangxi",
                    "hubei",
                    "hunan",
                    "sichuan",
                    "guizhou",
                    "yunnan",
                    "nanjing",
                    "hangzhou",
                    "wuhan",
                    "ningbo",
                ),
            ),
            BoardSpec(
                "粤港澳大湾区建设板块", "Guangdong-Hong Kong-Macao Greater Bay Area", ("guangdong",)
            ),
            BoardSpec(
                "东北全面振兴板块",
                "Full revitalization of Northeast China",
                ("liaoning", "jilin", "heilongjiang", "shenyang", "changchun", "haerbin", "dalian"),
            ),
            BoardSpec(
                "西部大开发板块",
                "Development of the western region",
                (
                    "neimenggu",
                    "guangxi",
                    "xizang",
                    "shaanxi",
                    "gansu",
                    "qinghai",
                    "ningxia",
                    "xinjiang",
                    "xian",
                ),
            ),
            BoardSpec("中部崛起板块", "Rise of the central region", ("shanxi", "henan")),
            BoardSpec(
                "东部现代化板块",
                "Modernization of the eastern region",
                ("fujian", "shandong", "hainan", "jinan", "qingdao", "xiamen"),
            ),
            BoardSpec(
                "成渝地区双城经济圈建设板块",
                "Chengdu-Chongqing economic circle",
                ("chongqing", "chengdu"),
            ),
            BoardSpec("先行示范区建设板块", "Shenzhen pilot demonstration zone", ("shenzhen",)),
        ),
    ),
    ZoneSpec(
        "企业引领支撑创新展区",
        "Enterprise-led innovation zone",
        (
            BoardSpec("中央企业科技创新成果展览板块", "S&T innovation of central enterprises"),
            BoardSpec(
                "创新创业成果展示交易板块", "Innovation and entrepreneurship showcase and trading"
            ),
        ),
    ),
    ZoneSpec(
        "国际化环境建设展区",
        "International environment zone",
        (
            BoardSpec("国（境）外专业机构展览推介板块", "Overseas professional organizations"),
            BoardSpec("科技创新交流与合作板块", "S&T innovation exchange and cooperation"),
            BoardSpec("科教兴国板块", "Invigorating China through science and education"),
            BoardSpec("人力资源服务机构展览推介板块", "Human resources service providers"),
            BoardSpec("科技金融服务展示推介板块", "Sci-tech finance services"),
        ),
    ),
)

CALLS = (PUBLICITY, EXHIBITION, FORUM_PLANS, CASES_NATIONAL, CASES_SHENZHEN)


@transaction.atomic
def load_ciep21(*, make_current: bool = True) -> Edition:
    """Write the 21st CIEP's configuration and return its edition.

    With ``make_current`` it becomes the current edition (and no other is); without, it is
    current only if no other edition is.
    """
    edition = load_edition(make_current=make_current)
    load_sections(edition)
    regions = load_regions()
    load_halls(edition, regions)
    for spec in CALLS:
        load_call(edition, spec)
    load_cases_configuration(edition)
    return edition


def load_edition(*, make_current: bool) -> Edition:
    others = Edition.objects.exclude(number=NUMBER, is_demo=False)
    if make_current:
        # Cleared first: the database allows one current edition at a time.
        others.filter(is_current=True).update(is_current=False)
        is_current = True
    else:
        existing = Edition.objects.filter(number=NUMBER, is_demo=False).first()
        is_current = (existing is not None and existing.is_current) or not others.filter(
            is_current=True
        ).exists()
    return upsert(
        Edition,
        lookup={"number": NUMBER, "is_demo": False},
        values={**EDITION, "is_current": is_current},
    )


def load_sections(edition: Edition) -> None:
    for order, (code, mode, name_zh, name_en) in enumerate(SECTIONS, start=1):
        upsert(
            Section,
            lookup={"edition": edition, "code": code},
            values={"mode": mode, "name_zh": name_zh, "name_en": name_en, "order": order},
        )


def load_halls(edition: Edition, regions: dict) -> None:
    for number, name_zh, name_en in HALLS:
        hall = upsert(
            Hall,
            lookup={"edition": edition, "number": number},
            values={"name_zh": name_zh, "name_en": name_en},
        )
        if number == 1:
            for order, zone in enumerate(HALL_1_ZONES, start=1):
                load_zone(hall, zone, order, regions)


def load_zone(hall: Hall, spec: ZoneSpec, order: int, regions: dict) -> None:
    zone = upsert(
        Zone,
        lookup={"hall": hall, "name_zh": spec.name_zh},
        values={"name_en": spec.name_en, "order": order},
    )
    for board_order, board in enumerate(spec.boards, start=1):
        load_board(zone, board, board_order, regions)


def load_board(zone: Zone, spec: BoardSpec, order: int, regions: dict) -> None:
    regional = bool(spec.regions)
    board = upsert(
        Board,
        lookup={"zone": zone, "name_zh": spec.name_zh},
        values={
            "name_en": spec.name_en,
            "order": order,
            "has_government_area": regional,
            "has_enterprise_area": regional,
            "enterprise_limit": REGIONAL_ENTERPRISE_LIMIT if regional else None,
        },
    )
    set_m2m(board.regions, [regions[code] for code in spec.regions])
