"""The floor under the load: DuckDB copying a run's staged rows into a fresh file, with nothing else to do.

The load (``newsetl.warehouse.load``) does more than copy: it decides new, updated and unchanged articles on
their keys, keeps versions, merges the ledger and the quarantine, clusters stories and sorts the search postings.
The bare copy reads the same staged files as the load reads them (the same typed columns) into tables with no
keys, no order and no other work, each committed into the file: what DuckDB alone takes to write these rows at
that moment on the same machine, which the load's rate is read against. It moves with what the disk is still
writing after the run (the articles alone: 16,176/s beside a 100,000-dump run, 31,297-37,792/s on a quiet disk).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.stage import StagedTable, StagingArea
from newsetl.warehouse._connect import quoted
from newsetl.warehouse.load import staged_source

__all__ = ["BareCopy", "bare_copy"]

# What the load writes from the staged files (rejections and skipped documents are a few rows).
_TABLES: tuple[StagedTable, ...] = ("raw_documents", "articles", "removed_lines")


@dataclass(frozen=True, slots=True)
class BareCopy:
    """Seconds per table copied (each committed into the file), and its rows."""

    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def bare_copy(staging: StagingArea, run_id: str, warehouse: Path, scratch: Path) -> BareCopy:
    """Copy the staged tables of run ``run_id`` into a new database in ``scratch``; ``warehouse`` (the run's) gives
    the columns the load reads them with."""
    sources = _sources(staging, run_id, warehouse)
    scratch.mkdir(parents=True, exist_ok=True)
    database = scratch / "bare-copy.duckdb"
    database.unlink(missing_ok=True)
    seconds: dict[str, float] = {}
    rows: dict[str, int] = {}
    with duckdb.connect(str(database)) as connection:
        connection.execute("SET preserve_insertion_order = false")
        connection.execute("SET enable_progress_bar = false")  # the bench prints one table, nothing between
        for table, source in sources.items():
            started = time.perf_counter()
            connection.execute(f"CREATE TABLE {table} AS SELECT * FROM {source}")
            connection.execute("CHECKPOINT")
            seconds[table] = time.perf_counter() - started
            counted = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            rows[table] = int(counted[0]) if counted else 0
    database.unlink()
    return BareCopy(seconds, rows)


def _sources(staging: StagingArea, run_id: str, warehouse: Path) -> dict[str, str]:
    """SQL reading each staged table of the run that has files, and its search terms as postings."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        sources: dict[str, str] = {
            table: staged_source(connection, table, files)
            for table in _TABLES
            if (files := staging.staged_files(run_id, table))
        }
    terms = staging.staged_search_terms(run_id)
    if terms:
        listed = ", ".join(f"'{quoted(path)}'" for path in terms)
        sources["search_postings"] = (
            f"(SELECT file_row_number AS document, unnest(terms, recursive := true) "
            f"FROM read_parquet([{listed}], file_row_number = true))"
        )
    return sources
