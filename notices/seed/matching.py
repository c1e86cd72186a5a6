"""Project matching (项目对接, notice 001 附件5 and the 网上大会 plan): the year-round 供需信息
征集 with its collection rounds, the list of fields (领域) — the key fields the notice names
(新一代电子信息、数字与时尚、高端装备制造、绿色低碳、新材料、生物医药与健康、海洋经济, 乡村振兴,
科技金融) — and, for the demo, items on both boards with two answers.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from conference.models import Edition, Region
from matching.kinds import AnswerState, ItemKind, ItemStatus
from matching.models import Answer, CollectionRound, Item, MatchingCall, Sector
from notices.seed.calls import BEIJING
from notices.seed.rows import upsert
from units.models import Unit

SECTORS = (
    ("新一代电子信息", "Next-generation electronics and information"),
    ("人工智能", "Artificial intelligence"),
    ("数字与时尚", "Digital and fashion industries"),
    ("高端装备制造", "High-end equipment manufacturing"),
    ("绿色低碳", "Green and low-carbon"),
    ("新材料", "New materials"),
    ("生物医药与健康", "Biomedicine and health"),
    ("海洋经济", "Marine economy"),
    ("现代农业与乡村振兴", "Modern agriculture and rural revitalization"),
    ("科技金融", "Science and technology finance"),
    ("其他", "Other"),
)
COMMITTEE_EMAIL = "EO@ciep.gov.cn"


def load_sectors() -> list[Sector]:
    return [
        upsert(Sector, lookup={"name_zh": zh}, values={"name_en": en, "order": order})
        for order, (zh, en) in enumerate(SECTORS, start=1)
    ]


def load_matching_call(edition: Edition) -> MatchingCall:
    """The edition's call with two rounds: before the conference (until five days before it
    opens, 17:00) and after it (three months)."""
    load_sectors()
    call = upsert(
        MatchingCall,
        lookup={"code": f"matching-{edition.number}{'-demo' if edition.is_demo else ''}"},
        values={
            "edition": edition,
            "title_zh": "中国国际人才交流大会供需信息征集",
            "title_en": "CIEP call for supply and demand information",
            "summary_zh": "各单位收集梳理项目、技术、资金、人才供需信息，在征集时段内填写《征集表》"
            "报送；组委会筛选重点项目合作需求和人才需求在大会官网和展馆“张榜”。",
            "summary_en": "Units collect their projects, technology, funding and talent needs "
            "and send them in the collection periods; the committee posts the key ones on the "
            "conference website and on boards in the halls.",
            "committee_email": COMMITTEE_EMAIL,
        },
    )
    first_close = datetime.combine(edition.starts_on - timedelta(days=5), time(17), BEIJING)
    upsert(
        CollectionRound,
        lookup={"call": call, "name_zh": "会前征集"},
        values={
            "name_en": "Before the conference",
            "opens_at": first_close - timedelta(days=75),
            "closes_at": first_close,
        },
    )
    after = datetime.combine(edition.ends_on + timedelta(days=1), time(9), BEIJING)
    upsert(
        CollectionRound,
        lookup={"call": call, "name_zh": "会后征集"},
        values={
            "name_en": "After the conference",
            "opens_at": after,
            "closes_at": after + timedelta(days=90),
        },
    )
    return call


# (unit key, kind, zh title, en title, sector, region code, key?, confidential?)
DEMO_ITEMS = (
    (
        "guangdong",
        ItemKind.PROJECT,
        "粤港澳大湾区氢燃料电池联合研发",
        "Joint R&D on hydrogen fuel cells in the Greater Bay Area",
        "绿色低碳",
        "guangdong",
        True,
        False,
    ),
    (
        "guangdong",
        ItemKind.TECHNOLOGY,
        "海水淡化膜材料寿命提升技术",
        "Longer-life membranes for seawater desalination",
        "新材料",
        "guangdong",
        True,
        False,
    ),
    (
        "guangdong",
        ItemKind.FUNDING,
        "智能制造中试基地寻求产业基金",
        "Smart-manufacturing pilot plant seeks an industry fund",
        "科技金融",
        "shenzhen",
        False,
        False,
    ),
    (
        "guangdong",
        ItemKind.TALENT,
        "海洋生态修复首席科学家",
        "Chief scientist for marine ecological restoration",
        "海洋经济",
        "guangdong",
        True,
        False,
    ),
    (
        "guangdong",
        ItemKind.TALENT,
        "医学影像人工智能算法工程师（5名）",
        "Five AI engineers for medical imaging",
        "人工智能",
        "shenzhen",
        False,
        False,
    ),
    (
        "cetc",
        ItemKind.PROJECT,
        "低轨卫星通信终端国际合作",
        "International cooperation on LEO satellite terminals",
        "新一代电子信息",
        None,
        True,
        False,
    ),
    (
        "cetc",
        ItemKind.TECHNOLOGY,
        "高可靠工业控制芯片封装工艺",
        "Packaging process for high-reliability industrial control chips",
        "高端装备制造",
        None,
        False,
        False,
    ),
    (
        "cetc",
        ItemKind.TALENT,
        "射频集成电路设计专家",
        "RF integrated circuit design expert",
        "新一代电子信息",
        None,
        True,
        False,
    ),
    (
        "cetc",
        ItemKind.PROJECT,
        "涉密雷达组件联合攻关（不公开）",
        "Radar components (confidential)",
        "高端装备制造",
        None,
        False,
        True,
    ),
)
DEMO_SUFFIX = "（演示）"


def load_matching_demo(edition: Edition) -> MatchingCall:
    """The demo edition's call, and items of the demo units on both boards."""
    call = load_matching_call(edition)
    first_round = call.rounds.order_by("opens_at").first()
    sectors = {s.name_zh: s for s in Sector.objects.all()}
    units = {
        "guangdong": Unit.objects.filter(name_zh="广东省科学技术厅" + DEMO_SUFFIX).first(),
        "cetc": Unit.objects.filter(name_zh="中国电子科技集团有限公司" + DEMO_SUFFIX).first(),
    }
    accepted_at = timezone.now()
    for key, kind, zh, en, sector, region, is_key, confidential in DEMO_ITEMS:
        if units[key] is None:
            continue
        item = upsert(
            Item,
            lookup={"unit": units[key], "title_zh": zh},
            values={
                "call": call,
                "round": first_round,
                "kind": kind,
                "title_en": en,
                "summary_zh": f"{zh}：演示条目，说明合作背景、现有基础和希望达成的目标。",
                "summary_en": f"{en}: a demo item stating the background, what exists today "
                "and the goal of the cooperation.",
                "sector": sectors[sector],
                "region": Region.objects.filter(code=region).first() if region else None,
                "offered": "实验场地、配套资金和应用场景" if kind != ItemKind.TALENT else "",
                "sought": "海外高校、科研机构或企业的技术团队",
                "terms": "联合研发，知识产权共享" if kind != ItemKind.TALENT else "年薪面议",
                "closes_on": edition.ends_on + timedelta(days=180),
                "contact_name": "演示联系人",
                "contact_phone": "0755-00000000",
                "contact_email": f"matching-{key}@example.cn",
                "confidential": confidential,
                "status": ItemStatus.ACCEPTED,
                "is_key": is_key,
                "accepted_at": accepted_at,
            },
        )
        if is_key and not item.answers.exists():
            Answer.objects.create(
                item=item,
                name="Anna Müller",
                organization="Fraunhofer (demo)",
                country="DE",
                email="anna.mueller@example.org",
                message="We work on this topic and would like to discuss a cooperation.",
                language="en",
                state=AnswerState.NEW,
            )
    return call
