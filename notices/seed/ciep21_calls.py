"""The calls of the 21st CIEP, as the notices word them (see /work/shared/notices/RULES.md).

- ``publicity``: 宣传资料征集, notice 000 of 2023-03-13.
- ``exhibition`` and ``forum_plans``: the exhibition and forum plans of notice 001, 2023-02-24.
- ``cases_national`` and ``cases_shenzhen``: 成果案例征集, notice 003 of 2023-03-08 (in
  ``ciep21_cases``).

Where a notice gives only a date, the deadline is the end of that day (RULES.md, "Reading").
File sizes are in MB, as ``RuleCode.FILE_MAX_BYTES`` is labelled; the notices set none, so
they are the portal's own ceilings (2 GB for videos, 200 MB for pictures and design source
files, 50 MB for Word and Excel documents).
"""

from datetime import date

from notices.seed.calls import CallSpec, RequirementSpec, RuleSpec, beijing
from submissions.kinds import DeadlineAnchor, MaterialKind, RuleCode, Severity
from submissions.models import Call

NOTICE_PUBLICITY = "关于征集第二十一届中国国际人才交流大会宣传资料的通知（2023-03-13）"
NOTICE_CONFERENCE = "第二十一届中国国际人才交流大会通知（2023-02-24）"

# The pre-event press releases, posts and posters (前期预热新闻稿、新媒体推文): the moment the
# demo edition is shifted around.
PRE_EVENT_DUE = beijing(2023, 3, 22, 12)

# File roles that rules single out (``RequirementRule.applies_to``).
ROLE_COVER = "cover"  # 直播封面主视觉
ROLE_INTRO = "intro"  # 直播活动简介
ROLE_PHOTO = "photo"  # 采访嘉宾照片

MB_VIDEO, MB_IMAGE, MB_DOCUMENT = 2048, 200, 50


def picture_rules(role: str = "") -> tuple[RuleSpec, ...]:
    """水平像素不低于1000px, 请勿压缩清晰度 (the quality check only warns a reviewer)."""
    return (
        RuleSpec(RuleCode.IMAGE_MIN_WIDTH, 1000, applies_to=role),
        RuleSpec(RuleCode.IMAGE_MIN_JPEG_QUALITY, 75, severity=Severity.WARN, applies_to=role),
    )


def max_mb(megabytes: int) -> RuleSpec:
    return RuleSpec(RuleCode.FILE_MAX_BYTES, megabytes)


def before_activity(**fields) -> dict:
    """请于活动前至少5个工作日提交: by the end of the 5th working day before the activity."""
    return {
        "per_activity": True,
        "min_count": 0,
        "deadline_anchor": DeadlineAnchor.ACTIVITY_START,
        "deadline_working_days": -5,
        **fields,
    }


PUBLICITY = CallSpec(
    code="publicity",
    title_zh="第二十一届中国国际人才交流大会宣传资料征集",
    title_en="21st CIEP: call for publicity materials",
    notice_ref=NOTICE_PUBLICITY,
    issued_on=date(2023, 3, 13),
    summary_zh=(
        "大会组委会面向各单位公开征集宣传资料，汇总梳理后结合大会整体宣传规划排期发布，"
        "特别优质的内容将通过大会官方宣传矩阵发布并推送媒体深度宣传。"
        "报送文件夹请以“宣传+板块+单位”格式命名；请提前审查核实相关内容，确保素材的真实性、"
        "时效性，并按照大会统一的宣传口径发布资讯。"
    ),
    summary_en=(
        "The organizing committee collects publicity materials from every unit and schedules "
        "them on the conference's channels. Name folders 'publicity + section + unit'; check "
        "that materials are true and timely, and publish only with the agreed wording."
    ),
    audience=Call.Audience.PARTNERS,
    order=10,
    requirements=(
        RequirementSpec(
            code="liaison_list",
            kind=MaterialKind.LIAISON_LIST,
            title_zh="宣传联络员名单",
            title_en="Publicity liaison list",
            guidance_zh=(
                "为加强宣传信息沟通交流，统筹宣传渠道和活动排期，请于{截止时间}前"
                "报送联络员名单（附件4 第二十一届大会宣传联络员信息表）。"
            ),
            guidance_en="Name your publicity liaisons (Annex 4) by {deadline}.",
            deadline_at=beijing(2023, 3, 15, 15),
        ),
        RequirementSpec(
            code="press_release",
            kind=MaterialKind.PRESS_RELEASE,
            title_zh="新闻稿件",
            title_en="Press release",
            guidance_zh=(
                "请结合板块具体情况，以Word文档的形式，提供板块简介、组织机构、活动时间、活动地点"
                "（线下XX展馆XX展区、线上直播间地址）、活动安排、活动进展、亮点特色、活动成果等内容"
                "（详见附件1 新闻稿件参考范例）。"
                "前期预热新闻稿请于{截止时间}前提交。"
            ),
            guidance_en=(
                "A Word document with the section's introduction, organizations, time, place "
                "(hall and zone; live-room address), programme, progress, highlights and results "
                "(Annex 1). Pre-event releases by {deadline}."
            ),
            deadline_at=PRE_EVENT_DUE,
            per_section=True,
            rules=(max_mb(MB_DOCUMENT),),
        ),
        RequirementSpec(
            code="wechat_post",
            kind=MaterialKind.WECHAT_POST,
            title_zh="新媒体推文",
            title_en="New-media post",
            guidance_zh=(
                "请结合板块具体情况，以Word文档或微信推文永久预览链接的形式，提供板块简介、板块特色"
                "亮点、活动规划（线下+线上）、嘉宾阵容、项目/产品推介、参与方式等内容，并同步提供"
                "相关高清配图（详见附件2）。配图请勿压缩，水平像素不低于1000px。"
                "前期预热推文请于{截止时间}前提交。"
            ),
            guidance_en=(
                "A Word document or a permanent WeChat preview link with the section's intro, "
                "highlights, offline and online plan, guests, projects or products and how to take "
                "part, with HD pictures at least 1000 px wide (Annex 2). By {deadline}."
            ),
            deadline_at=PRE_EVENT_DUE,
            per_section=True,
            rules=(*picture_rules(), max_mb(MB_IMAGE)),
        ),
        RequirementSpec(
            code="poster",
            kind=MaterialKind.POSTER,
            title_zh="主视觉海报及设计源文件",
            title_en="Main visual poster and design source file",
            guidance_zh=(
                "请结合本届大会主视觉应用规范要求，提供所负责板块的宣传主视觉海报图片及设计源文件。"
                "图片文件请勿压缩清晰度，确保水平像素不低于1000px。"
                "请与前期预热新闻稿、新媒体推文一并于{截止时间}前提交。"
            ),
            guidance_en=(
                "The section's main visual poster and its design source file, following the "
                "conference's visual identity; uncompressed, at least 1000 px wide. "
                "By {deadline}."
            ),
            deadline_at=PRE_EVENT_DUE,
            per_section=True,
            rules=(*picture_rules(), max_mb(MB_IMAGE)),
        ),
        RequirementSpec(
            code="photos",
            kind=MaterialKind.PHOTOS,
            title_zh="活动图片",
            title_en="Pictures",
            guidance_zh=(
                "活动相关图片及大会期间的活动现场照片，请统一命名提交。图片文件请勿压缩清晰度，"
                "确保水平像素不低于1000px。请于活动前至少5个工作日提交。"
            ),
            guidance_en=(
                "Pictures of the activity, named uniformly, uncompressed, at least 1000 px wide; "
                "at least 5 working days before the activity."
            ),
            rules=(*picture_rules(), max_mb(MB_IMAGE)),
            **before_activity(),
        ),
        RequirementSpec(
            code="h5",
            kind=MaterialKind.H5,
            title_zh="原创H5",
            title_en="Original H5 page",
            guidance_zh=(
                "如有相关内容原创宣传H5成品，请提供具体链接及链接二维码，或同步至新媒体推文中提交。"
                "请于活动前至少5个工作日提交。"
            ),
            guidance_en=(
                "The link of an original H5 page and its QR code, or include it in a new-media "
                "post; at least 5 working days before the activity."
            ),
            **before_activity(),
        ),
        RequirementSpec(
            code="video",
            kind=MaterialKind.VIDEO,
            title_zh="长/短视频",
            title_en="Videos",
            guidance_zh=(
                "宣传片素材及现场短视频：格式为mp4、m4v、mov，分辨率不低于720p，时长不超过8分钟。"
                "请确保视频为原创，不涉及版权纠纷。请于活动前至少5个工作日提交。"
            ),
            guidance_en=(
                "Promotional films and short on-site videos: mp4, m4v or mov, at least 720p, at "
                "most 8 minutes, original and free of copyright disputes; at least 5 working days "
                "before the activity."
            ),
            rules=(
                RuleSpec(RuleCode.VIDEO_MIN_SHORT_SIDE, 720),
                RuleSpec(RuleCode.VIDEO_MAX_DURATION, 8 * 60),
                max_mb(MB_VIDEO),
            ),
            **before_activity(),
        ),
        RequirementSpec(
            code="live_stream",
            kind=MaterialKind.LIVE_STREAM,
            title_zh="直播",
            title_en="Live stream",
            guidance_zh=(
                "如大会期间有图文、视频直播安排，请提前明确直播主平台，并提供直播名称、活动简介"
                "（100字以内）、活动议程、推流链接、封面主视觉及设计源文件等。"
                "请于活动前至少5个工作日提交。"
            ),
            guidance_en=(
                "For a picture or video live stream: the main platform, the stream's name, an "
                "intro of at most 100 characters, the agenda, the push-stream link, and the cover "
                "visual with its design source file; at least 5 working days before the activity."
            ),
            rules=(
                *picture_rules(ROLE_COVER),
                RuleSpec(RuleCode.TEXT_MAX_CHARS, 100, applies_to=ROLE_INTRO),
                max_mb(MB_IMAGE),
            ),
            **before_activity(),
        ),
        RequirementSpec(
            code="live_figures",
            kind=MaterialKind.LIVE_FIGURES,
            title_zh="直播观看数据",
            title_en="Live-stream viewing figures",
            guidance_zh="直播结束后一个工作日内，请整理提供各直播渠道观看数据。",
            guidance_en=(
                "The viewing figures of every channel, within one working day after the stream "
                "ends."
            ),
            per_activity=True,
            # Owed for every live stream a unit announced, counted from the stream's own end.
            follows="live_stream",
            min_count=1,
            deadline_anchor=DeadlineAnchor.STREAM_END,
            deadline_working_days=1,
        ),
        RequirementSpec(
            code="interview_guest",
            kind=MaterialKind.INTERVIEW_GUEST,
            title_zh="采访嘉宾",
            title_en="Interview guest",
            guidance_zh=(
                "本届大会将在深圳会展中心主会场设置新闻中心，安排媒体进行采访直播。请结合实际情况"
                "推荐一名采访嘉宾，并提供相关简介资料（详见附件3 拟采访嘉宾资料）。"
                "请于{截止时间}前提交。"
            ),
            guidance_en=(
                "Recommend one guest for the media centre's interviews, with a profile (Annex 3), "
                "by {deadline}."
            ),
            min_count=1,
            max_count=1,
            deadline_at=beijing(2023, 4, 7, 11),
            rules=(*picture_rules(ROLE_PHOTO), max_mb(MB_IMAGE)),
        ),
    ),
)

EXHIBITION = CallSpec(
    code="exhibition",
    file_prefix="展览",
    title_zh="第二十一届中国国际人才交流大会参展报名",
    title_en="21st CIEP: exhibitor registration",
    notice_ref=NOTICE_CONFERENCE,
    issued_on=date(2023, 2, 24),
    summary_zh=(
        "参展流程：注册登录、申请展位、展位确认。大会参展报名截止日期为2023年3月24日，"
        "逾期原则上不再受理。"
    ),
    summary_en=(
        "Register, apply for a booth, and confirm it. Applications close on 24 March 2023; "
        "late applications are in principle not accepted."
    ),
    audience=Call.Audience.EXHIBITORS,
    order=20,
    requirements=(
        RequirementSpec(
            code="booth_application",
            kind=MaterialKind.BOOTH_APPLICATION,
            title_zh="展位申请",
            title_en="Booth application",
            guidance_zh=(
                "点击“申请参展”，按要求填写相关参展资料，确认无误后提交展位申请。大会组委会确认"
                "参展申报信息后，请签署展位确认协议（需加盖单位公章）并寄送至深圳国际人才交流中心，"
                "及时缴纳相关费用。截止时间为{截止时间}，逾期原则上不再受理。"
            ),
            guidance_en=(
                "Fill in the exhibition information and submit the booth application. Once the "
                "committee confirms it, sign the booth confirmation agreement with the unit's "
                "official seal, send it to the Shenzhen International Talent Exchange Center and "
                "pay the fees. Closes at {deadline}."
            ),
            section="exhibition",
            min_count=0,
            deadline_at=beijing(2023, 3, 24, 23, 59, 59),
        ),
    ),
)

FORUM_PLANS = CallSpec(
    code="forum_plans",
    file_prefix="论坛",
    title_zh="第二十一届中国国际人才交流大会论坛会议方案",
    title_en="21st CIEP: forum and conference plans",
    notice_ref=NOTICE_CONFERENCE,
    issued_on=date(2023, 2, 24),
    summary_zh=(
        "有意在大会期间举办论坛会议（平行论坛、专题会议）的主承办单位，请于3月10日之前提交方案"
        "及相关文件，并与大会组委会深圳工作组确定场地、按要求及时缴纳相关费用。"
    ),
    summary_en=(
        "Units that wish to hold a forum or conference during CIEP submit the plan by 10 March "
        "and book a room (and pay) with the committee's Shenzhen working group by the same date."
    ),
    audience=Call.Audience.PARTNERS,
    order=30,
    requirements=(
        RequirementSpec(
            code="forum_plan",
            kind=MaterialKind.FORUM_PLAN,
            title_zh="论坛会议方案",
            title_en="Forum plan",
            guidance_zh=(
                "论坛会议体系以深圳论坛为引领，平行论坛（专业论坛）、专题会议齐头并进，拟于4月15—16日"
                "大会主会期以及大会开幕后至年底间不定期举办（附件1 论坛会议板块组织实施方案）。"
                "有意在大会期间举办论坛会议的主承办单位，请于{截止时间}前提交方案及相关文件，并填写"
                "场地需求；确定举办的，请于同日之前与大会组委会深圳工作组确定场地，并按要求及时缴纳相关"
                "费用。组委会确认的会议室和费用将显示在本单位提交的方案页面。"
                "北京工作组联系人：王琪、郭妍，010-58882132，010-58882089。"
            ),
            guidance_en=(
                "Units that wish to hold a parallel forum or a thematic conference submit the "
                "plan, its documents and the room they need by {deadline}; the Shenzhen working "
                "group confirms the room and the fee, which then appear on the plan's page. Pay "
                "by the same date."
            ),
            section="forums",
            min_count=0,
            deadline_at=beijing(2023, 3, 10, 23, 59, 59),
            rules=(max_mb(MB_DOCUMENT),),
        ),
    ),
)
