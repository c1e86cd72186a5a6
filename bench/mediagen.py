"""Large benchmark media, made on the spot with PyAV and Pillow (the wheels the portal uses).

A long video is made by encoding one short segment of random pictures (x264, a fixed bit rate,
a key frame at its start) and copying its packets again and again with shifted timestamps: an
8-minute 1080p file of ~300 MB takes seconds instead of the minutes a real encode would, and
still has what matters to a probe: every frame in the index (12,000 samples at 25 fps, so a
moov of realistic size), an AAC audio track interleaved with the video, and, for .mov, the
moov written after the media data as cameras do (FFmpeg's default without +faststart).
"""

import io
import math
import random
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image

SEGMENT_SECONDS = 10
FPS = 25
AUDIO_RATE = 48_000
_FORMATS = {"mp4": "mp4", "mov": "mov"}


def video(
    path: Path,
    *,
    width: int,
    height: int,
    seconds: int,
    target_bytes: int,
    container: str = "mov",
    faststart: bool = False,
) -> Path:
    """A video of exactly ``seconds`` at 25 fps and about ``target_bytes``."""
    path = Path(path)
    segment_seconds = min(SEGMENT_SECONDS, seconds)
    segment = path.with_suffix(".segment.mov")
    bit_rate = int(target_bytes * 8 / seconds)
    _encode_segment(segment, width, height, segment_seconds, bit_rate)
    options = {"movflags": "+faststart"} if faststart else {}
    with (
        av.open(str(segment)) as source,
        av.open(str(path), "w", format=_FORMATS[container], options=options) as output,
    ):
        streams = {s.index: output.add_stream_from_template(s) for s in source.streams}
        # Without the encoder's priming packets (negative times), each copy starts at its
        # shift and time only goes forward.
        packets = [p for p in source.demux() if p.size and p.pts is not None and p.pts >= 0]
        for repeat in range(math.ceil(seconds / segment_seconds)):
            for packet in packets:
                shift = int(repeat * segment_seconds / packet.time_base)
                if packet.pts + shift >= seconds / packet.time_base:
                    continue
                copy = av.Packet(bytes(packet))
                copy.pts, copy.dts = packet.pts + shift, packet.dts + shift
                copy.time_base, copy.is_keyframe = packet.time_base, packet.is_keyframe
                copy.stream = streams[packet.stream.index]
                output.mux(copy)
    segment.unlink()
    return path


def _encode_segment(path: Path, width: int, height: int, seconds: int, bit_rate: int) -> None:
    generator = random.Random(300)
    frames = seconds * FPS
    with av.open(str(path), "w", format="mov") as output:
        stream = output.add_stream(
            "libx264",
            rate=FPS,
            options={"preset": "ultrafast", "g": str(frames), "keyint_min": str(frames)},
        )
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.bit_rate = bit_rate
        stream.codec_context.options.update({"maxrate": str(bit_rate), "bufsize": str(bit_rate)})
        sound = output.add_stream("aac", rate=AUDIO_RATE)
        sound.layout = "mono"
        # A handful of random pictures, shown in turn: costly to compress, cheap to make.
        pictures = []
        for _ in range(5):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane in frame.planes:
                plane.update(generator.randbytes(plane.buffer_size))
            pictures.append(frame)
        for index in range(frames):
            frame = pictures[index % len(pictures)]
            frame.pts = index
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
        samples, size = seconds * AUDIO_RATE, 1024
        for start in range(0, samples, size):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=size)
            frame.planes[0].update(bytes(frame.planes[0].buffer_size))
            frame.sample_rate, frame.pts = AUDIO_RATE, start
            frame.time_base = Fraction(1, AUDIO_RATE)
            output.mux(sound.encode(frame))
        output.mux(sound.encode(None))


def noisy_picture(width: int, height: int, seed: int = 40) -> Image.Image:
    """Random pixels under a gradient: compresses like a detailed photograph, not like a flat
    test card, so the encoded sizes are those of real camera pictures."""
    generator = random.Random(seed)
    noise = Image.frombytes("L", (width, height), generator.randbytes(width * height))
    gradient = Image.linear_gradient("L").resize((width, height))
    grey = Image.blend(noise, gradient, 0.5)
    return Image.merge("RGB", (grey, gradient, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def jpeg(width: int, height: int, *, quality: int = 92, seed: int = 40) -> bytes:
    buffer = io.BytesIO()
    noisy_picture(width, height, seed).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def png(width: int, height: int, seed: int = 40) -> bytes:
    buffer = io.BytesIO()
    noisy_picture(width, height, seed).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def jpeg_of_size(target_bytes: int, *, seed: int = 5) -> bytes:
    """A JPEG of about ``target_bytes`` (within ~15 %), wider than the 1000 px rule asks."""
    side = 1200
    while True:
        data = jpeg(side * 4 // 3, side, quality=90, seed=seed)
        if len(data) >= target_bytes * 0.9 or side > 8000:
            return data
        side = int(side * math.sqrt(target_bytes / len(data)) * 1.02)
