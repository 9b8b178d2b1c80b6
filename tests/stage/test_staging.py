"""The staging area: a batch's files appear whole on commit, with the search terms of its articles."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsetl.records import ArticleRow
from newsetl.stage import SEARCH_TERMS, TERMS_PART, StagingArea
from tests.warehouse.conftest import make_article
from tests.warehouse.test_search import TIKTOK


def _terms_of(path: Path) -> list[tuple[str, int]]:
    return duckdb.sql(f"SELECT article_id, length FROM read_parquet('{path}') ORDER BY ALL").fetchall()


def test_a_committed_batch_has_the_search_terms_of_its_articles(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)
    articles = [make_article("site", "a.html", TIKTOK), make_article("site", "b.html", "Ferries and harbours.")]
    with staging.batch_writer("run-1", 1) as writer:
        for article in articles:
            writer.write("articles", article)
    staged = staging.staged_search_terms("run-1")
    assert [path.name for path in staged] == ["batch-00001-001.parquet"]
    rows = _terms_of(staged[0])
    assert [article_id for article_id, _ in rows] == sorted(article["article_id"] for article in articles)
    assert all(length > 0 for _, length in rows)
    assert not list((tmp_path / "run-1").rglob(".*.tmp"))


def _many_articles(count: int) -> list[ArticleRow]:
    return [make_article("site", f"{number}.html", f"Ferry number {number} sails at dawn.") for number in range(count)]


def test_terms_are_counted_a_part_at_a_time_as_articles_are_written(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)
    articles = _many_articles(2 * TERMS_PART + 1)
    with staging.batch_writer("run-1", 1) as writer:
        for article in articles:
            writer.write("articles", article)
            if writer.terms_due:
                writer.stage_search_terms()
        assert not writer.terms_due
    staged = staging.staged_search_terms("run-1")
    assert [path.name for path in staged] == [f"batch-00001-00{part}.parquet" for part in (1, 2, 3)]
    assert [len(_terms_of(path)) for path in staged] == [TERMS_PART, TERMS_PART, 1]
    counted = sorted(article_id for path in staged for article_id, _ in _terms_of(path))
    assert counted == sorted(article["article_id"] for article in articles)


def test_a_retry_with_fewer_parts_leaves_none_of_the_earlier_ones(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)
    with staging.batch_writer("run-1", 1) as writer:
        for article in _many_articles(TERMS_PART + 1):
            writer.write("articles", article)
            if writer.terms_due:
                writer.stage_search_terms()
    (tmp_path / "run-1" / SEARCH_TERMS / "batch-00001.parquet").write_bytes(b"from a version before parts")
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("articles", make_article("site", "a.html", TIKTOK))
    assert [path.name for path in staging.staged_search_terms("run-1")] == ["batch-00001-001.parquet"]


def test_terms_staged_as_text_before_term_keys_are_not_taken(tmp_path: Path) -> None:
    # A run staged by a version before sql/097 and loaded after it: the load counts those articles' terms.
    staging = StagingArea(tmp_path)
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("articles", make_article("site", "a.html", TIKTOK))
    (tmp_path / "run-1" / "search_terms").mkdir()
    (tmp_path / "run-1" / "search_terms" / "batch-00001-002.parquet").write_bytes(b"terms as text")
    assert [path.name for path in staging.staged_search_terms("run-1")] == ["batch-00001-001.parquet"]


def test_a_retried_batch_replaces_all_of_its_files(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("articles", make_article("site", "a.html", TIKTOK))
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("rejected_documents", {"source": "site", "uri": "a.html"})
    assert staging.staged_search_terms("run-1") == []
    assert staging.staged_files("run-1", "articles") == []
    assert len(staging.staged_files("run-1", "rejected_documents")) == 1


def test_an_aborted_batch_leaves_nothing(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)

    def killed_while_staging() -> None:
        with staging.batch_writer("run-1", 1) as writer:
            writer.write("articles", make_article("site", "a.html", TIKTOK))
            writer.stage_search_terms()
            raise RuntimeError("the task was killed")

    with pytest.raises(RuntimeError):
        killed_while_staging()
    assert not [path for path in (tmp_path / "run-1").rglob("*") if path.is_file()]


def test_a_batch_whose_terms_cannot_be_counted_is_staged_without_them(tmp_path: Path) -> None:
    staging = StagingArea(tmp_path)
    (tmp_path / "run-1" / SEARCH_TERMS / ".batch-00001-001.parquet.tmp").mkdir(parents=True)  # DuckDB cannot write
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("articles", make_article("site", "a.html", TIKTOK))
    assert staging.staged_search_terms("run-1") == []
    assert len(staging.staged_files("run-1", "articles")) == 1
