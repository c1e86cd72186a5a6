"""ZIP containers: what an OOXML or CorelDRAW package is, and refusing zip bombs."""

import re
import zipfile

from inspection.errors import MediaError

MAX_UNCOMPRESSED_BYTES = 4 * 1024**3
MAX_RATIO = 100
_CONTENT_TYPES_LIMIT = 1024 * 1024

# Main-part content types of [Content_Types].xml, most specific first.
OOXML_MAIN_TYPES = (
    ("application/vnd.ms-word.document.macroEnabled.main+xml", "docm"),
    ("application/vnd.ms-word.template.macroEnabledTemplate.main+xml", "docm"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "docx"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", "dotx"),
    ("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "xlsm"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xlsx"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "pptx"),
)
# CorelDRAW X4 and later save .cdr as a ZIP around the RIFF data.
CDR_MEMBERS = frozenset({"content/riffdata.cdr", "content/root.dat"})


def open_zip(fileobj) -> zipfile.ZipFile:
    """The archive, reading the central directory only; a damaged one is refused."""
    try:
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise MediaError("zip_undecodable", {"reason": type(error).__name__}) from error


def check_zip_bomb(
    archive: zipfile.ZipFile,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> None:
    """Refuse an archive whose declared contents are too big or compress too well."""
    infos = archive.infolist()
    uncompressed = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if uncompressed > max_uncompressed:
        raise MediaError(
            "zip_bomb", {"uncompressed_bytes": uncompressed, "limit": max_uncompressed}
        )
    ratio = uncompressed / max(compressed, 1)
    if ratio > max_ratio:
        raise MediaError("zip_bomb", {"ratio": round(ratio, 1), "limit": max_ratio})


def zip_type(fileobj) -> str:
    """docx, docm, dotx, xlsx, xlsm, pptx, cdr or plain zip, by the package's contents."""
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return "zip"  # the signature says zip; open_zip refuses it later if it matters
    with archive:
        names = {name.lower(): name for name in archive.namelist()}
        if names.keys() & CDR_MEMBERS:
            return "cdr"
        content_types = names.get("[content_types].xml")
        if content_types is None:
            return "zip"
        return ooxml_type(_read_head(archive, content_types)) or "zip"


def ooxml_type(content_types_xml: bytes) -> str | None:
    # A text search rather than an XML parse: this runs before the package is known to be safe.
    text = content_types_xml.decode("utf-8", errors="replace")
    for content_type, sniff_type in OOXML_MAIN_TYPES:
        if re.search(re.escape(f'"{content_type}"'), text, re.IGNORECASE):
            return sniff_type
    return None


def _read_head(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as member:
            return member.read(_CONTENT_TYPES_LIMIT)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        return b""
