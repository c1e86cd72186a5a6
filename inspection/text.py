"""Telling text files apart: SVG, HTML, XML, scripts and plain text.

An HTML page renamed to .jpg must come out as HTML, so markup is looked for anywhere in the
first bytes, not only at the start as browsers' own sniffing does.
"""

import codecs
import re

# The WHATWG MIME-sniffing "HTML" patterns, each followed by a space or ">".
_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)"
    r"[\s>]",
    re.IGNORECASE,
)
# Markup that makes a browser run code, wherever it appears in the text.
_ACTIVE_MARKUP = re.compile(r"<(script|html|iframe|object|embed|body|meta)[\s>/]", re.IGNORECASE)
_SVG = re.compile(r"<svg[\s>]", re.IGNORECASE)
# WHATWG "binary data bytes": control characters that never occur in text.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def text_type(head: bytes) -> str | None:
    """svg, html, xml, script or text for a text file's first bytes; None if not text."""
    text = decode_text(head)
    if text is None or _BINARY.search(text):
        return None
    start = text.lstrip()
    if start.startswith("<") and _SVG.search(text):
        return "svg"
    if _HTML_START.match(start) or _ACTIVE_MARKUP.search(text):
        return "html"
    if start.startswith("<?xml"):
        return "xml"
    if start.startswith("#!"):
        return "script"
    return "text"


def decode_text(head: bytes) -> str | None:
    """The bytes as text (by BOM, else UTF-8, else GB18030), or None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return _decode(head[len(bom) :], encoding)
    return _decode(head, "utf-8") or _decode(head, "gb18030")


def _decode(data: bytes, encoding: str) -> str | None:
    # Incremental, so that a character cut at the end of the sample is not an error.
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return None
