"""Files in storage that no row names: left by a request that failed after writing its file
but before its transaction committed. Removed once they are old enough not to belong to a
request still running."""

import logging
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from submissions.models import MaterialFile

logger = logging.getLogger(__name__)

SWEPT_FOLDERS = ("materials", "previews")


def _stored_names(folder: str):
    try:
        units, _files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for unit in units:
        _dirs, files = default_storage.listdir(f"{folder}/{unit}")
        for name in files:
            yield f"{folder}/{unit}/{name}"


def sweep_orphan_files(*, older_than: timedelta = timedelta(hours=6)) -> list[str]:
    """Delete unreferenced files under materials/ and previews/ older than ``older_than``."""
    referenced = set(MaterialFile.objects.values_list("file", flat=True))
    referenced |= set(MaterialFile.objects.exclude(preview="").values_list("preview", flat=True))
    cutoff = timezone.now() - older_than
    removed = []
    for folder in SWEPT_FOLDERS:
        for name in list(_stored_names(folder)):
            if name in referenced or default_storage.get_modified_time(name) > cutoff:
                continue
            default_storage.delete(name)
            removed.append(name)
    if removed:
        logger.warning("removed %s orphan files", len(removed))
    return removed
