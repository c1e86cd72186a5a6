"""Temporary files a killed process leaves behind are purged by age (issue 18, item 11).

A gunicorn worker killed in the middle of a multipart upload leaves Django's spooled file in
FILE_UPLOAD_TEMP_DIR (MEDIA_ROOT/tmp); the purge used to look only at resumable uploads'
``tmp/tus/*.part``. Every temporary file the portal writes there is named ``ciep-<kind>-…``, and
the hourly purge removes those not written to for longer than any request or task runs.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from uploads import temporary
from uploads.tasks import purge_stale_uploads

ROOT = Path(__file__).resolve().parent.parent

# A web process receiving a 3 MiB poster through the portal's upload handlers, killed (SIGKILL,
# as gunicorn's arbiter does to a worker past its timeout) once the file is spooled to disk.
KILLED_MID_UPLOAD = """
import io, os, signal, django
django.setup()
from django.core.handlers.wsgi import WSGIRequest
# A boundary as long as browsers make it: "--B" would occur in 3 MiB of random bytes about
# one time in five, and split the file there.
boundary = b"----ciepFormBoundary7MA4YWxkTrZu0gW"
disposition = b'Content-Disposition: form-data; name="main"; filename="poster.jpg"'
head = b'--' + boundary + b'\\r\\n' + disposition + b'\\r\\n'
body = head + b'\\r\\n' + os.urandom(3 * 1024 * 1024) + b'\\r\\n--' + boundary + b'--\\r\\n'
request = WSGIRequest({
    "REQUEST_METHOD": "POST", "PATH_INFO": "/", "wsgi.input": io.BytesIO(body),
    "CONTENT_TYPE": "multipart/form-data; boundary=" + boundary.decode(),
    "CONTENT_LENGTH": str(len(body)),
})
print(request.FILES["main"].temporary_file_path(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def kill_a_web_process_mid_upload(temp_dir: Path) -> Path:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ciep_portal.settings"}
    env["FILE_UPLOAD_TEMP_DIR"] = str(temp_dir)
    result = subprocess.run(
        [sys.executable, "-c", KILLED_MID_UPLOAD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -9, result.stderr
    return Path(result.stdout.strip())


def age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


@pytest.mark.django_db
def test_a_file_left_by_a_worker_killed_mid_upload_is_purged_by_age(settings):
    temp_dir = Path(settings.FILE_UPLOAD_TEMP_DIR)
    left_over = kill_a_web_process_mid_upload(temp_dir)
    assert left_over.parent == temp_dir and left_over.stat().st_size == 3 * 1024 * 1024
    assert left_over.name.startswith("ciep-upload-") and left_over.suffix == ".jpg"

    recent = kill_a_web_process_mid_upload(temp_dir)  # perhaps still being received
    from_before = temp_dir / "tmpa1b2c3d4.upload.mp4"  # Django's own name, before the prefix
    from_before.write_bytes(b"x")
    export = temporary.temporary_file(kind="export", suffix=".zip")  # a worker killed building one
    not_ours = temp_dir / "notes.txt"
    not_ours.write_bytes(b"x")
    for path in (left_over, from_before, Path(export.name), not_ours):
        age(path, hours=7)

    purge_stale_uploads()

    assert not left_over.exists() and not from_before.exists()
    assert not Path(export.name).exists()
    assert recent.exists(), "a file younger than any request may still be in use"
    assert not_ours.exists(), "only the portal's own temporary files are purged"
    with pytest.raises(FileNotFoundError):  # deleted under it, as it is when its worker died
        export.close()
