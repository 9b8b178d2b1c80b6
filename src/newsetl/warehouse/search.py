"""Ranked full-text search: BM25 over term tables that each load updates for the articles it wrote.

The index is ours, in three tables (``sql/070_search_terms.sql``): ``search_postings`` (term, document, term
frequency; each term stored as its 64-bit key, ``search_key``, sql/097), ``search_docs`` (document length) and
``search_stopwords``; ``search_layout`` (``sql/096``) counts the sorted runs the postings hold, one a load, until
``sort_postings`` makes them one. A load deletes the entries of the articles it updated or retired and indexes
the ones it wrote, inside its transaction, so the search always matches the articles it returns and a load's
cost follows its own size, not the warehouse's. Terms are made
exactly as DuckDB's ``fts`` extension makes them (its tokenizer, stopwords and Porter stemmer ``stem``), and
``search_articles(q)`` scores them with its BM25 formula: the same scores as ``match_bm25`` over an index
rebuilt from scratch (``tests/warehouse/test_search.py`` compares them).

The terms of an article are counted by the cleaning process that staged it (``newsetl.warehouse.terms``); the
load inserts them. An article staged without terms (by an older version, say) has them counted here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import duckdb

from newsetl.warehouse._connect import transaction
from newsetl.warehouse.fts import load_fts
from newsetl.warehouse.terms import ARTICLE_TEXT, TERMS_QUERY

log = logging.getLogger("newsetl.warehouse")

_TEMPORARY = ("search_counted", "search_staged", "search_texts", "search_pending", "search_replaced")
SORTED_RUNS_LIMIT = 30
"""Sorted runs of postings (one a load) past which the sweep sorts them into one (``sort_postings``)."""
_POSTINGS_COLUMNS = "term_key UBIGINT NOT NULL, docid BIGINT NOT NULL, tf INTEGER NOT NULL"


def update_search_index(connection: duckdb.DuckDBPyConnection, staged_terms: Sequence[Path] = ()) -> int:
    """Index the articles this load wrote, drop the entries of those it replaced or retired; the articles indexed.

    Runs in the load's transaction after the merge, over the load's ``article_changes`` and ``article_retired``.
    ``staged_terms`` are the run's staged terms files; an article they do not cover is read from ``articles``.
    """
    try:
        _drop_replaced(connection)
        connection.execute(
            "CREATE OR REPLACE TEMP TABLE search_pending AS "
            "SELECT nextval('search_docid') AS docid, article_id, source, uri, raw_id "
            "FROM article_changes WHERE change <> 'unchanged'"
        )
        _take_staged(connection, staged_terms)
        _count_the_rest(connection)
        connection.execute(
            "INSERT INTO search_postings SELECT term_key, docid, tf FROM search_counted ORDER BY term_key"
        )
        row = connection.execute(
            """
            INSERT INTO search_docs
            SELECT p.docid, p.article_id, coalesce(s.length, c.length, 0)
            FROM search_pending p
            LEFT JOIN search_staged s USING (docid)
            LEFT JOIN (SELECT docid, sum(tf) AS length FROM search_counted GROUP BY docid) c USING (docid)
            """
        ).fetchone()
    finally:
        for table in _TEMPORARY:
            connection.execute(f"DROP TABLE IF EXISTS {table}")
    indexed = int(row[0]) if row else 0
    if indexed:  # the load's postings, sorted by term among themselves: one more run (sql/096)
        connection.execute("UPDATE search_layout SET sorted_runs = sorted_runs + 1")
    return indexed


def sorted_runs(connection: duckdb.DuckDBPyConnection) -> int:
    """How many sorted runs the postings hold (one a load since they were last sorted whole)."""
    row = connection.execute("SELECT sorted_runs FROM search_layout").fetchone()
    return int(row[0]) if row else 0


def sort_postings(connection: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the postings sorted by term, as one run, in one transaction; the postings sorted.

    A term's postings then lie in one stretch of row groups, and a lookup skips the rest by their zone maps,
    however many loads wrote them. Costs a sort of every posting (5.9-8.1 s for 18 million at 256MB).
    """
    with transaction(connection):
        connection.execute(f"CREATE TABLE search_postings_sorted ({_POSTINGS_COLUMNS})")
        connection.execute(
            "INSERT INTO search_postings_sorted SELECT term_key, docid, tf FROM search_postings ORDER BY term_key"
        )
        connection.execute("DROP TABLE search_postings")
        connection.execute("ALTER TABLE search_postings_sorted RENAME TO search_postings")
        row = connection.execute("SELECT count(*) FROM search_postings").fetchone()
        postings = int(row[0]) if row else 0
        connection.execute("UPDATE search_layout SET sorted_runs = ?", [1 if postings else 0])
    log.info("search postings sorted into one run: %d postings", postings)
    return postings


def _drop_replaced(connection: duckdb.DuckDBPyConnection) -> None:
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


def _take_staged(connection: duckdb.DuckDBPyConnection, staged_terms: Sequence[Path]) -> None:
    """Insert the staged terms of the documents that won their articles (by place: source, uri and bytes).

    ``search_staged`` keeps which staged row each indexed article took (one, should a retried batch have left
    a document twice) and its length; the term lists are read once, straight into the postings.
    """
    if not staged_terms:
        connection.execute(
            "CREATE OR REPLACE TEMP TABLE search_staged (docid BIGINT, length INTEGER, filename VARCHAR, row BIGINT)"
        )
        return
    files = sorted({str(path) for path in staged_terms})  # a file is named by its path in what follows
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE search_staged AS
        SELECT p.docid, t.length, t.filename, t.file_row_number AS row
        FROM search_pending p
        JOIN read_parquet(?, filename = true, file_row_number = true) t USING (article_id, source, uri, raw_id)
        QUALIFY row_number() OVER (PARTITION BY p.docid) = 1
        """,
        [files],
    )
    # Sorted by term key, so a row group holds few terms and a search skips the row groups its terms are not in.
    connection.execute(
        """
        INSERT INTO search_postings
        SELECT term_key, docid, tf FROM (
            SELECT s.docid, unnest(t.terms, recursive := true)
            FROM read_parquet(?, filename = true, file_row_number = true) t
            JOIN search_staged s ON s.filename = t.filename AND s.row = t.file_row_number)
        ORDER BY term_key
        """,
        [files],
    )


def _count_the_rest(connection: duckdb.DuckDBPyConnection) -> None:
    unstaged = connection.execute(
        "CREATE OR REPLACE TEMP TABLE search_texts AS "
        "SELECT docid AS key, article_id, NULL::VARCHAR AS text "
        "FROM search_pending ANTI JOIN search_staged USING (docid)"
    ).fetchone()
    if not unstaged or not unstaged[0]:
        connection.execute("CREATE OR REPLACE TEMP TABLE search_counted (docid BIGINT, term_key UBIGINT, tf INTEGER)")
        return
    log.info("search terms counted in the load for %d article(s) staged without them", unstaged[0])
    load_fts(connection)  # `stem`: the pipeline opens the warehouse without it
    connection.execute(
        f"UPDATE search_texts t SET text = {ARTICLE_TEXT} FROM articles a WHERE a.article_id = t.article_id"
    )
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE search_counted AS SELECT key AS docid, term_key, tf FROM ({TERMS_QUERY})"
    )
