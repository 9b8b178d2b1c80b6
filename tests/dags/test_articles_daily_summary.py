"""The example asset consumer through dag.test(): the per-source daily summary follows the articles table."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest

from tests.conftest import ConfigFactory
from tests.dags.helpers import ingested_samples, rows

pytestmark = pytest.mark.airflow


def test_the_summary_counts_articles_per_source_and_day(
    dag_bag: Any, write_config: ConfigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _ = ingested_samples(write_config, monkeypatch, "nk", "regional", "cli-1")
    run = dag_bag.get_dag("articles_daily_summary").test(logical_date=None)
    assert str(run.state) == "success"
    expected: dict[tuple[str, Any], list[int]] = {}
    for source, published, words in rows(config, "SELECT source, published_at, word_count FROM articles"):
        day = published.astimezone(UTC).date() if published else None
        counts = expected.setdefault((source, day), [0, 0])
        counts[0] += 1
        counts[1] += words
    summary = rows(config, "SELECT source, day, articles, words FROM daily_source_summary")
    assert {(source, day): [n, words] for source, day, n, words in summary} == expected
    assert len(summary) >= 3  # the regional samples span several days
