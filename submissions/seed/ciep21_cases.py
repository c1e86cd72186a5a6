"""The call for achievement statistics and case studies (成果案例征集), notice 003 of 2023-03-08.

The notice has a national and a Shenzhen variant. They differ in who is asked, the years the
cases and statistics cover, the name of the first kind of case and the statistics table. No
model field holds those yet, so they are written into the requirements' guidance.
"""

from dataclasses import dataclass
from datetime import date

from submissions.kinds import MaterialKind, RuleCode, Severity
from submissions.models import Call
from submissions.seed.calls import CallSpec, RequirementSpec, RuleSpec, beijing
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
        f"统计范围为{first}—{last}年底，请填写附件《中国国际人才交流大会成果统计表"
        f"（{v.label_zh}）》，以可编辑的电子文件提交。",
        f"Achievement statistics from {first} to the end of {last}, in the attached table "
        f"({v.label_en}), as an editable file.",
    )


def cases_call(v: CasesVariant) -> CallSpec:
    stats_zh, stats_en = statistics_guidance(v)
    return CallSpec(
        code=v.code,
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
