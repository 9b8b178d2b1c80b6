"""Ranked full-text search: DuckDB's ``fts`` extension, loaded from the signed binary its PyPI package ships.

The extension cannot be downloaded at run time here (and should not need to be anywhere): the
``duckdb-extension-fts`` wheel, pinned to the duckdb version, carries the official signed binary, which
``LOAD '<path>'`` accepts with signature checks on. The index (schema ``fts_main_articles``) is a snapshot
of ``articles`` and is rebuilt inside the load's transaction whenever articles changed, so the search
always matches the articles it returns. ``search_articles(q)`` and ``search_stories(q)`` are table macros
(``sql/024_search.sql``) over its BM25 score.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsetl.errors import WarehouseError

INDEX_COLUMNS = ("title", "summary", "body")


def fts_extension_path() -> Path:
    """The fts extension binary for the installed duckdb, inside the ``duckdb-extension-fts`` package."""
    import duckdb_extension_fts

    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise WarehouseError(
            f"no fts extension for duckdb {duckdb.__version__} at {path}: install duckdb-extension-fts=="
            f"{duckdb.__version__} (the versions must match; see uv.lock)"
        )
    return path


def load_fts(connection: duckdb.DuckDBPyConnection) -> None:
    """Make ``match_bm25`` and the ``search_*`` macros usable on this connection."""
    connection.execute(f"LOAD '{fts_extension_path()}'")


def refresh_search_index(connection: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the BM25 index over the current articles (English stemming; accents and case folded)."""
    columns = ", ".join(f"'{column}'" for column in INDEX_COLUMNS)
    connection.execute(
        f"PRAGMA create_fts_index('articles', 'article_id', {columns}, stemmer = 'porter', "
        "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
    )
