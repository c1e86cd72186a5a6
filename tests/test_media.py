"""The media library at the edges of each rule, on media generated here (tests/media.py)."""

import io
import json

import av
import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from inspection import types
from inspection.documents import count_chars, inspect_docx
from inspection.errors import MediaError
from inspection.images import probe_image, verify_image
from inspection.sniff import KINDS, sniff
from inspection.videos import poster_frame, probe_video
from submissions.models.files import Verdict
from submissions.services.checks import Measured, measure_stream
from tests import media


def sniffed(data: bytes) -> str:
    return sniff(io.BytesIO(data)).type


def refused(function, data_or_file, **kwargs) -> MediaError:
    source = io.BytesIO(data_or_file) if isinstance(data_or_file, bytes) else data_or_file
    with pytest.raises(MediaError) as excinfo:
        function(source, **kwargs)
    return excinfo.value


def is_red(pixel) -> bool:
    red, green, blue = pixel[:3]
    return red > 200 and green < 60 and blue < 60


class CountingReader(io.RawIOBase):
    """Counts the bytes anyone reads through it."""

    def __init__(self, fileobj):
        self.fileobj, self.bytes_read = fileobj, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def readinto(self, buffer):
        data = self.fileobj.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)

    def seek(self, offset, whence=io.SEEK_SET):
        return self.fileobj.seek(offset, whence)

    def tell(self):
        return self.fileobj.tell()


# --- sniffing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: media.jpeg(20, 10), "jpeg"),
        (lambda: media.png(20, 10), "png"),
        (lambda: media.image("GIF"), "gif"),
        (lambda: media.image("WEBP"), "webp"),
        (lambda: media.image("TIFF"), "tiff"),
        (lambda: media.image("BMP"), "bmp"),
        (lambda: media.psd(1), "psd"),
        (lambda: media.psd(2), "psb"),
        (media.pdf, "pdf"),
        (media.ai, "ai"),
        (media.eps, "eps"),
        (lambda: b"\xc5\xd0\xd3\xc6" + bytes(26), "eps"),
        (lambda: b"%!PS-Adobe-3.0\n%%Creator: Adobe Illustrator(R) 8.0\n", "ai"),
        (media.cdr, "cdr"),
        (lambda: media.zip_of({"content/riffData.cdr": media.cdr()}), "cdr"),
        (lambda: media.docx(["正文"]), "docx"),
        (media.docm, "docm"),
        (lambda: media.xlsx([["单位", "人数"], ["深圳", 3]]), "xlsx"),
        (lambda: media.ole2(["WordDocument", "1Table"]), "doc"),
        # Six streams: "Workbook" sits in the second directory sector, reached via the FAT.
        (lambda: media.ole2(["a", "b", "c", "d", "e", "Workbook"]), "xls"),
        (lambda: media.zip_of({"poster.psd": media.psd()}), "zip"),
        (lambda: b"\xff\xfe" + "<html><body>嗨</body></html>".encode("utf-16-le"), "html"),
        (lambda: b"\xef\xbb\xbf \n <script>alert(1)</script>", "html"),
        (lambda: b"Notes\n<iframe src=//evil.example>", "html"),
        (lambda: b"#!/bin/sh\nrm -rf /\n", "script"),
        (lambda: "宣传联络员名单\n".encode("gb18030"), "text"),
        (lambda: b"\x7fELF\x02\x01\x01" + bytes(57), "exe"),
        (lambda: bytes(range(256)), "unknown"),
    ],
)
def test_sniff_tells_types_apart_by_content(make, expected):
    assert sniffed(make()) == expected


def test_sniff_ignores_the_name_and_the_browsers_content_type():
    upload = SimpleUploadedFile("海报.jpg", media.png(20, 10), content_type="image/jpeg")
    assert sniff(upload).type == "png"


def test_sniff_restores_the_file_position():
    upload = io.BytesIO(media.docx(["正文"]))
    upload.seek(7)
    assert sniff(upload).type == "docx"
    assert upload.tell() == 7


def test_zero_bytes_are_an_empty_file():
    assert refused(sniff, b"").code == "empty_file"


def test_html_named_jpg_is_html():
    assert sniffed(media.html_as_jpg()) == "html"


def test_png_with_html_appended_is_still_a_png_and_measurable():
    data = media.png_with_html_appended()
    assert sniffed(data) == "png"
    assert probe_image(io.BytesIO(data), verify=True).width == 40


def test_svg_with_script_is_svg_and_not_an_accepted_image():
    assert sniffed(media.svg_with_script()) == "svg"
    assert "svg" not in types.IMAGE


def test_exe_is_exe():
    assert sniffed(media.exe_bytes()) == "exe"


@pytest.mark.parametrize(
    ("major", "compatible", "expected"),
    [
        (b"qt  ", b"qt  ", "mov"),
        (b"M4V ", b"M4V M4A mp42isom", "m4v"),
        (b"M4VH", b"M4VH", "m4v"),
        (b"isom", b"isomiso2avc1mp41", "mp4"),
        (b"mp42", b"mp42isom", "mp4"),
        (b"dash", b"iso6mp41", "mp4"),
        (b"heic", b"mif1heic", "heic"),
        (b"abcd", b"qt  ", "mov"),  # unknown major brand: the compatible brands decide
    ],
)
def test_iso_bmff_type_comes_from_the_brands(major, compatible, expected):
    ftyp = major + b"\x00\x00\x02\x00" + compatible
    box = (8 + len(ftyp)).to_bytes(4, "big") + b"ftyp" + ftyp
    found = sniff(io.BytesIO(box + bytes(64)))
    assert (found.type, found.brand) == (expected, major.decode().strip())


@pytest.mark.parametrize(
    ("container", "expected", "brand"),
    [("mp4", "mp4", "isom"), ("mov", "mov", "qt"), ("m4v", "m4v", "M4V"), ("mkv", "mkv", None)]
    + [("webm", "webm", None)],
)
def test_generated_videos_sniff_as_their_container(tmp_path, container, expected, brand):
    path = media.video(tmp_path / "v", width=64, height=48, seconds=1, container=container)
    found = sniff(io.BytesIO(path.read_bytes()))
    assert (found.type, found.brand, found.family) == (expected, brand, "video")


def test_every_type_has_a_mime_type_and_a_label():
    assert set(types.LABELS) == set(KINDS)
    allowed = types.IMAGE | types.VIDEO | types.DESIGN_SOURCE | types.WORD | types.EXCEL
    assert allowed | types.SEALED_SCAN <= set(KINDS)
    assert "gif" not in types.IMAGE


# --- design source zips -------------------------------------------------------------------


def test_design_zip_lists_its_members_by_content():
    data = media.zip_of(
        {
            "海报/主视觉.psd": media.psd(),
            "海报/主视觉.ai": media.ai(),
            "海报/标志.eps": media.eps(),
            "__MACOSX/海报/._主视觉.psd": b"\x00\x05\x16\x07" + bytes(40),  # Finder's extra
        }
    )
    members = types.check_design_zip(io.BytesIO(data))
    assert members == {"海报/主视觉.psd": "psd", "海报/主视觉.ai": "ai", "海报/标志.eps": "eps"}


@pytest.mark.parametrize(
    ("member", "found"),
    [
        (media.exe_bytes(), "exe"),
        (media.zip_of({"a.psd": media.psd()}), "zip"),
        (media.html_as_jpg(), "html"),
    ],
)
def test_design_zip_refuses_other_members_whatever_their_name(member, found):
    data = media.zip_of({"海报.psd": media.psd(), "源文件.psd": member})
    error = refused(types.check_design_zip, data)
    assert (error.code, error.params) == (
        "design_zip_member",
        {"name": "源文件.psd", "type": found},
    )


def test_design_zip_refuses_a_zip_bomb_by_ratio():
    error = refused(types.check_design_zip, media.zip_bomb())
    assert error.code == "zip_bomb"
    assert error.params["ratio"] > 100 and error.params["limit"] == 100


def test_design_zip_refuses_too_much_uncompressed_data():
    data = media.zip_of({"a.psd": media.psd() + bytes(5000)})
    error = refused(types.check_design_zip, data, max_uncompressed=5000)
    assert error.params == {"uncompressed_bytes": 5026, "limit": 5000}


def test_design_zip_refuses_a_damaged_zip():
    data = media.truncated(media.zip_of({"a.psd": media.psd()}), 0.5)
    assert refused(types.check_design_zip, data).code == "zip_undecodable"


# --- images -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [999, 1000])
def test_probe_reports_the_width_at_the_1000_pixel_edge(width):
    facts = probe_image(io.BytesIO(media.jpeg(width, 600)))
    assert (facts.format, facts.width, facts.height) == ("jpeg", width, 600)


def test_exif_rotated_photo_is_measured_as_displayed():
    facts = probe_image(io.BytesIO(media.jpeg(1200, 900, orientation=6)))
    assert (facts.width, facts.height) == (900, 1200)
    assert (facts.raw_width, facts.raw_height, facts.orientation) == (1200, 900, 6)
    json.dumps(facts.as_dict())


@pytest.mark.parametrize("quality", [60, 95])
def test_jpeg_quality_is_estimated_from_the_quantization_tables(quality):
    facts = probe_image(io.BytesIO(media.jpeg(320, 240, quality=quality)))
    assert abs(facts.jpeg_quality - quality) <= 5


def test_png_has_no_jpeg_quality():
    assert probe_image(io.BytesIO(media.png(10, 10))).jpeg_quality is None


@pytest.mark.parametrize(
    ("width", "height"),
    [(20_000, 20_000), (12_000, 10_000)],  # above Pillow's own error limit, and below it
)
def test_decompression_bomb_is_refused_before_decoding(width, height):
    error = refused(probe_image, media.png_bomb(width, height))
    assert (error.code, error.params) == (
        "image_bomb",
        {"pixels": width * height, "limit": 100_000_000},
    )


def test_max_pixels_is_the_limit_at_its_edge():
    data = media.png(1000, 1000)
    assert probe_image(io.BytesIO(data), max_pixels=1_000_000).pixels == 1_000_000
    error = refused(probe_image, data, max_pixels=999_999)
    assert error.params == {"pixels": 1_000_000, "limit": 999_999}


def test_truncated_jpeg_passes_the_header_probe_but_not_verification():
    data = media.truncated(media.jpeg(800, 600), 0.5)
    assert probe_image(io.BytesIO(data)).width == 800
    assert refused(probe_image, data, verify=True).code == "image_truncated"


def test_photo_with_a_damaged_exif_block_is_still_measured():
    buffer = io.BytesIO()
    media.picture(1000, 600).save(
        buffer, "JPEG", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\xff\xff"
    )
    facts = probe_image(io.BytesIO(buffer.getvalue()), verify=True)
    assert (facts.width, facts.orientation) == (1000, 1)


@pytest.mark.parametrize("data", [media.html_as_jpg(), b"\xff\xd8\xff" + bytes(100)])
def test_non_images_are_undecodable(data):
    assert refused(probe_image, data).code == "image_undecodable"


def test_preview_is_upright_rgb_and_leaves_the_original_alone():
    original = media.jpeg(1200, 900, orientation=6)
    upload = io.BytesIO(original)
    preview = Image.open(io.BytesIO(verify_image(upload, preview=True)[1]))
    assert (preview.format, preview.mode, preview.size) == ("JPEG", "RGB", (600, 800))
    # Orientation 6 turns the stored picture clockwise: its top-left corner ends top-right.
    assert is_red(preview.getpixel((590, 10))) and not is_red(preview.getpixel((10, 10)))
    assert upload.getvalue() == original and upload.tell() == 0


def test_preview_of_a_transparent_png_is_flattened():
    image = Image.new("RGBA", (50, 20), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    preview = Image.open(io.BytesIO(verify_image(io.BytesIO(buffer.getvalue()), preview=True)[1]))
    assert preview.mode == "RGB" and preview.getpixel((5, 5)) > (240, 240, 240)


# --- the worker's picture check: one decode for verification, facts and preview --------------


def worker_check(data: bytes, handle=None) -> Measured:
    """What the worker measures in a picture, with no rules to judge it by."""
    handle = handle or io.BytesIO(data)
    return measure_stream(handle, rules=[], role="file", size=len(data), previews=True)


@pytest.mark.parametrize("format", ["JPEG", "PNG"])
def test_the_worker_decodes_a_picture_once_reading_every_byte(format, monkeypatch):
    data = media.photo(1600, 1200, format)
    decodes = []
    pillow_load = ImageFile.ImageFile.load

    def counted_load(image):
        if image.tile:  # pixels left to decode (a loaded image has no tiles)
            decodes.append(image.size)
        return pillow_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    reader = CountingReader(io.BytesIO(data))
    measured = worker_check(data, reader)
    assert measured.outcomes == [] and measured.preview
    assert decodes == [(1600, 1200)]  # at full size: the verifying decode, not a draft
    # The decode reads the file to its end, once (plus the headers the sniffer reads).
    assert len(data) <= reader.bytes_read < 1.1 * len(data)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (media.truncated(media.photo(1600, 1200), 0.5), "image_truncated"),
        (media.truncated(media.photo(1600, 1200, "PNG"), 0.9), "image_truncated"),
        (media.png_bomb(12_000, 10_000), "image_bomb"),
        (b"\xff\xd8\xff" + bytes(100), "image_undecodable"),
    ],
)
def test_a_picture_that_fails_verification_fails_the_worker_check_the_same_way(data, code):
    expected = refused(probe_image, data, verify=True)
    measured = worker_check(data)
    assert [(o.code, o.verdict, o.params) for o in measured.outcomes] == [
        (code, Verdict.FAIL, expected.params)
    ]
    assert expected.code == code
    # The header's facts stay when the pixels do not decode (issue 17: the request judges the
    # width from the header, so the worker must too), but there is no preview.
    assert measured.preview is None


@pytest.mark.parametrize(
    ("orientation", "size", "red_corner"),
    [
        (1, (800, 600), (10, 10)),
        (3, (800, 600), (790, 590)),  # turned 180°: the stored top-left is bottom-right
        (6, (600, 800), (590, 10)),  # turned clockwise: top-right
        (8, (600, 800), (10, 790)),  # turned anticlockwise: bottom-left
    ],
)
def test_the_workers_preview_is_upright(orientation, size, red_corner):
    measured = worker_check(media.jpeg(1200, 900, orientation=orientation))
    preview = Image.open(io.BytesIO(measured.preview))
    assert preview.size == size
    assert measured.facts["image"]["orientation"] == orientation
    assert is_red(preview.getpixel(red_corner))
    assert sum(is_red(preview.getpixel(corner)) for corner in corners(preview)) == 1


def corners(image: Image.Image) -> list[tuple[int, int]]:
    right, bottom = image.width - 10, image.height - 10
    return [(10, 10), (right, 10), (10, bottom), (right, bottom)]


@pytest.mark.parametrize(
    ("mode", "format"),
    [
        ("RGB", "JPEG"),
        ("CMYK", "JPEG"),
        ("L", "JPEG"),
        ("RGB", "PNG"),
        ("RGBA", "PNG"),
        ("LA", "PNG"),
        ("P", "PNG"),
        ("1", "PNG"),
        ("I;16", "PNG"),
        ("I;16", "TIFF"),
        ("I;16B", "TIFF"),  # big-endian
        ("RGBA", "WEBP"),
        ("RGB", "TIFF"),
        ("RGB", "BMP"),
    ],
)
def test_the_workers_preview_and_facts_in_every_colour_mode(mode, format):
    data = media.image_in_mode(mode, format)
    measured = worker_check(data)
    assert measured.outcomes == []
    assert measured.facts["image"] == probe_image(io.BytesIO(data), verify=True).as_dict()
    preview = Image.open(io.BytesIO(measured.preview))
    assert (preview.format, preview.mode, preview.size) == ("JPEG", "RGB", (800, 600))
    if mode in ("RGB", "CMYK", "RGBA", "P"):
        assert is_red(preview.getpixel((10, 10)))
    if mode in ("RGBA", "LA", "P"):  # the transparent right half is laid on white
        assert min(preview.getpixel((700, 300))) > 240
    # The vertical gradient shows: dark at the top, light at the bottom.
    assert max(preview.getpixel((780, 5))) < 40 or mode in ("RGBA", "LA", "P")
    assert min(preview.getpixel((200, 595))) > 200


@pytest.mark.parametrize("format", ["GIF", "WEBP"])
def test_the_workers_preview_of_an_animation_is_its_first_frame(format):
    data = media.animation(format)
    measured = worker_check(data)
    assert measured.outcomes == []
    assert measured.facts["image"] == probe_image(io.BytesIO(data), verify=True).as_dict()
    preview = Image.open(io.BytesIO(measured.preview))
    assert preview.size == (400, 300) and is_red(preview.getpixel((10, 10)))


# --- videos -------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(1279, 719), (1280, 720)])
def test_short_side_at_the_720p_edge(tmp_path, width, height):
    path = media.video(tmp_path / "v.mov", width=width, height=height, seconds=2, container="mov")
    facts = probe_video(io.BytesIO(path.read_bytes()))
    assert (facts.width, facts.height, facts.short_side) == (width, height, height)


def test_portrait_coded_video_has_short_side_720(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=720, height=1280, seconds=2)
    facts = probe_video(io.BytesIO(path.read_bytes()))
    assert (facts.display_width, facts.display_height, facts.short_side) == (720, 1280, 720)


def test_phone_video_rotation_is_read_from_the_display_matrix(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=2, rotation=90)
    facts = probe_video(io.BytesIO(path.read_bytes()))
    assert (facts.width, facts.height, facts.rotation) == (1280, 720, 90)
    assert (facts.display_width, facts.display_height, facts.short_side) == (720, 1280, 720)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotation_agrees_with_ffmpegs_own_reading(tmp_path, rotation):
    path = media.video(
        tmp_path / "v.mov", width=64, height=48, seconds=1, container="mov", rotation=rotation
    )
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
    assert (-frame.rotation) % 360 == rotation  # FFmpeg's angle is anticlockwise
    assert probe_video(io.BytesIO(path.read_bytes())).rotation == rotation


@pytest.mark.parametrize(("seconds", "container"), [(480, "mp4"), (481, "mp4"), (481, "m4v")])
def test_duration_at_the_eight_minute_edge(tmp_path, seconds, container):
    path = media.video(tmp_path / "v", width=1280, height=720, seconds=seconds, container=container)
    assert path.stat().st_size < 100_000
    facts = probe_video(io.BytesIO(path.read_bytes()))
    assert (facts.duration_seconds, facts.container) == (float(seconds), container)


@pytest.mark.parametrize(("container", "codec"), [("mkv", "h264"), ("webm", "vp9")])
def test_matroska_and_webm_are_probed_as_themselves(tmp_path, container, codec):
    path = media.video(tmp_path / "v", width=320, height=240, seconds=3, container=container)
    facts = probe_video(io.BytesIO(path.read_bytes()))
    assert (facts.container, facts.codec, facts.duration_seconds) == (container, codec, 3.0)
    assert container not in types.VIDEO


def test_audio_track_is_reported(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=320, height=240, seconds=2, audio=True)
    assert probe_video(io.BytesIO(path.read_bytes())).has_audio is True


def test_audio_only_file_has_no_video_stream(tmp_path):
    data = media.audio_only(tmp_path / "a.mp4").read_bytes()
    assert refused(probe_video, data).code == "video_no_stream"


@pytest.mark.parametrize("faststart", [True, False])
def test_mp4_cut_in_half_is_truncated(tmp_path, faststart):
    path = media.video(tmp_path / "v.mp4", width=320, height=240, seconds=4, faststart=faststart)
    data = media.truncated(path.read_bytes(), 0.5)
    assert refused(probe_video, data).code == "video_truncated"
    assert refused(poster_frame, data).code == "video_truncated"


def test_mp4_without_its_moov_is_truncated(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=320, height=240, seconds=4, faststart=False)
    data = path.read_bytes()
    error = refused(probe_video, data[: data.rindex(b"moov") - 4])
    assert (error.code, error.params["missing"]) == ("video_truncated", "moov")


def test_matroska_cut_short_is_truncated(tmp_path):
    path = media.video(tmp_path / "v.mkv", width=320, height=240, seconds=4, container="mkv")
    data = media.truncated(path.read_bytes(), 0.6)
    assert refused(probe_video, data).code == "video_truncated"


def test_empty_moov_has_no_video_stream():
    data = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08moov"
    assert refused(probe_video, data).code == "video_no_stream"


def test_damaged_sample_description_is_undecodable(tmp_path):
    data = bytearray(media.video(tmp_path / "v.mp4", width=64, height=48, seconds=1).read_bytes())
    at = data.index(b"stsd") + 4
    data[at : at + 12] = b"\xff" * 12
    error = refused(probe_video, bytes(data))
    assert (error.code, error.params) == ("video_undecodable", {"reason": "InvalidDataError"})


def test_a_picture_is_not_a_video():
    error = refused(probe_video, media.jpeg(64, 48))
    assert (error.code, error.params) == ("video_undecodable", {"type": "jpeg"})


@pytest.mark.parametrize("faststart", [True, False])
def test_probe_reads_the_headers_not_the_file(tmp_path, faststart):
    path = media.video(
        tmp_path / "v.mp4",
        width=640,
        height=360,
        seconds=20,
        fps=1,
        noise=True,
        faststart=faststart,
    )
    assert path.stat().st_size > 4_000_000
    with path.open("rb") as file:
        reader = CountingReader(file)
        assert probe_video(reader).duration_seconds == 20.0
    assert reader.bytes_read < 2_000_000


def test_probes_read_files_opened_from_storage(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=2, rotation=90)
    name = default_storage.save("uploads/宣传片.mp4", ContentFile(path.read_bytes()))
    with default_storage.open(name, "rb") as file:
        assert sniff(file).type == "mp4"
        assert probe_video(file).short_side == 720
        assert Image.open(io.BytesIO(poster_frame(file))).size == (360, 640)


def test_poster_frame_is_an_upright_jpeg(tmp_path):
    path = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=3, rotation=90)
    upload = io.BytesIO(path.read_bytes())
    poster = Image.open(io.BytesIO(poster_frame(upload)))
    poster.load()
    assert (poster.format, poster.size) == ("JPEG", (360, 640))
    # Turned clockwise for display: the stored top-left corner is now top-right.
    assert is_red(poster.getpixel((350, 10))) and not is_red(poster.getpixel((10, 10)))
    assert upload.tell() == 0


def test_poster_of_a_video_shorter_than_the_poster_time_is_its_first_frame(tmp_path):
    path = media.video(tmp_path / "v.webm", width=320, height=240, seconds=0.5, container="webm")
    with path.open("rb") as file:
        poster = Image.open(io.BytesIO(poster_frame(file, at_seconds=1.0)))
    assert poster.size == (320, 240) and is_red(poster.getpixel((10, 10)))


# --- Word documents -----------------------------------------------------------------------

OPENING = "第二十一届CIEP大会于2023年4月15日开幕。"


def test_docx_text_includes_table_cells_in_document_order():
    data = media.docx([OPENING, ""], tables=[[["单位", "CIEP"], ["日期", "4月15日"]]])
    facts = inspect_docx(io.BytesIO(data))
    assert facts.text.split("\n") == [OPENING, "", "单位", "CIEP", "日期", "4月15日"]
    # 18 (the opening, see below) + 单位 2 + CIEP 1 + 日期 2 + "4" 1 + 月 1 + "15" 1 + 日 1.
    assert facts.char_count == 27
    assert (facts.paragraph_count, facts.table_count) == (5, 1)


def test_a_merged_cell_is_counted_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    buffer = io.BytesIO()
    document.save(buffer)
    assert inspect_docx(io.BytesIO(buffer.getvalue())).char_count == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (media.docm(), "document_macro"),
        (media.docm(disguised_as_docx=True), "document_macro"),
        (media.docx_with_xxe(), "document_unsafe_xml"),
        (media.zip_bomb(media.docx(["正文"])), "zip_bomb"),
        (media.ole2(["WordDocument"]), "document_undecodable"),
        (media.png(10, 10), "document_undecodable"),
    ],
)
def test_unsafe_or_foreign_documents_are_refused(data, code):
    assert refused(inspect_docx, data).code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 第二十一届 5 + CIEP 1 + 大会于 3 + 2023 1 + 年 1 + 4 1 + 月 1 + 15 1 + 日开幕 3 + 。1
        (OPENING, 18),
        ("", 0),
        (" \u3000\n\t", 0),  # spaces, the full-width space and line breaks count nothing
        ("Hello, world!", 2),  # two words, their punctuation attached
        ("U.S. CIEP2023 e-mail", 3),
        ("“一带一路”倡议", 8),  # “ 1 + 一带一路 4 + ” 1 + 倡议 2
        ("请于3月22日12:00前提交（PDF格式）。", 16),
        # 请于 2 + 3 1 + 月 1 + 22 1 + 日 1 + 12:00 1 + 前提交 3 + （ 1 + PDF 1 + 格式 2 + ）1 + 。1
        ("don’t stop", 2),  # an apostrophe inside a word is part of it
        ("ソウル서울", 5),  # katakana 3 + hangul 2
    ],
)
def test_count_chars_counts_as_word_does(text, expected):
    assert count_chars(text) == expected
