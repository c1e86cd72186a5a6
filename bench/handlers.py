"""Django's two upload handlers with a chunk size from BENCH_UPLOAD_CHUNK_KB (B3 experiment).

Django reads a multipart body in the handlers' chunk size (64 KiB); under gunicorn each read
re-copies the socket reader's buffer (up to 1 MiB), so a larger chunk means fewer copies.
"""

import os

from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)

CHUNK = int(os.environ.get("BENCH_UPLOAD_CHUNK_KB", "64")) * 1024


class LargeChunkMemoryFileUploadHandler(MemoryFileUploadHandler):
    chunk_size = CHUNK


class LargeChunkTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    chunk_size = CHUNK
