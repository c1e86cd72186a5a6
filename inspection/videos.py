"""Video facts from container headers (PyAV, FFmpeg inside its wheel) and poster frames.

``probe_video`` never decodes a frame: FFmpeg reads the headers and, to complete the codec
parameters, the first packet or so; the ``moov`` box is found by seeking, wherever it is.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace

import av
from PIL import Image

from inspection.formats import ebml, isobmff

from ._io import preserved_position
from .errors import MediaError
from .sniff import Sniffed, sniff

ISO_BMFF = frozenset({"mp4", "m4v", "mov", "3gp"})
# Naming the demuxer keeps FFmpeg from guessing (and from trying exotic formats).
DEMUXERS = {
    "mp4": "mp4",
    "m4v": "mp4",
    "mov": "mov",
    "3gp": "3gp",
    "mkv": "matroska",
    "webm": "webm",
    "avi": "avi",
}
# Clockwise display rotation → the PIL transpose that shows it (PIL's angles are anticlockwise).
_UPRIGHT = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class VideoFacts:
    container: str  # sniff type: "mp4", "m4v", "mov", "mkv", "webm", "avi"
    format_name: str  # FFmpeg's demuxer, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    brand: str | None  # ISO-BMFF major brand, e.g. "isom", "qt", "M4V"
    codec: str | None
    width: int  # as coded
    height: int
    rotation: int  # clockwise degrees a player turns the picture: 0, 90, 180, 270
    display_width: int
    display_height: int
    short_side: int  # 720 for "720p", whichever way the video is held
    duration_seconds: float | None
    frame_rate: float | None
    has_audio: bool
    # False when this FFmpeg cannot decode the codec (a new AV1 or Dolby Vision profile): the
    # size and duration then come from the container and no poster frame can be made.
    previewable: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def probe_video(fileobj) -> VideoFacts:
    """Facts from the headers, and whether the first frame decodes. Rotation is read from the
    ISO-BMFF track header (0 elsewhere).

    Raises ``MediaError`` video_undecodable, video_no_stream, video_no_media or
    video_truncated.
    """
    with preserved_position(fileobj):
        sniffed = _checked_sniff(fileobj)
        iso = sniffed.type in ISO_BMFF
        rotation = isobmff.video_rotation(fileobj) if iso else 0
        track_size = isobmff.track_size(fileobj) if iso else None
        with _container(fileobj, sniffed) as container:
            stream = _video_stream(container, track_size)
            facts = _facts(container, stream, sniffed, rotation, track_size)
            return replace(facts, previewable=facts.previewable and _decodes(container, stream))


def poster_frame(fileobj, *, at_seconds: float = 1.0, max_side: int = 640) -> bytes:
    """A JPEG of the first frame at or after ``at_seconds`` (the first frame of a shorter
    video), turned upright by the display matrix FFmpeg attaches to the decoded frame."""
    with preserved_position(fileobj):
        sniffed = _checked_sniff(fileobj)
        with _container(fileobj, sniffed) as container:
            stream = _video_stream(container, None)
            if stream.codec_context is None:
                raise MediaError("video_undecodable", {"reason": "no decoder"})
            frame = _frame_at(container, stream, at_seconds)
            image = frame.to_image()
            rotation = round(-frame.rotation / 90) * 90 % 360  # PyAV's angle is anticlockwise
    if rotation in _UPRIGHT:
        image = image.transpose(_UPRIGHT[rotation])
    image.thumbnail((max_side, max_side))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _checked_sniff(fileobj) -> Sniffed:
    sniffed = sniff(fileobj)
    if sniffed.type not in DEMUXERS:
        raise MediaError("video_undecodable", {"type": sniffed.type})
    # FFmpeg opens a file cut off in its media data without complaint.
    if sniffed.type in ISO_BMFF:
        isobmff.check_complete(fileobj)
    elif sniffed.type in ("mkv", "webm"):
        ebml.check_complete(fileobj)
    return sniffed


@contextmanager
def _container(fileobj, sniffed: Sniffed) -> Iterator[av.container.InputContainer]:
    fileobj.seek(0)
    try:
        # Tags FFmpeg cannot decode as UTF-8 (a phone's UTF-16 location) are dropped, not fatal.
        options = {"format": DEMUXERS[sniffed.type], "metadata_errors": "ignore"}
        with av.open(fileobj, mode="r", **options) as container:
            yield container
    except (av.FFmpegError, UnicodeDecodeError) as error:
        raise MediaError("video_undecodable", {"reason": type(error).__name__}) from error


def _video_stream(container, track_size: tuple[int, int] | None) -> av.VideoStream:
    stream = next(iter(container.streams.video), None)
    if stream is None:
        raise MediaError("video_no_stream")
    if _coded_size(stream) is None and not (track_size and all(track_size)):
        raise MediaError("video_undecodable", {"reason": "no decoder or no picture size"})
    return stream


def _coded_size(stream) -> tuple[int, int] | None:
    context = stream.codec_context
    if context is None or not (context.width > 0 and context.height > 0):
        return None
    return context.width, context.height


def _decodes(container, stream) -> bool:
    """Does the first frame decode? A codec this FFmpeg lacks is a fact, not a broken file."""
    try:
        container.seek(0)
        return next(container.decode(stream), None) is not None
    except (av.FFmpegError, ValueError):  # ValueError: side data PyAV does not know yet
        return False


def _facts(container, stream, sniffed: Sniffed, rotation: int, track_size) -> VideoFacts:
    coded = _coded_size(stream)
    width, height = coded or track_size
    display = (height, width) if rotation in (90, 270) else (width, height)
    rate = stream.average_rate or stream.guessed_rate
    return VideoFacts(
        container=sniffed.type,
        format_name=container.format.name,
        brand=sniffed.brand,
        codec=stream.codec_context.name if stream.codec_context else None,
        width=width,
        height=height,
        rotation=rotation,
        display_width=display[0],
        display_height=display[1],
        short_side=min(width, height),
        duration_seconds=_duration(container, stream),
        frame_rate=round(float(rate), 3) if rate else None,
        has_audio=bool(container.streams.audio),
        previewable=coded is not None,
    )


def _duration(container, stream) -> float | None:
    if container.duration is not None:
        return container.duration / av.time_base
    if stream.duration is not None and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _frame_at(container, stream, at_seconds: float) -> av.VideoFrame:
    duration = _duration(container, stream)
    start = float((stream.start_time or 0) * (stream.time_base or 0))
    if duration is None or duration <= at_seconds:
        at_seconds = 0.0  # shorter than the poster time: its first frame
    elif at_seconds > 0:
        target = int((start + at_seconds) / stream.time_base)
        container.seek(target, stream=stream, backward=True, any_frame=False)
    latest = None
    for frame in container.decode(stream):
        if frame.time is None or frame.time >= start + at_seconds:
            return frame
        latest = frame
    if latest is None:
        raise MediaError("video_undecodable", {"reason": "no frame"})
    return latest  # the last frame comes before the poster time
