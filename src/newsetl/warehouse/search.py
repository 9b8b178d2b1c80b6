"""Ranked full-text search: BM25 over term tables that each load updates for the articles it wrote.

The index is ours, in three tables (``sql/070_search_terms.sql``): ``search_postings`` (term, document, term
frequency), ``search_docs`` (document length) and ``search_stopwords``. A load deletes the entries of the
articles it updated or retired and indexes the ones it wrote, inside its transaction, so the search always
matches the articles it returns and a load's cost follows its own size, not the warehouse's. Terms are made
exactly as DuckDB's ``fts`` extension makes them (its tokenizer, stopwords and Porter stemmer ``stem``), and
``search_articles(q)`` scores them with its BM25 formula: the same scores as ``match_bm25`` over an index
rebuilt from scratch (``tests/warehouse/test_search.py`` compares them).

The extension cannot be downloaded at run time here (and should not need to be anywhere): the
``duckdb-extension-fts`` wheel, pinned to the duckdb version, carries the official signed binary, which
``LOAD '<path>'`` accepts with signature checks on. It supplies ``stem``, to the loader and to readers.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from newsetl.errors import WarehouseError

log = logging.getLogger("newsetl.warehouse")

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
    """Make ``stem`` and so the ``search_*`` macros usable on this connection."""
    connection.execute(f"LOAD '{fts_extension_path()}'")


def update_search_index(connection: duckdb.DuckDBPyConnection) -> int:
    """Index the articles this load wrote, drop the entries of those it replaced or retired; the articles indexed.

    Runs in the load's transaction after the merge (it reads the new content from ``articles``), over the load's
    ``article_changes`` and ``article_retired``.
    """
    replaced = connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE search_replaced AS
        SELECT docid FROM search_docs
        WHERE article_id IN (SELECT article_id FROM article_changes WHERE change = 'updated'
                             UNION ALL SELECT article_id FROM article_retired)
        """
    ).fetchone()
    if replaced and replaced[0]:
        connection.execute("DELETE FROM search_postings WHERE docid IN (SELECT docid FROM search_replaced)")
        connection.execute("DELETE FROM search_docs WHERE docid IN (SELECT docid FROM search_replaced)")
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE search_pending AS "
        "SELECT nextval('search_docid') AS docid, article_id FROM article_changes WHERE change <> 'unchanged'"
    )
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE search_pending_terms AS SELECT * FROM search_terms_of('search_pending')"
    )
    # Sorted by term, so a row group holds few terms and a search skips the row groups its terms are not in.
    connection.execute("INSERT INTO search_postings SELECT * FROM search_pending_terms ORDER BY term")
    row = connection.execute(
        """
        INSERT INTO search_docs
        SELECT p.docid, p.article_id, coalesce(sum(t.tf), 0)
        FROM search_pending p LEFT JOIN search_pending_terms t USING (docid)
        GROUP BY ALL
        """
    ).fetchone()
    for table in ("search_pending_terms", "search_pending", "search_replaced"):
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    return int(row[0]) if row else 0
