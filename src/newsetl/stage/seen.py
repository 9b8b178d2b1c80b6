"""The seen index: what the warehouse holds for each document place, readable without opening the warehouse.

Cleaning tasks cannot open the DuckDB file (the loader may hold its lock), yet a re-run over unchanged input
should cost a hash per document, not a parse. So after each load the loader publishes, next to the staged runs,
a Parquet file with one row per current article: the place it came from (``source``, ``uri``), the content
address of those bytes (``raw_id``), the article they became and the cleaning rules that made it. A cleaning
task reads the rows for its batch's places; a document whose bytes and rules match is skipped before any
decoding or parsing and staged as a ``skipped_documents`` row, which the loader counts as unchanged.

The file is written under a temporary name and renamed, so readers see the old index or the new one, never
half of one. A missing or unreadable index means "nothing seen": every document is cleaned.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from newsetl.records import SourceItem

__all__ = ["SeenEntry", "publish_seen_index", "read_seen"]

log = logging.getLogger("newsetl.stage")

# JSON Lines documents are places inside their file ("export.jsonl#L12"): a range over the batch's item uris,
# closed by the highest code point, takes them in with their file.
_AFTER_EVERY_SUFFIX = "\U0010ffff"


@dataclass(frozen=True, slots=True)
class SeenEntry:
    raw_id: str
    article_id: str
    rules_version: str


def publish_seen_index(connection: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write the index of the warehouse's current articles to ``path`` (atomically); return its rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    connection.execute(
        f"COPY (SELECT source, uri, raw_id, article_id, rules_version FROM articles ORDER BY source, uri) "
        f"TO '{_quoted(temporary)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)"
    )
    os.replace(temporary, path)
    row = connection.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


def read_seen(path: Path, items: Sequence[SourceItem]) -> dict[tuple[str, str], SeenEntry]:
    """The index rows for the places ``items`` cover, by ``(source, uri)``; empty when there is no index."""
    if not items or not path.exists():
        return {}
    ranges = _ranges(items)
    where = " OR ".join("(source = ? AND uri BETWEEN ? AND ?)" for _ in ranges)
    parameters = [value for bounds in ranges for value in bounds]
    try:
        rows = (
            _reader(os.getpid())
            .execute(
                f"SELECT source, uri, raw_id, article_id, rules_version FROM read_parquet('{_quoted(path)}') "
                f"WHERE {where}",
                parameters,
            )
            .fetchall()
        )
    except duckdb.Error as exc:
        log.warning("seen index %s is unreadable (%s); cleaning every document", path, exc)
        return {}
    return {(source, uri): SeenEntry(raw_id, article_id, rules) for source, uri, raw_id, article_id, rules in rows}


@cache
def _reader(pid: int) -> duckdb.DuckDBPyConnection:
    # One in-memory database per process, not one per batch: opening one costs 8 ms, a third of a re-run's
    # cleaning work. By pid, because a forked cleaning process must not use its parent's.
    connection = duckdb.connect()
    connection.execute("SET threads = 1")
    log.debug("process %d reads the seen index", pid)
    return connection


def _ranges(items: Sequence[SourceItem]) -> list[tuple[str, str, str]]:
    bounds: dict[str, tuple[str, str]] = {}
    for item in items:
        low, high = bounds.get(item.source, (item.uri, item.uri))
        bounds[item.source] = (min(low, item.uri), max(high, item.uri))
    return [(source, low, high + _AFTER_EVERY_SUFFIX) for source, (low, high) in bounds.items()]


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
