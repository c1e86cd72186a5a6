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


def fsync_path(path: str, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DurableFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        name = super()._save(name, content)
        path = self.path(name)
        fsync_path(path)
        fsync_path(os.path.dirname(path), directory=True)
        return name
