"""ISO base media files (mp4, m4v, mov): brands and box layout, read by seeking.

FFmpeg is not asked for these because PyAV 18 does not expose a stream's display matrix
without decoding a frame, and because a cut-off ``mdat`` still opens cleanly there.
"""

import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from inspection._io import file_size, read_at
from inspection.errors import MediaError

MOV_BRANDS = frozenset({b"qt  "})
M4V_BRANDS = frozenset({b"M4V ", b"M4VH", b"M4VP"})
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
AVIF_BRANDS = frozenset({b"avif", b"avis"})
M4A_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P "})
GPP_BRANDS = frozenset({b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3ge6", b"3gg6", b"3g2a", b"3g2b"})
MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9"}
    | {b"mp41", b"mp42", b"mp71", b"avc1", b"hvc1", b"dash", b"mmp4", b"MSNV", b"NDAS"}
    | {b"f4v ", b"XAVC", b"FACE", b"CAEP"}
)
# Checked in this order, major brand first, so that an iPhone "qt  " file that also lists
# "isom" is a mov and a HEIC that lists "mif1" stays an image.
BRAND_TYPES = (
    (MOV_BRANDS, "mov"),
    (M4V_BRANDS, "m4v"),
    (HEIF_BRANDS, "heic"),
    (AVIF_BRANDS, "avif"),
    (M4A_BRANDS, "m4a"),
    (GPP_BRANDS, "3gp"),
    (MP4_BRANDS, "mp4"),
)
# QuickTime files older than the ftyp box start straight with one of these.
LEGACY_QT_FIRST_BOXES = frozenset({b"moov", b"mdat", b"wide", b"pnot"})
CONTAINER_BOXES = frozenset({"moov", "trak", "mdia"})
_SAMPLE_TABLE_PATH = ("mdia", "minf", "stbl")


@dataclass(frozen=True)
class Box:
    type: str
    offset: int
    header_size: int
    size: int

    @property
    def end(self) -> int:
        return self.offset + self.size

    @property
    def body(self) -> int:
        return self.offset + self.header_size


def ftyp_brands(head: bytes) -> tuple[bytes, tuple[bytes, ...]] | None:
    """(major, compatible brands) from the start of a file, or None if there is no ftyp."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    size = min(struct.unpack(">I", head[:4])[0], len(head))
    compatible = tuple(head[i : i + 4] for i in range(16, size - 3, 4))
    return head[8:12], compatible


def type_for_brands(major: bytes, compatible: tuple[bytes, ...]) -> str:
    for brands in (major,), compatible:
        for brand_set, sniff_type in BRAND_TYPES:
            if any(brand in brand_set for brand in brands):
                return sniff_type
    return "unknown"


def iter_boxes(fileobj, start: int, end: int) -> Iterator[Box]:
    """The boxes between ``start`` and ``end``; a box may claim to run past ``end``."""
    offset = start
    while offset + 8 <= end:
        box = _read_box_header(fileobj, offset, end)
        yield box
        offset = box.end


def _read_box_header(fileobj, offset: int, end: int) -> Box:
    header = read_at(fileobj, offset, 16)
    size, kind = struct.unpack(">I4s", header[:8])
    header_size = 8
    if size == 1:  # 64-bit size follows the type
        if len(header) < 16:
            raise MediaError("video_truncated", {"box": _name(kind), "offset": offset})
        size, header_size = struct.unpack(">Q", header[8:16])[0], 16
    elif size == 0:  # "extends to the end of the file"
        size = end - offset
    if size < header_size:
        raise MediaError("video_undecodable", {"box": _name(kind), "offset": offset})
    return Box(_name(kind), offset, header_size, size)


def _name(kind: bytes) -> str:
    return kind.decode("latin-1")


def check_complete(fileobj) -> None:
    """Refuse a file cut short, or one with no media data at all.

    The samples the index (``stbl``) points to must be in the file; a last ``mdat`` box that
    declares a few bytes more than the file holds is harmless when every sample is there. A
    fragmented file (``moof`` boxes) keeps its samples outside the index, so there the boxes
    themselves must be whole. Raises ``MediaError`` video_truncated or video_no_media.
    """
    size = file_size(fileobj)
    boxes = list(iter_boxes(fileobj, 0, size))
    kinds = {box.type for box in boxes}
    if "moov" not in kinds:
        raise MediaError("video_truncated", {"missing": "moov", "file_size": size})
    for box in boxes:
        last_mdat = box is boxes[-1] and box.type == "mdat" and "moof" not in kinds
        if box.end > size and not last_mdat:
            params = {"box": box.type, "declared_end": box.end, "file_size": size}
            raise MediaError("video_truncated", params)
    if "moof" in kinds:
        return
    moov = next(b for b in boxes if b.type == "moov")
    if next(_children(fileobj, moov, "trak"), None) is None:
        return  # no track at all: the demuxer reports no video stream
    extents = sample_extents(fileobj, moov)
    present = sum(1 for end in extents if end <= size)
    if present == len(extents) and extents:
        return
    cut_short = boxes[-1].end > size
    if not extents or not (present or cut_short):  # an index, but nothing it points to
        raise MediaError("video_no_media", {"chunks": len(extents), "file_size": size})
    params = {"chunks": len(extents), "present": present, "file_size": size}
    raise MediaError("video_truncated", params)


def sample_extents(fileobj, moov: Box) -> list[int]:
    """Where each chunk of samples of every track ends, from the sample table: chunk offsets
    (``stco``/``co64``), samples per chunk (``stsc``) and sample sizes (``stsz``)."""
    ends = []
    for trak in _children(fileobj, moov, "trak"):
        stbl = _descend(fileobj, trak, _SAMPLE_TABLE_PATH)
        if stbl is not None:
            ends += _chunk_ends(fileobj, stbl)
    return ends


def _descend(fileobj, box: Box | None, path: tuple[str, ...]) -> Box | None:
    for kind in path:
        box = next(_children(fileobj, box, kind), None)
    return box


def _chunk_ends(fileobj, stbl: Box) -> list[int]:
    tables = {box.type: box for box in iter_boxes(fileobj, stbl.body, stbl.end)}
    offsets = _chunk_offsets(fileobj, tables.get("stco"), tables.get("co64"))
    sizes = _sample_sizes(fileobj, tables.get("stsz"))
    runs = _table(fileobj, tables.get("stsc"), ">III")  # first chunk, samples per chunk, desc
    ends, sample, run, per_chunk = [], 0, 0, 0
    for index, offset in enumerate(offsets, start=1):
        while run < len(runs) and runs[run][0] <= index:  # runs are sorted by first chunk
            per_chunk = runs[run][1]
            run += 1
        chunk = sizes[sample : sample + per_chunk]
        sample += per_chunk
        if chunk:
            ends.append(offset + sum(chunk))
    return ends


def _chunk_offsets(fileobj, stco: Box | None, co64: Box | None) -> list[int]:
    if co64 is not None:
        return [row[0] for row in _table(fileobj, co64, ">Q")]
    return [row[0] for row in _table(fileobj, stco, ">I")]


def _sample_sizes(fileobj, stsz: Box | None) -> list[int]:
    if stsz is None:
        return []
    fixed, count = struct.unpack(">II", read_at(fileobj, stsz.body + 4, 8))
    if fixed:
        return [fixed] * count
    data = read_at(fileobj, stsz.body + 12, 4 * count)
    return list(struct.unpack(f">{len(data) // 4}I", data))


def _table(fileobj, box: Box | None, row: str) -> list[tuple]:
    """The rows of a full box holding an entry count then fixed-size entries."""
    if box is None:
        return []
    count = struct.unpack(">I", read_at(fileobj, box.body + 4, 4))[0]
    width = struct.calcsize(row)
    count = min(count, max(0, (box.end - box.body - 8) // width))  # a lying count
    data = read_at(fileobj, box.body + 8, count * width)
    return list(struct.iter_unpack(row, data[: len(data) // width * width]))


def track_size(fileobj) -> tuple[int, int] | None:
    """Width and height of the first video track as its header (``tkhd``) gives them: the
    measure of a video whose codec FFmpeg cannot open."""
    size = file_size(fileobj)
    for trak in _children(fileobj, _top_level(fileobj, "moov", size), "trak"):
        tkhd = next(_children(fileobj, trak, "tkhd"), None)
        if _handler(fileobj, trak) == b"vide" and tkhd is not None:
            matrix_at = _matrix_offset(fileobj, tkhd)
            width, height = struct.unpack(">II", read_at(fileobj, matrix_at + 36, 8))
            return width >> 16, height >> 16  # 16.16 fixed point
    return None


def video_rotation(fileobj) -> int:
    """Clockwise degrees (0, 90, 180, 270) a player turns the first video track to show it.

    This is the classic ``rotate`` tag: a phone held upright writes 90. It comes from the
    track header (``tkhd``) matrix ``[a b u; c d v; x y w]`` as atan2(b, a).
    """
    size = file_size(fileobj)
    for trak in _children(fileobj, _top_level(fileobj, "moov", size), "trak"):
        if _handler(fileobj, trak) == b"vide":
            return _tkhd_rotation(fileobj, trak)
    return 0


def _top_level(fileobj, kind: str, size: int) -> Box | None:
    return next((box for box in iter_boxes(fileobj, 0, size) if box.type == kind), None)


def _children(fileobj, parent: Box | None, kind: str) -> Iterator[Box]:
    if parent is None:
        return
    for box in iter_boxes(fileobj, parent.body, parent.end):
        if box.type == kind:
            yield box


def _handler(fileobj, trak: Box) -> bytes | None:
    for mdia in _children(fileobj, trak, "mdia"):
        for hdlr in _children(fileobj, mdia, "hdlr"):
            # version+flags (4), pre_defined (4), then the handler type.
            return read_at(fileobj, hdlr.body + 8, 4)
    return None


def _tkhd_rotation(fileobj, trak: Box) -> int:
    tkhd = next(_children(fileobj, trak, "tkhd"), None)
    if tkhd is None:
        return 0
    a, b = struct.unpack(">ii", read_at(fileobj, _matrix_offset(fileobj, tkhd), 8))
    degrees = math.degrees(math.atan2(b, a))
    return round(degrees / 90) * 90 % 360


def _matrix_offset(fileobj, tkhd: Box) -> int:
    # version/flags, times, track id, reserved, duration, reserved[2], layer, group,
    # volume, reserved: 40 bytes in version 0, 52 in version 1; then the 3x3 matrix, then
    # width and height.
    version = read_at(fileobj, tkhd.body, 1)
    return tkhd.body + (52 if version == b"\x01" else 40)
