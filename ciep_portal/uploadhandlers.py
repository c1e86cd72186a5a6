"""Upload handlers that read multipart bodies in 1 MiB pieces and hash them as they arrive.

Measured in bench/b3_upload.py: with Django's 64 KiB reads the web worker spends much of a
large upload re-copying gunicorn's buffers, and reading the whole file a second time to hash
it after it arrived cost another eighth of the request. Here each piece is hashed on its way
to memory or to FILE_UPLOAD_TEMP_DIR, and the finished file carries its SHA-256 as
``received_sha256`` (read by ``submissions.services.files.sha256_of``). Only one piece is in
memory at a time; small files still stay in memory, large ones stream to disk.
"""

import hashlib

from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler

CHUNK = 1024 * 1024


class _HashWhileReceiving:
    """Mixin: SHA-256 of the bytes this handler keeps, set on the file it returns."""

    def new_file(self, *args, **kwargs):
        self._sha256 = hashlib.sha256()  # before super(): the memory handler may stop the chain
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        passed_on = super().receive_data_chunk(raw_data, start)
        if passed_on is None:  # this handler kept the piece (the memory handler may pass it on)
            self._sha256.update(raw_data)
        return passed_on

    def file_complete(self, file_size):
        file = super().file_complete(file_size)
        if file is not None:
            file.received_sha256 = self._sha256.hexdigest()
        return file


class MemoryChunkedUploadHandler(_HashWhileReceiving, MemoryFileUploadHandler):
    chunk_size = CHUNK


class TemporaryChunkedUploadHandler(_HashWhileReceiving, TemporaryFileUploadHandler):
    chunk_size = CHUNK
