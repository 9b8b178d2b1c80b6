"""Reprocessing through Airflow: news_reprocess, and news_ingest's "reprocess from raw" param, via dag.test()."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from tests.conftest import ConfigFactory
from tests.dags.helpers import daily_source, rows, states, write_daily_dumps

pytestmark = pytest.mark.airflow

DAYS = ("2024-06-13", "2024-06-14", "2024-06-15")


@pytest.fixture
def ingested(write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three daily runs of a dated source; then its dumps are deleted and a new drop rule is configured."""
    root = write_daily_dumps(tmp_path / "daily", DAYS)
    config = write_config([daily_source(root)])
    for day in DAYS:
        first = date.fromisoformat(day)
        spec = RunSpec(f"day-{day}", "cli", Interval.of_days(first, first), ("daily",), datetime.now(UTC))
        assert ingest(load_settings(config), spec, progress=False).ok
    shutil.rmtree(root)  # nothing can be refetched: reprocessing reads the landing
    document = yaml.safe_load(config.read_text(encoding="utf-8"))
    document["sources"][0]["cleaning"] = {"drop": [{"id": "desk-note", "pattern": "^Desk note: .*$"}]}
    config.write_text(yaml.safe_dump(document), encoding="utf-8")
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    return config


@pytest.fixture
def reprocess(dag_bag: Any) -> Any:
    return dag_bag.get_dag("news_reprocess")


def _still_has_desk_note(config: Path) -> dict[str, bool]:
    return {uri: "Desk note" in body for uri, body in rows(config, "SELECT uri, body FROM articles")}


def test_news_reprocess_updates_the_articles_of_the_days_asked_for(reprocess: Any, ingested: Path) -> None:
    run = reprocess.test(
        logical_date=None, run_conf={"sources": ["daily"], "from_date": "2024-06-14", "to_date": "2024-06-15"}
    )
    assert str(run.state) == "success"
    assert _still_has_desk_note(ingested) == {
        "2024-06-13/story.txt": True,
        "2024-06-14/story.txt": False,
        "2024-06-15/story.txt": False,
    }
    run_id = f"news_reprocess/{run.run_id}"
    assert rows(
        ingested, "SELECT status, documents_read, articles_updated, articles_new FROM runs WHERE run_id = ?", [run_id]
    ) == [("checked", 2, 2, 0)]
    assert states(run)["publish"] == "success"


def test_a_reprocess_dry_run_counts_the_changes_and_commits_none(reprocess: Any, ingested: Path) -> None:
    before = rows(ingested, "SELECT * FROM articles ORDER BY article_id")
    run = reprocess.test(logical_date=None, run_conf={"dry_run": True})
    assert str(run.state) == "success"
    counts = run.get_task_instance("load").xcom_pull(task_ids="load")
    assert (counts["dry_run"], counts["totals"]["articles_updated"]) == (True, 3)
    assert rows(ingested, "SELECT * FROM articles ORDER BY article_id") == before
    assert rows(ingested, "SELECT count(*) FROM runs WHERE run_id LIKE 'news_reprocess/%'") == [(0,)]


def test_the_reprocess_param_of_an_ingest_dag_takes_the_landing_branch(dag_bag: Any, ingested: Path) -> None:
    run = dag_bag.get_dag("news_ingest").test(
        logical_date=None, run_conf={"reprocess": True, "from_date": "2024-06-13"}
    )
    assert str(run.state) == "success"
    task_states = states(run)
    assert (task_states["select_landed"], task_states["discover"]) == ("success", "skipped")
    assert _still_has_desk_note(ingested) == {
        "2024-06-13/story.txt": False,
        "2024-06-14/story.txt": True,
        "2024-06-15/story.txt": True,
    }
