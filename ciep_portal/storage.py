"""Media storage that keeps what it has acknowledged: a saved file is on disk before its row
commits.

Django's FileSystemStorage writes or renames a file and returns; the data may sit in memory for
up to half a minute, and after a power cut the database (which fsyncs its log) could name a
file that is empty or missing. Here each saved file, and the directory entry naming it, are
fsynced before ``save`` returns. Large uploads already sit on disk by then: the upload handler
and the resumable endpoint start writing them out while they arrive (bench/b3_upload.py).
"""

import os

from django.core.files.storage import FileSystemStorage

WRITEBACK_STEP = 8 * 1024 * 1024  # bytes of a large upload written before asking for writeback


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing these bytes to disk now, without waiting for them, so a
    later fsync finds little left to do: the disk writes while the network delivers. On Linux,
    POSIX_FADV_DONTNEED starts writeback of dirty pages (PostgreSQL's pg_flush_data does the
    same where sync_file_range is missing). Only a hint; nothing where it is unknown."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def fsync_path(path: str, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DurableFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        created = self._missing_directories(os.path.dirname(self.path(name)))
        name = super()._save(name, content)
        path = self.path(name)
        fsync_path(path)
        fsync_path(os.path.dirname(path), directory=True)
        # A directory made for this file (a unit's first upload) is an entry in its parent.
        for directory in created:
            fsync_path(os.path.dirname(directory), directory=True)
        return name

    def _missing_directories(self, directory: str) -> list[str]:
        """The directories between the storage's root and ``directory`` that do not exist."""
        root, missing = os.path.abspath(self.location), []
        while directory.startswith(root + os.sep) and not os.path.isdir(directory):
            missing.append(directory)
            directory = os.path.dirname(directory)
        return missing
