"""History: versions open and close as content changes, unchanged content adds nothing, loads are idempotent."""

from __future__ import annotations

from datetime import timedelta

from newsetl.checks.keys import check_history
from tests.warehouse.conftest import T0, Warehouse, make_article

BODY = "The council approved the new budget on Tuesday.\n\nSpending on schools rises by four percent."
CORRECTED = "The council approved the new budget on Wednesday.\n\nSpending on schools rises by four percent."
TABLES = ("articles", "article_versions", "raw_documents", "story_clusters", "article_signatures", "story_edges")


def _snapshot(warehouse: Warehouse) -> dict[str, list[tuple[object, ...]]]:
    return {table: warehouse.rows(f"SELECT * FROM {table} ORDER BY ALL") for table in TABLES}


def test_the_same_staged_run_loaded_twice_leaves_the_same_rows(warehouse: Warehouse) -> None:
    articles = [make_article("courier", "a.html", BODY), make_article("courier", "b.html", CORRECTED, title="B")]
    first = warehouse.load(articles)
    before = _snapshot(warehouse)
    second = warehouse.load(articles, at=T0 + timedelta(hours=1))
    assert first.totals["articles_new"] == 2
    assert second.totals["articles_unchanged"] == 2
    assert second.totals["articles_new"] == second.totals["articles_updated"] == 0
    assert _snapshot(warehouse) == before


def test_changed_content_closes_the_old_version_and_opens_a_new_one(warehouse: Warehouse) -> None:
    warehouse.load([make_article("courier", "a.html", BODY)])
    later = T0 + timedelta(days=1)
    counts = warehouse.load([make_article("courier", "a.html", CORRECTED, run_id="run-2")], at=later, run_id="run-2")
    assert counts.totals["articles_updated"] == 1
    versions = warehouse.rows(
        "SELECT version, valid_from, valid_to, ended_by, run_id, body LIKE '%Wednesday%' "
        "FROM article_versions ORDER BY version"
    )
    assert versions == [(1, T0, later, "updated", "run-1", False), (2, later, None, None, "run-2", True)]
    current = warehouse.rows("SELECT version, first_seen_at, loaded_at, run_id FROM articles")
    assert current == [(2, T0, later, "run-2")]


def test_unchanged_content_after_a_change_adds_nothing(warehouse: Warehouse) -> None:
    warehouse.load([make_article("courier", "a.html", BODY)])
    warehouse.load([make_article("courier", "a.html", CORRECTED)], at=T0 + timedelta(days=1))
    counts = warehouse.load([make_article("courier", "a.html", CORRECTED)], at=T0 + timedelta(days=2))
    assert counts.totals["articles_unchanged"] == 1
    assert warehouse.value("SELECT count(*) FROM article_versions") == 2
    assert warehouse.value("SELECT count(*) FROM article_versions WHERE valid_to IS NULL") == 1


def test_an_article_changing_back_gets_a_third_version(warehouse: Warehouse) -> None:
    for day, body in enumerate((BODY, CORRECTED, BODY)):
        warehouse.load([make_article("courier", "a.html", body)], at=T0 + timedelta(days=day))
    hashes = warehouse.rows("SELECT content_hash FROM article_versions ORDER BY version")
    assert len(hashes) == 3
    assert hashes[0] == hashes[2] != hashes[1]


def test_every_version_keeps_its_lineage(warehouse: Warehouse) -> None:
    warehouse.load([make_article("courier", "a.html", BODY)])
    warehouse.load([make_article("courier", "a.html", CORRECTED)], at=T0 + timedelta(days=1), run_id="run-2")
    lineage = warehouse.rows(
        "SELECT v.version, v.run_id, v.rules_version, d.landing_path IS NOT NULL FROM article_versions v "
        "JOIN raw_documents d ON d.raw_id = v.raw_id AND d.source = v.source AND d.uri = v.uri ORDER BY v.version"
    )
    assert lineage == [(1, "run-1", "test-rules", True), (2, "run-2", "test-rules", True)]


def test_amp_and_canonical_pages_of_one_story_are_one_article(warehouse: Warehouse) -> None:
    page = make_article("courier", "story.html", BODY, url="https://www.courier.example/news/story?utm_source=x")
    amp = make_article(
        "courier", "story-amp.html", BODY, url="https://amp.courier.example/news/story/amp", canonical=page["url"]
    )
    counts = warehouse.load([page, amp])
    assert counts.totals["articles_new"] == 1
    assert counts.totals["documents_duplicate"] == 1
    assert warehouse.rows("SELECT url_key FROM articles") == [("https://courier.example/news/story",)]


def test_a_document_that_names_another_article_now_retires_the_old_one(warehouse: Warehouse) -> None:
    warehouse.load([make_article("courier", "story.html", BODY, url="https://courier.example/news/old-slug")])
    moved = make_article(
        "courier",
        "story.html",
        BODY,
        url="https://courier.example/news/old-slug",
        canonical="https://courier.example/news/new-slug",
    )
    later = T0 + timedelta(days=1)
    counts = warehouse.load([moved], at=later, run_id="run-2")
    assert counts.per_source["courier"]["articles_retired"] == 1
    assert counts.per_source["courier"]["articles_new"] == 1
    assert warehouse.rows("SELECT url_key FROM articles") == [("https://courier.example/news/new-slug",)]
    assert warehouse.rows("SELECT url_key, valid_to, ended_by FROM article_versions ORDER BY valid_from") == [
        ("https://courier.example/news/old-slug", later, "retired"),
        ("https://courier.example/news/new-slug", None, None),
    ]
    assert warehouse.value("SELECT count(*) FROM story_clusters") == 1


def test_a_retired_article_named_again_continues_its_numbering(warehouse: Warehouse) -> None:
    old_slug = "https://courier.example/news/old-slug"
    warehouse.load([make_article("courier", "story.html", BODY, url=old_slug)])
    moved = make_article("courier", "story.html", BODY, url=old_slug, canonical="https://courier.example/news/new")
    warehouse.load([moved], at=T0 + timedelta(days=1), run_id="run-2")
    back = make_article("courier", "story.html", BODY, url=old_slug, run_id="run-3")
    counts = warehouse.load([back], at=T0 + timedelta(days=2), run_id="run-3")
    assert counts.totals["articles_new"] == counts.totals["articles_retired"] == 1
    versions = warehouse.rows(
        "SELECT url_key, version, ended_by FROM article_versions WHERE url_key = ? ORDER BY version", old_slug
    )
    assert versions == [(old_slug, 1, "retired"), (old_slug, 2, None)]
    assert check_history(warehouse.connection).status == "pass"


def test_closed_versions_are_stored_once_and_the_current_one_is_the_article(warehouse: Warehouse) -> None:
    warehouse.load([make_article("courier", "a.html", BODY)])
    warehouse.load([make_article("courier", "a.html", CORRECTED)], at=T0 + timedelta(days=1))
    assert warehouse.rows("SELECT version, ended_by FROM article_history") == [(1, "updated")]
    columns = "article_id, version, title, body, authors, content_hash, raw_id, run_id, rules_version"
    current = warehouse.rows(f"SELECT {columns}, valid_from FROM article_versions WHERE valid_to IS NULL")
    assert current == warehouse.rows(f"SELECT {columns}, loaded_at FROM articles")
