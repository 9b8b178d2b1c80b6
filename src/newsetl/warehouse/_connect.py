"""Opening the DuckDB file: short-lived connections, a bounded wait on the file lock, a clear message."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import duckdb

from newsetl.errors import WarehouseLockedError

log = logging.getLogger("newsetl.warehouse")

_LOCK_HOLDER_RE = re.compile(r"Conflicting lock is held in (?P<program>.*) \(PID (?P<pid>\d+)\)")
_POLL_SECONDS = 0.5


def connect(path: Path, *, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to ``wait_seconds`` for another process to release the file."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            holder = _LOCK_HOLDER_RE.search(str(exc))
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(_lock_message(path, holder, wait_seconds)) from exc
            log.info("warehouse %s is locked by PID %s; waiting", path, holder.group("pid"))
            time.sleep(_POLL_SECONDS)


def _lock_message(path: Path, holder: re.Match[str], waited: float) -> str:
    return (
        f"warehouse {path} is held by PID {holder.group('pid')} ({holder.group('program')}) and was not released "
        f"within {waited:.0f} s; close that session (an open DuckDB shell or notebook keeps the file locked) "
        "or query the published snapshot instead"
    )
