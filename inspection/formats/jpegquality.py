"""Estimating a JPEG's quality setting from its quantization tables.

Encoders built on libjpeg (Pillow, Photoshop's "Save for Web", most phones and websites) scale
the IJG standard tables by the quality setting; comparing the file's tables with each scaled
table finds the setting. Tables from other encoders get the nearest IJG quality.

The 100 scaled pairs of tables are computed once per process: comparing them afresh took
~10 ms of pure Python per JPEG, most of the picture check in the request (bench B2).
"""

import functools

QUALITIES = range(1, 101)

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
    luminance = tuple(luminance)
    chrominance = tuple(tables[1]) if len(tables.get(1) or ()) == 64 else None
    # Files from libjpeg-based encoders carry the scaled tables exactly: one look-up.
    exact = _exact_qualities().get((luminance, chrominance))
    if exact is not None:
        return exact
    return min(QUALITIES, key=lambda quality: _distance(quality, luminance, chrominance))


@functools.cache
def _scaled_tables() -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
    return {
        quality: (
            tuple(scaled_table(IJG_LUMINANCE, quality)),
            tuple(scaled_table(IJG_CHROMINANCE, quality)),
        )
        for quality in QUALITIES
    }


@functools.cache
def _exact_qualities() -> dict[tuple, int]:
    """(luminance, chrominance or None) → the lowest quality giving exactly those tables, as
    the search below would answer (several low or high qualities give the same tables)."""
    qualities: dict[tuple, int] = {}
    for quality, (luminance, chrominance) in _scaled_tables().items():
        qualities.setdefault((luminance, chrominance), quality)
        qualities.setdefault((luminance, None), quality)
    return qualities


def _distance(quality: int, luminance: tuple[int, ...], chrominance: tuple | None) -> int:
    expected_luminance, expected_chrominance = _scaled_tables()[quality]
    distance = _difference(expected_luminance, luminance)
    if chrominance is not None:
        distance += _difference(expected_chrominance, chrominance)
    return distance


def _difference(expected: tuple[int, ...], actual: tuple[int, ...]) -> int:
    return sum(abs(a - b) for a, b in zip(expected, actual, strict=True))
