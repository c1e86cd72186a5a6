"""Small helpers for reading seekable binary file objects without disturbing them."""

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def preserved_position(fileobj) -> Iterator[None]:
    """Let the body seek and read freely; put the caller's position back afterwards."""
    position = fileobj.tell()
    try:
        yield
    finally:
        fileobj.seek(position)


def file_size(fileobj) -> int:
    with preserved_position(fileobj):
        return fileobj.seek(0, os.SEEK_END)


def read_at(fileobj, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes from ``offset``; fewer at the end of the file."""
    fileobj.seek(offset)
    return _read_exactly(fileobj, length)


def _read_exactly(fileobj, length: int) -> bytes:
    # Raw streams (and some storage backends) may return short reads before the end.
    chunks, remaining = [], length
    while remaining > 0:
        chunk = fileobj.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
