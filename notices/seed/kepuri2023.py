"""2023 全国科普日 in Xinjiang: notice 002, 新科协办发〔2023〕37号 of 2023-08-14 (see
/work/shared/notices/RULES.md, "Other notices of the same shape").

A call of the Xinjiang Association for Science and Technology, not of a CIEP edition: it
belongs to no edition and names its organizer. It is addressed to the region's associations
(地州市科协) and its societies, university and enterprise associations.
"""

from datetime import date

from notices.seed.calls import CallSpec, MilestoneSpec, RequirementSpec, RuleSpec, beijing
from submissions.kinds import MaterialKind, RuleCode
from submissions.models import Call
from units.models import Unit

# 8月18日16:00前: the plan, the key activities, the liaison list, both live-stream
# applications and the historical pictures are all due then.
DUE = beijing(2023, 8, 18, 16)
MB_DOCUMENT, MB_IMAGE = 50, 200

CONTACT_TANG = "联系人：自治区科协科普部汤广源，0991-6386024，18167877335，xjkxkpb@126.com。"
CONTACT_LI = "联系人：自治区科协调宣部李婵娟，0991-6386020，15981777616。"


def _max_mb(megabytes: int) -> RuleSpec:
    return RuleSpec(RuleCode.FILE_MAX_BYTES, megabytes)


def _live_application(code: str, title_zh: str, title_en: str) -> RequirementSpec:
    """直播和直播宣传每个单位最多各报送1项: two requirements, at most one item each."""
    return RequirementSpec(
        code=code,
        kind=MaterialKind.TEMPLATE_FILE,
        title_zh=title_zh,
        title_en=title_en,
        guidance_zh=(
            "中国科协拟协调光明网为全国10场重点活动提供直播预热宣传、线下直播拍摄、直播拉流、"
            "平台同步直播、渠道推广等全流程服务，科普中国平台将为各地优质科普直播活动提供宣传服务。"
            "有意愿的单位请于8月18日16:00前下载申请表（附件4）填写后上传；直播和直播宣传每个单位"
            "最多各报送1项，自治区科协将择优推荐到中国科协。" + CONTACT_LI
        ),
        guidance_en=(
            "Units that wish to apply fill in the application form (Annex 4) and upload it by "
            "16:00 on 18 August; at most one live-stream application and one promotion "
            "application per unit."
        ),
        min_count=0,
        max_count=1,
        deadline_at=DUE,
        file_types=("word", "excel"),
        rules=(_max_mb(MB_DOCUMENT),),
    )


KEPURI_2023_XINJIANG = CallSpec(
    code="kepuri-2023-xinjiang",
    file_prefix="科普日",
    title_zh="2023年全国科普日活动相关工作",
    title_en="2023 National Science Popularization Day: tasks in Xinjiang",
    organizer_zh="新疆维吾尔自治区科学技术协会",
    organizer_en="Xinjiang Association for Science and Technology",
    notice_ref="新科协办发〔2023〕37号（2023-08-14）",
    issued_on=date(2023, 8, 14),
    summary_zh=(
        "围绕“提升全民科学素质，助力科技自立自强”主题，结合当地和本行业领域实际组织筹划科普日"
        "重点活动。自治区科协将遴选重点活动优先推荐为中国科协2023年全国科普日优秀活动。"
        "2023年全国科普日重点活动中生产的科普资源，请通过科普中国平台两翼管理员账号上传，"
        "发布时选择“全国科普日”标签；上传情况将作为全国科普日考核工作的重要参考因素之一"
        "（附件6）。"
    ),
    summary_en=(
        "Plan the Day's key activities around the theme 'Raise scientific literacy, support "
        "self-reliance in science and technology'. Upload the science resources they produce "
        "to the Kepu China platform with the tag '全国科普日'; uploads count in the assessment "
        "(Annex 6)."
    ),
    audience=Call.Audience.ALL,
    unit_kinds=(Unit.Kind.SCIENCE_ASSOCIATION, Unit.Kind.LEARNED_SOCIETY),
    regions=("xinjiang",),
    order=10,
    milestones=(
        MilestoneSpec(
            code="platform",
            on=date(2023, 8, 21),
            text_zh="起须通过全国科普日平台（www.kepuri.cn）发布推广重点活动（操作流程见附件2）。",
            text_en=(
                "from this day, key activities are published and promoted on the national "
                "platform www.kepuri.cn (guide: Annex 2)."
            ),
        ),
    ),
    requirements=(
        RequirementSpec(
            code="work_plan",
            kind=MaterialKind.DOCUMENT,
            title_zh="全国科普日工作方案",
            title_en="Work plan for Science Popularization Day",
            guidance_zh=(
                "请围绕活动主题，结合当地和本行业领域实际认真组织筹划科普日重点活动，于8月18日16:00前"
                "报送全国科普日工作方案。" + CONTACT_TANG
            ),
            guidance_en="Send the unit's work plan for the Day by 16:00 on 18 August.",
            max_count=1,
            deadline_at=DUE,
            file_types=("word", "pdf"),
            rules=(_max_mb(MB_DOCUMENT),),
        ),
        RequirementSpec(
            code="key_activities",
            kind=MaterialKind.TEMPLATE_FILE,
            title_zh="2023年全国科普日重点科普活动信息表（附件1）",
            title_en="Key activities information table (Annex 1)",
            guidance_zh=(
                "请下载附件1，填写本单位重点科普活动信息，于8月18日16:00前与工作方案一并报送。"
                + CONTACT_TANG
            ),
            guidance_en=(
                "Download Annex 1, fill in the unit's key activities and upload it with the work "
                "plan by 16:00 on 18 August."
            ),
            max_count=1,
            deadline_at=DUE,
            file_types=("excel", "word"),
            rules=(_max_mb(MB_DOCUMENT),),
        ),
        RequirementSpec(
            code="liaison_reviewer",
            kind=MaterialKind.CONTACT_PERSON,
            title_zh="全国科普日平台发布推广联络员兼活动审核管理员（附件3）",
            title_en="Platform liaison and activity reviewer (Annex 3)",
            guidance_zh=(
                "请各地州市科协确定1名工作人员作为全国科普日平台发布推广联络员兼活动审核管理员，对口负责"
                "本地州市范围内有关单位全国科普日平台有关工作及重点活动的发布审核等事宜，与活动方案一并"
                "报送。自治区各学会（协会、研究会）、高校科协、企业科协自行确定联络员，活动审核由自治区"
                "科协学会部、科技服务中心负责。"
            ),
            guidance_en=(
                "Each prefecture's association names one person as platform liaison and activity "
                "reviewer for its area, sent with the work plan."
            ),
            unit_kinds=(Unit.Kind.SCIENCE_ASSOCIATION,),
            min_count=1,
            max_count=1,
            deadline_at=DUE,
        ),
        _live_application(
            "live_support", "支持直播申请表（附件4）", "Application for live-stream support"
        ),
        _live_application(
            "live_promotion", "直播宣传申请表（附件4）", "Application for live-stream promotion"
        ),
        RequirementSpec(
            code="history_pictures",
            kind=MaterialKind.PHOTOS,
            title_zh="全国科普日历年图片（附件5）",
            title_en="Pictures of 20 years of Science Popularization Day (Annex 5)",
            guidance_zh=(
                "今年是全国科普日活动举办第20年。请按照附件5的安排，从不同角度提供展现全国科普日发展"
                "历程、重要时刻和代表性成果的历史图片，于8月18日16:00前报送。自治区科协将择优报送中国"
                "科协用于主场活动展示，并推介给相关媒体作为宣传素材。" + CONTACT_TANG
            ),
            guidance_en=(
                "Historical pictures of the Day's development, key moments and results over 20 "
                "years (Annex 5), by 16:00 on 18 August."
            ),
            min_count=0,
            deadline_at=DUE,
            rules=(_max_mb(MB_IMAGE),),
        ),
    ),
)
