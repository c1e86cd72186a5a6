"""Upload handlers that read multipart bodies in 1 MiB pieces instead of Django's 64 KiB.

Measured in bench/b3_upload.py: with 64 KiB reads the web worker spends much of a large
upload re-copying its buffers; 1 MiB reads raise throughput without holding more than a
piece in memory. Small files still stay in memory, large ones stream to FILE_UPLOAD_TEMP_DIR.
Nothing is hashed here: a stored material is hashed by the worker's check (B3 measured the
hash at a sixth of a plain upload's time in the web process).
"""

import os

from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)

from ciep_portal.storage import WRITEBACK_STEP, start_writeback
from uploads.temporary import temporary_file

CHUNK = 1024 * 1024


class MemoryChunkedUploadHandler(MemoryFileUploadHandler):
    chunk_size = CHUNK


class NamedTemporaryUploadedFile(TemporaryUploadedFile):
    """Django's temporary upload, named as the portal names its temporary files
    (``uploads.services.temporary_file``): a web process killed in the middle of a request
    leaves it behind, and the purge finds it by that name."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        extension = os.path.splitext(name)[1]
        file = temporary_file(kind="upload", suffix=extension)
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class TemporaryChunkedUploadHandler(TemporaryFileUploadHandler):
    """Also asks the kernel to write each 8 MiB out as it arrives, so that the storage's fsync
    when the file is saved (ciep_portal/storage.py) finds little left to write."""

    chunk_size = CHUNK

    def new_file(self, *args, **kwargs):
        FileUploadHandler.new_file(self, *args, **kwargs)  # what Django's does, but our name:
        self.file = NamedTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )
        self._written_out = 0

    def receive_data_chunk(self, raw_data, start):
        super().receive_data_chunk(raw_data, start)
        end = start + len(raw_data)
        if end - self._written_out >= WRITEBACK_STEP:
            self.file.flush()
            start_writeback(self.file.fileno(), self._written_out, end - self._written_out)
            self._written_out = end
