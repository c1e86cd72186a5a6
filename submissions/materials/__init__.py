"""What each kind of material consists of: its text fields and its files.

The kinds are code (a poster always has a design source file; a video always needs the
originality declaration); how many a call wants, by when and within which limits are data on
the ``Requirement`` and its ``RequirementRule`` rows. Forms, the admin, the download naming and
the checks all read these specs.
"""

from django.utils.translation import gettext_lazy as _

from inspection import types
from submissions.kinds import MaterialKind
from submissions.materials.general import GENERAL_SPECS
from submissions.materials.specs import FileSpec, KindSpec, TextSpec, accepted_types
from submissions.models.files import FileRole

__all__ = ["FileSpec", "KindSpec", "TextSpec", "accepted_types", "spec_for"]


def _text(name, label, **kwargs) -> TextSpec:
    return TextSpec(name=name, label=label, widget=kwargs.pop("widget", "text"), **kwargs)


PICTURE_HELP = _("JPEG、PNG、WebP 或 TIFF 原图，请勿压缩。")

SPECS: dict[str, KindSpec] = {
    MaterialKind.PRESS_RELEASE: KindSpec(
        kind=MaterialKind.PRESS_RELEASE,
        texts=(
            _text("section_intro", _("板块简介")),
            _text("organizations", _("组织机构")),
            TextSpec("activity_time", _("活动时间")),
            TextSpec("place_offline", _("活动地点（线下：XX展馆XX展区）"), required=False),
            TextSpec(
                "place_online",
                _("线上直播间地址"),
                widget="url",
                required=False,
                schemes=("https", "http"),
            ),
            _text("programme", _("活动安排")),
            _text("progress", _("活动进展"), required=False),
            _text("highlights", _("亮点特色")),
            _text("results", _("活动成果"), required=False),
        ),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("新闻稿件 Word 文档"),
                types.WORD,
                download_label=_("新闻稿件"),
                help_text=_("参照附件1 新闻稿件参考范例，.docx 或 .doc。"),
            ),
        ),
    ),
    MaterialKind.WECHAT_POST: KindSpec(
        kind=MaterialKind.WECHAT_POST,
        texts=(
            TextSpec(
                "article_url",
                _("微信推文永久预览链接"),
                widget="url",
                required=False,
                host="mp.weixin.qq.com",
                help_text=_("以 https://mp.weixin.qq.com/ 开头的永久链接。"),
            ),
            _text("section_intro", _("板块简介")),
            _text("highlights", _("板块特色亮点")),
            _text("plan_offline", _("活动规划（线下）")),
            _text("plan_online", _("活动规划（线上）"), required=False),
            _text("guests", _("嘉宾阵容"), required=False),
            _text("promotion", _("项目/产品推介"), required=False),
            _text("participation", _("参与方式")),
        ),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("推文 Word 文档"),
                types.WORD,
                required=False,
                download_label=_("新媒体推文"),
            ),
            FileSpec(
                FileRole.PHOTO,
                _("高清配图"),
                types.IMAGE,
                multiple=True,
                download_label=_("推文配图"),
                help_text=PICTURE_HELP,
            ),
        ),
        one_of=("article_url", FileRole.MAIN),
        one_of_message=_("请上传推文 Word 文档，或填写微信推文永久预览链接（二选一）。"),
    ),
    MaterialKind.POSTER: KindSpec(
        kind=MaterialKind.POSTER,
        texts=(TextSpec("title", _("海报标题"), required=False),),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("主视觉海报"),
                types.IMAGE,
                download_label=_("主视觉海报"),
                help_text=PICTURE_HELP,
            ),
            FileSpec(
                FileRole.SOURCE,
                _("设计源文件"),
                types.DESIGN_SOURCE,
                download_label=_("主视觉海报设计源文件"),
                help_text=_("PSD、PSB、AI、EPS、PDF、CDR，或只含这些文件的 ZIP 压缩包。"),
            ),
        ),
    ),
    MaterialKind.PHOTOS: KindSpec(
        kind=MaterialKind.PHOTOS,
        texts=(TextSpec("caption", _("图片说明"), required=False),),
        files=(
            FileSpec(
                FileRole.PHOTO,
                _("现场图片"),
                types.IMAGE,
                multiple=True,
                download_label=_("现场照片"),
                help_text=PICTURE_HELP,
            ),
        ),
    ),
    MaterialKind.H5: KindSpec(
        kind=MaterialKind.H5,
        texts=(
            TextSpec("title", _("H5 标题")),
            TextSpec("h5_url", _("H5 链接"), widget="url", schemes=("https", "http")),
        ),
        files=(
            FileSpec(
                FileRole.QR,
                _("自备二维码图片（可选）"),
                types.IMAGE,
                required=False,
                download_label=_("H5二维码"),
                help_text=_(
                    "不上传时由平台根据链接生成二维码；上传时平台会识别并核对是否指向同一链接。"
                ),
            ),
        ),
    ),
    MaterialKind.VIDEO: KindSpec(
        kind=MaterialKind.VIDEO,
        texts=(
            TextSpec("title", _("视频标题")),
            _text("description", _("视频简介"), required=False),
        ),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("视频文件"),
                types.VIDEO,
                download_label=_("视频"),
                help_text=_("MP4、M4V 或 MOV；分辨率不低于 720p，时长不超过 8 分钟。"),
            ),
        ),
        declaration=_("本单位声明：该视频为原创作品，无版权纠纷。"),
    ),
    MaterialKind.LIVE_STREAM: KindSpec(
        kind=MaterialKind.LIVE_STREAM,
        texts=(
            TextSpec("platform", _("主直播平台")),
            TextSpec(
                "channels",
                _("同步直播渠道"),
                required=False,
                help_text=_(
                    "主平台之外同步直播的渠道，用顿号或逗号分隔；直播结束后须逐一提供观看数据。"
                ),
            ),
            TextSpec("stream_name", _("直播名称")),
            TextSpec(
                "starts_at",
                _("直播开始时间"),
                widget="datetime",
                help_text=_("北京时间（UTC+08:00）。"),
            ),
            TextSpec(
                "ends_at",
                _("直播结束时间"),
                widget="datetime",
                help_text=_(
                    "北京时间（UTC+08:00）。各渠道观看数据在直播结束后 1 个工作日内提交，"
                    "按此时间计算。"
                ),
            ),
            _text("intro", _("直播简介"), help_text=_("100 字以内。")),
            _text("agenda", _("直播议程")),
            TextSpec(
                "push_url",
                _("推流链接"),
                widget="url",
                schemes=("rtmp", "rtmps", "srt"),
                help_text=_("rtmp://、rtmps:// 或 srt:// 开头。"),
            ),
        ),
        files=(
            FileSpec(
                FileRole.COVER,
                _("直播封面主视觉"),
                types.IMAGE,
                download_label=_("直播封面"),
                help_text=PICTURE_HELP,
            ),
            FileSpec(
                FileRole.SOURCE,
                _("封面设计源文件"),
                types.DESIGN_SOURCE,
                download_label=_("直播封面设计源文件"),
            ),
        ),
    ),
    MaterialKind.INTERVIEW_GUEST: KindSpec(
        kind=MaterialKind.INTERVIEW_GUEST,
        texts=(
            TextSpec("name", _("嘉宾姓名")),
            TextSpec("position", _("职务/职称")),
            TextSpec("organization", _("工作单位")),
            _text("biography", _("个人简介")),
            _text("topics", _("可接受采访的话题")),
            TextSpec("contact", _("联系方式（手机/邮箱）")),
        ),
        files=(
            FileSpec(
                FileRole.PHOTO,
                _("嘉宾照片"),
                types.IMAGE,
                download_label=_("采访嘉宾照片"),
                help_text=PICTURE_HELP,
            ),
        ),
    ),
    MaterialKind.LIVE_FIGURES: KindSpec(
        kind=MaterialKind.LIVE_FIGURES,
        texts=(_text("note", _("补充说明"), required=False),),
        rows=(
            TextSpec("platform", _("平台/渠道")),
            TextSpec("views", _("观看人次"), widget="number"),
            TextSpec("peak_viewers", _("最高同时在线人数"), widget="number", required=False),
            TextSpec("likes", _("点赞数"), widget="number", required=False),
            TextSpec("comments", _("评论数"), widget="number", required=False),
        ),
        rows_label=_("各渠道观看数据"),
    ),
    # 成果案例: the category, years, interview answer and the category's points (CasePrompt
    # rows, data) are added by the case form (``submissions.case_forms``); here the fixed part.
    MaterialKind.CASE_STUDY: KindSpec(
        kind=MaterialKind.CASE_STUDY,
        texts=(TextSpec("title", _("案例名称")),),
        files=(
            FileSpec(
                FileRole.MAIN,
                _("案例 Word 文档（可编辑）"),
                types.WORD,
                required=False,
                download_label=_("案例"),
                help_text=_(
                    "可在上方逐项填写，也可上传 .docx 或 .doc 文件；"
                    "PDF、图片等不可编辑的文件不予接收。"
                ),
            ),
            FileSpec(
                FileRole.PHOTO,
                _("案例图片（可选）"),
                types.IMAGE,
                required=False,
                multiple=True,
                download_label=_("案例图片"),
                help_text=_("JPEG、PNG、WebP、TIFF 或 BMP 图片，可一次选择多张；请提供原图。"),
            ),
        ),
    ),
}


# Kinds that any organizer's call may use: templates to fill, documents, letters, forum plans.
SPECS.update(GENERAL_SPECS)


def spec_for(kind: str) -> KindSpec | None:
    return SPECS.get(kind)
