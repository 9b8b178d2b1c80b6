"""The seen index: what the warehouse holds for each document place, readable without opening the warehouse.

Cleaning tasks cannot open the DuckDB file (the loader may hold its lock), yet a re-run over unchanged input
should cost a hash per document, not a parse. So after each load the loader publishes, next to the staged runs,
a Parquet file with one row per current article: the place it came from (``source``, ``uri``), the content
address of those bytes (``raw_id``), the article they became and the cleaning rules that made it. A cleaning
task reads the rows for its batch's places; a document whose bytes and rules match is skipped before any
decoding or parsing and staged as a ``skipped_documents`` row, which the loader counts as unchanged.

A row also carries the identity of the file the bytes were read from (``file_stat``, sql/094: inode, size,
modification and change times), with the raw document's format and size: a dump file that still has that
identity holds the same bytes, and is skipped without being opened. A re-run over 100,000 unchanged dumps read
and hashed 600 MB for nothing else. It carries where the landing holds the bytes (``landing_path``), too: the same
bytes cleaned again under new rules are not landed again (a pack a batch cannot be asked whether it holds them).

Quarantined documents with bytes have rows too, with no article and no rules: they are never skipped (a fixed
rule may clean them now), but a run that reads the same bytes again finds where they are landed instead of
landing them again (before, each re-run of the 100,000-dump benchmark landed 457 KB again: 111 documents).

The file is written under a temporary name and renamed, so readers see the old index or the new one, never
half of one. A missing or unreadable index means "nothing seen": every document is cleaned. The file carries a
fingerprint of its rows; a load after which the rows are the same (a re-run's) leaves it as it is.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from newsetl.records import SourceItem

__all__ = ["SeenEntry", "open_seen_reader", "publish_seen_index", "read_seen"]

log = logging.getLogger("newsetl.stage")

# JSON Lines documents are places inside their file ("export.jsonl#L12"): a range over the batch's item uris,
# closed by the highest code point, takes them in with their file.
_AFTER_EVERY_SUFFIX = "\U0010ffff"
_COLUMNS = "source, uri, raw_id, article_id, rules_version, format, size_bytes, file_stat, landing_path"
# The current articles with what their raw documents say about the file they were read from; then the
# quarantined documents with bytes, whose rows only say where the landing holds them (no article, no rules).
_ROWS = (
    "SELECT a.source, a.uri, a.raw_id, a.article_id, a.rules_version, r.format, r.size_bytes, r.file_stat, "
    "r.landing_path "
    "FROM articles a LEFT JOIN raw_documents r ON r.source = a.source AND r.uri = a.uri AND r.raw_id = a.raw_id "
    "UNION ALL "
    "SELECT q.source, q.uri, q.raw_id, '', '', r.format, r.size_bytes, r.file_stat, r.landing_path "
    "FROM rejected_documents q JOIN raw_documents r ON r.source = q.source AND r.uri = q.uri AND r.raw_id = q.raw_id "
    "WHERE r.landing_path <> ''"
)
_FORMAT = "seen-5"
# A batch reads the rows of its places (a range of uris): in groups of 2,048 rows it reads one or two of them, not
# the 16,384 it read before (3.1-3.9 against 5.2-5.9 ms a batch, the 10,000-dump benchmark's index).
_ROW_GROUP_ROWS = 2_048


@dataclass(frozen=True, slots=True)
class SeenEntry:
    raw_id: str
    article_id: str
    """Empty for a quarantined document: the bytes were read and rejected, never skipped for it."""
    rules_version: str
    format: str | None = None
    size_bytes: int | None = None
    file_stat: str | None = None
    """The identity of the file when these bytes were read from it (``newsetl.read.stat_key``), if recorded."""
    landing_path: str | None = None
    """Where the landing holds these bytes (``raw_documents.landing_path``)."""


def publish_seen_index(connection: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write the index of the warehouse's current articles and quarantined documents to ``path`` (atomically);
    return its rows.

    A file that already holds exactly these rows (its fingerprint says so) is left as it is: a load that changed
    no row, a re-run's, would otherwise rewrite the same index (0.25 s at 100,000 articles).
    """
    rows, fingerprint = _fingerprint(connection)
    if _published_fingerprint(connection, path) == fingerprint:
        log.info("seen index %s already holds its %d rows", path, rows)
        return rows
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    connection.execute(
        f"COPY ({_ROWS} ORDER BY source, uri) TO '{_quoted(temporary)}' "
        f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {_ROW_GROUP_ROWS}, "
        f"KV_METADATA {{fingerprint: '{fingerprint}'}})"
    )
    os.replace(temporary, path)
    return rows


def _fingerprint(connection: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """The number of index rows and a fingerprint of them (one scan, 15 ms at 100,000 articles).

    A sum, not an xor, of row hashes, so that no two rows cancel out; the format version changes it whenever the
    index's columns or layout do.
    """
    row = connection.execute(f"SELECT count(*), coalesce(sum(hash({_COLUMNS})), 0) FROM ({_ROWS})").fetchone()
    count, total = (int(row[0]), int(row[1])) if row else (0, 0)
    return count, f"{_FORMAT}:{count}:{total}"


def _published_fingerprint(connection: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        rows = connection.execute(
            f"SELECT value::VARCHAR FROM parquet_kv_metadata('{_quoted(path)}') WHERE key::VARCHAR = 'fingerprint'"
        ).fetchall()
    except duckdb.Error as exc:
        log.warning("seen index %s is unreadable (%s); writing it again", path, exc)
        return None
    return str(rows[0][0]) if rows else None


def read_seen(path: Path, items: Sequence[SourceItem]) -> dict[tuple[str, str], SeenEntry]:
    """The index rows for the places ``items`` cover, by ``(source, uri)``; empty when there is no index."""
    if not items or not path.exists():
        return {}
    where, parameters = _places(items)
    try:
        # Articles last, so that they win a place that also holds a quarantined document: a rejection can be
        # older than the article (it stays when other bytes at the place clean), and the article's row skips.
        cursor = _reader(os.getpid(), threading.get_ident()).execute(
            f"SELECT * FROM read_parquet('{_quoted(path)}') WHERE {where} ORDER BY article_id <> ''", parameters
        )
        names = [column[0] for column in cursor.description or ()]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        log.warning("seen index %s is unreadable (%s); cleaning every document", path, exc)
        return {}
    # By name: an index an older version published (seen-1, seen-2) lacks the later columns, and its rows still
    # skip by hash until the next load publishes this version's.
    if names == _COLUMNS.split(", "):  # this version's index: by position, a third of the cost of by name
        return {(row[0], row[1]): SeenEntry(*row[2:]) for row in rows}
    fields = [name for name in _COLUMNS.split(", ")[2:] if name in names]
    places = [names.index(name) for name in ("source", "uri", *fields)]
    return {
        (row[places[0]], row[places[1]]): SeenEntry(**dict(zip(fields, (row[i] for i in places[2:]), strict=True)))
        for row in rows
    }


def open_seen_reader(path: Path) -> None:
    """Open this process's reader of the index at ``path`` ahead of its first batch, if there is an index to read.

    A cleaning process does it as it starts (``newsetl.ingest``): opening the in-memory database is most of what a
    process's first ``read_seen`` costs more than the next ones (12.5-12.8 of 19 ms).
    """
    if path.exists():
        _reader(os.getpid(), threading.get_ident())


@cache
def _reader(pid: int, thread: int) -> duckdb.DuckDBPyConnection:
    # One in-memory database per process, not one per batch: opening one costs 8 ms, a third of a re-run's
    # cleaning work. By pid, because a forked cleaning process must not use its parent's; by thread, because a
    # connection serves one query at a time.
    connection = duckdb.connect()
    connection.execute("SET threads = 1")
    log.debug("process %d thread %d reads the seen index", pid, thread)
    return connection


def _places(items: Sequence[SourceItem]) -> tuple[str, list[object]]:
    """The condition on ``(source, uri)`` that takes in the items' places, and its parameters."""
    bounds: dict[str, tuple[str, str]] = {}
    lines: dict[tuple[str, str], tuple[int, int]] = {}
    for item in items:
        if "range" in item.metadata:  # a piece of an export (newsetl.discover._exports): its lines only
            first, last = item.metadata["first_line"], item.metadata["first_line"] + item.metadata["records"] - 1
            low, high = lines.get((item.source, item.uri), (first, last))
            lines[(item.source, item.uri)] = (min(low, first), max(high, last))
            continue
        low_uri, high_uri = bounds.get(item.source, (item.uri, item.uri))
        bounds[item.source] = (min(low_uri, item.uri), max(high_uri, item.uri))
    conditions = ["(source = ? AND uri BETWEEN ? AND ?)"] * len(bounds)
    parameters: list[object] = [
        value for source, (low, high) in bounds.items() for value in (source, low, high + _AFTER_EVERY_SUFFIX)
    ]
    # A batch holds a few of an export's pieces: without the line numbers, each batch would take in the rows of the
    # whole export (a million, for an export of a million records), where its pieces hold 1/32 of them.
    for (source, uri), (first, last) in lines.items():
        conditions.append("(source = ? AND uri BETWEEN ? AND ? AND TRY_CAST(uri[?:] AS BIGINT) BETWEEN ? AND ?)")
        parameters += [source, f"{uri}#L", f"{uri}#L{_AFTER_EVERY_SUFFIX}", len(uri) + 3, first, last]
    return " OR ".join(conditions), parameters


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
