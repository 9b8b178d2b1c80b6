"""The seen index on real files: published from a real DuckDB table, read back for a batch's places."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsetl.records import SourceItem
from newsetl.stage.seen import SeenEntry, publish_seen_index, read_seen

ITEMS = [SourceItem("dumps", "a.txt", "/dumps/a.txt"), SourceItem("dumps", "b.txt", "/dumps/b.txt")]


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        connection.execute(
            "CREATE TABLE articles (source VARCHAR, uri VARCHAR, raw_id VARCHAR, article_id VARCHAR, "
            "rules_version VARCHAR)"
        )
        connection.execute(
            "INSERT INTO articles VALUES ('dumps', 'a.txt', 'r1', 'A', 'v1'), ('dumps', 'b.txt', 'r2', 'B', 'v1')"
        )
        connection.execute(
            "CREATE TABLE raw_documents (source VARCHAR, uri VARCHAR, raw_id VARCHAR, format VARCHAR, "
            "size_bytes BIGINT, file_stat VARCHAR, landing_path VARCHAR)"
        )
        connection.execute(
            "INSERT INTO raw_documents VALUES ('dumps', 'a.txt', 'r0', 'text', 9, 'old', '/raw/p0.gz#0+9'), "
            "('dumps', 'a.txt', 'r1', 'text', 10, '7-10-1-2', '/raw/p1.gz#0+10'), "
            "('dumps', 'b.txt', 'r2', 'html', 20, NULL, '/raw/r2.gz'), "
            "('dumps', 'q.txt', 'r3', 'text', 5, '7-5-1-2', '/raw/p1.gz#10+5')"
        )
        # Quarantined: q.txt's bytes; a.txt's older bytes, rejected before r1 cleaned; d.txt, never read.
        connection.execute("CREATE TABLE rejected_documents (source VARCHAR, uri VARCHAR, raw_id VARCHAR)")
        connection.execute(
            "INSERT INTO rejected_documents VALUES ('dumps', 'q.txt', 'r3'), ('dumps', 'a.txt', 'r0'), "
            "('dumps', 'd.txt', '')"
        )
        yield connection


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def test_the_index_holds_each_current_article_by_place(connection: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    index = tmp_path / "stage" / "seen-index.parquet"
    assert publish_seen_index(connection, index) == 4
    assert read_seen(index, ITEMS) == {
        ("dumps", "a.txt"): SeenEntry("r1", "A", "v1", "text", 10, "7-10-1-2", "/raw/p1.gz#0+10"),
        ("dumps", "b.txt"): SeenEntry("r2", "B", "v1", "html", 20, None, "/raw/r2.gz"),
    }


def test_the_index_holds_where_a_quarantined_document_is_landed(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    items = [SourceItem("dumps", uri, f"/dumps/{uri}") for uri in ("a.txt", "d.txt", "q.txt")]
    # No article and no rules: never skipped, only found where landed. At a.txt the article wins (the rejection
    # there is older); d.txt was never read, so it has nothing landed.
    assert read_seen(index, items) == {
        ("dumps", "a.txt"): SeenEntry("r1", "A", "v1", "text", 10, "7-10-1-2", "/raw/p1.gz#0+10"),
        ("dumps", "b.txt"): SeenEntry("r2", "B", "v1", "html", 20, None, "/raw/r2.gz"),
        ("dumps", "q.txt"): SeenEntry("r3", "", "", "text", 5, "7-5-1-2", "/raw/p1.gz#10+5"),
    }
    connection.execute("DELETE FROM rejected_documents WHERE uri = 'q.txt'")  # it cleaned at last
    assert publish_seen_index(connection, index) == 3
    assert ("dumps", "q.txt") not in read_seen(index, items)


def test_an_index_an_older_version_published_still_skips_by_hash(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # seen-1 had no file columns: its rows are read as they are, and the next load publishes the new columns.
    index = tmp_path / "seen-index.parquet"
    connection.execute(f"COPY (SELECT * FROM articles) TO '{index}' (FORMAT parquet, KV_METADATA {{fingerprint: 'x'}})")
    assert read_seen(index, ITEMS) == {
        ("dumps", "a.txt"): SeenEntry("r1", "A", "v1"),
        ("dumps", "b.txt"): SeenEntry("r2", "B", "v1"),
    }


def test_an_index_without_landing_paths_still_skips_unread(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # seen-2 had the file columns but not the landing path: a document cleaned again is landed again.
    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    connection.execute(f"COPY (SELECT * EXCLUDE (landing_path) FROM '{index}') TO '{tmp_path / 'seen-2.parquet'}'")
    assert read_seen(tmp_path / "seen-2.parquet", ITEMS) == {
        ("dumps", "a.txt"): SeenEntry("r1", "A", "v1", "text", 10, "7-10-1-2"),
        ("dumps", "b.txt"): SeenEntry("r2", "B", "v1", "html", 20, None),
    }


def test_a_load_that_left_the_articles_as_they_were_leaves_the_file_alone(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    before = _identity(index)
    assert publish_seen_index(connection, index) == 4  # two articles, two quarantined documents with bytes
    assert _identity(index) == before


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE articles SET raw_id = 'r3' WHERE uri = 'b.txt'",
        "UPDATE articles SET rules_version = 'v2' WHERE uri = 'a.txt'",
        "DELETE FROM articles WHERE uri = 'a.txt'",
        "INSERT INTO articles VALUES ('dumps', 'c.txt', 'r9', 'C', 'v1')",
        "UPDATE raw_documents SET file_stat = '7-10-3-4' WHERE raw_id = 'r1'",  # the same bytes, touched
        # Two rows trading values: a sum of row hashes still tells this apart, unlike a plain sum of columns.
        "UPDATE articles SET article_id = CASE article_id WHEN 'A' THEN 'B' ELSE 'A' END",
    ],
)
def test_any_change_to_the_rows_publishes_the_index_again(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path, change: str
) -> None:
    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    connection.execute(change)
    # The quarantined document at a place whose article is gone (a.txt's older bytes) shows through.
    rows = connection.execute(
        "SELECT a.*, r.format, r.size_bytes, r.file_stat, r.landing_path "
        "FROM articles a LEFT JOIN raw_documents r USING (source, uri, raw_id) "
        "UNION ALL SELECT q.source, q.uri, q.raw_id, '', '', r.format, r.size_bytes, r.file_stat, r.landing_path "
        "FROM rejected_documents q JOIN raw_documents r USING (source, uri, raw_id) "
        "WHERE (q.source, q.uri) NOT IN (SELECT (source, uri) FROM articles)"
    ).fetchall()
    expected = {(row[0], row[1]): SeenEntry(*row[2:]) for row in rows}
    publish_seen_index(connection, index)
    places = [*ITEMS, *(SourceItem("dumps", uri, f"/dumps/{uri}") for uri in ("c.txt", "q.txt"))]
    assert read_seen(index, places) == expected


@pytest.mark.parametrize("old", [b"not parquet", None])
def test_a_damaged_index_or_one_without_a_fingerprint_is_written_again(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path, old: bytes | None
) -> None:
    index = tmp_path / "seen-index.parquet"
    if old is None:  # as published before the index carried a fingerprint
        connection.execute(f"COPY (SELECT * FROM articles) TO '{index}' (FORMAT parquet)")
    else:
        index.write_bytes(old)
    publish_seen_index(connection, index)
    assert len(read_seen(index, ITEMS)) == 2
    before = _identity(index)
    publish_seen_index(connection, index)
    assert _identity(index) == before


def test_threads_reading_at_once_each_get_their_rows(connection: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    expected = read_seen(index, ITEMS)
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda _: read_seen(index, ITEMS), range(64)))
    assert all(rows == expected for rows in found)


def test_a_piece_of_an_export_reads_the_rows_of_its_own_lines(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    connection.execute(
        "INSERT INTO articles SELECT 'dumps', 'e.jsonl#L' || n, 'r' || n, 'E' || n, 'v1' FROM range(1, 31) AS t(n)"
    )
    connection.execute("INSERT INTO articles VALUES ('dumps', 'e.jsonl.old#L12', 'x', 'X', 'v1')")
    index = tmp_path / "seen-index.parquet"
    publish_seen_index(connection, index)
    pieces = [
        SourceItem("dumps", "e.jsonl", "/dumps/e.jsonl", {"range": [0, 99], "first_line": first, "records": 5})
        for first in (6, 11)
    ]
    # Lines 6 to 15, not "L1".."L30" sorted as text nor another file's line 12.
    assert sorted(uri for _, uri in read_seen(index, pieces)) == sorted(f"e.jsonl#L{n}" for n in range(6, 16))
    assert set(read_seen(index, [*pieces[:1], ITEMS[0]])) == {
        ("dumps", "a.txt"),
        *(("dumps", f"e.jsonl#L{n}") for n in range(6, 11)),
    }
