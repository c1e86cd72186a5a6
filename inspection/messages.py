"""Words for the checks that are not organizer limits: the file's type, whether it can be
read at all, the pairing of a poster with its design source, a QR code's target.

Codes are those of ``inspection.errors.MediaError`` plus the portal's own checks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspection.types import label

MESSAGES = {
    "empty_file": gettext_lazy("文件为空（0 字节），请重新选择文件"),
    "unknown_type": gettext_lazy("无法识别文件类型，请上传通知要求格式的文件"),
    "image_undecodable": gettext_lazy("图片无法读取，文件可能已损坏"),
    "image_truncated": gettext_lazy("图片文件不完整（可能上传中断或已损坏），请重新上传"),
    "image_bomb": gettext_lazy(
        "图片为 %(pixels)s（上限 %(limit)s），超过安全上限，疑似恶意构造的文件，已拒收"
    ),
    "video_undecodable": gettext_lazy("视频无法读取，文件可能已损坏或不是视频"),
    "video_no_stream": gettext_lazy("文件中没有视频画面"),
    "video_truncated": gettext_lazy("视频文件不完整（可能上传中断或已损坏），请重新上传"),
    "video_no_media": gettext_lazy(
        "视频文件中没有媒体数据（只有文件头，如分片视频的初始化片段），请上传完整的视频"
    ),
    "video_not_previewable": gettext_lazy(
        "视频编码（%(codec)s）无法在平台上解码预览；分辨率和时长取自文件头，组委会将人工核对画面"
    ),
    "document_macro": gettext_lazy(
        "文件含有宏（.docm 或 VBA），出于安全考虑不予接收，请另存为 .docx"
    ),
    "document_unsafe_xml": gettext_lazy("文档含有不安全的 XML 声明（DOCTYPE/ENTITY），已拒收"),
    "document_undecodable": gettext_lazy("Word 文档无法读取，文件可能已损坏"),
    "document_uncounted": gettext_lazy("未能读取 .doc 文件中的文字，字数未统计，组委会将人工核对"),
    "document_no_text": gettext_lazy(
        "文档中没有可编辑的文字（可能是扫描件或图片），请上传可编辑的 Word 文件"
    ),
    "zip_bomb": gettext_lazy("压缩包解压后过大，疑似恶意构造的文件，已拒收"),
    "zip_undecodable": gettext_lazy("压缩包无法读取（已损坏、加密或使用了不支持的压缩方式）"),
    "zip_unsafe_name": gettext_lazy(
        "压缩包中的 %(name)s 会被解压到文件夹之外（含 ../ 或绝对路径），已拒收"
    ),
    "design_zip_member": gettext_lazy(
        "压缩包中的 %(name)s 不是设计源文件（应为 PSD、AI、EPS、PDF 或 CDR）"
    ),
    "check_error": gettext_lazy("自动检查未能完成，组委会将人工核对此文件"),
}


# Photos a phone saves in a format the portal cannot read: the unit is told how to fix it.
_PHONE_PHOTO_FORMATS = {"heic": "HEIC", "avif": "AVIF"}


def format_pixels(pixels: int) -> str:
    """'2.8 亿像素' / '280 million pixels': a count of pixels a reader can take in. English
    counts in millions whatever the Chinese unit is, hence both numbers for each message."""
    numbers = {
        "yi": _short(pixels / 100_000_000),
        "wan": _short(pixels / 10_000),
        "million": _short(pixels / 1_000_000),
    }
    if pixels >= 100_000_000:
        return _("%(yi)s 亿像素") % numbers
    return _("%(wan)s 万像素") % numbers


def _short(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def describe_type_mismatch(params: dict) -> str:
    if params.get("also"):
        return _("文件同时是 %(first)s 和 %(second)s，无法确定是哪一种，已拒收") % {
            "first": label(params.get("detected") or "unknown"),
            "second": label(params["also"]),
        }
    phone_format = _PHONE_PHOTO_FORMATS.get(params.get("detected"))
    if phone_format and "jpeg" in params.get("allowed", ()):
        return _("%(format)s 照片不在接受范围内，请导出为 JPEG 后上传") % {"format": phone_format}
    detected = label(params.get("detected") or "unknown")
    allowed = _("、").join(str(label(t)) for t in params.get("allowed", []))
    return _("文件实际类型为 %(detected)s，此处只接受 %(allowed)s") % {
        "detected": detected,
        "allowed": allowed,
    }


def describe_qr(verdict: str, params: dict) -> str:
    if "found" not in params:
        return _("未能从图片中识别出二维码，请上传清晰的二维码图片")
    if verdict == "pass":
        return _("二维码指向 %(found)s，与填写的 H5 链接一致") % params
    return _("二维码指向 %(found)s，与填写的 H5 链接 %(expected)s 不一致") % params


def describe_media_outcome(code: str, verdict: str, params: dict) -> str:
    if code == "qr_target":
        return describe_qr(verdict, params)
    if code == "file_type":
        if verdict == "pass":
            return _("文件类型：%(type)s") % {"type": label(params.get("detected") or "unknown")}
        return describe_type_mismatch(params)
    message = MESSAGES.get(code)
    if message is None:
        return code
    if code == "image_bomb":
        params = {"pixels": _pixels(params.get("pixels")), "limit": _pixels(params.get("limit"))}
    if code == "video_not_previewable" and not params.get("codec"):
        params = {**params, "codec": _("未知编码")}
    return str(message) % params if params else str(message)


def _pixels(value) -> str:
    return format_pixels(int(value)) if value else _("未知像素数")
