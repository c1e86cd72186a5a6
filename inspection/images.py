"""Image facts from headers (width as displayed, EXIF orientation, JPEG quality) and previews."""

import io
import re
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from PIL import Image

from inspection.formats.jpegquality import estimate_quality

from ._io import preserved_position
from .errors import MediaError

DEFAULT_MAX_PIXELS = 100_000_000
PREVIEW_SIDE = 800
# Only the decoders for formats the portal accepts are tried: less attack surface.
PILLOW_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF")
_FORMAT_TYPES = {"MPO": "jpeg"}  # multi-picture JPEGs from phone cameras (opened as JPEG)
_ORIENTATION_TAG = 0x0112
_SWAPPING_ORIENTATIONS = frozenset({5, 6, 7, 8})  # the ones that turn the picture by 90°
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")


@dataclass(frozen=True)
class ImageFacts:
    format: str  # sniff-style type: "jpeg", "png", ...
    width: int  # as displayed, after the EXIF orientation
    height: int
    raw_width: int  # as stored
    raw_height: int
    orientation: int  # EXIF 1–8; 1 when absent
    mode: str
    pixels: int
    jpeg_quality: int | None

    def as_dict(self) -> dict:
        return asdict(self)


def probe_image(
    fileobj, *, verify: bool = False, max_pixels: int = DEFAULT_MAX_PIXELS
) -> ImageFacts:
    """Facts from the header; with ``verify`` the whole image is decoded to find truncation."""
    with _opened(fileobj, max_pixels) as image:
        facts = _facts(image)
        if verify:
            _decode(image)
        return facts


def verify_image(
    fileobj,
    *,
    preview: bool = False,
    max_side: int = PREVIEW_SIDE,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> tuple[ImageFacts, bytes | None]:
    """Facts of the whole image, decoded to find truncation and damage, and if asked its
    preview (a JPEG no larger than ``max_side``, upright per EXIF, in RGB) made from the same
    decoded pixels: one decode, not two. The input is not changed."""
    with _opened(fileobj, max_pixels) as image:
        facts = _facts(image)  # from the header, as probe_image: a TIFF loses its tag on load
        _decode(image)
        return facts, _preview(image, max_side) if preview else None


@contextmanager
def _opened(fileobj, max_pixels: int) -> Iterator[Image.Image]:
    """The image opened lazily (headers only), refused before decoding if too large."""
    with preserved_position(fileobj):
        fileobj.seek(0)
        with _open(fileobj, max_pixels) as image:
            pixels = image.width * image.height
            if pixels > max_pixels:
                raise MediaError("image_bomb", {"pixels": pixels, "limit": max_pixels})
            yield image


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence Pillow's warnings for one call, leaving the process's filters alone.

    Pillow warns about damaged metadata (a corrupt EXIF block, an odd ICC profile) and carries
    on; such files are still measured. It also warns above its own MAX_IMAGE_PIXELS (about
    89.5 million), which is not our limit: ``max_pixels`` is compared right after opening.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _open(fileobj, max_pixels: int) -> Image.Image:
    try:
        with _quiet():
            return Image.open(fileobj, formats=PILLOW_FORMATS)
    except Image.DecompressionBombError as error:  # above twice Pillow's limit: a bomb anyway
        raise MediaError("image_bomb", _bomb_params(error, max_pixels)) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # incl. Unidentified…
        raise MediaError("image_undecodable", {"reason": type(error).__name__}) from error


def _bomb_params(error: Image.DecompressionBombError, max_pixels: int) -> dict:
    # The effective limit: ours, unless Pillow's hard one (twice MAX_IMAGE_PIXELS) is lower.
    match = _PIXELS_IN_MESSAGE.search(str(error))
    limit = min(max_pixels, 2 * (Image.MAX_IMAGE_PIXELS or max_pixels))
    return {"pixels": int(match[1]) if match else None, "limit": limit}


def _decode(image: Image.Image) -> None:
    # ImageFile.LOAD_TRUNCATED_IMAGES stays False, so a cut-off file raises here.
    try:
        with _quiet():
            image.load()
    except OSError as error:
        code = "image_truncated" if "truncated" in str(error) else "image_undecodable"
        raise MediaError(code, {"reason": type(error).__name__}) from error
    except (SyntaxError, ValueError, EOFError) as error:
        raise MediaError("image_undecodable", {"reason": type(error).__name__}) from error


def _facts(image: Image.Image) -> ImageFacts:
    """The one measure of a picture's size as displayed (after its EXIF orientation), for the
    request, the worker and check_media alike. Call it before ``load``."""
    orientation = _orientation(image)
    raw_width, raw_height = image.size
    turned = orientation in _SWAPPING_ORIENTATIONS
    if turned and image.format == "TIFF":
        # Pillow gives a TIFF's size already turned (and turns its pixels on load, dropping
        # the tag); every other format's size is as stored.
        raw_width, raw_height = raw_height, raw_width
    width, height = (raw_height, raw_width) if turned else (raw_width, raw_height)
    return ImageFacts(
        format=_FORMAT_TYPES.get(image.format, (image.format or "").lower()),
        width=width,
        height=height,
        raw_width=raw_width,
        raw_height=raw_height,
        orientation=orientation,
        mode=image.mode,
        pixels=raw_width * raw_height,
        jpeg_quality=estimate_quality(getattr(image, "quantization", None) or {}),
    )


def _orientation(image: Image.Image) -> int:
    # PngImageFile.getexif() decodes the whole image to look for a late eXIf chunk; a PNG
    # whose EXIF is not in the header is treated as unrotated instead.
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    try:
        with _quiet():
            value = image.getexif().get(_ORIENTATION_TAG, 1)
    except (OSError, SyntaxError, ValueError, struct.error):  # an EXIF block beyond repair
        return 1
    return value if value in range(1, 9) else 1


# Modes whose pixels shrink as they are (Pillow premultiplies the alpha). The others — palettes,
# 1-bit, 16-bit and 32-bit greys, a colour key ("transparency") — become RGB first.
_SHRUNK_AS_DECODED = frozenset({"RGB", "RGBA", "L", "LA", "CMYK"})
# How ImageOps.exif_transpose turns each EXIF orientation upright.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Shrink by a whole factor first (averaging blocks of pixels), then resample the last 1.5× or
# more: much quicker than resampling all the way from a full-size decode, and the difference
# is far below what the preview's own JPEG compression loses.
_REDUCING_GAP = 1.5


def _preview(image: Image.Image, max_side: int) -> bytes:
    """The decoded ``image`` as a JPEG preview. It is shrunk in place before anything else, so
    its full-size pixels are let go at once; turning and flattening work on the small copy."""
    buffer = io.BytesIO()
    with _quiet():  # damaged metadata, odd palettes: still a preview
        turn = _UPRIGHT.get(image.getexif().get(_ORIENTATION_TAG, 1))  # as exif_transpose
        if image.mode not in _SHRUNK_AS_DECODED or "transparency" in image.info:
            image = _flatten(image)
        image.thumbnail((max_side, max_side), reducing_gap=_REDUCING_GAP)
        if turn is not None:
            image = image.transpose(turn)
        _flatten(image).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (JPEG has no alpha)."""
    if image.mode.startswith("I;16"):
        image = _eight_bit(image)
    if image.mode not in ("RGBA", "LA", "PA", "P") and "transparency" not in image.info:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit grey picture scaled to 8 bits; Pillow's conversions clip it at 255 instead,
    which turned all but the darkest greys of a 16-bit PNG white."""
    grey = image if image.mode == "I;16" else image.convert("I")  # big-endian TIFFs: I;16B
    return grey.point(lambda value: value / 257).convert("L")
