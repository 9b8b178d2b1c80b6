"""Counting learned lines over a source's most recent documents, wherever their rows lie in the tables."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsetl.config import LearnConfig
from newsetl.learn.refresh import refresh_learned
from newsetl.warehouse import open_warehouse

SOURCE = "hafenblatt"
SHARED = "Hafenblatt-Leserreisen: Jetzt an die Ostsee"
MENU = "Küste Hanse Segeln Wetter"
OLD = "Hafenblatt-Archiv: Alte Ausgaben bestellen"


def _article(connection: duckdb.DuckDBPyConnection, name: str, read_at: str, lines: list[str]) -> None:
    """One text-dump article read at ``read_at``: ``lines`` as its body paragraphs and as lines removed above it."""
    raw_id = f"raw-{name}"
    connection.execute(
        "INSERT INTO raw_documents (raw_id, source, uri, format, size_bytes, landing_path, read_at, run_id) "
        "VALUES (?, ?, ?, 'text', 100, '', ?::TIMESTAMPTZ, 'run')",
        [raw_id, SOURCE, f"{name}.txt", read_at],
    )
    connection.execute(
        "INSERT INTO articles (article_id, source, uri, body, authors, tags, captions, word_count, content_hash, "
        "raw_id, run_id, extractor, rules_version) "
        "VALUES (?, ?, ?, ?, [], [], [], 10, ?, ?, 'run', 'text-rules', 'test')",
        [f"id-{name}", SOURCE, f"{name}.txt", "\n\n".join([*lines, f"Die Geschichte von {name}."]), name, raw_id],
    )
    connection.execute(
        "INSERT INTO removed_line_lists VALUES (?, ?, ?, 'run', [{'line': 1, 'rule': 'before-title', 'text': ?}])",
        [f"id-{name}", raw_id, SOURCE, MENU],
    )


def test_the_window_counts_its_first_and_last_rows_and_nothing_between(tmp_path: Path) -> None:
    # The window's two documents are the tables' first and last rows, two older ones stand between them: bounding
    # the scans by the window's rows must take in both ends, and the join still leaves out what lies between.
    with open_warehouse(tmp_path / "warehouse.duckdb", search=False) as connection:
        _article(connection, "anna", "2024-03-05 08:00:00+00", [SHARED])
        _article(connection, "bert", "2024-01-01 08:00:00+00", [OLD])
        _article(connection, "carl", "2024-01-02 08:00:00+00", [OLD])
        _article(connection, "dora", "2024-03-06 08:00:00+00", [SHARED])
        config = LearnConfig(min_documents=2, min_share=0.5, window=2)
        assert refresh_learned(connection, {SOURCE: config}) == {SOURCE: 2}
        learned = connection.execute("SELECT line, documents FROM learned_lines ORDER BY line").fetchall()
    assert learned == [(SHARED, 2), (MENU, 2)]
