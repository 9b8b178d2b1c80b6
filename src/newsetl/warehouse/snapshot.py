"""Reading while loading: analysts query a read-only snapshot that the writer republishes after each load.

DuckDB lets one process hold a database file for writing, and while it does no other process can open the
file, not even read-only; a reader that holds the file blocks the next writer the same way. So the warehouse
file belongs to the pipeline alone, and analysts (``newsetl sql``, notebooks, BI tools) open
``<warehouse>.snapshot.duckdb`` instead:

1. after a run's checks, the writer, still holding the warehouse, records the publication and checkpoints
   (everything in the main file, nothing left in the write-ahead log);
2. it copies the file to a temporary name beside the snapshot, opens the copy read-only to prove it is a
   whole database, and marks it read-only;
3. ``os.replace`` swaps it in: one atomic rename. A session already open keeps reading the file it opened
   (the old state, whole); the next session opens the new one. No state in between is ever visible, and no
   reader can make the load wait or fail, because the writer never needs a lock on the snapshot.
4. the old file, kept linked under ``.<snapshot>.<pid>.retired`` through the rename, is removed by a thread of
   its own, so freeing its blocks does not hold up the writer (a process that ends early leaves it for the next
   publication to remove).
"""

from __future__ import annotations

import atexit
import ctypes
import glob
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import cast

import duckdb

from newsetl.errors import WarehouseError
from newsetl.warehouse._connect import attach, quoted
from newsetl.warehouse.fts import load_fts

log = logging.getLogger("newsetl.warehouse")

SNAPSHOT_ALIAS = "news"
"""The name the snapshot is attached under in an analyst's session."""
_PROOF = "newsetl_snapshot_proof"
"""The name a new copy is attached under, on the writer's connection, to prove that it opens."""


def publish_snapshot(
    connection: duckdb.DuckDBPyConnection, warehouse: Path, snapshot: Path, *, run_id: str | None = None
) -> Path:
    """Publish the warehouse ``connection`` holds (open on ``warehouse``) as the analysts' ``snapshot``."""
    connection.execute(
        "INSERT INTO publications SELECT ?, ?, (SELECT count(*) FROM articles), ?",
        [datetime.now(UTC), run_id, str(snapshot)],
    )
    connection.execute("CHECKPOINT")
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists() and wal.stat().st_size:
        raise WarehouseError(
            f"{wal} still holds changes after a checkpoint; another transaction is open on {warehouse}"
        )
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    for stale in snapshot.parent.glob(f".{glob.escape(snapshot.name)}.*{RETIRED_SUFFIX}"):
        stale.unlink(missing_ok=True)  # left by a process that ended before it could remove it
    temporary = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.tmp")
    retired = snapshot.with_name(f".{snapshot.name}.{os.getpid()}{RETIRED_SUFFIX}")
    try:
        started = time.perf_counter()
        copy_file(warehouse, temporary)
        _fsync(temporary)
        copied = time.perf_counter() - started
        _prove_whole(connection, temporary)
        temporary.chmod(0o444)  # a session opened read-write by mistake fails at once instead of writing to a copy
        _keep_linked(snapshot, retired)  # the rename then frees nothing; the old file goes after, in the background
        os.replace(temporary, snapshot)
        _fsync(snapshot.parent)
    except BaseException:
        retired.unlink(missing_ok=True)  # a failed publication leaves nothing beside the snapshot
        raise
    finally:
        temporary.unlink(missing_ok=True)
    if retired.exists():
        _remove_in_background(retired)
    # The copy follows the warehouse's size, not the run's: an operator reads here what each publication costs.
    log.info(
        "published %s as %s (run %s): %.1f MB copied in %.2f s",
        warehouse,
        snapshot,
        run_id,
        snapshot.stat().st_size / 1e6,
        copied,
    )
    return snapshot


RETIRED_SUFFIX = ".retired"
"""The previous snapshot's file, under ``.<snapshot>.<pid>.retired`` while it is being removed."""


def _keep_linked(snapshot: Path, retired: Path) -> None:
    """Link the current snapshot's file as ``retired`` too, where the filesystem has hard links."""
    if not snapshot.exists():
        return
    try:
        os.link(snapshot, retired)
    except OSError as exc:  # no hard links here (some network and FAT filesystems): the rename frees it in line
        log.debug("cannot link %s as %s (%s); the rename will free it", snapshot, retired, exc)


def _remove_in_background(path: Path) -> None:
    """Remove ``path`` in a thread of its own: freeing a snapshot's blocks took 17-18 ms at 10,000 articles and
    0.13 s at 100,000, on the writer's path. The process waits for the thread before it exits: Python waits for it,
    and an Airflow task process, which ends with ``os._exit``, runs the exit handlers registered since it began."""
    remover = threading.Thread(target=path.unlink, kwargs={"missing_ok": True}, name="newsetl-snapshot-retire")
    remover.start()
    atexit.register(remover.join)


def open_snapshot(snapshot: Path) -> duckdb.DuckDBPyConnection:
    """A read-only session on the analysts' snapshot, with what the views and search macros need loaded.

    The file is attached to a fresh in-memory database rather than opened with ``duckdb.connect(path)``:
    DuckDB's Python module hands every ``connect`` of an already open path the same database instance, so a
    second session in a process that still holds one would keep seeing the old snapshot.
    """
    if not snapshot.exists():
        raise WarehouseError(
            f"no analyst snapshot at {snapshot} yet: one is published after every run's checks "
            "(`make run`, `newsetl ingest`), or now from the warehouse as it is with `newsetl publish`"
        )
    return attach(snapshot, SNAPSHOT_ALIAS, "READ_ONLY", then=load_fts)


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


_PIECE = 4 << 20
"""Bytes a copy hands to the disk at a time: at 100 MB, copy and fsync took 61-82 ms whole and 42-57 ms in 4 MiB
pieces (8 runs, alternated)."""


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


def _prove_whole(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    # Attached to the writer's database rather than opened as a database of its own: 4 ms instead of 12-14 ms.
    try:
        connection.execute(f"ATTACH '{quoted(path)}' AS {_PROOF} (READ_ONLY)")
        try:
            connection.execute(f"SELECT count(*) FROM {_PROOF}.publications").fetchone()
        finally:
            connection.execute(f"DETACH {_PROOF}")
    except duckdb.Error as exc:
        raise WarehouseError(
            f"the snapshot copy {path} does not open as a database ({exc}); nothing published"
        ) from exc


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
