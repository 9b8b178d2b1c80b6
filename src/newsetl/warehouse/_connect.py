"""Opening the DuckDB file: short-lived connections, a bounded wait on the file lock, a clear message."""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsetl.errors import WarehouseLockedError

log = logging.getLogger("newsetl.warehouse")

_LOCK_HOLDER_RE = re.compile(r"Conflicting lock is held in (?P<program>.*) \(PID (?P<pid>\d+)\)")
_POLL_SECONDS = 0.5
# Rows in a row group of what this connection writes. DuckDB's default (122,880) is more than a load of 100,000
# articles: their rows then stay in one unfinished row group, spilled past the memory limit and read back to be
# compressed at COMMIT. With 16,384 each full group goes to the file during the insert (docs/benchmarks.md: the
# COMMIT of 99,705 new articles took 8.2-8.8 s, now 1.0-1.7 s, at the default 256MB).
ROW_GROUP_ROWS = 16_384


def spare_pandas_lookups() -> None:
    """Where pandas is not installed, record it as absent, so that DuckDB's tries to import it fail at once.

    DuckDB's Python binding tries ``import pandas`` for each value it binds (duckdb/duckdb#18658), to recognise
    pandas' missing values; without pandas each try searches ``sys.path`` again, 36 µs. Recording a run's seven
    checks made 86 of them: 4 ms, against 0.8 ms with this. Installing pandas later in the same process would not
    be seen, so only the pipeline's own connections do it, never an analyst's.
    """
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # the import system's mark for "known absent"


def connect(path: Path, *, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to ``wait_seconds`` for another process to release the file."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return _attach(path, read_only=read_only)
        except duckdb.IOException as exc:
            holder = _LOCK_HOLDER_RE.search(str(exc))
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(_lock_message(path, holder, wait_seconds)) from exc
            log.info("warehouse %s is locked by PID %s; waiting", path, holder.group("pid"))
            time.sleep(_POLL_SECONDS)


def _attach(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """The file attached with the row group size, which is an option of ATTACH only (not of ``duckdb.connect``).

    The file's catalog keeps the name ``duckdb.connect(path)`` gives it (the file name without its suffix), and
    spills go next to it as they did (``<file>.tmp``), not to the working directory. DuckDB refuses a second
    attach of the same file in one process, as another process is refused by the file lock.
    """
    options = "READ_ONLY" if read_only else f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}"
    spill = f"SET temp_directory = '{quoted(path)}.tmp'"
    return attach(path, path.stem, options, then=lambda connection: connection.execute(spill))


def attach(
    path: Path,
    alias: str,
    options: str,
    *,
    then: Callable[[duckdb.DuckDBPyConnection], object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """``path`` attached as ``alias`` (with ATTACH ``options``) to a fresh in-memory database, in use.

    ``then`` finishes the session (settings, extensions); the connection is closed if anything fails.
    """
    connection = duckdb.connect()
    try:
        name = alias.replace('"', '""')
        connection.execute(f"ATTACH '{quoted(path)}' AS \"{name}\" ({options})")
        connection.execute(f'USE "{name}"')
        if then is not None:
            then(connection)
    except BaseException:
        connection.close()
        raise
    return connection


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: committed when it ends, rolled back if it raises (or is interrupted)."""
    connection.execute("BEGIN")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def quoted(path: Path) -> str:
    """``path`` inside a single-quoted SQL string."""
    return str(path).replace("'", "''")


def _lock_message(path: Path, holder: re.Match[str], waited: float) -> str:
    return (
        f"warehouse {path} is held by PID {holder.group('pid')} ({holder.group('program')}) and was not released "
        f"within {waited:.0f} s; close that session (an open DuckDB shell or notebook keeps the file locked) "
        "or query the published snapshot instead"
    )
