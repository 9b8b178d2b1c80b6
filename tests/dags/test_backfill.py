"""A native backfill on a real scheduler: the components run, the CLI creates backfills, the warehouse is checked.

Scheduler, dag-processor and API server (which also serves the task execution API) run against a throwaway
SQLite home; the triggerer is not started because no newsetl task defers. The DAG is the per-source DAG the
dag-processor generates from sources.yaml. Runs take minutes on 2 shared cores, hence the generous timeouts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsetl.bench.components import AirflowComponents, CliError
from newsetl.config import load_settings
from newsetl.warehouse import open_warehouse
from newsetl.warehouse.snapshot import RETIRED_SUFFIX
from tests.conftest import REPO, ConfigFactory
from tests.dags.helpers import daily_source, write_daily_dumps

pytestmark = pytest.mark.airflow

DAG_ID = "ingest_daily"
BACKFILL_TIMEOUT = 600.0
LOCKED_ATTEMPTS = 3


@pytest.fixture
def airflow(write_config: ConfigFactory, tmp_path: Path) -> Iterator[AirflowComponents]:
    root = write_daily_dumps(tmp_path / "daily")  # five days, 13th to 17th
    config = write_config([daily_source(root, "@daily")])
    home = tmp_path / "airflow-home"
    home.mkdir()
    components = AirflowComponents(home, config, REPO / "dags")
    components.cli("db", "migrate")
    components.start("scheduler", "dag-processor", "api-server")
    try:
        components.wait_for("the API server", lambda: components.api("GET", "/monitor/health"), 240)
        components.api("POST", "/pools", {"name": "newsetl_warehouse", "slots": 1, "description": "the one writer"})
        components.wait_for(f"{DAG_ID} to be parsed", lambda: _dag(components), 240)
        yield components
    except BaseException:
        print(components.log_tails())
        raise
    finally:
        components.stop()


def _dag(components: AirflowComponents) -> Any:
    found = components.api("GET", "/dags?dag_id_pattern=ingest_")["dags"]
    return [dag for dag in found if dag["dag_id"] == DAG_ID]


def _backfill(components: AirflowComponents, *extra: str) -> dict[str, Any]:
    """Create a backfill of the 14th to the 16th with the CLI and wait until the scheduler completes it."""
    command = ("backfill", "create", "--dag-id", DAG_ID, "--from-date", "2024-06-14", "--to-date", "2024-06-16")
    for attempt in range(1, LOCKED_ATTEMPTS + 1):
        try:
            components.cli(*command, *extra)
            break
        except CliError as exc:
            # SQLite only: creating the runs can lose a write race with the scheduler ("database is locked").
            # Airflow then removes the partial backfill so that the command can be run again (backfill.py,
            # _cleanup_partial_backfill); Postgres (the compose deployment) waits for the lock instead.
            if "database is locked" not in exc.output or attempt == LOCKED_ATTEMPTS:
                raise
            _cancel_unfinished(components)
    # Backfill runs stay queued while their DAG is paused (new DAGs start paused): unpause it, as an operator would.
    # Unpausing after the first backfill exists keeps the scheduled run's tasks off SQLite while it is created.
    components.api("PATCH", f"/dags/{DAG_ID}", {"is_paused": False})

    def completed() -> dict[str, Any] | None:
        backfills = components.api("GET", f"/backfills?dag_id={DAG_ID}")["backfills"]
        latest: dict[str, Any] = max(backfills, key=lambda backfill: backfill["id"])
        return latest if latest["completed_at"] else None

    backfill = components.wait_for("the backfill to complete", completed, BACKFILL_TIMEOUT, every=5)
    # A backfill that reprocesses its runs can be marked completed while the scheduler still finishes one of them
    # (seen once in CI: the 14th still "running" after completed_at was set); its runs are what is checked.
    components.wait_for("no run to be active", lambda: _no_run_active(components), 120)
    return backfill


def _cancel_unfinished(components: AirflowComponents) -> None:
    # Airflow's removal of the partial backfill is best effort: when it loses the same SQLite lock race, the orphan
    # (never completed) makes the next create fail with AlreadyRunningBackfill. Cancel it, as an operator would.
    for backfill in components.api("GET", f"/backfills?dag_id={DAG_ID}")["backfills"]:
        if not backfill["completed_at"]:
            components.api("PUT", f"/backfills/{backfill['id']}/cancel")


def _backfill_runs(components: AirflowComponents) -> list[tuple[str, str, str, str]]:
    runs = components.api("GET", f"/dags/{DAG_ID}/dagRuns?run_type=backfill&order_by=logical_date")["dag_runs"]
    return [
        (run["logical_date"][:10], run["data_interval_start"][:10], run["data_interval_end"][:10], run["state"])
        for run in runs
    ]


def _no_run_active(components: AirflowComponents) -> bool:
    runs = components.api("GET", f"/dags/{DAG_ID}/dagRuns?state=queued&state=running")["dag_runs"]
    return not runs


def _warehouse(components: AirflowComponents, query: str) -> list[tuple[Any, ...]]:
    components.wait_for("no run to be active", lambda: _no_run_active(components), 120)
    settings = load_settings(components.env["NEWSETL_CONFIG"])
    with open_warehouse(settings.warehouse, read_only=True) as connection:
        return connection.execute(query).fetchall()


# Two backfills through a real scheduler: 1.5 min on a quiet machine, 6 min once under a load average of 8.
@pytest.mark.timeout(1800)
def test_a_backfill_gives_one_run_per_day_and_repeating_it_changes_nothing(airflow: AirflowComponents) -> None:
    first = _backfill(airflow)
    assert first["reprocess_behavior"] == "none"
    expected_runs = [
        ("2024-06-14", "2024-06-14", "2024-06-15", "success"),
        ("2024-06-15", "2024-06-15", "2024-06-16", "success"),
        ("2024-06-16", "2024-06-16", "2024-06-17", "success"),
    ]
    assert _backfill_runs(airflow) == expected_runs
    # Exactly those days' articles: the 13th and the 17th are in the dumps but outside the backfill.
    articles = _warehouse(airflow, "SELECT * FROM articles ORDER BY article_id")
    titles = _warehouse(airflow, "SELECT title FROM articles ORDER BY title")
    assert titles == [("Story of 2024-06-14",), ("Story of 2024-06-15",), ("Story of 2024-06-16",)]
    ledger = "SELECT interval_start::DATE::VARCHAR, status, articles_new, articles_unchanged FROM runs "
    ledger += "WHERE run_id LIKE 'ingest_daily/backfill__%' ORDER BY 1"
    assert _warehouse(airflow, ledger) == [
        ("2024-06-14", "checked", 1, 0),
        ("2024-06-15", "checked", 1, 0),
        ("2024-06-16", "checked", 1, 0),
    ]

    second = _backfill(airflow, "--reprocess-behavior", "completed")
    assert second["reprocess_behavior"] == "completed"
    assert _backfill_runs(airflow) == expected_runs  # the same three runs, run again
    assert _warehouse(airflow, "SELECT * FROM articles ORDER BY article_id") == articles
    assert _warehouse(airflow, "SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]
    assert _warehouse(airflow, ledger) == [
        ("2024-06-14", "checked", 0, 1),
        ("2024-06-15", "checked", 0, 1),
        ("2024-06-16", "checked", 0, 1),
    ]
    # Each publication replaced the snapshot before it, and the old file was removed in a thread of the check task's
    # process, which Airflow ends with os._exit: none is left behind.
    snapshot = load_settings(airflow.env["NEWSETL_CONFIG"]).snapshot
    assert snapshot.exists()
    assert sorted(path.name for path in snapshot.parent.glob(f"*{RETIRED_SUFFIX}")) == []
