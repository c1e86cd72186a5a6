"""Kinds any organizer's call may use, whatever the notice: a template to fill in and send
back, a document, material sent under a formal letter, a named contact person, a forum plan.

Which file types the main file may have is data when the notice says so
(``Requirement.file_types``); limits such as "at most 3,000 characters" are
``RequirementRule`` rows. A new notice of one of these shapes needs no code.
"""

from django.utils.translation import gettext_lazy as _

from inspection import types
from submissions.kinds import MaterialKind
from submissions.materials.specs import FileSpec, KindSpec, TextSpec
from submissions.models.files import FileRole

NOTE = TextSpec("note", _("补充说明"), widget="text", required=False)

ATTACHMENTS = FileSpec(
    FileRole.ATTACHMENT,
    _("附件（可选）"),
    types.ATTACHMENT,
    required=False,
    multiple=True,
    download_label=_("附件"),
    help_text=_("Word、Excel、PDF 或图片，可一次选择多个。"),
)

GENERAL_SPECS: dict[str, KindSpec] = {
    # 填写附件模板并报送: the organizer's template is offered on the requirement page.
    MaterialKind.TEMPLATE_FILE: KindSpec(
        kind=MaterialKind.TEMPLATE_FILE,
        texts=(NOTE,),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("填写完成的模板文件"),
                types.TEMPLATE,
                help_text=_("请下载本页提供的模板，按要求填写后上传。"),
                types_from_requirement=True,
            ),
        ),
    ),
    MaterialKind.DOCUMENT: KindSpec(
        kind=MaterialKind.DOCUMENT,
        texts=(TextSpec("title", _("文件标题")), NOTE),
        files=(
            FileSpec(FileRole.MAIN, _("文档"), types.WORD, types_from_requirement=True),
            ATTACHMENTS,
        ),
    ),
    # 以正式函件报送: the sealed letter, the material it covers, and its attachments.
    MaterialKind.OFFICIAL_LETTER: KindSpec(
        kind=MaterialKind.OFFICIAL_LETTER,
        texts=(
            TextSpec("title", _("材料名称")),
            TextSpec("letter_number", _("函件文号"), required=False),
            NOTE,
        ),
        files=(
            FileSpec(
                FileRole.LETTER,
                _("正式函件扫描件（加盖公章）"),
                types.SEALED_SCAN,
                download_label=_("正式函件"),
                help_text=_("加盖单位公章的函件扫描件：PDF、JPEG 或 PNG。"),
            ),
            FileSpec(
                FileRole.MAIN,
                _("报送材料正文"),
                types.WORD,
                help_text=_("可编辑的 Word 文档（docx 或 doc）。"),
                types_from_requirement=True,
            ),
            ATTACHMENTS,
        ),
    ),
    # One named person for a role the requirement's title gives (e.g. 联络员兼审核员); with
    # max_count 1 the database keeps it to one per unit.
    MaterialKind.CONTACT_PERSON: KindSpec(
        kind=MaterialKind.CONTACT_PERSON,
        texts=(
            TextSpec("name", _("姓名")),
            TextSpec("position", _("部门及职务")),
            TextSpec("mobile", _("手机")),
            TextSpec("office_phone", _("办公电话"), required=False),
            TextSpec("email", _("邮箱"), widget="email"),
            TextSpec("wechat_id", _("微信号"), required=False),
        ),
    ),
    # 论坛会议方案 (notice 001, 附件1): the plan, its documents and the room asked for; the
    # committee confirms the room and the fee.
    MaterialKind.FORUM_PLAN: KindSpec(
        kind=MaterialKind.FORUM_PLAN,
        texts=(
            TextSpec("title", _("论坛会议名称")),
            TextSpec("forum_type", _("类型"), help_text=_("如平行论坛（专业论坛）、专题会议。")),
            TextSpec("organizers", _("主办、承办单位")),
            TextSpec(
                "proposed_time",
                _("拟举办时间"),
                help_text=_("日期和起止时间，如 2023-04-15 14:00–17:30。"),
            ),
            TextSpec("attendance", _("预计参会人数"), widget="number"),
            TextSpec(
                "room_request",
                _("场地需求"),
                widget="text",
                help_text=_("会议室规模、座位布局、同传及直播等设备。"),
            ),
            TextSpec("contact", _("联系人及电话")),
        ),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("论坛会议方案"),
                types.WORD | types.PDF,
                download_label=_("论坛会议方案"),
                help_text=_("Word 或 PDF 文件。"),
                types_from_requirement=True,
            ),
            FileSpec(
                FileRole.ATTACHMENT,
                _("相关文件（可选）"),
                types.ATTACHMENT,
                required=False,
                multiple=True,
                download_label=_("相关文件"),
                help_text=_("议程、嘉宾名单等：Word、Excel、PDF 或图片，可一次选择多个。"),
            ),
        ),
        decision=(
            TextSpec("room", _("会议室")),
            TextSpec("time", _("使用时间")),
            TextSpec("fee", _("费用（元）"), widget="number"),
            TextSpec("payment", _("缴费方式及期限"), widget="text", required=False),
            TextSpec("note", _("说明"), widget="text", required=False),
        ),
        decision_label=_("确认会议室和费用"),
    ),
}
