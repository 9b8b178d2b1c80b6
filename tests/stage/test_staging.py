"""The staging area: a batch's files appear whole on commit, with the search terms of its articles."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsetl.stage import SEARCH_TERMS, StagingArea
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
    assert [path.name for path in staged] == ["batch-00001.parquet"]
    rows = _terms_of(staged[0])
    assert [article_id for article_id, _ in rows] == sorted(article["article_id"] for article in articles)
    assert all(length > 0 for _, length in rows)
    assert not list((tmp_path / "run-1").rglob(".*.tmp"))


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
    (tmp_path / "run-1" / SEARCH_TERMS / ".batch-00001.parquet.tmp").mkdir(parents=True)  # DuckDB cannot write here
    with staging.batch_writer("run-1", 1) as writer:
        writer.write("articles", make_article("site", "a.html", TIKTOK))
    assert staging.staged_search_terms("run-1") == []
    assert len(staging.staged_files("run-1", "articles")) == 1
