"""The portal's settings plus one trivial view (``bench.urls``), the baseline of B4.

Everything else comes from the environment exactly as in production; ``bench/stack.py`` sets
PostgreSQL, Redis, DEBUG=false and a temporary MEDIA_ROOT.

``BENCH_UPLOAD_CHUNK_KB`` (unset by default) is an experiment of B3 only: Django's upload
handlers with a larger chunk than their 64 KiB, to measure the fix bench/RESULTS.md proposes.
"""

import os

from ciep_portal.settings import *  # noqa: F403 (the whole portal configuration, unchanged)

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_UPLOAD_CHUNK_KB"):
    FILE_UPLOAD_HANDLERS = [
        "bench.handlers.LargeChunkMemoryFileUploadHandler",
        "bench.handlers.LargeChunkTemporaryFileUploadHandler",
    ]
