"""Resumable uploads (断点续传): large files arrive in pieces and are handed to a form whole.

A liaison's browser sends a video of up to a few GB in 64 MiB pieces (tus protocol, see
``views_uploads``); the bytes are appended to ``<FILE_UPLOAD_TEMP_DIR>/tus/<id>.part`` on the
media file system. When the form that names the upload is submitted, ``claim_upload`` hands the
file over as an ``UploadedFile`` that Django's FileSystemStorage moves into place by renaming it.
Nothing here knows about HTTP.
"""

import fcntl
import os
import shutil
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from ciep_portal.storage import WRITEBACK_STEP, start_writeback
from inspection.names import clean_filename
from uploads.errors import (
    UploadAlreadyUsed,
    UploadError,
    UploadExpired,
    UploadLocked,
    UploadNoRoom,
    UploadNotFound,
    UploadOffsetConflict,
    UploadOpenBytesExceeded,
    UploadQuotaExceeded,
    UploadTooLarge,
)
from uploads.models import UploadSession
from uploads.temporary import (
    purge_orphan_part_files,
    temp_path,
    temporary_root,
)

READ_SIZE = 1024 * 1024  # the most of a request body held in memory at once


def upload_limit() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", 4 * 1024**3)


def open_uploads_limit() -> int:
    """How many uploads a user may hold unsubmitted (unfinished or finished) at once."""
    return getattr(settings, "UPLOAD_MAX_OPEN_PER_USER", 10)


def open_bytes_limit() -> int:
    """How many bytes the unsubmitted uploads of one user may declare together."""
    return getattr(settings, "UPLOAD_MAX_OPEN_BYTES_PER_USER", 12 * 1024**3)


def disk_reserve() -> int:
    """Free space the temporary directory's disk keeps beyond every upload's declared bytes."""
    return getattr(settings, "UPLOAD_DISK_RESERVE_BYTES", 2 * 1024**3)


def upload_lifetime() -> timedelta:
    """How long an upload may stay unfinished or unclaimed; also the purge task's cut-off."""
    return getattr(settings, "UPLOAD_LIFETIME", timedelta(days=2))


def expires_at(session: UploadSession) -> datetime:
    return session.created_at + upload_lifetime()


def start_upload(*, user, length: int, filename: str, metadata: dict) -> UploadSession:
    """Open an upload of ``length`` bytes for the user's unit; ``metadata`` is kept as sent."""
    if user.unit_id is None:
        raise UploadError("no_unit")
    if length <= 0:
        raise UploadError("empty_file")
    limit = upload_limit()
    if length > limit:
        raise UploadTooLarge(size=filesizeformat(length), limit=filesizeformat(limit))
    display_name = clean_filename(filename)
    if not display_name:
        raise UploadError("filename_invalid")
    _refuse_by_prechecks(user, length, metadata)
    with transaction.atomic():
        # One user's requests queue here, so two creations at once cannot both pass the caps.
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        _refuse_over_quota(user, length)
        _refuse_without_room(length)
        return UploadSession.objects.create(
            user=user, unit=user.unit, length=length, filename=display_name, metadata=metadata
        )


def open_uploads():
    """Uploads not submitted, cancelled or expired: their bytes are, or will be, on disk."""
    return UploadSession.objects.filter(
        consumed_at=None, created_at__gt=timezone.now() - upload_lifetime()
    )


def _refuse_over_quota(user, length: int) -> None:
    held = open_uploads().filter(user=user).aggregate(count=Count("pk"), declared=Sum("length"))
    count, declared = held["count"], held["declared"] or 0
    if count >= (limit := open_uploads_limit()):
        raise UploadQuotaExceeded(count=count, limit=limit)
    if declared + length > (limit := open_bytes_limit()):
        raise UploadOpenBytesExceeded(
            open=filesizeformat(declared),
            size=filesizeformat(length),
            limit=filesizeformat(limit),
        )


def _refuse_without_room(length: int) -> None:
    """Every open upload may still send the rest of what it declared: count that as taken."""
    directory = temporary_root()
    directory.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(directory).free
    owed = open_uploads().filter(completed_at=None).aggregate(rest=Sum(F("length") - F("offset")))
    if free - (owed["rest"] or 0) - length < disk_reserve():
        raise UploadNoRoom(size=filesizeformat(length))


# Checks that apps built on uploads add before an upload opens (the submissions engine adds the
# size rule of the requirement the form's file input names). Each is called with the user, the
# declared length and the metadata, and returns the message to refuse with, or None.
_prechecks: list = []


def register_precheck(check) -> None:
    if check not in _prechecks:
        _prechecks.append(check)


def _refuse_by_prechecks(user, length: int, metadata: dict) -> None:
    for check in _prechecks:
        message = check(user=user, length=length, metadata=metadata)
        if message:
            raise UploadTooLarge("over_requirement_limit", message=message)


def find_upload(*, upload_id, user) -> UploadSession:
    """The user's own unclaimed upload; anyone else's is reported as not found, never forbidden."""
    try:
        upload_id = uuid.UUID(str(upload_id))
    except ValueError:
        raise UploadNotFound() from None
    session = UploadSession.objects.filter(pk=upload_id, user=user, consumed_at=None).first()
    if session is None:
        raise UploadNotFound()
    _ensure_not_expired(session)
    return session


def _ensure_not_expired(session: UploadSession) -> None:
    if expires_at(session) <= timezone.now():
        hours = int(upload_lifetime().total_seconds() // 3600)
        started = timezone.localtime(session.created_at).strftime("%Y-%m-%d %H:%M")
        raise UploadExpired(started=started, hours=hours)


def append_chunk(*, session: UploadSession, offset: int, stream, content_length: int) -> int:
    """Append up to ``content_length`` bytes from ``stream`` at ``offset``; return the new offset.

    The body is copied in ``READ_SIZE`` pieces. If the client goes away mid-chunk, the bytes that
    did arrive are kept and the offset says so: the client asks for it and continues from there.
    """
    path = temp_path(session)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        _lock(fd)
        _check_append(session, offset, content_length, fd)
        received = _copy(stream, fd, content_length)
        os.fsync(fd)  # the offset recorded below must never count bytes that are not on disk
        # Recorded while the file is still locked, so a retry sees the offset and file agree.
        return _record_offset(session, start=offset, end=offset + received)
    finally:
        os.close(fd)  # also releases the lock


def _lock(fd: int) -> None:
    # The database row is not locked for the length of a chunk: that would hold a write
    # transaction (all of SQLite) open for as long as a slow connection takes to send 64 MiB.
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise UploadLocked() from None


def _check_append(session: UploadSession, offset: int, content_length: int, fd: int) -> None:
    try:
        session.refresh_from_db()
    except UploadSession.DoesNotExist:
        temp_path(session).unlink(missing_ok=True)  # terminated: drop the file just created
        raise UploadNotFound() from None
    if session.consumed_at is not None:
        raise UploadNotFound()
    _ensure_not_expired(session)
    if offset != session.offset:
        raise UploadOffsetConflict(expected=session.offset, offset=offset)
    if content_length > session.length - session.offset:
        raise UploadTooLarge(
            "chunk_too_large", length=session.length, offset=session.offset, chunk=content_length
        )
    on_disk = os.fstat(fd).st_size
    if on_disk < session.offset:  # the temporary file was lost: only a new upload can help
        delete_upload(session)
        raise UploadNotFound()
    # Bytes past the recorded offset were written by a request that died before recording them.
    os.ftruncate(fd, session.offset)


def _copy(stream, fd: int, count: int) -> int:
    copied = flushed = 0
    start = os.lseek(fd, 0, os.SEEK_END)
    while copied < count:
        try:
            piece = stream.read(min(READ_SIZE, count - copied))
        except OSError:  # connection dropped (Django raises UnreadablePostError)
            break
        if not piece:
            break
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]
        copied += len(piece)
        if copied - flushed >= WRITEBACK_STEP:
            start_writeback(fd, start + flushed, copied - flushed)
            flushed = copied
    return copied


def _record_offset(session: UploadSession, *, start: int, end: int) -> int:
    """One conditional UPDATE: it only moves an offset that is still ``start`` on an upload
    nobody claimed or terminated meanwhile (no read-lock-write round trip per piece)."""
    completed_at = timezone.now() if end == session.length else None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Not waiting for this commit to reach the disk is safe: a crash that loses it only
            # moves the offset back, the client sends those bytes again, and _check_append cuts
            # whatever lies past the recorded offset. (The bytes themselves were fsynced.)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        moved = UploadSession.objects.filter(pk=session.pk, offset=start, consumed_at=None).update(
            offset=end, completed_at=completed_at
        )
    if not moved:
        current = UploadSession.objects.filter(pk=session.pk).first()
        if current is None:  # terminated while the chunk was arriving
            temp_path(session).unlink(missing_ok=True)
            raise UploadNotFound()
        if current.consumed_at is not None:
            raise UploadNotFound()
        raise UploadOffsetConflict(expected=current.offset, offset=start)
    session.offset, session.completed_at = end, completed_at
    return end


def delete_upload(session: UploadSession) -> None:
    """Forget an upload and its bytes (the user cancelled it, or it can no longer be resumed)."""
    path = temp_path(session)
    UploadSession.objects.filter(pk=session.pk).delete()
    path.unlink(missing_ok=True)


class ClaimedUpload(UploadedFile):
    """A finished upload handed to a form or service, like Django's TemporaryUploadedFile.

    FileSystemStorage sees ``temporary_file_path()`` and renames the file into place instead of
    copying it. ``close()`` deletes the temporary file if nobody moved it, so use ``with``;
    inside a transaction it waits for the commit: if the claim is rolled back (the service
    refused the submission), the upload stays claimable and the form can name it again.
    """

    def __init__(self, *, session: UploadSession, file):
        content_type = str(session.metadata.get("filetype") or "application/octet-stream")
        super().__init__(file, session.filename, content_type, session.length, None)
        self.upload_id = session.pk
        self._path = temp_path(session)

    def temporary_file_path(self) -> str:
        return str(self._path)

    def close(self):
        try:
            self.file.close()
        finally:
            path = self._path
            transaction.on_commit(lambda: path.unlink(missing_ok=True))


def claim_upload(*, upload_id, user) -> ClaimedUpload:
    """Take the user's finished upload for use, once: a second claim finds nothing."""
    try:
        upload_id = uuid.UUID(str(upload_id))
    except ValueError:
        raise UploadNotFound() from None
    with transaction.atomic():
        session = (
            UploadSession.objects.select_for_update()
            .filter(pk=upload_id, user=user, consumed_at=None)
            .exclude(completed_at=None)
            .first()
        )
        if session is None:
            used = UploadSession.objects.filter(pk=upload_id, user=user).exclude(consumed_at=None)
            if (filename := used.values_list("filename", flat=True).first()) is not None:
                raise UploadAlreadyUsed(filename=filename)
            raise UploadNotFound()
        _ensure_not_expired(session)
        try:
            file = open(temp_path(session), "rb")  # noqa: SIM115 (ClaimedUpload closes it)
        except FileNotFoundError:
            raise UploadNotFound() from None
        try:
            if os.fstat(file.fileno()).st_size != session.length:
                raise UploadNotFound()
            session.consumed_at = timezone.now()
            session.save(update_fields=["consumed_at"])
        except BaseException:
            file.close()
            raise
    return ClaimedUpload(session=session, file=file)


def finished_uploads(*, upload_ids, user) -> list[UploadSession]:
    """The user's finished, unclaimed uploads among ``upload_ids`` (a form's kept files), in
    the order given; ids that are not (another user's, expired, malformed) are left out."""
    wanted = []
    for upload_id in upload_ids:
        try:
            wanted.append(uuid.UUID(str(upload_id)))
        except ValueError:
            continue
    found = {
        s.pk: s
        for s in UploadSession.objects.filter(pk__in=wanted, user=user, consumed_at=None).exclude(
            completed_at=None
        )
        if expires_at(s) > timezone.now()
    }
    return [found[pk] for pk in dict.fromkeys(wanted) if pk in found]


class PeekedUpload(UploadedFile):
    """A finished upload read where it lies, to check it before any form claims it; closing
    it leaves the bytes in place."""

    def __init__(self, *, session: UploadSession, file):
        content_type = str(session.metadata.get("filetype") or "application/octet-stream")
        super().__init__(file, session.filename, content_type, session.length, None)
        self.upload_id = session.pk


def peek_upload(session: UploadSession) -> PeekedUpload:
    """Open a finished upload read-only (use ``with``); ``UploadNotFound`` if its bytes are gone."""
    try:
        file = open(temp_path(session), "rb")  # noqa: SIM115 (the caller closes it)
    except FileNotFoundError:
        raise UploadNotFound() from None
    return PeekedUpload(session=session, file=file)


def purge_stale_uploads(*, older_than: timedelta) -> int:
    """Delete uploads started before the cut-off and never claimed; return how many.

    Claimed sessions stay as the record of where a file came from. Temporary files that no
    session names any more (a crash between the two deletions) go too.
    """
    cutoff = timezone.now() - older_than
    stale = UploadSession.objects.filter(consumed_at=None, created_at__lt=cutoff)
    purged = 0
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            # Locked and filtered again: a claim may have taken it since the list was read.
            session = stale.select_for_update().filter(pk=pk).first()
            if session is None:
                continue
            delete_upload(session)
        purged += 1
    purge_orphan_part_files(cutoff)
    return purged


def claim_for_form(*, upload_id, user) -> ClaimedUpload:
    """For forms: the upload, or an ``UploadError`` whose message the form shows.

    Call it inside the transaction that stores the file: if that transaction rolls back (the
    form had another error), the claim is undone and the same id works on the next try. An
    upload the user already saved says so (a double click); anything else is "no longer valid",
    also for another user's id, which is never told apart from one that does not exist.
    """
    try:
        return claim_upload(upload_id=upload_id, user=user)
    except UploadAlreadyUsed:
        raise
    except UploadNotFound:
        raise UploadError("upload_gone") from None
