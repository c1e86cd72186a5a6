"""Temporary files on the media disk: the pieces of resumable uploads (tus/<id>.part), spooled
multipart uploads and export archives (ciep-<kind>-…), and their purge by age."""

import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from uploads.models import UploadSession


def temp_path(session: UploadSession) -> Path:
    return _temp_dir() / f"{session.pk}.part"


def temporary_root() -> Path:
    # Django's own temporary uploads fall back to the system's directory the same way.
    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())


def _temp_dir() -> Path:
    return temporary_root() / "tus"


# Every other temporary file the portal writes to FILE_UPLOAD_TEMP_DIR (multipart uploads
# spooled by the upload handler, archives being built) starts with this, so that the purge can
# tell the ones a killed process left behind from whatever else shares the directory.
TEMPORARY_PREFIX = "ciep-"


# Django's own name for a spooled upload ("tmp", eight random characters, ".upload" and the
# extension), from before the prefix.
DJANGO_TEMPORARY_PATTERN = "tmp*.upload*"


# No request or task runs this long (gunicorn --timeout 300, Celery's hard limit 180 s): an
# older temporary file has no process writing to it any more.
TEMPORARY_FILE_MAX_AGE = timedelta(hours=6)


def temporary_file(*, kind: str, suffix: str = ""):
    """A named temporary file in FILE_UPLOAD_TEMP_DIR, deleted when closed; ``kind`` says
    what it holds (``upload``, ``export``) in its name."""
    return tempfile.NamedTemporaryFile(
        prefix=f"{TEMPORARY_PREFIX}{kind}-", suffix=suffix, dir=temporary_root()
    )


def purge_orphan_part_files(cutoff: datetime) -> None:
    directory = _temp_dir()
    if not directory.is_dir():
        return
    for path in directory.glob("*.part"):
        try:
            upload_id = uuid.UUID(path.stem)
        except ValueError:
            continue  # not ours
        too_old = path.stat().st_mtime < cutoff.timestamp()
        if too_old and not UploadSession.objects.filter(pk=upload_id).exists():
            path.unlink(missing_ok=True)


def purge_abandoned_temporary_files(*, older_than: timedelta) -> list[str]:
    """Delete the portal's temporary files not written to since the cut-off: what a web or
    worker process killed in the middle of a request or task left in FILE_UPLOAD_TEMP_DIR
    (a process that ends normally deletes its own). Returns the names deleted."""
    cutoff = (timezone.now() - older_than).timestamp()
    directory = temporary_root()
    if not directory.is_dir():
        return []
    purged = []
    for pattern in (f"{TEMPORARY_PREFIX}*", DJANGO_TEMPORARY_PATTERN):
        for path in directory.glob(pattern):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    purged.append(path.name)
            except FileNotFoundError:  # its process finished meanwhile
                continue
    return purged
