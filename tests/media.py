"""Test media made on the spot, at the edges the rules care about.

Images and documents come back as bytes; videos are written to a path (PyAV muxes to files).
Long videos are cheap: a frame every ten seconds or so, with a frame rate chosen so that the
container's duration comes out exact.
"""

import functools
import io
import math
import random
import re
import struct
import zipfile
import zlib
from fractions import Fraction
from pathlib import Path

import av
import docx as python_docx
import openpyxl
from PIL import Image, ImageDraw

CORPUS = Path(__file__).resolve().parent / "corpus"  # real files, see corpus/README.md
MARKER = (255, 0, 0)  # painted in the stored top-left corner, to check rotations
_VIDEO_FORMATS = {"mp4": "mp4", "m4v": "mp4", "mov": "mov", "mkv": "matroska", "webm": "webm"}


def picture(width: int, height: int) -> Image.Image:
    """A grey gradient with a red block in the stored top-left corner."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height // 4), fill=MARKER)
    return image


def jpeg(width: int, height: int, *, quality: int = 95, orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    picture(width, height).save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    picture(width, height).save(buffer, "PNG")
    return buffer.getvalue()


@functools.cache
def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A real 1-bit PNG of width × height blank pixels, a few kilobytes on disk."""
    row = b"\x00" * (1 + math.ceil(width / 8))  # filter byte + packed bits
    compressor, chunks = zlib.compressobj(9), []
    for _ in range(height):
        chunks.append(compressor.compress(row))
    chunks.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(chunks))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def video(
    path,
    *,
    width: int,
    height: int,
    seconds: float,
    container: str = "mp4",
    rotation: int | None = None,
    fps: float | None = None,
    faststart: bool = True,
    audio: bool = False,
    noise: bool = False,
) -> Path:
    """Write a video of exactly ``seconds``; ``rotation`` is clockwise, as phones write it.

    ``noise`` fills every frame with random pixels, which makes a file of a few hundred
    kilobytes per frame: for tests that need a big file.
    """
    seconds = Fraction(seconds).limit_denominator(1000)
    rate = Fraction(fps).limit_denominator(1001) if fps else _sparse_rate(seconds)
    iso = container in ("mp4", "m4v", "mov")
    options = {"movflags": "+faststart"} if faststart and iso else {}
    if container == "m4v":
        options["brand"] = "M4V "  # the iTunes major brand FFmpeg writes for .m4v
    with av.open(str(path), "w", format=_VIDEO_FORMATS[container], options=options) as output:
        stream = _video_stream(output, container, width, height, rate)
        if rotation:
            stream.set_display_rotation(-rotation)  # PyAV's degrees are anticlockwise
        sound = _audio_stream(output) if audio else None
        frames = _noise_frames(stream) if noise else _still_frames(stream, picture(width, height))
        _write_frames(output, stream, frames, round(seconds * rate))
        if sound is not None:
            _write_silence(output, sound, seconds)
    return Path(path)


def _sparse_rate(seconds: Fraction) -> Fraction:
    frames = max(2, math.ceil(seconds / 10))
    return Fraction(frames) / seconds


def _video_stream(output, container: str, width: int, height: int, rate: Fraction):
    if container == "webm":
        stream = output.add_stream("libvpx-vp9", rate=rate, options={"deadline": "realtime"})
    else:
        stream = output.add_stream("libx264", rate=rate, options={"preset": "ultrafast"})
    # 4:2:0 needs even sides; an odd edge case such as 1279×719 is stored as 4:4:4.
    even = width % 2 == 0 and height % 2 == 0
    stream.width, stream.height = width, height
    stream.pix_fmt = "yuv420p" if even else "yuv444p"
    return stream


def _write_frames(output, stream, frames, count: int) -> None:
    for index, frame in zip(range(count), frames, strict=False):
        frame.pts = index
        output.mux(stream.encode(frame))
    output.mux(stream.encode(None))


def _still_frames(stream, image: Image.Image):
    frame = av.VideoFrame.from_image(image).reformat(format=stream.pix_fmt)
    while True:
        yield frame


def _noise_frames(stream):
    generator = random.Random(720)
    while True:
        frame = av.VideoFrame(stream.width, stream.height, stream.pix_fmt)
        for plane in frame.planes:
            plane.update(generator.randbytes(plane.buffer_size))
        yield frame


def _audio_stream(output):
    codec = "libopus" if output.format.name == "webm" else "aac"
    stream = output.add_stream(codec, rate=48_000)
    stream.layout = "mono"
    return stream


def _write_silence(output, stream, seconds: Fraction) -> None:
    samples, size = int(seconds * 48_000), 960
    for start in range(0, samples, size):
        frame = av.AudioFrame(format="fltp", layout="mono", samples=size)
        frame.planes[0].update(bytes(frame.planes[0].buffer_size))
        frame.sample_rate, frame.pts = 48_000, start
        output.mux(stream.encode(frame))
    output.mux(stream.encode(None))


def truncated(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def docx(paragraphs, tables=None) -> bytes:
    """A .docx with the paragraphs, then each table (a list of rows of cell texts)."""
    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables or ():
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docm(*, disguised_as_docx: bool = False) -> bytes:
    """A macro-enabled document; disguised, it keeps the .docx content type."""
    main_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro_type = "application/vnd.ms-word.document.macroEnabled.main+xml"

    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml" and not disguised_as_docx:
            return data.replace(main_type.encode(), macro_type.encode())
        return data

    return _rezip(docx(["宏"]), edit, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})


def docx_with_xxe() -> bytes:
    """word/document.xml declares an external entity (XXE) and uses it."""
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

    def edit(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        data = re.sub(rb"(<\?xml[^>]*\?>)", rb"\1" + doctype, data, count=1)
        return data.replace(b"XXE", b"&xxe;")

    return _rezip(docx(["XXE"]), edit)


def _rezip(data: bytes, edit, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, edit(info.filename, source.read(info)), zipfile.ZIP_DEFLATED)
        for name, content in (extra or {}).items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_bomb(into: bytes | None = None, *, megabytes: int = 20) -> bytes:
    """A zip (or the given zip, e.g. a .docx) plus a member of zeros compressing ~1000:1."""
    filler = {"poster.psd": bytes(megabytes * 1024 * 1024)}
    if into is None:
        return zip_of(filler)
    return _rezip(into, lambda name, data: data, extra=filler)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def html_as_jpg() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def png_with_html_appended() -> bytes:
    return png(40, 30) + b"<html><script>alert(document.cookie)</script></html>"


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>\n"
    )


def exe_bytes() -> bytes:
    """A DOS stub pointing at a PE signature and a minimal COFF header."""
    dos = b"MZ" + bytes(58) + struct.pack("<I", 64)
    return dos + b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x14C, 0, 0, 0, 0, 0, 0x102)


def psd(version: int = 1) -> bytes:
    """A Photoshop header: version 1 is PSD, 2 is PSB (large document)."""
    return b"8BPS" + struct.pack(">H", version) + bytes(6) + struct.pack(">HIIHH", 3, 8, 8, 8, 3)


def pdf() -> bytes:
    buffer = io.BytesIO()
    picture(60, 40).save(buffer, "PDF")
    return buffer.getvalue()


def ai() -> bytes:
    """An Illustrator file as saved with PDF compatibility: a PDF with AI private data."""
    first_line, rest = pdf().split(b"\n", 1)
    return first_line + b"\n%/AIMetaData 1 0 R /AIPrivateData1 2 0 R\n" + rest


def eps() -> bytes:
    buffer = io.BytesIO()
    picture(20, 20).save(buffer, "EPS")
    return buffer.getvalue()


def cdr() -> bytes:
    """A CorelDRAW file of the RIFF generation (form type "CDR" + version letter)."""
    body = b"CDRA" + b"vrsn" + struct.pack("<I", 2) + b"\x4c\x04"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def ole2(stream_names: list[str]) -> bytes:
    """A minimal OLE2 compound file whose directory lists empty streams of these names."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 44, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 72, 0)
    header[76:512] = struct.pack("<I", 0) + b"\xff" * 432  # FAT in sector 0, rest free
    entries = [_ole2_entry("Root Entry", 5, child=1)]
    for index, name in enumerate(stream_names, start=1):
        last = index == len(stream_names)
        entries.append(_ole2_entry(name, 2, right=0xFFFFFFFF if last else index + 1))
    sectors = math.ceil(len(entries) / 4)
    # Sector 0 is the FAT itself; the directory runs from sector 1 to ``sectors``.
    chain = [*range(2, sectors + 1), 0xFFFFFFFE]
    fat = struct.pack(f"<{sectors + 1}I", 0xFFFFFFFD, *chain).ljust(512, b"\xff")
    return bytes(header) + fat + b"".join(entries).ljust(512 * sectors, b"\x00")


def _ole2_entry(name: str, kind: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF):
    encoded = (name + "\x00").encode("utf-16-le")
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, child)
    struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)
    return bytes(entry)


def image(format: str, width: int = 40, height: int = 30) -> bytes:
    """The test picture in any format Pillow writes: "GIF", "WEBP", "TIFF", "BMP", ..."""
    buffer = io.BytesIO()
    picture(width, height).save(buffer, format)
    return buffer.getvalue()


def photo(width: int, height: int, format: str = "JPEG") -> bytes:
    """The test picture under noise: compresses like a photograph, not to a few kilobytes."""
    noise = Image.effect_noise((width, height), 60).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(picture(width, height), noise, 0.3).save(buffer, format)
    return buffer.getvalue()


def image_in_mode(mode: str, format: str = "PNG", width: int = 1200, height: int = 900) -> bytes:
    """The test picture stored in another colour mode: "CMYK" (JPEG), "RGBA" (transparent
    right half), "P" (palette, transparent right half), "LA", "1", "I;16" or "I;16B" (a 16-bit
    grey ramp over the full 0–65535 range), "L" (JPEG or PNG)."""
    image = picture(width, height)
    if mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        image.paste((0, 0, 0, 0), (width // 2, 0, width, height))
    if mode.startswith("I;16"):
        grey = Image.linear_gradient("L").resize((width, height)).convert("I")
        image = grey.point(lambda value: value * 257).convert(mode)
    elif mode == "P":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=255)
        image.info["transparency"] = image.getpixel((width - 1, 0))
    elif mode != "RGB":
        image = image.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format)
    return buffer.getvalue()


def animation(format: str, width: int = 400, height: int = 300) -> bytes:
    """Two frames, "GIF" or "WEBP": the test picture, then solid blue."""
    frames = [picture(width, height), Image.new("RGB", (width, height), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format, save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def audio_only(path) -> Path:
    """An .mp4 holding one second of silence and no picture."""
    with av.open(str(path), "w", format="mp4") as output:
        _write_silence(output, _audio_stream(output), Fraction(1))
    return Path(path)


def word97(pieces: list[tuple[str, bool]]) -> bytes:
    """A Word 97–2003 .doc whose main text is the pieces in order, each stored 8-bit
    (cp1252, ``True``) or UTF-16 (``False``), as Word's piece table keeps text.

    Each stream is padded to 4096 bytes so that it lives in regular sectors.
    """
    text_at, positions, descriptors, body = 0x800, [0], b"", b""
    for text, compressed in pieces:
        data = text.encode("cp1252") if compressed else text.encode("utf-16-le")
        offset = text_at + len(body)
        fc = (offset * 2) | 0x40000000 if compressed else offset
        descriptors += struct.pack("<HIH", 0, fc, 0)
        positions.append(positions[-1] + len(text))
        body += data
    plc = struct.pack(f"<{len(positions)}I", *positions) + descriptors
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    fib = bytearray(text_at)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the table is "1Table"
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<I", fib, 0x4C, positions[-1])  # ccpText
    struct.pack_into("<H", fib, 152, 93)
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    word = (bytes(fib) + body).ljust(4096, b"\x00")
    table = clx.ljust(4096, b"\x00")
    return _ole2_with_streams({"WordDocument": word, "1Table": table})


def _ole2_with_streams(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (512-byte sectors): FAT in sector 0, directory in sector 1, then
    each stream (at least 4096 bytes, so no mini stream) in consecutive sectors."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 44, 1, 1, 0, 4096, end, 0, end)
    header[76:512] = struct.pack("<I", 0) + b"\xff" * 432
    fat, entries, sector = [0xFFFFFFFD, end], [], 2
    names = list(streams)
    for index, name in enumerate(names, start=1):
        data = streams[name]
        count = math.ceil(len(data) / 512)
        fat += [*range(sector + 1, sector + count), end]
        right = index + 1 if index < len(names) else free
        entries.append(_ole2_stream_entry(name, sector, len(data), right))
        sector += count
    root = _ole2_stream_entry("Root Entry", end, 0, free, kind=5, child=1)
    directory = b"".join([root, *entries]).ljust(512, b"\x00")
    payload = b"".join(
        streams[n].ljust(math.ceil(len(streams[n]) / 512) * 512, b"\x00") for n in names
    )
    table = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return bytes(header) + table + directory + payload


def _ole2_stream_entry(name, start, size, right, *, kind=2, child=0xFFFFFFFF) -> bytes:
    entry = bytearray(_ole2_entry(name, kind, child=child, right=right))
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)


def qr_png(text: str, box_size: int = 10) -> bytes:
    """A QR code of ``text`` as a PNG, as a unit's designer would export it."""
    import qrcode

    buffer = io.BytesIO()
    qrcode.make(text, box_size=box_size, border=4).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Files that are not what they seem (issue 17) ----------------------------------------------
def with_bytes_replaced(path, old: bytes, new: bytes, *, after: bytes = b"") -> Path:
    """The file with the first ``old`` (after ``after``) overwritten by ``new``, same length."""
    assert len(old) == len(new)
    data = path.read_bytes()
    at = data.index(old, data.index(after) if after else 0)
    path.write_bytes(data[:at] + new + data[at + len(old) :])
    return path


def video_with_utf16_title(path) -> Path:
    """An MP4 whose title tag holds UTF-16 bytes, as some phones write: FFmpeg passes them on
    and PyAV's default UTF-8 decoding of metadata raises UnicodeDecodeError."""
    with av.open(str(path), "w", format="mp4") as output:
        output.metadata["title"] = "TITLETITLE"
        stream = _video_stream(output, "mp4", 1280, 720, Fraction(2))
        _write_frames(output, stream, _still_frames(stream, picture(1280, 720)), 4)
    return with_bytes_replaced(path, b"TITLETITLE", b"\xff\xfeT\x00I\x00T\x00L\x00")


def video_of_unknown_codec(path) -> Path:
    """A well-formed MP4 whose sample entry names a codec FFmpeg has no decoder for."""
    video(path, width=1280, height=720, seconds=2)
    return with_bytes_replaced(path, b"avc1", b"zzzz", after=b"stsd")


def header_only(path) -> Path:
    """A QuickTime file stripped of its media data: ftyp and moov, then an empty mdat."""
    video(path, width=1280, height=720, seconds=60, container="mov")
    data = path.read_bytes()
    moov = data.index(b"moov") - 4
    moov_end = moov + struct.unpack(">I", data[moov : moov + 4])[0]
    path.write_bytes(data[:moov_end] + b"\x00\x00\x00\x08mdat")
    return path


def bmp_header(width: int, height: int) -> bytes:
    """A 57-byte BMP whose header claims ``width``×``height`` pixels."""
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 57, 0, 0, 54) + dib + bytes(3)


def zip_with_pdf_marker() -> bytes:
    """A ZIP whose first member's name carries ``%PDF-`` into the first KiB, with members a
    design archive must refuse: a path out of the folder and a Windows program."""
    return zip_of({"%PDF-1.4.txt": b"x", "../../evil.psd": psd(), "setup.exe": exe_bytes()})


def html_with_pdf_comment() -> bytes:
    return (
        b"<!DOCTYPE html>\n<!-- %PDF-1.4 -->\n<html><body><script>alert(1)</script></body></html>"
    )


def pdf_that_is_a_zip() -> bytes:
    """A PDF with a ZIP archive appended: a ZIP reader, which starts from the end, opens it."""
    return pdf() + zip_of({"setup.exe": exe_bytes()})
