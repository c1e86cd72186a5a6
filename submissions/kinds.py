"""The kinds of material and the kinds of rule are code; which ones a call asks for, and with
which numbers, are data (``Requirement`` and ``RequirementRule``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialKind(models.TextChoices):
    LIAISON_LIST = "liaison_list", _("宣传联络员信息")
    PRESS_RELEASE = "press_release", _("新闻稿件")
    WECHAT_POST = "wechat_post", _("新媒体推文")
    POSTER = "poster", _("主视觉海报及设计源文件")
    PHOTOS = "photos", _("现场图片")
    H5 = "h5", _("原创H5")
    VIDEO = "video", _("视频")
    LIVE_STREAM = "live_stream", _("直播")
    LIVE_FIGURES = "live_figures", _("直播观看数据")
    INTERVIEW_GUEST = "interview_guest", _("采访嘉宾")
    CASE_STUDY = "case_study", _("案例")
    STATISTICS = "statistics", _("成果统计")
    TEMPLATE_FILE = "template_file", _("填写模板并上传")
    DOCUMENT = "document", _("文档")
    OFFICIAL_LETTER = "official_letter", _("以正式函件报送的材料")
    CONTACT_PERSON = "contact_person", _("指定联系人")
    BOOTH_APPLICATION = "booth_application", _("参展申请")
    FORUM_PLAN = "forum_plan", _("论坛会议方案")


class RuleCode(models.TextChoices):
    """Checks the portal knows how to make; a ``RequirementRule`` gives each its limit."""

    IMAGE_MIN_WIDTH = "image_min_width", _("图片水平像素不少于（像素）")
    IMAGE_MIN_JPEG_QUALITY = "image_min_jpeg_quality", _("JPEG 估计质量不低于（提醒审核）")
    VIDEO_MIN_SHORT_SIDE = "video_min_short_side", _("视频分辨率不低于（短边像素，720 即 720p）")
    VIDEO_MAX_DURATION = "video_max_duration", _("视频时长不超过（秒）")
    TEXT_MAX_CHARS = "text_max_chars", _("文字不超过（字）")
    TEXT_CHAR_RANGE = "text_char_range", _("文字字数建议范围（字）")
    FILE_MAX_BYTES = "file_max_bytes", _("文件大小不超过（MB）")
    # How many items a unit may send is the requirement's "至多份数" (``max_count``), enforced
    # by ``services.items.ensure_room``; the former rule kind "条目数量不超过" was never
    # evaluated and is folded into it (migration ``0013_max_items_rule_into_max_count``).


class Severity(models.TextChoices):
    FAIL = "fail", _("不通过")
    WARN = "warn", _("提醒")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    CHECKING = "checking", _("自动检查中")
    FAILED = "failed", _("未通过自动检查")
    IN_REVIEW = "in_review", _("审核中")
    CHANGES_REQUESTED = "changes_requested", _("需修改")
    ACCEPTED = "accepted", _("已采用")
    REJECTED = "rejected", _("未采用")
    WITHDRAWN = "withdrawn", _("已撤回")


class DeadlineAnchor(models.TextChoices):
    """What a relative deadline counts working days from."""

    ACTIVITY_START = "activity_start", _("活动开始日")
    STREAM_END = "stream_end", _("直播结束日")
    EDITION_START = "edition_start", _("大会开幕日")


STATUS_COLOURS = {
    SubmissionStatus.DRAFT: "secondary",
    SubmissionStatus.CHECKING: "info",
    SubmissionStatus.FAILED: "danger",
    SubmissionStatus.IN_REVIEW: "primary",
    SubmissionStatus.CHANGES_REQUESTED: "warning",
    SubmissionStatus.ACCEPTED: "success",
    SubmissionStatus.REJECTED: "dark",
    SubmissionStatus.WITHDRAWN: "light",
}
