"""Estimating a JPEG's quality setting from its quantization tables.

Encoders built on libjpeg (Pillow, Photoshop's "Save for Web", most phones and websites) scale
the IJG standard tables by the quality setting; comparing the file's tables with each scaled
table finds the setting. Tables from other encoders get the nearest IJG quality.
"""

# ITU-T T.81 Annex K tables, in natural (row-major) order, as Pillow's ``quantization`` is.
IJG_LUMINANCE = (
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip
IJG_CHROMINANCE = (
    17, 18, 24, 47, 99, 99, 99, 99,
    18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
)  # fmt: skip


def scaled_table(base: tuple[int, ...], quality: int) -> list[int]:
    """libjpeg's ``jpeg_quality_scaling`` and ``jpeg_add_quant_table`` (baseline)."""
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    return [min(max((value * scale + 50) // 100, 1), 255) for value in base]


def estimate_quality(tables: dict[int, list[int]]) -> int | None:
    """The IJG quality 1–100 whose tables are closest to ``tables`` (Pillow's layout)."""
    luminance = tables.get(0)
    if not luminance or len(luminance) != 64:
        return None
    chrominance = tables.get(1) if len(tables.get(1) or ()) == 64 else None
    return min(range(1, 101), key=lambda quality: _distance(quality, luminance, chrominance))


def _distance(quality: int, luminance: list[int], chrominance: list[int] | None) -> int:
    distance = _difference(scaled_table(IJG_LUMINANCE, quality), luminance)
    if chrominance is not None:
        distance += _difference(scaled_table(IJG_CHROMINANCE, quality), chrominance)
    return distance


def _difference(expected: list[int], actual: list[int]) -> int:
    return sum(abs(a - b) for a, b in zip(expected, actual, strict=True))
