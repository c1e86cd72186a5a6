"""Stream names of an OLE2 compound file (legacy .doc, .xls, .ppt), read by seeking.

Only the directory is read, which is all that telling a .doc from an .xls needs; ``olefile``
is the maintained full reader if more is ever needed.
"""

import struct

from inspection._io import read_at

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_DIRECTORY_SECTORS = 64  # 256 entries at 512-byte sectors: far more than Office writes
_ENTRY_SIZE = 128


def stream_names(fileobj) -> set[str]:
    """Names of the storages and streams in the directory; empty if it cannot be read."""
    header = read_at(fileobj, 0, 512)
    if len(header) < 512 or not header.startswith(SIGNATURE):
        return set()
    sector_size = 1 << struct.unpack("<H", header[30:32])[0]
    if sector_size not in (512, 4096):
        return set()
    first_directory = struct.unpack("<I", header[48:52])[0]
    fat_sectors = [s for s in struct.unpack("<109I", header[76:512]) if s < _END_OF_CHAIN]
    names = set()
    for sector in _chain(fileobj, first_directory, fat_sectors, sector_size):
        names |= _entry_names(read_at(fileobj, (sector + 1) * sector_size, sector_size))
    return names


def _chain(fileobj, start: int, fat_sectors: list[int], sector_size: int) -> list[int]:
    # Only the FAT sectors listed in the header are followed (files up to about 7 MB at
    # 512-byte sectors); a directory beyond them stops the chain early.
    per_sector = sector_size // 4
    chain, sector = [], start
    while sector < _END_OF_CHAIN and sector not in chain and len(chain) < _MAX_DIRECTORY_SECTORS:
        chain.append(sector)
        index, slot = divmod(sector, per_sector)
        if index >= len(fat_sectors):
            break
        entry_at = (fat_sectors[index] + 1) * sector_size + slot * 4
        raw = read_at(fileobj, entry_at, 4)
        sector = struct.unpack("<I", raw)[0] if len(raw) == 4 else _END_OF_CHAIN
    return chain


def _entry_names(sector: bytes) -> set[str]:
    names = set()
    for at in range(0, len(sector) - _ENTRY_SIZE + 1, _ENTRY_SIZE):
        entry = sector[at : at + _ENTRY_SIZE]
        name_length = struct.unpack("<H", entry[64:66])[0]
        if entry[66] in (1, 2) and 2 <= name_length <= 64:  # storage or stream
            names.add(entry[: name_length - 2].decode("utf-16-le", errors="replace"))
    return names
