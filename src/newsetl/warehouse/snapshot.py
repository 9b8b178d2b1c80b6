"""Reading while loading: analysts query a read-only snapshot that the writer republishes after each load.

DuckDB lets one process hold a database file for writing, and while it does no other process can open the
file, not even read-only; a reader that holds the file blocks the next writer the same way. So the warehouse
file belongs to the pipeline alone, and analysts (``newsetl sql``, notebooks, BI tools) open
``<warehouse>.snapshot.duckdb`` instead:

1. after a run's checks, the writer, still holding the warehouse, records the publication and checkpoints
   (everything in the main file, nothing left in the write-ahead log);
2. it brings the snapshot before the current one (``.<snapshot>.base``) up to date, writing only the pieces that
   differ: a load changes a small part of the file (``newsetl.warehouse._copy``). Where the filesystem clones files
   (XFS, Btrfs) it clones the warehouse instead; where the base is still open somewhere, there is none yet, or
   ``snapshot_base: false`` keeps none, it copies the whole file to a temporary name. It opens the new file
   read-only to prove it is a whole database, and marks it read-only;
3. ``os.replace`` swaps it in: one atomic rename. A session already open keeps reading the file it opened
   (the old state, whole); the next session opens the new one. No state in between is ever visible, and no
   reader can make the load wait or fail, because the writer never needs a lock on the snapshot.
4. the file replaced, kept linked through the rename, becomes the next publication's base. A base that could not be
   used goes under ``.<snapshot>.<pid>.retired`` and is removed by a thread of its own, so freeing its blocks does
   not hold up the writer (a process that ends early leaves it for the next publication to remove).
"""

from __future__ import annotations

import atexit
import glob
import logging
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsetl.errors import WarehouseError
from newsetl.warehouse._connect import attach, quoted
from newsetl.warehouse._copy import clone_file, copy_file, write_changes
from newsetl.warehouse.fts import load_fts

log = logging.getLogger("newsetl.warehouse")

SNAPSHOT_ALIAS = "news"
"""The name the snapshot is attached under in an analyst's session."""
_PROOF = "newsetl_snapshot_proof"
"""The name a new copy is attached under, on the writer's connection, to prove that it opens."""


def publish_snapshot(
    connection: duckdb.DuckDBPyConnection,
    warehouse: Path,
    snapshot: Path,
    *,
    run_id: str | None = None,
    keep_base: bool = True,
) -> Path:
    """Publish the warehouse ``connection`` holds (open on ``warehouse``) as the analysts' ``snapshot``.

    With ``keep_base`` (``snapshot_base:`` in the settings) the replaced snapshot is kept to be written over next
    time; without, every publication copies the whole file and no older snapshot stays.
    """
    _record_and_checkpoint(connection, warehouse, snapshot, run_id)
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(snapshot)
    base = snapshot.with_name(f".{snapshot.name}{BASE_SUFFIX}")
    temporary = snapshot.with_name(f".{snapshot.name}.{os.getpid()}{TEMPORARY_SUFFIX}")
    retired = snapshot.with_name(f".{snapshot.name}.{os.getpid()}{RETIRED_SUFFIX}")
    following = snapshot.with_name(f".{snapshot.name}.{os.getpid()}{NEXT_SUFFIX}")
    replaced = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.replaced{RETIRED_SUFFIX}")
    kept = following if keep_base else replaced
    try:
        started = time.perf_counter()
        new, written, how = _new_state(warehouse, snapshot, base if keep_base else None, temporary)
        if base.exists() and new != base:  # not written over: set aside, removed once the new snapshot is in place
            os.replace(base, retired)
        seconds = time.perf_counter() - started
        _prove_whole(connection, new)
        new.chmod(0o444)  # a session opened read-write by mistake fails at once instead of writing to a copy
        _keep_linked(snapshot, kept)  # the rename then frees nothing: the old file is the next base, or goes after
        os.replace(new, snapshot)
        if keep_base and following.exists():
            os.replace(following, base)
        _fsync(snapshot.parent)
    except BaseException:
        following.unlink(missing_ok=True)  # a failed publication leaves the snapshot as it was
        raise
    finally:
        temporary.unlink(missing_ok=True)
        for done in (retired, replaced):
            if done.exists():
                _remove_in_background(done)
    # A whole copy follows the warehouse's size, not the run's: an operator reads here what each publication costs.
    log.info(
        "published %s as %s (run %s): %.1f MB, %.1f MB of it written in %.2f s (%s)",
        warehouse,
        snapshot,
        run_id,
        snapshot.stat().st_size / 1e6,
        written / 1e6,
        seconds,
        how,
    )
    return snapshot


RETIRED_SUFFIX = ".retired"
"""A file being removed, under ``.<snapshot>.<pid>.retired``: an older snapshot no publication will write over."""
BASE_SUFFIX = ".base"
"""The snapshot before the current one, under ``.<snapshot>.base``: the next publication writes the new state over it,
the pieces that differ only, when nobody has it open any more."""
TEMPORARY_SUFFIX = ".tmp"
"""A publication's new file while it is written, under ``.<snapshot>.<pid>.tmp``."""
NEXT_SUFFIX = ".next"
"""The current snapshot's second name while a publication swaps it out: ``.<snapshot>.<pid>.next``, then the base."""


def _record_and_checkpoint(
    connection: duckdb.DuckDBPyConnection, warehouse: Path, snapshot: Path, run_id: str | None
) -> None:
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


def _remove_stale(snapshot: Path) -> None:
    # Left by a process that ended before it could remove or rename them: a killed copy leaves a file as big as the
    # warehouse. None is another publication's: each holds the warehouse, which one process at a time can open.
    for suffix in (RETIRED_SUFFIX, NEXT_SUFFIX, TEMPORARY_SUFFIX):
        for stale in snapshot.parent.glob(f".{glob.escape(snapshot.name)}.*{suffix}"):
            stale.unlink(missing_ok=True)


def _new_state(warehouse: Path, snapshot: Path, base: Path | None, temporary: Path) -> tuple[Path, int, str]:
    """Write the warehouse's state for the snapshot: the file it is in, the bytes written and how.

    A clone costs nothing where the filesystem shares blocks. Else the ``base``, if there is one to use, is brought
    up to date, and where none is free to write, the whole file is copied.
    """
    if clone_file(warehouse, temporary):
        _fsync(temporary)
        return temporary, 0, "a clone sharing the warehouse's blocks"
    if base is not None and (written := _bring_up_to_date(warehouse, snapshot, base)) is not None:
        return base, written, "over the snapshot before the last"
    copy_file(warehouse, temporary)
    _fsync(temporary)
    return temporary, warehouse.stat().st_size, "a whole copy"


def _bring_up_to_date(warehouse: Path, snapshot: Path, base: Path) -> int | None:
    """Write the warehouse over the base where they differ: the bytes written, ``None`` if there is no base to use.

    A base still open somewhere (an analyst's session from two publications ago, a backup being copied) is not
    written: its reader keeps the state it opened, whole, and the publication copies the whole file instead.
    """
    if not base.exists() or (snapshot.exists() and os.path.samefile(base, snapshot)):
        return None
    return write_changes(warehouse, base)  # it says why when it does not write


def _keep_linked(snapshot: Path, second_name: Path) -> None:
    """Link the current snapshot's file under ``second_name`` too, where the filesystem has hard links."""
    if not snapshot.exists():
        return
    try:
        os.link(snapshot, second_name)
    except OSError as exc:  # no hard links here (some network and FAT filesystems): the rename frees it in line
        log.debug("cannot link %s as %s (%s); the rename will free it", snapshot, second_name, exc)


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
