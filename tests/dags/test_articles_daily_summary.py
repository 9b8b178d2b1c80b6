"""The example asset consumer through dag.test(): the per-source daily summary follows the articles table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from tests.conftest import SAMPLES, ConfigFactory
from tests.dags.helpers import rows

pytestmark = pytest.mark.airflow


def test_the_summary_counts_articles_per_source_and_day(
    dag_bag: Any, write_config: ConfigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config([{"name": "nk", "kind": "dumps", "location": str(SAMPLES / "regional")}])
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    spec = RunSpec("cli-1", "cli", Interval.unbounded(), ("nk",), datetime.now(UTC))
    assert ingest(load_settings(config), spec, progress=False).ok
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
