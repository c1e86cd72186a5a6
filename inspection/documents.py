"""Word documents: refusing macros, XXE and zip bombs, then extracting and counting text."""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from inspection.formats import legacy_doc, zips

from ._io import preserved_position
from .errors import MediaError
from .sniff import sniff
from .text import decode_text

_UNSAFE_XML = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class DocxFacts:
    text: str  # body paragraphs and table cells, in document order, one per line
    char_count: int  # Word's 字数, see count_chars
    paragraph_count: int  # non-empty paragraphs, including those in table cells
    table_count: int  # including nested tables

    def as_dict(self) -> dict:
        """JSON-safe facts; the text itself is left out (it can be long)."""
        return {
            "char_count": self.char_count,
            "paragraph_count": self.paragraph_count,
            "table_count": self.table_count,
        }


def inspect_docx(
    fileobj,
    *,
    max_uncompressed: int = zips.MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = zips.MAX_RATIO,
) -> DocxFacts:
    """Check the package before python-docx parses any of it, then read the body.

    Raises ``MediaError``: document_macro, document_unsafe_xml, zip_bomb, document_undecodable.
    """
    with preserved_position(fileobj):
        _check_package(fileobj, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
        fileobj.seek(0)
        document = _parse(fileobj)
        paragraphs, tables = [], []
        for block in _blocks(document):
            (paragraphs if isinstance(block, Paragraph) else tables).append(block)
    text = "\n".join(paragraph.text for paragraph in paragraphs)
    return DocxFacts(
        text=text,
        char_count=count_chars(text),
        paragraph_count=sum(1 for paragraph in paragraphs if paragraph.text.strip()),
        table_count=len(tables),
    )


def _check_package(fileobj, **limits) -> None:
    found = sniff(fileobj).type
    if found == "docm":
        raise MediaError("document_macro", {"type": found})
    if found != "docx":
        raise MediaError("document_undecodable", {"type": found})
    try:
        archive = zips.open_zip(fileobj)
    except MediaError as error:
        raise MediaError("document_undecodable", error.params) from error
    with archive:
        zips.check_zip_bomb(archive, **limits)
        for info in archive.infolist():
            _check_part(archive, info)


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    if info.filename.lower().endswith("vbaproject.bin"):
        raise MediaError("document_macro", {"part": info.filename})
    with _open_member(archive, info) as member:
        head = member.read(_CHUNK)
        if _looks_like_xml(head) and _has_unsafe_declaration(head, member):
            raise MediaError("document_unsafe_xml", {"part": info.filename})


def _open_member(archive, info):
    try:
        return archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
        raise MediaError("document_undecodable", {"part": info.filename}) from error


def _looks_like_xml(head: bytes) -> bool:
    # By content, whatever the part is called. Embedded SVG pictures are checked too: python-
    # docx never parses them, but telling them apart would need a parse of untrusted XML.
    text = decode_text(head[:4096])
    return bool(text) and text.lstrip().startswith("<")


def _has_unsafe_declaration(head: bytes, member) -> bool:
    """DOCTYPE or ENTITY anywhere in the part, in UTF-8 or UTF-16 (NULs dropped)."""
    window, chunk = b"", head
    while chunk:
        window = window[-16:] + chunk.replace(b"\x00", b"")
        if _UNSAFE_XML.search(window):
            return True
        chunk = member.read(_CHUNK)
    return False


def _parse(fileobj) -> WordDocument:
    try:
        return docx.Document(fileobj)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise MediaError("document_undecodable", {"reason": type(error).__name__}) from error


def _blocks(container) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, descending into each cell once."""
    for block in container.iter_inner_content():
        yield block
        if isinstance(block, Table):
            yield from _table_blocks(block)


def _table_blocks(table: Table) -> Iterator[Paragraph | Table]:
    # A merged cell is repeated in ``row.cells``; its <w:tc> element identifies it.
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield from _blocks(cell)


def count_chars(text: str) -> int:
    """Word's 字数 ("Asian characters and non-Asian words"), as Word's 字数统计 shows it.

    - Each CJK character counts 1: Han (incl. 〇 々), kana, hangul, and each full-width or
      CJK punctuation mark (。，、；：？！“”‘’《》（）【】—…·).
    - Each maximal run of other non-space characters counts 1: "CIEP2023", "U.S.", "4",
      "e-mail" are one word each. An apostrophe between letters stays in its word ("don’t").
    - Whitespace, including the full-width space U+3000, counts 0.

    Examples: "中国" → 2; "CIEP 大会" → 3; "于2023年" → 3; "“一带一路”" → 6; "Hello, world!" → 2.
    """
    count, in_word = 0, False
    for index, char in enumerate(text):
        if char.isspace():
            in_word = False
        elif _is_cjk(char) and not _is_apostrophe(text, index):
            count, in_word = count + 1, False
        elif not in_word:
            count, in_word = count + 1, True
    return count


_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (。、《》【】〇々…)
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3200, 0x4DBF),  # enclosed CJK, CJK compatibility, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical punctuation)
    (0xFF01, 0xFF60),  # full-width ASCII forms: ，！（）：；？ and full-width letters
    (0xFFE0, 0xFFE6),  # full-width signs ￥ ￡
    (0x20000, 0x3FFFF),  # extensions B and later
)
# Punctuation shared with Western text that Chinese typesetting sets full-width.
_SHARED_PUNCTUATION = frozenset("“”‘’—…·")


def _is_cjk(char: str) -> bool:
    if char in _SHARED_PUNCTUATION:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _is_apostrophe(text: str, index: int) -> bool:
    """A right single quote between two letters or digits is an apostrophe, not a quote."""
    if text[index] != "’" or index == 0 or index + 1 >= len(text):
        return False
    return all(_is_western_alnum(text[i]) for i in (index - 1, index + 1))


def _is_western_alnum(char: str) -> bool:
    return char.isalnum() and not _is_cjk(char)


@dataclass(frozen=True)
class WordText:
    text: str
    char_count: int


def read_word(fileobj, sniff_type: str) -> WordText | None:
    """The text and 字数 of a .docx or .doc (None for other types); refusals as MediaError."""
    if sniff_type == "docx":
        facts = inspect_docx(fileobj)
        return WordText(facts.text, facts.char_count)
    if sniff_type == "doc":
        text = legacy_doc.doc_text(fileobj)
        return WordText(text, count_chars(text))
    return None


def check_office_package(
    fileobj,
    *,
    max_uncompressed: int = zips.MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = zips.MAX_RATIO,
) -> None:
    """The zip-bomb, macro and XML-declaration checks of any Office package (an .xlsx too),
    before a parser reads it. Raises ``MediaError``."""
    with preserved_position(fileobj), zips.open_zip(fileobj) as archive:
        zips.check_zip_bomb(archive, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
        for info in archive.infolist():
            _check_part(archive, info)
