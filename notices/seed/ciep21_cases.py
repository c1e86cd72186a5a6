"""The call for achievement statistics and case studies (成果案例征集), notice 003 of 2023-03-08.

The notice has a national and a Shenzhen variant: one model, two configurations. They differ
in who is asked, the years the cases cover (2001–2022 and 2007–2022), the first kind of case
(典型地区 and 本区情况) and a few words of the guidance. Both ask for statistics of 2018–2022 in
a table the notice does not publish: its metrics are seeded as examples for organizers to fix.
"""

from dataclasses import dataclass
from datetime import date

from achievements.models import StatisticMetric
from conference.models import Edition
from notices.seed.achievements import (
    CategorySpec,
    MetricSpec,
    PromptSpec,
    load_categories,
    load_example_metrics,
    load_years,
)
from notices.seed.calls import CallSpec, RequirementSpec, RuleSpec, beijing
from submissions.kinds import MaterialKind, RuleCode, Severity
from submissions.models import Call
from units.models import Unit

NOTICE_CASES = "关于征集中国国际人才交流大会成果案例的通知（2023-03-08）"
CASES_DUE = beijing(2023, 4, 10, 23, 59, 59)


@dataclass(frozen=True)
class CasesVariant:
    code: str
    label_zh: str  # 全国 / 深圳
    label_en: str
    unit_kinds: tuple[str, ...]
    audience_zh: str
    case_years: tuple[int, int]
    statistics_years: tuple[int, int]
    region_case_zh: str  # 典型地区 / 本区情况
    region_case_en: str
    region_case_code: str
    local_zh: str  # 当地 / 本区: whose talent the first kind describes
    scope_zh: str  # 各地 / 各区（新区）: where institutions are
    project_reach_zh: str  # 相关地区 / 各区（新区）: what a project moves forward
    talent_reach_zh: str  # how far a talent's contribution reaches
    order: int


NATIONAL = CasesVariant(
    code="cases_national",
    label_zh="全国",
    label_en="national",
    unit_kinds=tuple(k for k in Unit.Kind.values if k != Unit.Kind.SHENZHEN_DISTRICT),
    audience_zh=(
        "以各省、自治区、直辖市、副省级城市和计划单列市，新疆生产建设兵团为主要征集对象，"
        "参加过历届大会的地方政府相关部门、企事业单位和有关机构"
    ),
    case_years=(2001, 2022),
    statistics_years=(2018, 2022),
    region_case_zh="典型地区",
    region_case_en="typical region",
    region_case_code="region",
    local_zh="当地",
    scope_zh="各地",
    project_reach_zh="相关地区",
    talent_reach_zh="某个地区乃至全国",
    order=40,
)

SHENZHEN = CasesVariant(
    code="cases_shenzhen",
    label_zh="深圳",
    label_en="Shenzhen",
    unit_kinds=(Unit.Kind.SHENZHEN_DISTRICT,),
    audience_zh="参加过大会的深圳各区（新区）、前海管理局相关部门、企事业单位和有关机构",
    case_years=(2007, 2022),
    statistics_years=(2018, 2022),
    region_case_zh="本区情况",
    region_case_en="the district",
    region_case_code="district",
    local_zh="本区",
    scope_zh="各区（新区）",
    project_reach_zh="各区（新区）",
    talent_reach_zh="当地、深圳市、广东省乃至全国",
    order=50,
)


def case_guidance_zh(v: CasesVariant) -> str:
    first, last = v.case_years
    return (
        f"统计范围为{first}—{last}年底。可报送一个或多个案例（格式自拟），每个案例1000字左右，"
        "请发送可编辑的电子文件；如有优秀案例，组委会将进行实地采访。案例分为四类：\n"
        f"1.{v.region_case_zh}：当地国际化人才的基本情况，通过大会引进的各类人才数量和分布情况，"
        "引进人才对当地经济发展、产业结构优化、就业水平、文化事业、社会风貌等方面起到的积极作用。\n"
        "2.典型机构：机构基本情况，发展中遇到的困难或瓶颈，通过大会引进了哪些关键人员，"
        "如何帮助机构实现了跨越式发展。\n"
        "3.典型项目：（1）通过大会引进、落地后取得重大进展的科研或创新创业项目；"
        "（2）通过大会为国内项目引进了资金、关键领军人员、核心团队成员的成功案例。\n"
        "4.典型人才：引进人员的个人经历和成就，大会在引进过程中发挥的作用，引进后做出的贡献。"
    )


def case_guidance_en(v: CasesVariant) -> str:
    first, last = v.case_years
    return (
        f"Cases from {first} to the end of {last}, one or several, free format, about 1000 "
        f"characters each, as editable files. Four kinds: {v.region_case_en}, typical "
        "institution, typical project, typical talent. The committee may interview on site."
    )


def statistics_guidance(v: CasesVariant) -> tuple[str, str]:
    first, last = v.statistics_years
    return (
        f"统计范围为{first}—{last}年底，即通知附件《中国国际人才交流大会成果统计表"
        f"（{v.label_zh}）》：请在网页中逐年填写，或下载 Excel 模板填写后上传。",
        f"Achievement statistics from {first} to the end of {last} (the notice's table, "
        f"{v.label_en}): type them in year by year, or fill in the Excel template and upload it.",
    )


_ROLE = PromptSpec("conference_role", "大会在引进过程中发挥的作用", "The conference's role")


def case_categories(v: CasesVariant) -> tuple[CategorySpec, ...]:
    """The notice's four kinds of case, the third in its two sub-kinds, with their points."""
    return (
        CategorySpec(
            code=v.region_case_code,
            title_zh=v.region_case_zh,
            title_en=v.region_case_en.capitalize(),
            guidance_zh=(
                f"以行政区域为案例主体，{v.scope_zh}政府主管部门组织本地参与大会活动的成功经验，"
                "通过大会引进高级科研人员、管理人员、创新创业人员，"
                f"为{v.local_zh}社会经济发展做出突出贡献的典型案例。"
            ),
            guidance_en=(
                "The region as the subject: how it took part in the conference and brought in "
                "researchers, managers and entrepreneurs who contributed to its development."
            ),
            prompts=(
                PromptSpec(
                    "talent_overview",
                    f"{v.local_zh}国际化人才的基本情况",
                    "International talent in the region",
                ),
                PromptSpec(
                    "talent_brought_in",
                    "通过大会引进的各类人才数量和分布情况",
                    "How many and what kinds of talent were brought in through the conference",
                ),
                PromptSpec(
                    "effects",
                    "引进人才对当地经济发展、产业结构优化、就业水平、文化事业、社会风貌等方面"
                    "起到的积极作用",
                    "Effects on the economy, industrial structure, employment, culture and society",
                ),
            ),
        ),
        CategorySpec(
            code="institution",
            title_zh="典型机构",
            title_en="Typical institution",
            guidance_zh=(
                f"{v.scope_zh}科研院所、高校、企业等机构参与大会活动的成功经验，通过大会引进了"
                "高级科研人员、关键管理人员或团队，引进后协助机构实现跨越式发展，"
                "并在未来有良好的发展前景的典型案例。"
            ),
            guidance_en=(
                "A research institute, university or company that brought in key researchers, "
                "managers or teams through the conference and leapt forward."
            ),
            prompts=(
                PromptSpec("background", "机构基本情况", "Background of the institution"),
                PromptSpec(
                    "bottleneck", "发展中遇到的困难或瓶颈", "The difficulty or bottleneck it met"
                ),
                PromptSpec(
                    "key_people",
                    "通过大会引进了哪些关键人员",
                    "Who was brought in through the conference",
                ),
                PromptSpec(
                    "leap", "如何帮助机构实现了跨越式发展", "How they helped it leap forward"
                ),
            ),
        ),
        CategorySpec(
            code="project_introduced",
            title_zh="典型项目（一）：通过大会引进的项目",
            title_en="Typical project (1): a project brought in",
            guidance_zh=(
                "通过大会引进的科研项目或创新创业项目，落地后取得重大进展，"
                "预期将来有良好发展前景的案例。"
            ),
            guidance_en=(
                "A research or start-up project brought in through the conference that made "
                "major progress after landing."
            ),
            prompts=(
                PromptSpec("background", "项目背景", "Background of the project"),
                PromptSpec(
                    "innovation",
                    "项目的创新性、稀缺性，对国内相关行业发展起到的促进作用",
                    "Its innovation and scarcity, and what it did for the industry in China",
                ),
                _ROLE,
                PromptSpec(
                    "effect",
                    f"项目落地后对相关领域或{v.project_reach_zh}起到的推动作用",
                    "What it moved forward after landing",
                ),
            ),
        ),
        CategorySpec(
            code="project_supported",
            title_zh="典型项目（二）：通过大会为国内项目引进资金或人才",
            title_en="Typical project (2): funds or people brought to a domestic project",
            guidance_zh=(
                "通过大会为国内项目引进了资金、关键领军人员、核心团队成员等的成功案例。"
                "大会引进的资金、人才为项目开展提供了实质性支撑，并助力项目取得了重大进展。"
            ),
            guidance_en=(
                "A domestic project that obtained funds, leaders or core team members through "
                "the conference and made major progress with them."
            ),
            prompts=(
                PromptSpec(
                    "before",
                    "项目在引进资金或人才之前的基本情况",
                    "The project before the funds or people came",
                ),
                PromptSpec("difficulties", "遇到的主要困难", "Its main difficulties"),
                _ROLE,
                PromptSpec(
                    "breakthrough",
                    "引进资金或人才后实现的突破性进展",
                    "The breakthrough that followed",
                ),
            ),
        ),
        CategorySpec(
            code="talent",
            title_zh="典型人才",
            title_en="Typical talent",
            guidance_zh=(
                f"{v.scope_zh}相关部门、企事业单位通过大会引进的海外高级科研人员、管理人员、"
                "创新创业人员，引进后实现了重大成果，在某个科研领域取得重大突破，"
                f"或对{v.talent_reach_zh}的社会经济发展做出了杰出贡献。"
            ),
            guidance_en=(
                "An overseas researcher, manager or entrepreneur brought in through the "
                "conference who achieved a breakthrough or contributed outstandingly."
            ),
            prompts=(
                PromptSpec(
                    "experience",
                    "引进人员的个人经历和成就",
                    "The person's experience and achievements",
                ),
                _ROLE,
                PromptSpec("contributions", "引进后做出的贡献", "Contributions after arrival"),
            ),
        ),
    )


# The notice's table is not published: plausible metrics, marked as examples for organizers.
EXAMPLE_METRICS = (
    MetricSpec("institutions", "参会参展机构数", "Institutions attending or exhibiting", "个"),
    MetricSpec("foreign_experts", "引进外国专家人数", "Foreign experts brought in", "人"),
    MetricSpec(
        "overseas_talent",
        "引进海外高层次人才人数",
        "High-level overseas talent brought in",
        "人",
    ),
    MetricSpec("projects", "达成合作项目数", "Cooperation projects agreed", "个"),
    MetricSpec(
        "project_amount",
        "合作项目金额",
        "Amount of cooperation projects",
        "万元",
        "10,000 yuan",
        value_type=StatisticMetric.ValueType.DECIMAL,
        required=False,
        help_text="按签约金额统计，单位万元，可带小数。",
        help_text_en="The signed amount, in units of 10,000 yuan; decimals allowed.",
    ),
    MetricSpec("events", "举办活动场次", "Events held", "场"),
)


def cases_call(v: CasesVariant) -> CallSpec:
    stats_zh, stats_en = statistics_guidance(v)
    return CallSpec(
        code=v.code,
        file_prefix="成果案例",
        title_zh=f"中国国际人才交流大会成果案例征集（{v.label_zh}）",
        title_en=f"CIEP achievement statistics and case studies ({v.label_en})",
        notice_ref=NOTICE_CASES,
        issued_on=date(2023, 3, 8),
        summary_zh=(
            f"征集对象：{v.audience_zh}。征集结果用于编写《中国国际人才交流大会成效研究报告》，"
            "征集截止日期为2023年4月10日。"
        ),
        summary_en=(
            "Statistics and case studies for the report on the conference's effects; "
            "due 10 April 2023."
        ),
        audience=Call.Audience.PARTNERS,
        unit_kinds=v.unit_kinds,
        order=v.order,
        requirements=(
            RequirementSpec(
                code="case_study",
                kind=MaterialKind.CASE_STUDY,
                title_zh="成果案例",
                title_en="Case study",
                guidance_zh=case_guidance_zh(v),
                guidance_en=case_guidance_en(v),
                min_count=1,
                deadline_at=CASES_DUE,
                rules=(
                    # 每个案例1000字左右: a reviewer is warned outside 800–1300.
                    RuleSpec(RuleCode.TEXT_CHAR_RANGE, 800, value_max=1300, severity=Severity.WARN),
                    RuleSpec(RuleCode.FILE_MAX_BYTES, 50),
                ),
            ),
            RequirementSpec(
                code="statistics",
                kind=MaterialKind.STATISTICS,
                title_zh="成果统计表",
                title_en="Achievement statistics",
                guidance_zh=stats_zh,
                guidance_en=stats_en,
                min_count=1,
                max_count=1,
                deadline_at=CASES_DUE,
                rules=(RuleSpec(RuleCode.FILE_MAX_BYTES, 50),),
            ),
        ),
    )


CASES_NATIONAL = cases_call(NATIONAL)
CASES_SHENZHEN = cases_call(SHENZHEN)


VARIANTS = (NATIONAL, SHENZHEN)


def load_cases_configuration(edition: Edition) -> None:
    """Years, case categories and example metrics of both variants' requirements."""
    for variant in VARIANTS:
        call = Call.objects.get(edition=edition, code=variant.code)
        case_study = call.requirements.get(code="case_study")
        load_years(case_study, variant.case_years)
        load_categories(case_study, case_categories(variant))
        statistics = call.requirements.get(code="statistics")
        load_years(statistics, variant.statistics_years)
        load_example_metrics(statistics, EXAMPLE_METRICS)
