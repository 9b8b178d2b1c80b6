"""Parquet export: partitioned by source and date, complete, and replaced whole."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsetl.warehouse import export_parquet
from tests.dedup.test_minhash import OTHER, STORY
from tests.warehouse.conftest import Warehouse, make_article


def test_export_layout_and_contents(warehouse: Warehouse, tmp_path: Path) -> None:
    warehouse.load(
        [
            make_article("wire", "rail.json", STORY, published="2024-06-15T23:30:00-02:00"),  # 16 June in UTC
            make_article("wire", "solar.json", OTHER, published="2024-06-14T08:00:00+00:00"),
            make_article("courier", "undated.html", STORY + " More.", published=None),
        ]
    )
    result = export_parquet(warehouse.connection, tmp_path / "export")
    files = sorted(str(path.relative_to(result.folder)) for path in result.folder.rglob("*.parquet"))
    assert files == [
        "articles/source=courier/date=2026-11-01/data_0.parquet",  # undated: the day it was first loaded
        "articles/source=wire/date=2024-06-14/data_0.parquet",
        "articles/source=wire/date=2024-06-16/data_0.parquet",
    ]
    assert (result.articles, result.files) == (3, 3)
    back = duckdb.sql(
        f"SELECT source, count(*), count(story_id), count(DISTINCT story_id) "
        f"FROM read_parquet('{result.folder}/articles/**/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert back == [("courier", 1, 1, 1), ("wire", 2, 2, 2)]


def test_a_new_export_replaces_the_old_one_whole(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    warehouse.load([make_article("wire", "rail.json", STORY)])
    export_parquet(warehouse.connection, folder)
    stale = folder / "articles" / "source=gone" / "date=2020-01-01"
    stale.mkdir(parents=True)
    (stale / "data_0.parquet").write_bytes(b"left over")
    export_parquet(warehouse.connection, folder)
    assert not stale.exists()
    assert [path.name for path in folder.parent.iterdir() if path.name.startswith(".export")] == []
