"""国家高新区十年成就巡礼: notice 004 of the MOST Torch Center (科技部火炬中心), 2022-05-12
(see /work/shared/notices/RULES.md, "Other notices of the same shape").

A call of the Torch Center, not of a CIEP edition, addressed to the management committees of
the national high-tech zones (国家高新区管委会).
"""

from datetime import date

from notices.seed.calls import CallSpec, RequirementSpec, RuleSpec, beijing
from submissions.kinds import MaterialKind, RuleCode
from submissions.models import Call
from submissions.models.files import FileRole
from units.models import Unit

# 报送截止日期为2022年6月15日: the end of that day (RULES.md, "Reading").
DUE = beijing(2022, 6, 15, 23, 59, 59)
MB_DOCUMENT = 50

CONTACTS = (
    "联系人：樊子天 010-88656175，刘兰 010-88656173，李一骢 010-88656199；"
    "电子邮箱 peix@chinatorch.gov.cn。"
)

GAOXINQU_10_YEARS = CallSpec(
    code="gaoxinqu-10-years",
    file_prefix="高新区成就巡礼",
    title_zh="“奋进新征程 建功新时代——国家高新区十年成就巡礼”主题宣传",
    title_en="National high-tech zones: ten years of achievements (publicity campaign)",
    organizer_zh="科学技术部火炬高技术产业开发中心",
    organizer_en="Torch High Technology Industry Development Center, MOST",
    notice_ref="科技部火炬中心通知（2022-05-12）",
    issued_on=date(2022, 5, 12),
    summary_zh=(
        "全方位、立体化总结宣传党的十八大以来“非凡十年”里国家高新区取得的变革性实践、突破性进展、"
        "标志性成果。火炬中心将汇总整理各国家高新区报送的总结材料，形成专题报告，并摘编素材提供给"
        "中央媒体，在“锐科技”公众号、火炬中心官网等开设专题宣传专栏。" + CONTACTS
    ),
    summary_en=(
        "The zones summarize a decade of practice, progress and results since 2012; the "
        "Torch Center compiles a report and publishes a series with central media."
    ),
    audience=Call.Audience.ALL,
    unit_kinds=(Unit.Kind.HIGH_TECH_ZONE,),
    order=20,
    requirements=(
        RequirementSpec(
            code="summary_report",
            kind=MaterialKind.OFFICIAL_LETTER,
            title_zh="工作总结报告（以管委会正式函件报送）",
            title_en="Summary report, sent as a formal letter of the management committee",
            guidance_zh=(
                "请对党的十八大以来推动“创新驱动发展示范区和高质量发展先行区”建设工作进行深入总结，"
                "主要内容包括国民经济高质量发展、培育战略性新兴产业、提升企业自主创新能力、科技创新与"
                "人才高地、绿色发展与双碳战略、数字经济与智慧园区、开放创新与合作等方面的主要实践、"
                "重要进展和显著成就。总结报告原则上不超过3000字，语言精练，逻辑性强，重点情况用数据"
                "支撑，力求准确；提供相关附件材料，包括省、市人民政府和国家高新区管委会最新印发的政策"
                "文件、典型案例（含图片）。相关材料以高新区管委会正式函件方式报送：请上传加盖公章的"
                "函件扫描件、总结报告 Word 文档及附件。"
            ),
            guidance_en=(
                "A summary of at most 3,000 characters, concise and supported by data, with the "
                "latest policy documents and typical cases (with pictures) as attachments, sent "
                "as a formal letter of the zone's management committee: upload the sealed letter, "
                "the report as a Word document, and the attachments."
            ),
            max_count=1,
            deadline_at=DUE,
            rules=(
                # Counted as Word's 字数 counts; a report over the limit is refused at once.
                RuleSpec(RuleCode.TEXT_MAX_CHARS, 3000, applies_to=FileRole.MAIN),
                RuleSpec(RuleCode.FILE_MAX_BYTES, MB_DOCUMENT),
            ),
        ),
        RequirementSpec(
            code="liaison_table",
            kind=MaterialKind.LIAISON_LIST,
            title_zh="国家高新区宣传工作联络信息表",
            title_en="Publicity liaison information",
            guidance_zh=(
                "尚未参与“国家高新区宣传工作微信群”建设的高新区宣传部门，请填报宣传工作联络信息"
                "（含微信号），与总结材料一并报送。经火炬中心确认后，请宣传联络员及时加入微信群。"
            ),
            guidance_en=(
                "Zones not yet in the publicity WeChat group name their publicity liaisons "
                "(with WeChat ID) together with the summary."
            ),
            min_count=0,
            deadline_at=DUE,
        ),
        RequirementSpec(
            code="own_publicity_summary",
            kind=MaterialKind.DOCUMENT,
            title_zh="自主宣传工作总结",
            title_en="Summary of the zone's own publicity",
            guidance_zh=(
                "各国家高新区按照中央要求部署和所在地党委宣传部门工作安排，利用传统媒体和新媒体开展"
                "国家高新区发展成就主题宣传，力争做到全年度全覆盖。请于2022年底前报送相关工作总结。"
            ),
            guidance_en="Summarize the zone's own publicity of the campaign by the end of 2022.",
            deadline_at=beijing(2022, 12, 31, 23, 59, 59),
            file_types=("word", "pdf"),
            rules=(RuleSpec(RuleCode.FILE_MAX_BYTES, MB_DOCUMENT),),
        ),
    ),
)
