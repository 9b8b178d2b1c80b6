"""Helpers for warehouse tests: articles made the way the cleaner makes them, staged as files, loaded into a
real DuckDB file."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsetl.clean import Extraction, article_row
from newsetl.records import ArticleRow, RawDocument
from newsetl.warehouse import LoadCounts, load_staged, migrate
from newsetl.warehouse.terms import stage_search_terms

T0 = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def make_article(
    source: str,
    uri: str,
    body: str,
    *,
    title: str = "A headline",
    url: str | None = None,
    canonical: str | None = None,
    published: str | None = "2024-06-15T08:00:00+00:00",
    run_id: str = "run-1",
) -> ArticleRow:
    document = RawDocument(source=source, uri=uri, format="html", content=f"{uri}\n{title}\n{body}".encode(), url=url)
    extraction = Extraction(
        body=body.split("\n\n"),
        title=title,
        published_at=published,
        canonical_url=canonical,
        language="en",
        extractor="html",
    )
    return article_row(document, extraction, url=url, run_id=run_id, rules="test-rules")


class Warehouse:
    """A real DuckDB file and a folder of staged batches, loaded the way ``load_run`` loads them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "warehouse.duckdb"
        self.connection = duckdb.connect(str(self.path))
        migrate(self.connection)
        self._batches = 0

    def load(
        self,
        articles: Sequence[ArticleRow],
        *,
        at: datetime = T0,
        run_id: str = "run-1",
        stage_terms: bool = False,
        search_terms: Sequence[Path] = (),
    ) -> LoadCounts:
        """Load the articles; with ``stage_terms`` their search terms are staged too, as a cleaning process does."""
        self._batches += 1
        staged = self.folder / f"stage-{self._batches}"
        files = {
            "articles": [write_rows(staged / "articles.jsonl", [{**row, "run_id": run_id} for row in articles])],
            "raw_documents": [write_rows(staged / "raw.jsonl", [raw_row(row, run_id, at) for row in articles])],
        }
        terms = list(search_terms)
        if stage_terms:
            stage_search_terms(files["articles"][0], staged / "terms.parquet")
            terms.append(staged / "terms.parquet")
        return load_staged(self.connection, files, search_terms=terms, loaded_at=at)  # type: ignore[arg-type]

    def rows(self, query: str, *parameters: Any) -> list[tuple[Any, ...]]:
        return self.connection.execute(query, list(parameters)).fetchall()

    def value(self, query: str, *parameters: Any) -> Any:
        return self.rows(query, *parameters)[0][0]


def raw_row(row: ArticleRow, run_id: str, at: datetime) -> dict[str, Any]:
    return {
        "raw_id": row["raw_id"],
        "source": row["source"],
        "uri": row["uri"],
        "url": row["url"],
        "format": "html",
        "encoding": "utf-8",
        "size_bytes": 100,
        "landing_path": f"/landing/{row['raw_id']}",
        "read_at": at.isoformat(),
        "run_id": run_id,
    }


def write_rows(path: Path, rows: Sequence[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    store = Warehouse(tmp_path)
    yield store
    store.connection.close()
