"""The load reads each written article's row from its staged file; these pin which row that is."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from newsetl.errors import WarehouseError
from newsetl.records import ArticleRow
from newsetl.stage import StagedTable
from newsetl.warehouse import LoadCounts, load_staged
from newsetl.warehouse.load import _check_one_row_an_article
from tests.warehouse.conftest import T0, Warehouse, make_article, raw_row, write_rows


def _load(warehouse: Warehouse, batches: list[list[ArticleRow]]) -> LoadCounts:
    """Each inner list is one staged batch file, in order."""
    folder = warehouse.folder / "stage"
    articles = [write_rows(folder / f"articles-{n}.jsonl", rows) for n, rows in enumerate(batches)]
    raws = [
        write_rows(folder / f"raw-{n}.jsonl", [raw_row(row, "run-1", T0) for row in rows])
        for n, rows in enumerate(batches)
    ]
    files: dict[StagedTable, list[Path]] = {"articles": articles, "raw_documents": raws}
    return load_staged(warehouse.connection, files, loaded_at=T0)


def test_a_document_staged_twice_in_one_file_is_written_once(warehouse: Warehouse) -> None:
    article = make_article("wire", "a.txt", "One body.")
    counts = _load(warehouse, [[article, article]])
    assert (counts.totals["articles_new"], counts.totals["documents_duplicate"]) == (1, 1)
    assert warehouse.rows("SELECT uri, body FROM articles") == [("a.txt", "One body.")]


def test_the_last_file_s_row_of_an_article_is_the_one_written(warehouse: Warehouse) -> None:
    first = make_article("wire", "a.txt", "The first body.", url="https://example.test/a")
    second = make_article("wire", "b.txt", "The second body.", url="https://example.test/a")
    assert first["article_id"] == second["article_id"]
    _load(warehouse, [[first], [second]])
    assert warehouse.rows("SELECT uri, body, version FROM articles") == [("b.txt", "The second body.", 1)]


def test_articles_keep_one_row_an_article_without_a_key_index(warehouse: Warehouse) -> None:
    # sql/072 and sql/073: an index would make every load rewrite the table's last row group.
    assert warehouse.rows(
        "SELECT count(*) FROM duckdb_constraints() "
        "WHERE table_name IN ('articles', 'article_signatures') AND constraint_type = 'PRIMARY KEY'"
    ) == [(0,)]
    article = make_article("wire", "a.txt", "One body.")
    _load(warehouse, [[article]])
    _load(warehouse, [[article, make_article("wire", "b.txt", "Another body.")]])
    assert warehouse.rows("SELECT uri, count(*) FROM articles GROUP BY uri ORDER BY uri") == [
        ("a.txt", 1),
        ("b.txt", 1),
    ]


def test_a_load_that_would_leave_an_article_twice_commits_nothing(warehouse: Warehouse) -> None:
    article = make_article("wire", "a.txt", "One body.")
    _load(warehouse, [[article]])
    # A second row for the article, as a bug (or a hand-made insert) would leave it.
    warehouse.connection.execute("INSERT INTO articles SELECT * FROM articles")
    changed = make_article("wire", "a.txt", "A corrected body.")
    with pytest.raises(WarehouseError, match=f"article {article['article_id']} in articles more than once"):
        _load(warehouse, [[changed]])
    assert warehouse.rows("SELECT body, count(*) FROM articles GROUP BY body") == [("One body.", 2)]
    assert warehouse.rows("SELECT count(*) FROM raw_documents") == [(1,)]


def test_the_guard_also_finds_an_article_signed_twice(warehouse: Warehouse) -> None:
    # The load deletes the signatures of the articles it writes before it inserts theirs, so no staged input makes
    # two; the guard is checked on a table in that state, as the load would leave it if that step broke.
    article = make_article("wire", "a.txt", "One body.")
    _load(warehouse, [[article]])
    connection = warehouse.connection
    for _ in range(2):
        connection.execute("INSERT INTO article_signatures VALUES (?, 'test', [1, 2, 3])", [article["article_id"]])
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE article_winners AS SELECT article_id, 'new' AS change FROM articles"
    )
    with pytest.raises(WarehouseError, match="in article_signatures more than once"):
        _check_one_row_an_article(connection, "article_signatures")
    _check_one_row_an_article(connection, "articles")


def test_every_staged_column_reaches_the_article(warehouse: Warehouse) -> None:
    article = make_article("wire", "a.txt", "Para one.\n\nPara two.", title="Full row", url="https://example.test/a")
    article["authors"], article["tags"] = ["A. Writer"], ["energy"]
    article["section"], article["summary"] = "News", "In short."
    article["captions"] = [{"text": "A photo.", "credit": "Agency"}]
    _load(warehouse, [[article]])
    staged: dict[str, Any] = dict(article)
    columns = ["article_id", "url", "url_key", "title", "summary", "body", "authors", "section", "tags", "captions"]
    columns += ["word_count", "content_hash", "raw_id", "extractor", "rules_version", "language"]
    stored = warehouse.rows(f"SELECT {', '.join(columns)} FROM articles")
    assert stored == [tuple(staged[name] for name in columns)]


def test_removed_lines_are_stored_a_list_a_document_and_read_a_row_a_line(warehouse: Warehouse) -> None:
    with_lines = make_article("wire", "a.txt", "One body.")
    without = make_article("wire", "b.txt", "Another body.")
    staged = [
        {
            **_keys(with_lines),
            "lines": [{"line": 1, "rule": "nav-run", "text": "Home"}, {"line": 4, "rule": "ad-label", "text": "Ad"}],
        },
        {**_keys(without), "lines": []},
    ]
    files: dict[StagedTable, list[Path]] = {
        "articles": [write_rows(warehouse.folder / "a.jsonl", [with_lines, without])],
        "raw_documents": [
            write_rows(warehouse.folder / "r.jsonl", [raw_row(row, "run-1", T0) for row in (with_lines, without)])
        ],
        "removed_lines": [write_rows(warehouse.folder / "l.jsonl", staged)],
    }
    load_staged(warehouse.connection, files, loaded_at=T0)
    assert warehouse.rows("SELECT article_id, len(lines) FROM removed_line_lists") == [(with_lines["article_id"], 2)]
    assert warehouse.rows("SELECT line_no, rule_id, text FROM removed_lines ORDER BY line_no") == [
        (1, "nav-run", "Home"),
        (4, "ad-label", "Ad"),
    ]


def _keys(article: ArticleRow) -> dict[str, Any]:
    row: dict[str, Any] = dict(article)
    return {name: row[name] for name in ("article_id", "raw_id", "source", "uri", "run_id")}


def test_a_changed_article_replaces_its_lines_stored_a_line_a_row_with_one_list(warehouse: Warehouse) -> None:
    article = make_article("wire", "a.txt", "The new body.")
    # As sql/093 leaves lines loaded before it: a one-line list a row, under an older version of the article.
    warehouse.load([make_article("wire", "a.txt", "The old body.")])
    warehouse.connection.execute(
        "INSERT INTO removed_line_lists VALUES (?, 'old', 'wire', 'run-0', [{'line': 1, 'rule': 'nav-run', "
        "'text': 'Home'}]), (?, 'old', 'wire', 'run-0', [{'line': 2, 'rule': 'ad-label', 'text': 'Ad'}])",
        [article["article_id"], article["article_id"]],
    )
    files: dict[StagedTable, list[Path]] = {
        "articles": [write_rows(warehouse.folder / "a.jsonl", [article])],
        "raw_documents": [write_rows(warehouse.folder / "r.jsonl", [raw_row(article, "run-1", T0)])],
        "removed_lines": [
            write_rows(
                warehouse.folder / "l.jsonl",
                [{**_keys(article), "lines": [{"line": 3, "rule": "ad-label", "text": "Ad"}]}],
            )
        ],
    }
    counts = load_staged(warehouse.connection, files, loaded_at=T0)
    assert counts.totals["articles_updated"] == 1
    assert warehouse.rows("SELECT raw_id = ?, len(lines) FROM removed_line_lists", article["raw_id"]) == [(True, 1)]
    assert warehouse.rows("SELECT line_no, rule_id FROM removed_lines") == [(3, "ad-label")]


def test_a_load_commits_into_the_database_file_not_its_write_ahead_log(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", f"story-{number}.json", f"Body number {number}.") for number in range(20)])
    wal = warehouse.path.with_name(warehouse.path.name + ".wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert warehouse.value("SELECT current_setting('checkpoint_threshold')") == "16.0 MiB"  # DuckDB's, as before
    assert warehouse.value("SELECT count(*) FROM articles") == 20


def test_an_article_cleaned_again_under_new_rules_takes_what_they_derive_in_place(warehouse: Warehouse) -> None:
    # Same content (same hash), other rules: the derived fields are the new cleaning's, the version stays 1.
    body = " ".join(f"Sentence number {n} of the story about the ferry timetable." for n in range(12))
    first = make_article("wire", "a.txt", body)
    warehouse.load([first])
    again: dict[str, Any] = dict(make_article("wire", "a.txt", body))
    again.update(rules_version="newer-rules", word_count=99, language="de", updated_at="2024-06-16T09:00:00+00:00")
    again.update(tags=["ferries"], section="Region", reading_time_minutes=3)
    again["minhash"] = [value ^ 1 for value in first["minhash"] or []]
    counts = warehouse.load([again], at=T0 + timedelta(hours=1), run_id="run-2")  # type: ignore[list-item]
    assert counts.totals["articles_unchanged"] == 1
    stored = warehouse.rows(
        "SELECT version, rules_version, word_count, language, updated_at IS NOT NULL, tags, section, "
        "reading_time_minutes FROM articles"
    )
    assert stored == [(1, "newer-rules", 99, "de", True, ["ferries"], "Region", 3)]
    assert warehouse.value("SELECT count(*) FROM article_history") == 0
    assert warehouse.rows("SELECT minhash FROM article_signatures") == [(again["minhash"],)]


def _stage_with_lines(warehouse: Warehouse, name: str, articles: list[ArticleRow]) -> dict[StagedTable, list[Path]]:
    lines = [
        {**_keys(row), "lines": [{"line": 1, "rule": "nav-run", "text": f"Menu of {row['uri']}"}]} for row in articles
    ]
    return {
        "articles": [write_rows(warehouse.folder / f"{name}-a.jsonl", articles)],
        "raw_documents": [
            write_rows(warehouse.folder / f"{name}-r.jsonl", [raw_row(row, name, T0) for row in articles])
        ],
        "removed_lines": [write_rows(warehouse.folder / f"{name}-l.jsonl", lines)],
    }


def test_a_load_writes_only_the_rows_it_decided_to_even_when_most_are_new(warehouse: Warehouse) -> None:
    # A first load writes its staged rows as they are; once a cleaned document is unchanged (or repeated), each row
    # is held to what was decided for it, and the unchanged article keeps its one list of removed lines.
    kept, changed = make_article("wire", "a.txt", "One body."), make_article("wire", "b.txt", "Old body.")
    load_staged(warehouse.connection, _stage_with_lines(warehouse, "run-1", [kept, changed]), loaded_at=T0)
    later = T0 + timedelta(days=1)
    again = [kept, make_article("wire", "b.txt", "New body."), make_article("wire", "c.txt", "Third body.")]
    counts = load_staged(warehouse.connection, _stage_with_lines(warehouse, "run-2", again), loaded_at=later)
    assert [counts.totals[name] for name in ("articles_new", "articles_updated", "articles_unchanged")] == [1, 1, 1]
    assert warehouse.rows(
        "SELECT uri, version, first_seen_at = ?, loaded_at = ? FROM articles ORDER BY uri", T0, later
    ) == [
        ("a.txt", 1, True, False),
        ("b.txt", 2, True, True),
        ("c.txt", 1, False, True),
    ]
    assert warehouse.rows(
        "SELECT a.uri, count(*) FROM removed_line_lists l JOIN articles a USING (article_id) GROUP BY a.uri ORDER BY 1"
    ) == [("a.txt", 1), ("b.txt", 1), ("c.txt", 1)]


def test_a_first_load_stores_first_versions_dated_by_the_load(warehouse: Warehouse) -> None:
    rows = [make_article("wire", f"{n}.txt", f"Body {n}.") for n in range(3)]
    load_staged(warehouse.connection, _stage_with_lines(warehouse, "run-1", rows), loaded_at=T0)
    assert warehouse.rows("SELECT DISTINCT version, first_seen_at, loaded_at FROM articles") == [(1, T0, T0)]
    assert warehouse.rows("SELECT count(*), sum(len(lines)) FROM removed_line_lists") == [(3, 3)]
