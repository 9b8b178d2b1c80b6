"""Copying the warehouse file for the analysts' snapshot: whole, or only where an older copy differs.

A load changes a small part of the warehouse file. After 1,000 new dumps went into the 100,000-dump benchmark's
warehouse, 31 of its 807 MiB differed from the snapshot published before them, counted a MiB at a time; DuckDB
writes a checkpoint's changed blocks and leaves the others where they were. So a publication can bring an older
snapshot's file up to date by writing those pieces, instead of copying the whole file.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import shutil
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import cast

log = logging.getLogger("newsetl.warehouse")

_PIECE = 4 << 20
"""Bytes a copy hands to the disk at a time: at 100 MB, copy and fsync took 61-82 ms whole and 42-57 ms in 4 MiB
pieces (8 runs, alternated)."""
_COMPARED = 1 << 20
"""Bytes compared, and written where they differ, at a time. DuckDB's blocks are 256 KiB after a 12 KiB header,
so a piece of 1 MiB holds four or five: on the benchmark's increment 32 MB were written at 1 MiB, 27 MB at
256 KiB and 24 MB at 64 KiB, and comparing took 0.31, 0.27 and 0.52 s."""


def clone_file(source: Path, target: Path) -> bool:
    """Make ``target`` a clone of ``source`` that shares its blocks (a reflink), where the filesystem can.

    XFS cloned the 845 MB benchmark warehouse in 0.1-0.2 ms, in no new space (Btrfs clones too); ext4 and most
    others refuse, and then ``target`` is left empty and the answer is ``False``.
    """
    if not sys.platform.startswith("linux"):
        return False
    with source.open("rb") as reader, target.open("wb") as writer:
        try:
            fcntl.ioctl(writer.fileno(), _FICLONE, reader.fileno())
        except OSError as exc:
            log.debug("%s cannot be cloned here (%s)", source, exc)
            return False
    return True


_FICLONE = getattr(fcntl, "FICLONE", 0x40049409)
"""``FICLONE`` (linux/fs.h, ``_IOW(0x94, 9, int)``); the fcntl module names it from Python 3.12."""


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` in the kernel (``copy_file_range``), else as ``shutil.copyfile`` does.

    A filesystem that can share blocks (XFS, Btrfs) makes the copy a reflink; on ext4 it is still a copy, without
    the round trip through user space: 876 MB with its fsync in 1.4-1.55 s against 1.8-2.7 s, alternated
    (docs/benchmarks.md). The copy goes a few MiB at a time, and each piece is handed to the disk as soon as it
    is copied, so that the ``fsync`` after it waits for the last pieces only (PostgreSQL copies its files so).
    """
    try:
        with source.open("rb") as reader, target.open("wb") as writer:
            size = os.fstat(reader.fileno()).st_size
            done = 0
            while done < size:
                copied = os.copy_file_range(reader.fileno(), writer.fileno(), min(_PIECE, size - done))
                if copied == 0:
                    break
                start_writeback(writer.fileno(), done, copied)
                done += copied
        if done == size:
            return
    except (AttributeError, OSError) as exc:  # not Linux, an old kernel, or two filesystems it will not bridge
        log.debug("copy_file_range %s -> %s unavailable (%s); copying through user space", source, target, exc)
    shutil.copyfile(source, target)


def write_changes(source: Path, target: Path) -> int | None:
    """Make ``target`` the same bytes as ``source`` by writing only the pieces where they differ, with its fsync.

    Returns the bytes written, or ``None`` with ``target`` untouched when another process holds it open: a reader
    still on an older snapshot must keep reading the bytes it opened. Whatever ``target`` held before, even a copy
    cut short, it ends as ``source``'s bytes: every piece is compared.
    """
    try:
        target.chmod(0o644)  # an older snapshot is read-only; its owner may write it again
        descriptor = os.open(target, os.O_RDWR)
    except PermissionError as exc:  # made by another user (the scheduler's, an operator's `newsetl publish`)
        log.info("%s cannot be written by this user (%s): the snapshot is copied whole", target, exc)
        return None
    try:
        if _open_elsewhere(descriptor):
            return None
        # DuckDB's own lock, so that a session that opens the file by its name now fails instead of reading it torn.
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with source.open("rb") as reader:
            size = os.fstat(reader.fileno()).st_size
            written = _write_differing(reader.fileno(), descriptor, size)
        os.ftruncate(descriptor, size)  # an older, longer file loses its tail
        os.fsync(descriptor)
        return written
    finally:
        os.close(descriptor)  # and with it the lock


def _write_differing(reader: int, writer: int, size: int) -> int:
    written = offset = 0
    while offset < size:
        wanted = os.pread(reader, min(_COMPARED, size - offset), offset)
        if not wanted:
            break
        if os.pread(writer, len(wanted), offset) != wanted:
            _write_all(writer, wanted, offset)
            start_writeback(writer, offset, len(wanted))
            written += len(wanted)
        offset += len(wanted)
    return written


def _write_all(descriptor: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        done = os.pwrite(descriptor, view, offset)
        view, offset = view[done:], offset + done


def _open_elsewhere(descriptor: int) -> bool:
    """Whether any other open file holds the file of ``descriptor`` (which must be the only one this process has).

    Linux grants a write lease only on a file nobody else has open: a DuckDB session, but also a ``cp`` or a backup
    that takes no lock. The lease is given back at once; it is only asked for the answer. Where leases are not
    available (another kernel, a network filesystem, leases turned off), the answer is yes: copy the whole file.
    """
    lease = getattr(fcntl, "F_SETLEASE", None)
    if lease is None:
        log.info("no write leases on this system: the snapshot is copied whole")
        return True
    try:
        fcntl.fcntl(descriptor, lease, fcntl.F_WRLCK)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EBUSY):
            log.info("the snapshot before the last is still open (a session, a copy): this one is copied whole")
        else:
            log.info("no write lease here (%s): the snapshot is copied whole", exc)
        return True
    fcntl.fcntl(descriptor, lease, fcntl.F_UNLCK)
    return False


def start_writeback(descriptor: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a file's range to disk now, without waiting (Linux ``sync_file_range``).

    Only a hint: durability still comes from ``fsync``. Where the call does not exist, nothing is done.
    """
    call = _sync_file_range()
    if call is not None:
        call(descriptor, offset, length, _SYNC_FILE_RANGE_WRITE)


_SYNC_FILE_RANGE_WRITE = 2
"""``SYNC_FILE_RANGE_WRITE`` (linux/fs.h): start writing dirty pages of the range, do not wait."""


@cache
def _sync_file_range() -> Callable[[int, int, int, int], int] | None:
    # Not in the os module; glibc and musl export it on Linux.
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (AttributeError, OSError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    call.restype = ctypes.c_int
    return cast(Callable[[int, int, int, int], int], call)
