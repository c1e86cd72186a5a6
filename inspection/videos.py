"""Video facts from container headers (PyAV, FFmpeg inside its wheel) and poster frames.

``probe_video`` never decodes a frame: FFmpeg reads the headers and, to complete the codec
parameters, the first packet or so; the ``moov`` box is found by seeking, wherever it is.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

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

    def as_dict(self) -> dict:
        return asdict(self)


def probe_video(fileobj) -> VideoFacts:
    """Facts from the headers. Rotation is read from the ISO-BMFF track header (0 elsewhere).

    Raises ``MediaError`` video_undecodable, video_no_stream or video_truncated.
    """
    with preserved_position(fileobj):
        sniffed = _checked_sniff(fileobj)
        rotation = isobmff.video_rotation(fileobj) if sniffed.type in ISO_BMFF else 0
        with _container(fileobj, sniffed) as container:
            return _facts(container, _video_stream(container), sniffed, rotation)


def poster_frame(fileobj, *, at_seconds: float = 1.0, max_side: int = 640) -> bytes:
    """A JPEG of the first frame at or after ``at_seconds`` (the first frame of a shorter
    video), turned upright by the display matrix FFmpeg attaches to the decoded frame."""
    with preserved_position(fileobj):
        sniffed = _checked_sniff(fileobj)
        with _container(fileobj, sniffed) as container:
            frame = _frame_at(container, _video_stream(container), at_seconds)
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
        with av.open(fileobj, mode="r", format=DEMUXERS[sniffed.type]) as container:
            yield container
    except av.FFmpegError as error:
        raise MediaError("video_undecodable", {"reason": type(error).__name__}) from error


def _video_stream(container) -> av.VideoStream:
    stream = next(iter(container.streams.video), None)
    if stream is None:
        raise MediaError("video_no_stream")
    if stream.codec_context is None or not (stream.codec_context.width > 0):
        raise MediaError("video_undecodable", {"reason": "no decoder or no picture size"})
    return stream


def _facts(container, stream, sniffed: Sniffed, rotation: int) -> VideoFacts:
    width, height = stream.codec_context.width, stream.codec_context.height
    display = (height, width) if rotation in (90, 270) else (width, height)
    rate = stream.average_rate or stream.guessed_rate
    return VideoFacts(
        container=sniffed.type,
        format_name=container.format.name,
        brand=sniffed.brand,
        codec=stream.codec_context.name,
        width=width,
        height=height,
        rotation=rotation,
        display_width=display[0],
        display_height=display[1],
        short_side=min(width, height),
        duration_seconds=_duration(container, stream),
        frame_rate=round(float(rate), 3) if rate else None,
        has_audio=bool(container.streams.audio),
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
