"""Ranked full-text search over the warehouse: BM25 order, refreshed by every load, stories collapsed."""

from __future__ import annotations

from datetime import timedelta

from tests.dedup.test_minhash import OTHER, STORY
from tests.warehouse.conftest import T0, Warehouse, make_article
from tests.warehouse.test_clusters import RETITLED

TIKTOK = (
    "TikTok faces new questions over data security as regulators examine how user data is stored. "
    "The company says the data of its users is secure and kept on servers abroad."
)
SECURITY = (
    "The summit discussed security in the region and the cost of new ferries for the harbour. "
    "Officials said data on passenger numbers would be published next month."
)


def test_the_best_match_comes_first(warehouse: Warehouse) -> None:
    articles = [
        make_article("scmp", "security.txt", SECURITY, title="Harbour summit"),
        make_article("scmp", "tiktok.txt", TIKTOK, title="TikTok and data security"),
        make_article("wire", "solar.json", OTHER, title="Solar farm connected"),
    ]
    warehouse.load(articles)
    uris = {article["article_id"]: article["uri"] for article in articles}
    found = warehouse.rows("SELECT article_id, score FROM search_articles('tiktok data security') LIMIT 10")
    assert [uris[article_id] for article_id, _ in found] == ["tiktok.txt", "security.txt"]
    assert found[0][1] > found[1][1] > 0


def test_stemming_and_case_find_other_forms_of_a_word(warehouse: Warehouse) -> None:
    warehouse.load([make_article("scmp", "tiktok.txt", TIKTOK, title="TikTok")])
    assert warehouse.value("SELECT count(*) FROM search_articles('REGULATOR examining')") == 1


def test_each_load_refreshes_the_index(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "solar.json", OTHER)])
    assert warehouse.value("SELECT count(*) FROM search_articles('tiktok')") == 0
    warehouse.load([make_article("scmp", "tiktok.txt", TIKTOK)], at=T0 + timedelta(hours=1))
    assert warehouse.value("SELECT count(*) FROM search_articles('tiktok')") == 1
    warehouse.load([make_article("scmp", "tiktok.txt", OTHER)], at=T0 + timedelta(hours=2))
    assert warehouse.value("SELECT count(*) FROM search_articles('tiktok')") == 0


def test_search_stories_counts_a_story_once(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "rail.json", STORY), make_article("partner", "rail.html", RETITLED)])
    assert warehouse.value("SELECT count(*) FROM search_articles('rail strike pay')") == 2
    assert warehouse.rows("SELECT matching_copies FROM search_stories('rail strike pay')") == [(2,)]
