"""Ranked full-text search over the warehouse: BM25 order, refreshed by every load, stories collapsed."""

from __future__ import annotations

import hashlib
import logging
import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from newsetl.warehouse import migrate, migrations
from newsetl.warehouse.migrate import Migration
from newsetl.warehouse.search import sort_postings, sorted_runs
from newsetl.warehouse.terms import SEARCH_KEY_MACRO
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


# Accents, case, digits and punctuation, several languages, a Greek question mark (folds to ';'), stopwords only.
PARITY_TEXTS = [
    ("Régierung élue", "La régierung a été élue; l'élection s'est tenue à Paris le 3 mai. Élections, élus, ÉLU."),
    ("Bürgermeister", "Der Bürgermeister sagte: „Die Straße wird 2025 gebaut.“ Straßen-Bau, STRASSE, strasse."),
    ("TikTok and data security", TIKTOK),
    ("Harbour summit", SECURITY),
    ("Ferry", "Ferries, ferry's, FERRY—the ferry-man (ferrymen) said #ferry @port 3ferries ferry_boat."),
    ("Greek", "τι;λέξη και λέξεις· κόσμος; ΚΌΣΜΟΣ Άλφα"),
    ("Case folding", "İstanbul ISTANBUL ẞtraße STRASSE Kelvin K Ωmega Ω"),
    ("Stopwords", "The and of to in it is was were"),
    ("中文", "中文新闻 数据安全 TikTok"),
    # Only ASCII whitespace separates words (RE2's \s): no-break, em and ideographic spaces and \v stay inside.
    ("Spaces", "tab\tword new\nline cr\rword ff\fword vt\vword nb\u00a0sp em\u2003sp ideo\u3000sp"),
]
PARITY_QUERIES = [
    "tiktok data security",
    "ferry",
    "régierung ELECTION",
    "strasse bürgermeister",
    "λέξη κόσμος",
    "the and",
    "数据安全",
    "ferryman's 2025",
    "istanbul straße kelvin ωmega",
]


@pytest.mark.parametrize("staged", [True, False], ids=["terms-staged", "terms-counted-in-the-load"])
def test_scores_equal_the_fts_extension_on_a_freshly_built_index(
    warehouse: Warehouse, staged: bool, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        warehouse.load(
            [make_article("site", f"{n}.html", body, title=title) for n, (title, body) in enumerate(PARITY_TEXTS)],
            stage_terms=staged,
        )
    assert ("counted in the load" in caplog.text) is not staged
    # The index the fts extension builds from scratch over the same articles, with the options newsetl used.
    warehouse.connection.execute(
        "PRAGMA create_fts_index('articles', 'article_id', 'title', 'summary', 'body', stemmer = 'porter', "
        "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
    )
    for query in PARITY_QUERIES:
        ours = dict(warehouse.rows("SELECT article_id, score FROM search_articles(?)", query))
        theirs = dict(
            warehouse.rows(
                "SELECT article_id, fts_main_articles.match_bm25(article_id, ?) AS score FROM articles "
                "WHERE score IS NOT NULL",
                query,
            )
        )
        assert ours.keys() == theirs.keys(), query
        for article_id, score in theirs.items():
            assert ours[article_id] == pytest.approx(score, rel=1e-12), query
    assert warehouse.value("SELECT count(*) FROM search_articles('ferry')") > 0


def test_a_changed_or_retired_article_leaves_no_terms_behind(warehouse: Warehouse) -> None:
    warehouse.load([make_article("scmp", "tiktok.txt", TIKTOK), make_article("wire", "solar.json", OTHER)])
    terms = warehouse.value("SELECT count(*) FROM search_postings")
    warehouse.load([make_article("scmp", "tiktok.txt", TIKTOK), make_article("wire", "solar.json", OTHER)])
    assert warehouse.value("SELECT count(*) FROM search_postings") == terms  # unchanged: nothing indexed again
    warehouse.load([make_article("scmp", "tiktok.txt", SECURITY)], at=T0 + timedelta(hours=1))
    assert warehouse.value("SELECT count(*) FROM search_docs") == 2
    assert (
        warehouse.value("SELECT count(*) FROM search_postings WHERE docid NOT IN (SELECT docid FROM search_docs)") == 0
    )
    assert warehouse.value("SELECT count(*) FROM search_articles('tiktok')") == 0
    assert warehouse.value("SELECT count(*) FROM search_articles('harbour')") == 1


def _stored_before(tmp_path: Path, version: int, articles: list[tuple[str, str]]) -> duckdb.DuckDBPyConnection:
    """A warehouse migrated to just below ``version``, holding ``articles`` (title, body) as ids a0, a1, …"""
    before = tmp_path / "sql-before"
    before.mkdir()
    for migration in migrations():
        if migration.version < version:
            shutil.copy(migration.path, before)
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(connection, before)
    for n, (title, body) in enumerate(articles):
        connection.execute(
            "INSERT INTO articles (article_id, source, uri, title, body, authors, tags, captions, word_count, "
            "content_hash, raw_id, run_id, extractor, rules_version) "
            "VALUES (?, 'wire', ?, ?, ?, [], [], [], 1, 'h', 'r', 'old-run', 'html', 'v0')",
            [f"a{n}", f"{n}.json", title, body],
        )
    return connection


def test_schema_070_indexes_the_articles_already_stored(tmp_path: Path) -> None:
    with _stored_before(tmp_path, 70, [("TikTok", TIKTOK), ("Solar", OTHER)]) as connection:
        migrate(connection)
        assert connection.execute("SELECT count(*) FROM search_docs").fetchone() == (2,)
        schemas = "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'fts_main_articles'"
        assert connection.execute(schemas).fetchone() == (0,)
        assert connection.execute("SELECT title FROM search_articles('tiktok')").fetchall() == [("TikTok",)]


def md5_key(term: str) -> int:
    """A term's key as sql/097 defines it: the first 8 bytes of its MD5, big-endian."""
    return int.from_bytes(hashlib.md5(term.encode()).digest()[:8], "big")


@pytest.mark.parametrize("term", ["klimawandel", "tiktok", "\u00e9nergi", "\u6c14\u5019", "a"])
def test_a_terms_key_is_its_md5_in_the_warehouse_and_where_terms_are_counted(warehouse: Warehouse, term: str) -> None:
    # Keys stored by one DuckDB release must be found by the next: MD5 is fixed, a release's `hash` is not.
    assert warehouse.value("SELECT search_key(?)", term) == md5_key(term)
    with duckdb.connect() as counting:
        counting.execute(SEARCH_KEY_MACRO)
        assert counting.execute("SELECT search_key(?)", [term]).fetchone() == (md5_key(term),)


HYPHENATED = (
    "Die Kommission berät über den Klima\u00adwandel und die Energie\u00adwende; "
    "die Sitzung\u200b beginnt am Montag.\ufeff"
)


@pytest.mark.parametrize("staged", [True, False], ids=["terms-staged", "terms-counted-in-the-load"])
def test_a_word_hyphenated_for_the_browser_is_found_whole(warehouse: Warehouse, staged: bool) -> None:
    # A soft hyphen (&shy;), a zero-width space or a byte-order mark inside a word is formatting, not a letter.
    warehouse.load([make_article("ch", "klima.txt", HYPHENATED, title="Klima")], stage_terms=staged)
    for query in ("Klimawandel", "energiewende", "Sitzung", "Klima\u00adwandel"):
        assert warehouse.value("SELECT count(*) FROM search_articles(?)", query) == 1, query
    postings_of = "SELECT count(*) FROM search_postings WHERE term_key = search_key(stem(?, 'porter'))"
    assert warehouse.value(postings_of, "klima\u00adwandel") == 0
    assert warehouse.value(postings_of, "klimawandel") == 1


def test_schema_095_indexes_again_the_stored_articles_that_hold_invisible_characters(tmp_path: Path) -> None:
    with _stored_before(tmp_path, 95, [("Klima", HYPHENATED), ("TikTok", TIKTOK)]) as connection:
        # Indexed as the loads before 095 indexed them (sql/071's macro).
        connection.execute(
            "CREATE TEMP TABLE pending AS SELECT nextval('search_docid') AS docid, article_id FROM articles"
        )
        connection.execute("INSERT INTO search_postings SELECT * FROM search_terms_of('pending')")
        connection.execute(
            "INSERT INTO search_docs SELECT p.docid, p.article_id, coalesce(sum(t.tf), 0) "
            "FROM pending p LEFT JOIN search_postings t USING (docid) GROUP BY ALL"
        )
        search = "SELECT count(*) FROM search_articles('Klimawandel')"
        assert connection.execute(search).fetchone() == (0,)  # the old terms: klima­wandel
        tiktok_before = connection.execute(
            "SELECT term, tf FROM search_postings p JOIN search_docs d USING (docid) "
            "WHERE d.article_id = 'a1' ORDER BY ALL"
        ).fetchall()
        assert len(tiktok_before) > 10
        migrate(connection)
        assert connection.execute(search).fetchone() == (1,)
        lengths = "SELECT d.len, (SELECT sum(tf) FROM search_postings p WHERE p.docid = d.docid) FROM search_docs d"
        assert all(length == total for length, total in connection.execute(lengths).fetchall())
        tiktok_after = connection.execute(
            "SELECT term_key, tf FROM search_postings p JOIN search_docs d USING (docid) "
            "WHERE d.article_id = 'a1' ORDER BY ALL"
        ).fetchall()
        assert tiktok_after == sorted((md5_key(term), tf) for term, tf in tiktok_before)  # sql/097 keyed them


def _sorted_runs_in(warehouse: Warehouse) -> int:
    """Runs of the postings in their stored order: where a term sorts below the one before it, a run begins."""
    descents = warehouse.value(
        "SELECT count(*) FILTER (term_key < previous) FROM "
        "(SELECT term_key, lag(term_key) OVER (ORDER BY rowid) AS previous FROM search_postings)"
    )
    return int(descents) + 1


def test_each_indexing_load_adds_a_sorted_run_and_sorting_makes_one(warehouse: Warehouse) -> None:
    for hour, (uri, body) in enumerate([("tiktok.txt", TIKTOK), ("security.txt", SECURITY), ("solar.json", OTHER)]):
        warehouse.load([make_article("scmp", uri, body, title=uri)], at=T0 + timedelta(hours=hour))
    warehouse.load([make_article("scmp", "tiktok.txt", TIKTOK, title="tiktok.txt")], at=T0 + timedelta(hours=3))
    assert warehouse.value("SELECT sorted_runs FROM search_layout") == 3  # the unchanged article indexed nothing
    assert _sorted_runs_in(warehouse) == 3
    query = "SELECT article_id, score FROM search_articles('data security ferries') ORDER BY ALL"
    before = warehouse.rows(query)
    postings = warehouse.value("SELECT count(*) FROM search_postings")
    assert sort_postings(warehouse.connection) == postings
    assert sorted_runs(warehouse.connection) == 1
    assert _sorted_runs_in(warehouse) == 1
    assert warehouse.rows(query) == before
    assert len(before) == 2


def test_schema_096_counts_a_sorted_run_for_each_load_that_wrote_articles(tmp_path: Path) -> None:
    with _stored_before(tmp_path, 96, []) as connection:
        connection.execute(
            "INSERT INTO runs (run_id, trigger, sources, status, started_at, articles_new, articles_updated) "
            "VALUES ('r1', 'cli', ['wire'], 'checked', now(), 3, 0), ('r2', 'cli', ['wire'], 'checked', now(), 0, 0), "
            "('r3', 'cli', ['wire'], 'checked', now(), 0, 2)"
        )
        shutil.copy(_migration(96).path, tmp_path / "sql-before")
        migrate(connection, tmp_path / "sql-before")
        assert connection.execute("SELECT sorted_runs FROM search_layout").fetchone() == (2,)


def test_schema_097_keys_the_stored_terms_as_one_sorted_run(tmp_path: Path) -> None:
    with _stored_before(tmp_path, 97, [("TikTok", TIKTOK), ("Solar", OTHER), ("Klima", HYPHENATED)]) as connection:
        for docid in range(3):  # indexed as the loads before 097 indexed them, one load an article
            connection.execute(
                f"CREATE OR REPLACE TEMP TABLE pending AS SELECT {docid} AS docid, 'a{docid}' AS article_id"
            )
            connection.execute("INSERT INTO search_postings SELECT * FROM search_terms_of('pending') ORDER BY term")
            connection.execute(
                "INSERT INTO search_docs SELECT p.docid, p.article_id, sum(t.tf) "
                "FROM pending p JOIN search_postings t USING (docid) GROUP BY ALL"
            )
        connection.execute("UPDATE search_layout SET sorted_runs = 3")
        query = "SELECT article_id, score FROM search_articles('klimawandel tiktok video') ORDER BY ALL"
        found_before = connection.execute(query).fetchall()
        terms_before = connection.execute("SELECT term, docid, tf FROM search_postings").fetchall()
        migrate(connection)
        assert connection.execute(query).fetchall() == found_before
        assert len(found_before) == 2
        keyed = connection.execute("SELECT term_key, docid, tf FROM search_postings ORDER BY rowid").fetchall()
        assert sorted(keyed) == sorted((md5_key(term), docid, tf) for term, docid, tf in terms_before)
        assert [key for key, _, _ in keyed] == sorted(key for key, _, _ in keyed)
        assert connection.execute("SELECT sorted_runs FROM search_layout").fetchone() == (1,)


def _migration(version: int) -> Migration:
    return next(migration for migration in migrations() if migration.version == version)
