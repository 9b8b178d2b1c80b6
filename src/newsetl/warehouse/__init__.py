"""The DuckDB warehouse: schema migrations, the single-writer load, history, story clusters, search, the runs
ledger, and the read-only snapshot analysts query while loads go on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsetl.config import DEFAULT_WRITER_MEMORY
from newsetl.warehouse._connect import connect, spare_pandas_lookups
from newsetl.warehouse.export import ExportResult, export_parquet
from newsetl.warehouse.fetch_log import replace_fetch_log
from newsetl.warehouse.fts import fts_extension_path, load_fts
from newsetl.warehouse.load import LoadCounts, load_staged
from newsetl.warehouse.migrate import migrate, migrations, sql_dir
from newsetl.warehouse.runs import finish_run, record_checks, record_findings, start_run
from newsetl.warehouse.snapshot import open_snapshot, publish_snapshot

__all__ = [
    "ExportResult",
    "LoadCounts",
    "connect",
    "export_parquet",
    "finish_run",
    "fts_extension_path",
    "load_fts",
    "load_staged",
    "migrate",
    "migrations",
    "open_snapshot",
    "open_warehouse",
    "publish_snapshot",
    "record_checks",
    "record_findings",
    "replace_fetch_log",
    "spare_pandas_lookups",
    "sql_dir",
    "start_run",
]


@contextmanager
def open_warehouse(
    path: Path,
    *,
    read_only: bool = False,
    wait_seconds: float = 30.0,
    memory_limit: str = DEFAULT_WRITER_MEMORY,
    search: bool = True,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection with the schema up to date; closed on exit so the file lock is released.

    ``search`` loads the fts extension, which the ``search_*`` macros need (``stem``). The pipeline's own steps
    pass ``False``: loading it costs 23-25 ms a connection, and they need it only to index an article staged
    without its terms, which loads it then (``newsetl.warehouse.search``).

    ``memory_limit`` bounds a writing connection (``Settings.writer_memory``): beyond it joins, sorts and
    temporary tables spill to ``<warehouse>.tmp`` instead of growing with the run (the measured trade-off is in
    ``Settings.writer_memory``).
    """
    connection = connect(path, read_only=read_only, wait_seconds=wait_seconds)
    try:
        if not read_only:
            connection.execute(f"SET memory_limit = '{memory_limit}'")
            migrate(connection)
        if search:
            load_fts(connection)
        yield connection
    finally:
        connection.close()
