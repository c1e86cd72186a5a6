"""A saved file is on disk before its row commits: the file and its directory are fsynced."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile

from ciep_portal import storage

MiB = 1024 * 1024


@pytest.fixture
def synced(monkeypatch):
    inodes = []
    real_fsync = os.fsync

    def fsync(fd):
        inodes.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", fsync)
    return inodes


def test_the_default_storage_is_the_durable_one():
    assert isinstance(default_storage, storage.DurableFileSystemStorage)


def test_a_written_file_and_its_directory_are_fsynced(synced):
    default_storage.save("materials/7/first.jpg", ContentFile(b"\xff\xd8 picture"))
    synced.clear()
    name = default_storage.save("materials/7/a.jpg", ContentFile(b"\xff\xd8 picture"))
    path = default_storage.path(name)
    assert synced == [os.stat(path).st_ino, os.stat(os.path.dirname(path)).st_ino]


def test_directories_made_for_a_file_are_fsynced_into_their_parents(synced):
    name = default_storage.save("materials/8/b.jpg", ContentFile(b"\xff\xd8 picture"))
    path = default_storage.path(name)
    unit_dir = os.path.dirname(path)
    materials = os.path.dirname(unit_dir)
    root = os.path.dirname(materials)
    inode = lambda p: os.stat(p).st_ino  # noqa: E731
    assert synced[:2] == [inode(path), inode(unit_dir)]
    # materials/8 is new (an entry in materials/); materials/ may be too (in the root).
    assert inode(materials) in synced[2:]
    assert set(synced[2:]) <= {inode(materials), inode(root)}


def test_a_moved_temporary_upload_is_fsynced_too(synced):
    default_storage.save("materials/7/first.jpg", ContentFile(b"\xff\xd8 picture"))
    synced.clear()
    upload = TemporaryUploadedFile("v.mp4", "video/mp4", 5, "utf-8")
    upload.write(b"video")
    upload.flush()
    name = default_storage.save("materials/7/v.mp4", upload)
    upload.close()  # as Django does after the request; the file was moved
    path = default_storage.path(name)
    assert synced == [os.stat(path).st_ino, os.stat(os.path.dirname(path)).st_ino]
    with open(path, "rb") as saved:
        assert saved.read() == b"video"


def test_a_large_upload_is_written_out_while_it_arrives(monkeypatch, rf):
    """The handler asks for writeback of each 8 MiB as it comes, in order, without gaps."""
    from uploads import handlers as uploadhandlers

    ranges = []
    monkeypatch.setattr(
        uploadhandlers,
        "start_writeback",
        lambda fd, offset, length: ranges.append((offset, length)),
    )
    handler = uploadhandlers.TemporaryChunkedUploadHandler(rf.post("/"))
    handler.new_file("main", "v.mp4", "video/mp4", 20 * MiB)
    piece = b"x" * MiB
    for start in range(0, 20 * MiB, MiB):
        handler.receive_data_chunk(piece, start)
    upload = handler.file_complete(20 * MiB)
    assert ranges == [(0, 8 * MiB), (8 * MiB, 8 * MiB)]
    assert upload.size == 20 * MiB
    upload.close()
