"""Helpers for the DAG tests: warehouse queries, task states, dated dumps, a DagBag for a given config."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsetl.config import Settings, load_settings
from newsetl.discover import Interval
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from tests.conftest import REPO, SAMPLES, ConfigFactory

DAYS = ("2024-06-13", "2024-06-14", "2024-06-15", "2024-06-16", "2024-06-17")


def ingested_samples(
    write_config: ConfigFactory, monkeypatch: pytest.MonkeyPatch, source: str, folder: str, *run_ids: str
) -> tuple[Path, Settings]:
    """A config of one sample folder, which the DAGs under test read, and the runs ``run_ids`` of it ingested."""
    config = write_config([{"name": source, "kind": "dumps", "location": str(SAMPLES / folder)}])
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    settings = load_settings(config)
    for run_id in run_ids:
        spec = RunSpec(run_id, "cli", Interval.unbounded(), (source,), datetime.now(UTC))
        assert ingest(settings, spec, progress=False, workers=1).ok
    return config, settings


def rows(config: Path, query: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    from newsetl.config import load_settings

    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query, parameters or []).fetchall()


def states(run: Any) -> dict[str, str]:
    """``task_id`` (``task_id[i]`` for mapped tasks) → final state of a finished dag.test() run."""
    found = {}
    for ti in run.get_task_instances():
        key = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"
        found[key] = str(ti.state.value if hasattr(ti.state, "value") else ti.state)
    return found


def write_daily_dumps(root: Path, days: tuple[str, ...] = DAYS) -> Path:
    """A date-partitioned dumps folder: ``<day>/story.txt`` per day, each with a "Desk note" line mid-body."""
    for day in days:
        (root / day).mkdir(parents=True, exist_ok=True)
        (root / day / "story.txt").write_text(
            f"Story of {day}\n\nThe events of {day}, told in a sentence that is long enough to be a paragraph.\n\n"
            "Desk note: the harbour office is open\n\n"
            "A second paragraph about the events of the day, long enough to count as body text.\n",
            encoding="utf-8",
        )
    return root


def daily_source(root: Path, schedule: str | None = None, name: str = "daily") -> dict[str, Any]:
    """A sources.yaml entry for dumps written by :func:`write_daily_dumps` (``{date}`` folders)."""
    source: dict[str, Any] = {"name": name, "kind": "dumps", "location": str(root), "options": {"glob": "{date}/*"}}
    if schedule:
        source["schedule"] = schedule
    return source


def dag_bag_for_current_config() -> Any:
    """Parse the DAGs again (as the dag-processor would) so per-source DAGs follow $NEWSETL_CONFIG."""
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=str(REPO / "dags"), bundle_path=REPO / "dags")


@contextmanager
def fresh_params(dag: Any) -> Iterator[Any]:
    """Give ``dag`` back with its params' defaults after a test.

    dag.test() runs every task in this process, and Airflow merges a run's conf into the very Param objects of
    the DAG (``process_params``), so one test's conf would leak into the next. A scheduler runs each task in a
    fresh process, where this cannot happen.
    """
    holders = [dag.params, *(task.params for task in dag.tasks if task.params)]
    defaults = [(holder, {name: holder.get_param(name).value for name in holder}) for holder in holders]
    try:
        yield dag
    finally:
        for holder, values in defaults:
            for name, value in values.items():
                holder.get_param(name).value = value
