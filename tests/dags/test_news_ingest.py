"""news_ingest through Airflow itself: structure, then dag.test() into a temporary warehouse."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import SAMPLE_DUMP, SAMPLES, ConfigFactory

pytestmark = pytest.mark.airflow


@pytest.fixture
def dag(dag_bag: Any) -> Any:
    return dag_bag.get_dag("news_ingest")


def test_structure(dag: Any) -> None:
    tasks = {task.task_id: task for task in dag.tasks}
    assert set(tasks) == {"live_sources", "fetch", "plan", "clean", "load", "check"}
    assert tasks["fetch"].upstream_task_ids == {"live_sources"}
    assert tasks["plan"].upstream_task_ids == {"fetch"}
    assert type(tasks["fetch"]).__name__.endswith("MappedOperator")
    assert tasks["clean"].upstream_task_ids == {"plan"}
    assert tasks["load"].upstream_task_ids == {"clean"}
    assert tasks["check"].upstream_task_ids == {"load"}
    assert tasks["load"].pool == tasks["check"].pool == "newsetl_warehouse"
    assert type(tasks["clean"]).__name__.endswith("MappedOperator")


def test_schedule_owns_a_real_daily_interval(dag: Any) -> None:
    interval = dag.timetable.infer_manual_data_interval(run_after=datetime(2026, 11, 30, 12, tzinfo=UTC))
    assert interval.end - interval.start == (datetime(2026, 11, 30, tzinfo=UTC) - datetime(2026, 11, 29, tzinfo=UTC))


def _rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    from newsetl.config import load_settings

    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


@pytest.fixture
def sample_config(write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dumps = tmp_path / "dumps"
    shutil.copytree(SAMPLES / "saved_pages", dumps)
    shutil.copy(SAMPLE_DUMP, dumps / "sample.txt")
    (dumps / "empty.txt").write_bytes(b"")
    config = write_config([{"name": "mixed", "kind": "dumps", "location": str(dumps)}], batch_size=1)
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    return config


def test_dag_test_loads_the_samples(dag: Any, sample_config: Path) -> None:
    run = dag.test(logical_date=datetime(2026, 11, 29, tzinfo=UTC))
    assert str(run.state) == "success"
    titles = {row[0] for row in _rows(sample_config, "SELECT title FROM articles")}
    assert titles == {
        "China urges neighbours to back its data security ideas, not the US’",
        "City library reopens after two-year refit",
        "Le marché du vélo d'occasion en plein essor",
    }
    assert _rows(sample_config, "SELECT uri, reason_code FROM rejected_documents") == [("empty.txt", "empty")]
    runs = _rows(sample_config, "SELECT run_id, trigger, status, documents_read, articles_new FROM runs")
    assert runs == [(run.run_id, "airflow", "checked", 4, 3)]


def test_a_second_run_changes_no_article(dag: Any, sample_config: Path) -> None:
    dag.test(logical_date=datetime(2026, 11, 28, tzinfo=UTC))
    before = _rows(sample_config, "SELECT * FROM articles ORDER BY article_id")
    second = dag.test(logical_date=datetime(2026, 11, 29, tzinfo=UTC))
    assert str(second.state) == "success"
    assert _rows(sample_config, "SELECT * FROM articles ORDER BY article_id") == before
    assert _rows(
        sample_config, f"SELECT articles_new, articles_unchanged FROM runs WHERE run_id = '{second.run_id}'"
    ) == [(0, 3)]


def test_params_choose_the_days_of_a_partitioned_source(
    dag: Any, write_config: ConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "daily"
    for day in ("2024-06-13", "2024-06-14", "2024-06-15"):
        (root / day).mkdir(parents=True)
        (root / day / "story.txt").write_text(f"Story of {day}\n\nThe events of the day, told in a sentence.\n")
    config = write_config([{"name": "daily", "kind": "dumps", "location": str(root), "options": {"glob": "{date}/*"}}])
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    run = dag.test(
        logical_date=datetime(2026, 11, 29, tzinfo=UTC), run_conf={"from_date": "2024-06-14", "to_date": "2024-06-15"}
    )
    assert str(run.state) == "success"
    assert sorted(row[0] for row in _rows(config, "SELECT title FROM articles")) == [
        "Story of 2024-06-14",
        "Story of 2024-06-15",
    ]
    (interval,) = _rows(config, "SELECT interval_start, interval_end FROM runs")
    assert interval[0].date().isoformat() == "2024-06-14"
    assert interval[1].date().isoformat() == "2024-06-16"
