"""Search terms counted where articles are staged: the same terms as the warehouse's own definition."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from newsetl.records import ArticleRow
from newsetl.warehouse import open_warehouse
from newsetl.warehouse.terms import stage_search_terms
from tests.warehouse.conftest import Warehouse, make_article, write_rows
from tests.warehouse.test_search import HYPHENATED, PARITY_TEXTS, TIKTOK

QUERY_POSTINGS = (
    "SELECT d.article_id, p.term_key, p.tf FROM search_postings p JOIN search_docs d USING (docid) ORDER BY ALL"
)
QUERY_LENGTHS = "SELECT article_id, len FROM search_docs ORDER BY ALL"


def _parity_articles(suffix: str = "") -> list[ArticleRow]:
    return [
        make_article("site", f"{n}.html", body + suffix, title=title)
        for n, (title, body) in enumerate([*PARITY_TEXTS, ("Klima", HYPHENATED)])
    ]


def _staged_terms(path: Path) -> set[tuple[str, int, int]]:
    rows = duckdb.sql(
        f"SELECT article_id, t.term_key, t.tf FROM (SELECT article_id, unnest(terms) AS t FROM read_parquet('{path}'))"
    ).fetchall()
    return {(str(article_id), int(term_key), int(tf)) for article_id, term_key, tf in rows}


def test_staged_terms_equal_the_warehouse_macro(warehouse: Warehouse, tmp_path: Path) -> None:
    articles = _parity_articles()
    warehouse.load(articles)
    # sql/071's macro, which indexed the articles stored before terms were staged, over the same articles.
    warehouse.connection.execute("CREATE TEMP TABLE pending AS SELECT docid, article_id FROM search_docs")
    theirs = warehouse.rows(
        "SELECT p.article_id, t.term_key, t.tf FROM search_terms_of('pending') t JOIN pending p USING (docid)"
    )
    staged = write_rows(tmp_path / "articles.jsonl", articles)
    assert stage_search_terms(staged, tmp_path / "terms.parquet") == len(articles)
    assert _staged_terms(tmp_path / "terms.parquet") == {(str(a), int(t), int(f)) for a, t, f in theirs}
    assert len(theirs) > 50


def test_counting_in_threads_at_once_gives_what_counting_one_after_another_gives(tmp_path: Path) -> None:
    # Each thread counts in a database of its own: one shared connection would mix the threads' tables.
    from concurrent.futures import ThreadPoolExecutor

    files = [write_rows(tmp_path / f"articles-{n}.jsonl", _parity_articles(f" Part {n}.")) for n in range(6)]
    alone = [stage_search_terms(path, path.with_suffix(".alone.parquet")) for path in files]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(lambda path: stage_search_terms(path, path.with_suffix(".together.parquet")), files))
    assert together == alone
    for path in files:
        assert _staged_terms(path.with_suffix(".together.parquet")) == _staged_terms(path.with_suffix(".alone.parquet"))


def test_an_article_without_terms_is_staged_with_none(tmp_path: Path) -> None:
    article = make_article("site", "stop.html", "The and of to in it is was were", title="The")
    stage_search_terms(write_rows(tmp_path / "articles.jsonl", [article]), tmp_path / "terms.parquet")
    rows = duckdb.sql(f"SELECT article_id, terms, length FROM read_parquet('{tmp_path / 'terms.parquet'}')")
    assert rows.fetchall() == [(article["article_id"], [], 0)]


def test_a_load_takes_staged_terms_and_counts_the_rest(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "counted").mkdir()
    (tmp_path / "mixed").mkdir()
    counted, mixed = Warehouse(tmp_path / "counted"), Warehouse(tmp_path / "mixed")
    for warehouse in (counted, mixed):
        warehouse.load(_parity_articles())
    # Changed articles, terms staged for some of them and listed twice (as a retried batch could leave them):
    # those are indexed from the staged rows, once each, and the others counted in the load.
    changed = _parity_articles(" " + TIKTOK)
    terms = tmp_path / "changed.parquet"
    stage_search_terms(write_rows(tmp_path / "changed.jsonl", changed[:4]), terms)
    counted.load(changed)
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        mixed.load(changed, search_terms=[terms, terms])
    assert f"counted in the load for {len(changed) - 4} article(s)" in caplog.text
    assert mixed.value("SELECT count(*) FROM search_docs") == len(changed)
    assert mixed.rows(QUERY_POSTINGS) == counted.rows(QUERY_POSTINGS)
    assert mixed.rows(QUERY_LENGTHS) == counted.rows(QUERY_LENGTHS)
    for warehouse in (counted, mixed):
        warehouse.connection.close()


def _fts_loaded(connection: duckdb.DuckDBPyConnection) -> bool:
    row = connection.execute("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'fts'").fetchone()
    return bool(row and row[0])


def test_the_pipeline_connection_loads_fts_only_to_count_terms(tmp_path: Path) -> None:
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    expected, pipeline = Warehouse(tmp_path / "with"), Warehouse(tmp_path / "without")
    expected.load(_parity_articles())
    pipeline.connection.close()
    with open_warehouse(pipeline.path, search=False) as connection:
        assert not _fts_loaded(connection)  # the schema is up to date: nothing to migrate, no fts
        pipeline.connection = connection
        pipeline.load(_parity_articles())  # no staged terms: they are counted in the load, which needs `stem`
        assert _fts_loaded(connection)
        assert pipeline.rows(QUERY_POSTINGS) == expected.rows(QUERY_POSTINGS)
    with open_warehouse(pipeline.path, search=False) as connection:
        pipeline.connection = connection
        pipeline.load(_parity_articles(), stage_terms=True)  # unchanged: nothing to index
        assert not _fts_loaded(connection)
    with open_warehouse(pipeline.path) as connection:
        assert _fts_loaded(connection)  # an analyst's connection can search
        found = connection.execute("SELECT title FROM search_articles('tiktok')").fetchall()
        assert ("TikTok and data security",) in found
        assert found == expected.rows("SELECT title FROM search_articles('tiktok')")
    expected.connection.close()
