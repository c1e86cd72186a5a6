"""The one allow-list of upload types per purpose, as sets of ``sniff`` types.

Forms, admin, API and worker all check ``sniff(file).type in IMAGE`` (etc.) against these.
Labels go through gettext lazily so this module imports without Django settings.
"""

import io
import zipfile

from django.utils.translation import gettext_lazy as _

from inspection.formats import zips

from ._io import preserved_position
from .errors import MediaError
from .sniff import sniff

# Pictures (notice 000 item 3, "do not compress"). GIF is left out: its 256-colour palette
# is itself a lossy compression of a photo or poster. HEIC is left out because Pillow
# cannot read it, so its width could not be checked.
IMAGE = frozenset({"jpeg", "png", "webp", "tiff", "bmp"})
# Videos (notice 000 item 5): "mp4, m4v or mov".
VIDEO = frozenset({"mp4", "m4v", "mov"})
# A poster's design source file; a zip must hold only DESIGN_ZIP_MEMBERS (check_design_zip).
DESIGN_SOURCE = frozenset({"psd", "psb", "ai", "eps", "pdf", "cdr", "zip"})
# No nested zips: each member is sniffed once, and a zip inside cannot hide a bomb.
DESIGN_ZIP_MEMBERS = DESIGN_SOURCE - {"zip"}
WORD = frozenset({"docx", "doc"})
EXCEL = frozenset({"xlsx"})
PDF = frozenset({"pdf"})
SEALED_SCAN = frozenset({"pdf", "jpeg", "png"})  # a document bearing the unit's seal
# Supporting documents sent with a plan or report: policy papers, tables, pictures.
ATTACHMENT = WORD | EXCEL | PDF | IMAGE
# What an organizer may offer as a template to fill in: a file the unit can send back as it
# is. A legacy .xls is left out because the filled copy (also .xls) could not be accepted.
TEMPLATE = WORD | EXCEL

# Families an organizer picks for a requirement (``Requirement.file_types``), each one of the
# allow-lists above; the kinds' own allow-lists apply when none is picked.
FAMILIES = {
    "word": WORD,
    "excel": EXCEL,
    "pdf": PDF,
    "image": IMAGE,
}
FAMILY_LABELS = {
    "word": _("Word 文档（docx、doc）"),
    "excel": _("Excel 工作簿（xlsx）"),
    "pdf": _("PDF 文档"),
    "image": _("图片（JPEG、PNG、WebP、TIFF、BMP）"),
}


def types_of(families) -> frozenset[str]:
    """The sniff types of the named families; unknown names are ignored (the model refuses
    them when an organizer saves)."""
    return frozenset().union(*(FAMILIES.get(name, frozenset()) for name in families))


LABELS = {
    "jpeg": _("JPEG 图片"),
    "png": _("PNG 图片"),
    "gif": _("GIF 图片"),
    "webp": _("WebP 图片"),
    "tiff": _("TIFF 图片"),
    "bmp": _("BMP 图片"),
    "heic": _("HEIC 图片"),
    "avif": _("AVIF 图片"),
    "mp4": _("MP4 视频"),
    "m4v": _("M4V 视频"),
    "mov": _("MOV（QuickTime）视频"),
    "mkv": _("MKV 视频"),
    "webm": _("WebM 视频"),
    "avi": _("AVI 视频"),
    "3gp": _("3GP 视频"),
    "flv": _("FLV（Flash）视频"),
    "asf": _("WMV/ASF（Windows Media）视频"),
    "mpegts": _("MPEG-TS 视频流"),
    "h264": _("H.264 裸码流（未封装的视频）"),
    "hevc": _("HEVC 裸码流（未封装的视频）"),
    "pdf": _("PDF 文档"),
    "psd": _("Photoshop 源文件（PSD）"),
    "psb": _("Photoshop 大文档（PSB）"),
    "ai": _("Illustrator 源文件（AI）"),
    "eps": _("EPS 矢量文件"),
    "cdr": _("CorelDRAW 源文件（CDR）"),
    "ps": _("PostScript 文件"),
    "zip": _("ZIP 压缩包"),
    "rar": _("RAR 压缩包"),
    "7z": _("7z 压缩包"),
    "gzip": _("gzip 压缩文件"),
    "docx": _("Word 文档（docx）"),
    "docm": _("启用宏的 Word 文档（docm）"),
    "dotx": _("Word 模板（dotx）"),
    "doc": _("Word 97-2003 文档（doc）"),
    "xlsx": _("Excel 工作簿（xlsx）"),
    "xlsm": _("启用宏的 Excel 工作簿（xlsm）"),
    "xls": _("Excel 97-2003 工作簿（xls）"),
    "pptx": _("PowerPoint 演示文稿（pptx）"),
    "ppt": _("PowerPoint 97-2003 演示文稿（ppt）"),
    "ole": _("OLE 复合文档"),
    "m4a": _("M4A 音频"),
    "wav": _("WAV 音频"),
    "svg": _("SVG 矢量图"),
    "html": _("网页（HTML）"),
    "xml": _("XML 文件"),
    "script": _("脚本文件"),
    "text": _("纯文本"),
    "exe": _("可执行程序"),
    "unknown": _("未知类型"),
}

_MEMBER_SNIFF_SIZE = 256 * 1024
# Content-checked macOS by-products that Finder adds to every zip it makes.
_APPLE_DOUBLE = b"\x00\x05\x16\x07"
_DS_STORE = b"\x00\x00\x00\x01Bud1"


def label(sniff_type: str) -> str:
    return LABELS.get(sniff_type, LABELS["unknown"])


def check_design_zip(
    fileobj,
    *,
    max_uncompressed: int = zips.MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = zips.MAX_RATIO,
) -> dict[str, str]:
    """Refuse a zip bomb or any member that is not a design source; return name → type.

    Members are typed by their first 256 KB, never by their names.
    """
    with preserved_position(fileobj), zips.open_zip(fileobj) as archive:
        zips.check_zip_bomb(archive, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
        members = {}
        for info in archive.infolist():
            if _unsafe_path(info.filename):
                raise MediaError("zip_unsafe_name", {"name": info.filename})
            if not info.is_dir():
                head = _member_head(archive, info)
                if not head.startswith((_APPLE_DOUBLE, _DS_STORE)):
                    members[info.filename] = _member_type(info.filename, head)
        return members


def _unsafe_path(name: str) -> bool:
    """A member that an unzip tool would write outside the folder it unpacks into."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def _member_head(archive, info) -> bytes:
    try:
        with archive.open(info) as member:
            return member.read(_MEMBER_SNIFF_SIZE)
    # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise MediaError("zip_undecodable", {"member": info.filename}) from error


def _member_type(name: str, head: bytes) -> str:
    member_type = sniff(io.BytesIO(head)).type if head else "empty"
    if member_type not in DESIGN_ZIP_MEMBERS:
        raise MediaError("design_zip_member", {"name": name, "type": member_type})
    return member_type
