"""The analyst views answer from real loads."""

from __future__ import annotations

from datetime import date

from tests.dedup.test_minhash import OTHER, STORY
from tests.warehouse.conftest import Warehouse, make_article
from tests.warehouse.test_clusters import RETITLED


def _load(warehouse: Warehouse) -> None:
    wire = make_article("wire", "rail.json", STORY, published="2024-06-15T07:10:00+00:00")
    wire["authors"] = ["Lukas Berger", "Sofia Marin"]
    partner = make_article("partner", "rail.html", RETITLED, published="2024-06-15T08:05:00+00:00")
    partner["authors"] = ["Lukas Berger"]
    warehouse.load([wire, partner, make_article("wire", "solar.json", OTHER, published="2024-06-14T12:00:00+00:00")])


def test_every_view_reads(warehouse: Warehouse) -> None:
    _load(warehouse)
    views = [row[0] for row in warehouse.rows("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")]
    assert views == [
        "article_lineage",
        "article_versions",
        "articles_by_author",
        "daily_volume",
        "latest_articles",
        "learned_boilerplate",
        "rejections",
        "removed_by_rule",
        "removed_lines",
        "run_history",
        "stories",
    ]
    for view in views:
        warehouse.rows(f"SELECT * FROM {view}")


def test_daily_volume_counts_articles_and_stories_per_source_and_day(warehouse: Warehouse) -> None:
    _load(warehouse)
    assert warehouse.rows("SELECT source, day, articles, stories FROM daily_volume ORDER BY day, source") == [
        ("wire", date(2024, 6, 14), 1, 1),
        ("partner", date(2024, 6, 15), 1, 1),
        ("wire", date(2024, 6, 15), 1, 1),
    ]


def test_articles_by_author_counts_stories(warehouse: Warehouse) -> None:
    _load(warehouse)
    rows = warehouse.rows("SELECT author, sum(articles), count(DISTINCT source) FROM articles_by_author GROUP BY 1")
    assert sorted(rows) == [("Lukas Berger", 2, 2), ("Sofia Marin", 1, 1)]


def test_latest_articles_and_stories(warehouse: Warehouse) -> None:
    _load(warehouse)
    latest = warehouse.rows("SELECT source, story_copies FROM latest_articles")
    assert latest == [("partner", 2), ("wire", 2), ("wire", 1)]
    assert warehouse.rows("SELECT copies, source_names FROM stories ORDER BY copies DESC") == [
        (2, ["partner", "wire"]),
        (1, ["wire"]),
    ]
