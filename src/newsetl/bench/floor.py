"""The floor under the load: DuckDB copying a run's staged rows into a fresh file, with nothing else to do.

The load (``newsetl.warehouse.load``) does more than copy: it decides new, updated and unchanged articles on
their keys, keeps versions, merges the ledger and the quarantine, clusters stories and sorts the search postings.
The bare copy reads the same staged files into tables with no keys, no order and no other work, and checkpoints
them into the file: no load of these rows can cost less on the same machine, so the load's rate is read against it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsetl.stage import SEARCH_TERMS
from newsetl.warehouse._connect import quoted

__all__ = ["BareCopy", "bare_copy"]

# What the load writes from staged files, each as DuckDB reads it at its fastest: no columns named, no order kept.
_COPIES = {
    "raw_documents": "read_json('{folder}/raw_documents/*.jsonl', format = 'newline_delimited')",
    "articles": "read_json('{folder}/articles/*.jsonl', format = 'newline_delimited')",
    "removed_lines": "read_json('{folder}/removed_lines/*.jsonl', format = 'newline_delimited')",
    "search_postings": (
        "(SELECT file_row_number AS document, unnest(terms, recursive := true) "
        f"FROM read_parquet('{{folder}}/{SEARCH_TERMS}/*.parquet', file_row_number = true))"
    ),
}


@dataclass(frozen=True, slots=True)
class BareCopy:
    """Seconds per table copied, and the checkpoint that writes them into the file."""

    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def bare_copy(run_folder: Path, scratch: Path) -> BareCopy:
    """Copy the staged tables of ``run_folder`` (a run's staging folder) into a new database in ``scratch``."""
    scratch.mkdir(parents=True, exist_ok=True)
    database = scratch / "bare-copy.duckdb"
    database.unlink(missing_ok=True)
    seconds: dict[str, float] = {}
    rows: dict[str, int] = {}
    with duckdb.connect(str(database)) as connection:
        connection.execute("SET preserve_insertion_order = false")
        for table, source in _COPIES.items():
            if not any((run_folder / _folder_of(table)).glob("*")):
                continue
            started = time.perf_counter()
            connection.execute(f"CREATE TABLE {table} AS SELECT * FROM {source.format(folder=quoted(run_folder))}")
            seconds[table] = time.perf_counter() - started
            counted = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            rows[table] = int(counted[0]) if counted else 0
        started = time.perf_counter()
        connection.execute("CHECKPOINT")
        seconds["checkpoint"] = time.perf_counter() - started
    database.unlink()
    return BareCopy(seconds, rows)


def _folder_of(table: str) -> str:
    return SEARCH_TERMS if table == "search_postings" else table
