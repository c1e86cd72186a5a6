"""Word 97–2003 documents (.doc): the main text, to count its characters as Word does.

``olefile`` (maintained) reads the compound file. The text is put together from the piece
table as [MS-DOC] 2.4.1 "Retrieving Text" describes: the FIB says which table stream holds the
Clx and where; the Clx's PlcPcd maps runs of character positions to byte offsets in the
WordDocument stream, each run either 8-bit (cp1252) or UTF-16. Field codes (the hidden
``HYPERLINK "…"`` between field marks) are left out, as Word's count leaves them out.
"""

import struct

import olefile

from inspection._io import preserved_position
from inspection.errors import MediaError

_FIB_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200  # set: the table stream is "1Table", else "0Table"
_CCP_TEXT_AT = 0x004C  # FibRgLw97.ccpText: characters of the main document
_FC_CLX_AT = 0x01A2  # FibRgFcLcb97.fcClx, followed by lcbClx
_COMPRESSED = 0x40000000
_PCD_SIZE = 8
_MAX_CHARS = 20_000_000

# Field begin, separator and end marks; what lies between begin and separator is the code.
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# Paragraph, cell, line and page ends read as line breaks; anchors and markers as nothing.
_CONTROLS = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x1e": "-",  # non-breaking hyphen
        **{chr(c): None for c in range(0x20) if chr(c) not in "\t\n\r\x07\x0b\x0c\x1e"},
    }
)


def doc_text(fileobj) -> str:
    """The main text of a .doc as Word shows it, paragraphs and table cells one per line.

    Raises ``MediaError("document_undecodable")`` for a damaged or encrypted file.
    """
    with preserved_position(fileobj):
        fileobj.seek(0)
        try:
            return _visible(_read_text(fileobj))
        except (OSError, ValueError, IndexError, struct.error) as error:
            raise MediaError("document_undecodable", {"reason": type(error).__name__}) from error


def _read_text(fileobj) -> str:
    with olefile.OleFileIO(fileobj) as ole:
        word = ole.openstream("WordDocument").read()
        ident, flags = struct.unpack_from("<HxxxxxxxxH", word, 0)
        if ident != _FIB_IDENT:
            raise ValueError("not a Word document")
        if flags & _F_ENCRYPTED:
            raise ValueError("encrypted")
        table = ole.openstream("1Table" if flags & _F_WHICH_TABLE else "0Table").read()
    (ccp_text,) = struct.unpack_from("<I", word, _CCP_TEXT_AT)
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX_AT)
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx])
    return "".join(_piece_text(word, piece, min(ccp_text, _MAX_CHARS)) for piece in pieces)


def _pieces(clx: bytes) -> list[tuple[int, int, int]]:
    """(first character, end character, raw fc) of each piece, from the Clx's PlcPcd."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(size, 0)
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no piece table")
    (length,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + length]
    count = (len(plc) - 4) // (4 + _PCD_SIZE)
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    descriptors = 4 * (count + 1)
    return [
        (
            positions[i],
            positions[i + 1],
            struct.unpack_from("<I", plc, descriptors + i * _PCD_SIZE + 2)[0],
        )
        for i in range(count)
    ]


def _piece_text(word: bytes, piece: tuple[int, int, int], limit: int) -> str:
    start, end, fc = piece
    end = min(end, limit)
    if end <= start:
        return ""
    if fc & _COMPRESSED:
        offset = (fc & ~_COMPRESSED) // 2
        return word[offset : offset + end - start].decode("cp1252", errors="replace")
    return word[fc : fc + 2 * (end - start)].decode("utf-16-le", errors="replace")


def _visible(text: str) -> str:
    """The text as shown: field codes dropped, Word's control marks turned into breaks."""
    shown, fields = [], []  # fields: per open field, True while still in its code
    for char in text:
        if char == _FIELD_BEGIN:
            fields.append(True)
        elif char == _FIELD_SEPARATOR and fields:
            fields[-1] = False
        elif char == _FIELD_END and fields:
            fields.pop()
        elif not any(fields):
            shown.append(char)
    return "".join(shown).translate(_CONTROLS)
