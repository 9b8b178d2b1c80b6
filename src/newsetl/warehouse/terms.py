"""Search terms of articles, counted where the articles are cleaned so that a load only inserts them.

Counting terms is the costly part of keeping the search index (about 260 µs an article on one core: lowering,
cutting, accent stripping, stemming). Done in the load it ran on the single writer after all cleaning; done
here, each cleaning process counts the terms of its own batch as it stages it, and both cores share the work.

``TERMS_QUERY`` is the one definition of how text becomes terms, used by the cleaning processes and by the load
for any article staged without terms. It gives the same rows as the warehouse's ``search_terms_of`` macro
(``sql/071``), which built the index of the articles stored before; ``tests/warehouse/test_terms.py`` checks that.
It reads a relation ``search_texts (key, text)`` and the table ``search_stopwords``, and gives each term as its
64-bit key (``search_key``, sql/097), which is what the postings store.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import cache
from pathlib import Path

import duckdb

from newsetl.clean.extraction import INVISIBLE_IN_WORDS
from newsetl.warehouse.fts import load_fts

log = logging.getLogger("newsetl.warehouse")
# Text is lowered and cut at whitespace, digits and punctuation; only the distinct pieces then go through the
# fts tokenizer (the costly accent stripping), the stopword list and the Porter stemmer (see sql/070 and 071).
# The cut maps each separator to a space with `translate` and splits at spaces, where sql/071 replaces runs of
# separators with a regex: the same pieces (RE2's \s is the ASCII whitespace listed here), and 8-11 % less of a
# part's counting (225-243 against 243-279 ms, 500 benchmark articles, alternated). The terms never depend on the
# cut, only its speed does: each piece is tokenized again as the fts extension tokenizes.
# The cut also deletes the characters that are invisible inside a word (sql/095): `translate` drops what it has no
# replacement for.
_SEPARATORS = "\t\n\f\r 0123456789!@#$%^&*()_+={}[]:;<>,.?~\\/|'\"`-"
_INVISIBLE_SQL = " || ".join(f"chr({ord(mark)})" for mark in INVISIBLE_IN_WORDS)
_CUT = "translate(lower(text), '{}' || {}, '{}')".format(
    _SEPARATORS.replace("'", "''"), _INVISIBLE_SQL, " " * len(_SEPARATORS)
)
TERMS_QUERY = r"""
WITH piece_counts AS MATERIALIZED (
    SELECT key, piece, count(*)::INTEGER AS tf
    FROM (SELECT key, unnest(string_split(@CUT@, ' ')) AS piece FROM search_texts)
    WHERE piece <> ''
    GROUP BY ALL),
stems AS MATERIALIZED (
    SELECT piece, search_key(stem(token, 'porter')) AS term_key
    FROM (SELECT piece,
                 unnest(string_split_regex(regexp_replace(lower(strip_accents(piece)),
                                                          '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''"`-]+', ' ', 'g'),
                                           '\s+')) AS token
          FROM (SELECT DISTINCT piece FROM piece_counts))
    WHERE token <> '' AND token NOT IN (SELECT word FROM search_stopwords))
SELECT p.key, s.term_key, sum(p.tf)::INTEGER AS tf
FROM piece_counts p JOIN stems s USING (piece)
GROUP BY ALL
""".replace("@CUT@", _CUT)
SEARCH_KEY_MACRO = "CREATE MACRO search_key(term) AS ('0x' || md5(term)[:16])::UBIGINT"
"""A term's key: the first 8 bytes of its MD5, big-endian, as sql/097 defines it in the warehouse."""
ARTICLE_TEXT = "concat_ws(' ', title, summary, body)"
"""What of an article is indexed, as one text."""
# Terms are counted for so many articles at a time, and the database may use so much for it (it needs far less).
_ARTICLES_AT_ONCE = 500
_MEMORY_LIMIT = "256MB"
_FLUSH_ABOVE = "8MB"
_ARTICLE_COLUMNS = (
    "{'article_id': 'VARCHAR', 'source': 'VARCHAR', 'uri': 'VARCHAR', 'raw_id': 'VARCHAR', "
    "'title': 'VARCHAR', 'summary': 'VARCHAR', 'body': 'VARCHAR'}"
)


def stage_search_terms(articles: Path, target: Path) -> int:
    """Write the search terms of the staged articles in ``articles`` (JSON Lines) to ``target`` (Parquet).

    One row an article: its place as staged (article_id, source, uri, raw_id), ``terms`` a list of (term_key, tf)
    (empty for an article without terms) and ``length``; returns the rows written.
    """
    connection = _terms_database(os.getpid(), threading.get_ident())
    try:
        return _write_terms(connection, articles, target)
    finally:
        for table in ("batch_texts", "batch_terms"):
            connection.execute(f"DROP TABLE IF EXISTS {table}")


def _write_terms(connection: duckdb.DuckDBPyConnection, articles: Path, target: Path) -> int:
    row = connection.execute(
        f"CREATE TEMP TABLE batch_texts AS "
        f"SELECT row_number() OVER () AS key, article_id, source, uri, raw_id, {ARTICLE_TEXT} AS text "
        f"FROM read_json(?, format = 'newline_delimited', columns = {_ARTICLE_COLUMNS})",
        [str(articles)],
    ).fetchone()
    connection.execute(
        "CREATE TEMP TABLE batch_terms (key BIGINT, terms STRUCT(term_key UBIGINT, tf INTEGER)[], length INTEGER)"
    )
    for first in range(1, (int(row[0]) if row else 0) + 1, _ARTICLES_AT_ONCE):
        _count_terms(connection, first, first + _ARTICLES_AT_ONCE - 1)
    written = connection.execute(
        f"""
        COPY (
            SELECT t.article_id, t.source, t.uri, t.raw_id, coalesce(k.terms, []) AS terms,
                   coalesce(k.length, 0) AS length
            FROM batch_texts t LEFT JOIN batch_terms k USING (key)
            ORDER BY t.key
        ) TO '{_quoted(target)}' (FORMAT parquet, COMPRESSION zstd)
        """
    ).fetchone()
    return int(written[0]) if written else 0


def _count_terms(connection: duckdb.DuckDBPyConnection, first: int, last: int) -> None:
    # A slice at a time: the memory counting takes follows the slice, not the batch (a batch grows with the run).
    connection.execute(
        "CREATE OR REPLACE TEMP VIEW search_texts AS "
        f"SELECT key, text FROM batch_texts WHERE key BETWEEN {first} AND {last}"
    )
    connection.execute(
        f"""
        INSERT INTO batch_terms
        SELECT key, list({{'term_key': term_key, 'tf': tf}}), sum(tf)::INTEGER FROM ({TERMS_QUERY}) GROUP BY key
        """
    )


@cache
def _terms_database(pid: int, thread: int) -> duckdb.DuckDBPyConnection:
    """This process's counting database (by pid: a forked cleaning process must not use its parent's; by
    thread: a DuckDB connection serves one query at a time, and a worker may run tasks in threads).

    Opened once a process, not once a batch: an opening cost 42-59 ms (the fts extension's ``LOAD`` checks its
    signature each time), which weighs on the small batches of small runs and of Airflow's mapped tasks (a
    10,000-dump run has 20 batches; 100,000 dumps make 32 batches of 3,125). DuckDB's allocator is told to give
    back what a count used: a process then holds 38 MiB more between counts, not 50 (500 articles a count,
    ``/work/exp/terms_mem.py``).
    """
    connection = duckdb.connect()
    try:
        connection.execute("SET threads = 1")  # the cleaning processes are the parallelism
        connection.execute(f"SET memory_limit = '{_MEMORY_LIMIT}'")
        connection.execute(f"SET allocator_flush_threshold = '{_FLUSH_ABOVE}'")
        load_fts(connection)
        connection.execute(SEARCH_KEY_MACRO)
        listed = ", ".join(f"('{_quoted(word)}')" for word in _stopwords())
        connection.execute(f"CREATE TABLE search_stopwords AS SELECT * FROM (VALUES {listed}) AS stopwords(word)")
    except BaseException:
        connection.close()
        raise
    log.debug("process %d thread %d counts search terms", pid, thread)
    return connection


@cache
def _stopwords() -> tuple[str, ...]:
    """The fts extension's English stopword list, as the warehouse's search_stopwords was filled (sql/070)."""
    with duckdb.connect() as connection:
        load_fts(connection)
        connection.execute("CREATE TABLE stopword_probe (id INTEGER, text VARCHAR)")
        connection.execute("PRAGMA create_fts_index('stopword_probe', 'id', 'text', stopwords = 'english')")
        rows = connection.execute("SELECT sw FROM fts_main_stopword_probe.stopwords ORDER BY sw").fetchall()
    return tuple(str(word) for (word,) in rows)


def _quoted(text: Path | str) -> str:
    return str(text).replace("'", "''")
