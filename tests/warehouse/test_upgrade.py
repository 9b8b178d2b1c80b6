"""A warehouse made before history and clusters existed upgrades in place: every article gets version 1 and a
story, so the checks hold from the first load after the upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from newsetl.checks.keys import check_history
from newsetl.warehouse import migrate, sql_dir


def test_schema_020_on_an_existing_warehouse_backfills_versions_and_stories(tmp_path: Path) -> None:
    before = tmp_path / "sql-before"
    before.mkdir()
    shutil.copy(sql_dir() / "001_core.sql", before)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        migrate(connection, before)
        connection.execute(
            "INSERT INTO runs (run_id, trigger, sources, started_at, status) "
            "VALUES ('old-run', 'cli', ['wire'], TIMESTAMPTZ '2026-10-01 00:00:00+00', 'checked')"
        )
        connection.execute(
            "INSERT INTO articles (article_id, source, uri, title, body, authors, tags, captions, word_count, "
            "content_hash, raw_id, run_id, extractor, rules_version) VALUES ('a1', 'wire', 'a.json', 'T', 'Body', "
            "[], [], [], 1, 'h1', 'r1', 'old-run', 'html', 'v0')"
        )
        migrate(connection)
        assert connection.execute(
            "SELECT version, valid_from, valid_to, content_hash, run_id FROM article_versions"
        ).fetchall() == [(1, connection.execute("SELECT started_at FROM runs").fetchone()[0], None, "h1", "old-run")]
        assert connection.execute("SELECT version, first_seen_at = loaded_at FROM articles").fetchall() == [(1, True)]
        assert connection.execute("SELECT article_id, story_id FROM story_clusters").fetchall() == [("a1", "a1")]
        assert check_history(connection).status == "pass"


def test_schema_092_keeps_every_version_and_stores_only_the_closed_ones(tmp_path: Path) -> None:
    with _warehouse_before(92, tmp_path) as connection:
        connection.execute(
            "INSERT INTO articles (article_id, source, uri, title, body, authors, tags, captions, word_count, "
            "content_hash, raw_id, run_id, extractor, rules_version, version, first_seen_at, loaded_at) VALUES "
            "('a1', 'wire', 'a.json', 'T2', 'Body two', [], [], [], 2, 'h2', 'r2', 'run-2', 'html', 'v1', 2, "
            "TIMESTAMPTZ '2026-10-01 00:00:00+00', TIMESTAMPTZ '2026-10-02 00:00:00+00')"
        )
        connection.execute(
            "INSERT INTO article_versions BY NAME SELECT * EXCLUDE (first_seen_at, loaded_at), loaded_at AS valid_from "
            "FROM articles"
        )
        connection.execute(
            "INSERT INTO article_versions BY NAME SELECT * EXCLUDE (first_seen_at, loaded_at) "
            "REPLACE (1 AS version, 'T1' AS title, 'h1' AS content_hash, 'r1' AS raw_id, 'run-1' AS run_id), "
            "first_seen_at AS valid_from, loaded_at AS valid_to, 'updated' AS ended_by FROM articles"
        )
        connection.execute("INSERT INTO story_clusters VALUES ('a1', 'a1')")
        versions = connection.execute("SELECT * FROM article_versions ORDER BY version").fetchall()
        migrate(connection)
        assert connection.execute("SELECT * FROM article_versions ORDER BY version").fetchall() == versions
        assert connection.execute("SELECT version, title FROM article_history").fetchall() == [(1, "T1")]
        assert check_history(connection).status == "pass"


def test_schema_093_shows_the_same_removed_lines_stored_a_list_a_document(tmp_path: Path) -> None:
    with _warehouse_before(93, tmp_path) as connection:
        connection.execute(
            "INSERT INTO removed_lines VALUES ('a1', 'r1', 'wire', 3, 'ad-label', 'Advertisement', 'run-1'), "
            "('a1', 'r1', 'wire', 1, 'nav-run', 'Home', 'run-1'), "
            "('a2', 'r2', 'daily', 7, 'copyright', '© 2026', 'run-2')"
        )
        lines = connection.execute("SELECT * FROM removed_lines ORDER BY ALL").fetchall()
        by_rule = connection.execute("SELECT * FROM removed_by_rule ORDER BY ALL").fetchall()
        migrate(connection)
        assert connection.execute("SELECT * FROM removed_lines ORDER BY ALL").fetchall() == lines
        assert connection.execute("SELECT * FROM removed_by_rule ORDER BY ALL").fetchall() == by_rule
        # Lines already stored move over a line a row: grouping them could not spill to disk (sql/093).
        assert connection.execute("SELECT article_id, len(lines) FROM removed_line_lists ORDER BY ALL").fetchall() == [
            ("a1", 1),
            ("a1", 1),
            ("a2", 1),
        ]


def _warehouse_before(version: int, folder: Path) -> duckdb.DuckDBPyConnection:
    """A warehouse migrated with the schema files numbered below ``version`` only."""
    before = folder / "sql-before"
    before.mkdir()
    for path in sql_dir().glob("*.sql"):
        if int(path.name[:3]) < version:
            shutil.copy(path, before)
    connection = duckdb.connect(str(folder / "w.duckdb"))
    migrate(connection, before)
    return connection
