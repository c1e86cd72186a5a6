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
        "图片像素数 %(pixels)s 超过安全上限 %(limit)s，疑似恶意构造的文件，已拒收"
    ),
    "video_undecodable": gettext_lazy("视频无法读取，文件可能已损坏或不是视频"),
    "video_no_stream": gettext_lazy("文件中没有视频画面"),
    "video_truncated": gettext_lazy("视频文件不完整（可能上传中断或已损坏），请重新上传"),
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
    "design_zip_member": gettext_lazy(
        "压缩包中的 %(name)s 不是设计源文件（应为 PSD、AI、EPS、PDF 或 CDR）"
    ),
    "check_error": gettext_lazy("自动检查未能完成，组委会将人工核对此文件"),
}


def describe_type_mismatch(params: dict) -> str:
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
    return str(message) % params if params else str(message)
