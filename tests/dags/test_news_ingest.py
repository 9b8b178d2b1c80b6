"""news_ingest and the per-source DAGs through Airflow itself: dag.test() into a temporary warehouse."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE_DUMP, SAMPLES, ConfigFactory
from tests.dags.helpers import dag_bag_for_current_config, daily_source, rows, states, write_daily_dumps

pytestmark = pytest.mark.airflow


@pytest.fixture
def dag(dag_bag: Any) -> Any:
    return dag_bag.get_dag("news_ingest")


@pytest.fixture
def sample_config(write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dumps = tmp_path / "dumps"
    shutil.copytree(SAMPLES / "saved_pages", dumps)
    shutil.copy(SAMPLE_DUMP, dumps / "sample.txt")
    (dumps / "empty.txt").write_bytes(b"")
    config = write_config([{"name": "mixed", "kind": "dumps", "location": str(dumps)}], batch_size=1)
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    return config


@pytest.fixture
def daily_config(write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_daily_dumps(tmp_path / "daily")
    config = write_config([daily_source(root)])
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    return config


def _titles(config: Path) -> list[str]:
    return sorted(row[0] for row in rows(config, "SELECT title FROM articles"))


def test_dag_test_loads_the_samples(dag: Any, sample_config: Path) -> None:
    run = dag.test(logical_date=datetime(2026, 11, 29, tzinfo=UTC))
    assert str(run.state) == "success"
    assert _titles(sample_config) == [
        "China urges neighbours to back its data security ideas, not the US’",
        "City library reopens after two-year refit",
        "Le marché du vélo d'occasion en plein essor",
    ]
    assert rows(sample_config, "SELECT uri, reason_code FROM rejected_documents") == [("empty.txt", "empty")]
    runs = rows(sample_config, "SELECT run_id, trigger, status, documents_read, articles_new FROM runs")
    assert runs == [(f"news_ingest/{run.run_id}", "airflow", "checked", 4, 3)]
    # batch_size 1: one mapped cleaning task per document; the articles asset is announced.
    task_states = states(run)
    assert sorted(key for key in task_states if key.startswith("clean[")) == [f"clean[{i}]" for i in range(4)]
    assert task_states["publish"] == "success"


def test_a_second_run_changes_no_article_and_announces_nothing(dag: Any, sample_config: Path) -> None:
    dag.test(logical_date=datetime(2026, 11, 28, tzinfo=UTC))
    before = rows(sample_config, "SELECT * FROM articles ORDER BY article_id")
    second = dag.test(logical_date=datetime(2026, 11, 29, tzinfo=UTC))
    assert str(second.state) == "success"
    assert rows(sample_config, "SELECT * FROM articles ORDER BY article_id") == before
    assert rows(
        sample_config,
        "SELECT articles_new, articles_unchanged FROM runs WHERE run_id = ?",
        [f"news_ingest/{second.run_id}"],
    ) == [(0, 3)]
    assert states(second)["publish"] == "skipped"


def test_params_choose_the_days_of_a_partitioned_source(dag: Any, daily_config: Path) -> None:
    run = dag.test(
        logical_date=datetime(2026, 11, 29, tzinfo=UTC), run_conf={"from_date": "2024-06-14", "to_date": "2024-06-15"}
    )
    assert str(run.state) == "success"
    assert _titles(daily_config) == ["Story of 2024-06-14", "Story of 2024-06-15"]
    (interval,) = rows(daily_config, "SELECT interval_start, interval_end FROM runs")
    assert interval[0].date().isoformat() == "2024-06-14"
    assert interval[1].date().isoformat() == "2024-06-16"


def test_without_a_logical_date_the_dates_come_from_params(dag: Any, daily_config: Path) -> None:
    run = dag.test(logical_date=None, run_conf={"from_date": "2024-06-16"})
    assert str(run.state) == "success"
    assert _titles(daily_config) == ["Story of 2024-06-16"]


def test_a_dry_run_commits_nothing_and_says_what_a_load_would_do(dag: Any, daily_config: Path) -> None:
    run = dag.test(logical_date=None, run_conf={"from_date": "2024-06-13", "to_date": "2024-06-14", "dry_run": True})
    assert str(run.state) == "success"
    task_states = states(run)
    assert (task_states["load"], task_states["check"], task_states["publish"]) == ("success", "skipped", "skipped")
    counts = run.get_task_instance("load").xcom_pull(task_ids="load")
    assert counts["dry_run"] is True
    assert counts["totals"]["articles_new"] == 2
    assert rows(daily_config, "SELECT count(*) FROM articles") == [(0,)]
    assert rows(daily_config, "SELECT count(*) FROM runs") == [(0,)]


def test_a_terminal_error_fails_the_run_at_once_naming_what_failed(dag: Any, daily_config: Path) -> None:
    run = dag.test(logical_date=None, run_conf={"sources": ["nope"]})
    assert str(run.state) == "failed"
    resolve = run.get_task_instance("resolve")
    # A ConfigError is terminal: failed on the first try, never up_for_retry.
    assert (str(resolve.state), resolve.try_number) == ("failed", 1)
    assert states(run)["load"] == "upstream_failed"


def test_a_source_with_its_own_schedule_gets_its_own_dag(
    airflow_db: None, write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_daily_dumps(tmp_path / "daily")
    other = write_daily_dumps(tmp_path / "other", ("2024-06-14",))
    config = write_config([daily_source(root, "0 6 * * *"), daily_source(other, name="other")])
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    bag = dag_bag_for_current_config()
    assert {dag_id for dag_id in bag.dag_ids if dag_id.startswith("ingest_")} == {"ingest_daily"}
    # A manual run at 06:00 on the 15th owns the last whole interval, [14th 06:00, 15th 06:00): the days it
    # touches are the 14th and the 15th; this source only.
    run = bag.get_dag("ingest_daily").test(logical_date=datetime(2024, 6, 15, 6, tzinfo=UTC))
    assert str(run.state) == "success"
    assert (run.data_interval_start, run.data_interval_end) == (
        datetime(2024, 6, 14, 6, tzinfo=UTC),
        datetime(2024, 6, 15, 6, tzinfo=UTC),
    )
    assert sorted(rows(config, "SELECT source, title FROM articles")) == [
        ("daily", "Story of 2024-06-14"),
        ("daily", "Story of 2024-06-15"),
    ]
    assert rows(config, "SELECT run_id FROM runs") == [(f"ingest_daily/{run.run_id}",)]


def test_an_export_in_pieces_is_cleaned_by_min_batches_tasks(
    dag: Any, write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    stories = (f"Story number {n} of the export\n\nWhat happened in story {n}, told in full.\n" for n in range(600))
    records = (json.dumps({"url": f"https://example.test/{n}", "text": text}) for n, text in enumerate(stories))
    (exports / "export.jsonl").write_text("".join(f"{record}\n" for record in records), encoding="utf-8")
    source = {"name": "export", "kind": "dumps", "location": str(exports), "options": {"chunk_bytes": 5_000}}
    config = write_config([source], min_batches=3)
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    run = dag.test(logical_date=datetime(2026, 11, 29, tzinfo=UTC))
    assert str(run.state) == "success"
    # One file, under a batch of 1,000 documents: three clean tasks all the same, each with a third of its pieces.
    assert sorted(key for key in states(run) if key.startswith("clean[")) == ["clean[0]", "clean[1]", "clean[2]"]
    assert rows(config, "SELECT count(*), count(DISTINCT uri), min(uri) FROM articles") == [
        (600, 600, "export.jsonl#L1")
    ]
