"""File names as people see them: the name a file was sent with, made safe to show.

Never used as a path (files are stored under random names) nor as a download name (downloads
are named by the portal), only shown beside the file.
"""

import re
import unicodedata

FILENAME_MAX_LENGTH = 200
# Bidi embeddings, overrides and isolates make "exe.mp4" read as "4pm.exe" on screen.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
INVISIBLE_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def clean_filename(name: str) -> str:
    """The name as shown to people: no path, no invisible or direction-changing characters."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        c
        for c in name
        if c not in BIDI_CONTROLS and unicodedata.category(c) not in INVISIBLE_CATEGORIES
    )
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Windows drops trailing dots and spaces, so "a.exe." and "a.exe" would be the same file.
    name = re.sub(r"[\s.]+$", "", name).lstrip()
    if len(name) > FILENAME_MAX_LENGTH:
        stem, dot, suffix = name.rpartition(".")
        suffix = f".{suffix}" if dot and stem and len(suffix) <= 10 else ""
        name = name[: FILENAME_MAX_LENGTH - len(suffix)].rstrip(". ") + suffix
    return name
