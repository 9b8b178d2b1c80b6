"""Parquet export for tools outside DuckDB: ``articles/source=<source>/date=<YYYY-MM-DD>/*.parquet``.

Written from the analysts' snapshot (so it never waits for, or blocks, a load) into a temporary folder that
replaces the previous export when complete: a reader of the export sees one export or the next, never a mix.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

log = logging.getLogger("newsetl.warehouse")

# The date is the article's publication day in UTC, or the day it was first loaded when it has none.
_ARTICLES = """
SELECT a.*, c.story_id,
       strftime(timezone('UTC', coalesce(a.published_at, a.first_seen_at)), '%Y-%m-%d') AS date
FROM articles a LEFT JOIN story_clusters c USING (article_id)
"""


@dataclass(frozen=True, slots=True)
class ExportResult:
    folder: Path
    articles: int
    files: int


def export_parquet(connection: duckdb.DuckDBPyConnection, folder: Path) -> ExportResult:
    """Write the current articles as Parquet partitioned by source and date into ``folder`` (replaced whole)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        connection.execute(
            f"COPY ({_ARTICLES}) TO '{_quoted(staging / 'articles')}' (FORMAT parquet, PARTITION_BY (source, date))"
        )
        _swap_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    row = connection.execute("SELECT count(*) FROM articles").fetchone()
    result = ExportResult(folder, int(row[0]) if row else 0, sum(1 for _ in folder.rglob("*.parquet")))
    log.info("exported %d articles in %d Parquet files to %s", result.articles, result.files, folder)
    return result


def _swap_in(staging: Path, folder: Path) -> None:
    retired = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    if folder.exists():
        os.replace(folder, retired)
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
