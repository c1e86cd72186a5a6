"""Matroska and WebM (EBML) headers: the DocType, and whether the Segment is all there."""

from inspection._io import file_size, read_at
from inspection.errors import MediaError

SIGNATURE = b"\x1a\x45\xdf\xa3"
_DOC_TYPE_ID = b"\x42\x82"
_SEGMENT_ID = b"\x18\x53\x80\x67"


def doc_type(head: bytes) -> bytes | None:
    """The DocType element (b"matroska", b"webm") among the EBML header's children."""
    header_size, at = vint(head, len(SIGNATURE))
    end = min(at + header_size, len(head))
    while at < end:
        id_length = _id_length(head[at])
        size, body = vint(head, at + id_length)
        if head[at : at + id_length] == _DOC_TYPE_ID:
            return head[body : body + size].rstrip(b"\x00")
        at = body + size
    return None


def check_complete(fileobj) -> None:
    """Refuse a file whose Segment (everything after the header) claims more than is there."""
    head = read_at(fileobj, 0, 64)
    header_size, at = vint(head, len(SIGNATURE))
    segment = read_at(fileobj, at + header_size, 12)
    if not segment.startswith(_SEGMENT_ID):
        raise MediaError("video_undecodable", {"missing": "Segment"})
    size, body = vint(segment, len(_SEGMENT_ID))
    length = _vint_length(segment[len(_SEGMENT_ID)])
    if size == (1 << (7 * length)) - 1:
        return  # "unknown size", as live recorders write: nothing to compare
    end, actual = at + header_size + body + size, file_size(fileobj)
    if end > actual:
        raise MediaError(
            "video_truncated", {"box": "Segment", "declared_end": end, "file_size": actual}
        )


def vint(data: bytes, at: int) -> tuple[int, int]:
    """An EBML variable-length size at ``at``: (value, offset after it)."""
    length = _vint_length(data[at] if at < len(data) else 0)
    value = (data[at] if at < len(data) else 0) & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = value << 8 | byte
    return value, at + length


def _vint_length(first: int) -> int:
    return 9 - first.bit_length() if first else 8


def _id_length(first: int) -> int:
    # Element IDs keep their length marker and are 1 to 4 bytes long.
    return min(_vint_length(first), 4)
