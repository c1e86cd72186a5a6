"""What a file is, decided by its content alone (never its name or the browser's MIME type)."""

import struct
import zipfile
from dataclasses import dataclass

from inspection.formats import ebml, isobmff, ole2, zips

from ._io import file_size, preserved_position, read_at
from .errors import MediaError
from .text import text_type

HEAD_SIZE = 4096
PDF_SCAN_SIZE = 256 * 1024
# Types that are ZIP archives themselves: a central directory at their end is what they are.
ZIP_TAIL_SIZE = 8 * 1024
_END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"
ZIP_BASED = frozenset({"zip", "docx", "docm", "dotx", "xlsx", "xlsm", "pptx", "cdr"})

# type: (MIME type, family). Families are coarse groups for display; the allow-lists in
# ``types`` decide what is accepted. SVG is "other" on purpose: it can carry scripts.
KINDS = {
    "jpeg": ("image/jpeg", "image"),
    "png": ("image/png", "image"),
    "gif": ("image/gif", "image"),
    "webp": ("image/webp", "image"),
    "tiff": ("image/tiff", "image"),
    "bmp": ("image/bmp", "image"),
    "heic": ("image/heic", "image"),
    "avif": ("image/avif", "image"),
    "mp4": ("video/mp4", "video"),
    "m4v": ("video/x-m4v", "video"),
    "mov": ("video/quicktime", "video"),
    "mkv": ("video/x-matroska", "video"),
    "webm": ("video/webm", "video"),
    "avi": ("video/x-msvideo", "video"),
    "3gp": ("video/3gpp", "video"),
    "flv": ("video/x-flv", "video"),
    "asf": ("video/x-ms-asf", "video"),
    "mpegts": ("video/mp2t", "video"),
    "h264": ("video/h264", "video"),
    "hevc": ("video/h265", "video"),
    "pdf": ("application/pdf", "design"),
    "psd": ("image/vnd.adobe.photoshop", "design"),
    "psb": ("image/vnd.adobe.photoshop", "design"),
    "ai": ("application/illustrator", "design"),
    "eps": ("application/postscript", "design"),
    "cdr": ("application/vnd.corel-draw", "design"),
    "ps": ("application/postscript", "other"),
    "zip": ("application/zip", "archive"),
    "rar": ("application/vnd.rar", "archive"),
    "7z": ("application/x-7z-compressed", "archive"),
    "gzip": ("application/gzip", "archive"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word"),
    "docm": ("application/vnd.ms-word.document.macroEnabled.12", "word"),
    "dotx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.template", "word"),
    "doc": ("application/msword", "word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "excel"),
    "xlsm": ("application/vnd.ms-excel.sheet.macroEnabled.12", "excel"),
    "xls": ("application/vnd.ms-excel", "excel"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "other",
    ),
    "ppt": ("application/vnd.ms-powerpoint", "other"),
    "ole": ("application/x-ole-storage", "other"),
    "m4a": ("audio/mp4", "other"),
    "wav": ("audio/wav", "other"),
    "svg": ("image/svg+xml", "other"),
    "html": ("text/html", "other"),
    "xml": ("application/xml", "other"),
    "script": ("text/x-script", "other"),
    "text": ("text/plain", "other"),
    "exe": ("application/x-executable", "other"),
    "unknown": ("application/octet-stream", "other"),
}

# Fixed signatures at offset 0 that settle the type without reading further.
_PREFIXES = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
    (b"\xc5\xd0\xd3\xc6", "eps"),  # DOS binary EPS header
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"FLV\x01", "flv"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "asf"),  # the ASF header object's GUID (WMV, WMA)
    (b"\x7fELF", "exe"),
    (b"\xfe\xed\xfa\xce", "exe"),  # Mach-O, both word sizes and byte orders
    (b"\xfe\xed\xfa\xcf", "exe"),
    (b"\xce\xfa\xed\xfe", "exe"),
    (b"\xcf\xfa\xed\xfe", "exe"),
)
_BMP_HEADER_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})
_AI_MARKERS = (b"/AIPrivateData", b"/AIMetaData", b"ns.adobe.com/illustrator/")


@dataclass(frozen=True)
class Sniffed:
    type: str
    mime: str
    family: str
    brand: str | None = None  # ISO-BMFF major brand, e.g. "isom", "qt", "M4V"
    # A second type the same bytes also are (a PDF that is a ZIP read from its end): such a
    # file is refused whatever its first type, since each reader would see something else.
    also: str | None = None

    @classmethod
    def of(cls, sniff_type: str, brand: str | None = None, also: str | None = None) -> "Sniffed":
        mime, family = KINDS[sniff_type]
        return cls(sniff_type, mime, family, brand, also)


def sniff(fileobj) -> Sniffed:
    """The type of a seekable binary file from its bytes; the file position is restored.

    The signature at offset 0 decides; a file that is also a ZIP archive read from its end
    (a polyglot) says so in ``also``. Raises ``MediaError("empty_file")`` for a file of zero
    bytes.
    """
    with preserved_position(fileobj):
        head = read_at(fileobj, 0, HEAD_SIZE)
        if not head:
            raise MediaError("empty_file")
        brands = isobmff.ftyp_brands(head)
        brand = None
        if brands:
            major, compatible = brands
            brand = major.decode("latin-1").strip()
            sniff_type = isobmff.type_for_brands(major, compatible)
        else:
            sniff_type = _binary_type(head, fileobj) or text_type(head) or "unknown"
        also = "zip" if sniff_type not in ZIP_BASED and _is_zip(fileobj) else None
        return Sniffed.of(sniff_type, brand, also)


def _is_zip(fileobj) -> bool:
    """Does a ZIP reader, which starts from the end of central directory, find an archive?

    Only the last ``ZIP_TAIL_SIZE`` bytes are searched for that record (a zip comment longer
    than that hides it), so that typing a photo does not read 64 KiB more of it.
    """
    size = file_size(fileobj)
    tail = read_at(fileobj, max(0, size - ZIP_TAIL_SIZE), ZIP_TAIL_SIZE)
    if _END_OF_CENTRAL_DIRECTORY not in tail:
        return False
    try:
        return zipfile.is_zipfile(fileobj)
    except (OSError, ValueError):
        return False


def _binary_type(head: bytes, fileobj) -> str | None:
    for prefix, sniff_type in _PREFIXES:
        if head.startswith(prefix):
            return sniff_type
    for check in (_riff, _ebml, _photoshop, _bmp, _pdf, _postscript, _windows_exe, _raw_video):
        if sniff_type := check(head, fileobj):
            return sniff_type
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return zips.zip_type(fileobj)
    if head.startswith(ole2.SIGNATURE):
        return _ole2_type(ole2.stream_names(fileobj))
    if head[4:8] in isobmff.LEGACY_QT_FIRST_BOXES:
        return "mov"
    return _mpeg_ts(head)


_TS_PACKET = 188


def _mpeg_ts(head: bytes) -> str | None:
    """MPEG transport stream: a sync byte every 188 bytes (after any leading junk)."""
    for start in range(_TS_PACKET):
        if all(head[start + n * _TS_PACKET : start + n * _TS_PACKET + 1] == b"G" for n in range(5)):
            return "mpegts"
    return None


def _raw_video(head: bytes, fileobj) -> str | None:
    """An elementary H.264 or HEVC stream (Annex B) starting with its parameter sets."""
    for start_code in (b"\x00\x00\x00\x01", b"\x00\x00\x01"):
        if head.startswith(start_code) and len(head) > len(start_code):
            unit = head[len(start_code)]
            if unit & 0x1F in (7, 9) and not unit & 0x80:  # sequence parameter set, delimiter
                return "h264"
            if (unit >> 1) & 0x3F in (32, 33, 35) and not unit & 0x80:  # VPS, SPS, delimiter
                return "hevc"
    return None


def _riff(head: bytes, fileobj) -> str | None:
    if not head.startswith(b"RIFF"):
        return None
    form = head[8:12]
    if form[:3].lower() == b"cdr":  # "CDR9", "CDRA", ... per CorelDRAW version
        return "cdr"
    return {b"WEBP": "webp", b"AVI ": "avi", b"WAVE": "wav"}.get(form, "unknown")


def _ebml(head: bytes, fileobj) -> str | None:
    if not head.startswith(ebml.SIGNATURE):
        return None
    return {b"webm": "webm", b"matroska": "mkv"}.get(ebml.doc_type(head), "unknown")


def _photoshop(head: bytes, fileobj) -> str | None:
    if not head.startswith(b"8BPS") or len(head) < 6:
        return None
    return {1: "psd", 2: "psb"}.get(struct.unpack(">H", head[4:6])[0], "unknown")


def _bmp(head: bytes, fileobj) -> str | None:
    # "BM" alone is too common in text; the reserved words and DIB header size confirm it.
    if not head.startswith(b"BM") or len(head) < 18:
        return None
    reserved, dib_size = struct.unpack("<I", head[6:10])[0], struct.unpack("<I", head[14:18])[0]
    return "bmp" if reserved == 0 and dib_size in _BMP_HEADER_SIZES else None


def _pdf(head: bytes, fileobj) -> str | None:
    # Readers accept a PDF header anywhere in the first kilobyte, but then a ZIP or an HTML
    # page with "%PDF-" in a comment would pass as a PDF: only the signature at offset 0 counts.
    if not head.startswith(b"%PDF-"):
        return None
    sample = read_at(fileobj, 0, PDF_SCAN_SIZE)
    return "ai" if any(marker in sample for marker in _AI_MARKERS) else "pdf"


def _postscript(head: bytes, fileobj) -> str | None:
    if not head.startswith(b"%!PS"):
        return None
    if b"EPSF" in head.split(b"\n", 1)[0]:
        return "eps"
    return "ai" if b"%%Creator: Adobe Illustrator" in head else "ps"


def _windows_exe(head: bytes, fileobj) -> str | None:
    if not head.startswith(b"MZ") or len(head) < 64:
        return None
    pe_offset = struct.unpack("<I", head[60:64])[0]
    if read_at(fileobj, pe_offset, 4) == b"PE\x00\x00":
        return "exe"
    return None if text_type(head) else "exe"  # a DOS program, unless it is just text


def _ole2_type(names: set[str]) -> str:
    if "WordDocument" in names:
        return "doc"
    if names & {"Workbook", "Book"}:
        return "xls"
    if "PowerPoint Document" in names:
        return "ppt"
    return "ole"
