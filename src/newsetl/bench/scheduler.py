"""``news_ingest`` on a real scheduler: one run triggered through Airflow's API, timed by Airflow's own records.

``airflow dags test`` runs one task at a time in one process. Deployed, a scheduler hands each task to an executor
that runs it in a process of its own, several at once, with a hand-off between one task's end and the next one's
start: that is what this measures. The components run as ``make airflow`` runs them (LocalExecutor, parallelism 4,
SQLite) in a throwaway home, and start before the clock, their task execution API answering: a deployment has them
running already. The scheduler's own schedule is off (``use_job_schedule``), so unpausing the DAG starts no scheduled
run beside the benchmark's.
"""

from __future__ import annotations

import logging
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsetl.bench.components import PARALLELISM, AirflowComponents
from newsetl.bench.measure import TreeSampler
from newsetl.errors import AirflowComponentError

__all__ = ["PARALLELISM", "SchedulerRun", "run_on_scheduler"]

log = logging.getLogger("newsetl.bench")

DAG_ID = "news_ingest"
COMPONENTS = ("scheduler", "dag-processor", "api-server")
_WAREHOUSE_POOL = {"name": "newsetl_warehouse", "slots": 1, "description": "newsetl: the one DuckDB writer"}
_START_TIMEOUT = 300.0
_FINISHED = frozenset({"success", "failed"})
# Every 0.2 s, not the 20 ms of a single process tree: reading the memory of the components and each task's
# processes costs CPU, on the cores the tasks run on.
_SAMPLE_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class SchedulerRun:
    """One ``news_ingest`` run on a real scheduler."""

    seconds: float
    """From the trigger to the run's end as Airflow recorded it (a run that did not succeed raises instead)."""
    peak_rss: int
    """Peak of the summed resident memory of the components and their task processes, bytes."""
    peak_rss_single: int
    start_seconds: float
    """Migrating the home and starting the components until the DAG was parsed: before the clock."""
    tasks: list[dict[str, Any]] = field(default_factory=list)
    """The run's task instances as the API lists them (task_id, map_index, state, duration, ...)."""
    summary: dict[str, Any] = field(default_factory=dict)
    """What the run loaded, from the warehouse's ledger (``totals``, ``status``)."""

    @property
    def task_seconds(self) -> float:
        """The task instances' run times, summed: the work the executor ran, in parallel or not."""
        return sum(float(task.get("duration") or 0.0) for task in self.tasks)


def run_on_scheduler(
    config: Path, home: Path, dags: Path, conf: dict[str, Any], *, logical_date: str, timeout: float = 3600
) -> SchedulerRun:
    """Start the components in ``home`` (an empty folder), run ``news_ingest`` once with ``conf``, stop them."""
    started = time.perf_counter()
    components = AirflowComponents(home, config, dags, {"AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False"})
    components.cli("db", "migrate", timeout=_START_TIMEOUT)
    components.start(*COMPONENTS)
    try:
        _prepare(components)
        start_seconds = time.perf_counter() - started
        return _run_once(components, conf, logical_date, timeout, start_seconds)
    except BaseException:
        log.error("Airflow's component logs (in %s):\n%s", home, components.log_tails())
        raise
    finally:
        components.stop()


def _prepare(components: AirflowComponents) -> None:
    components.wait_for("the API server", lambda: components.api("GET", "/monitor/health"), _START_TIMEOUT)
    _warm_execution_api(components)
    components.api("POST", "/pools", _WAREHOUSE_POOL)
    components.wait_for(f"{DAG_ID} to be parsed", lambda: _parsed(components), _START_TIMEOUT)
    components.api("PATCH", f"/dags/{DAG_ID}", {"is_paused": False})


def _warm_execution_api(components: AirflowComponents) -> None:
    """Answer one request of the task execution API before the clock starts.

    A new API server builds that API on its first request: 2.78 s here, then 3 ms a request. Without this, the run's
    first task waited 2.5-2.8 s for the API to say it may start, which a running deployment pays once, not per run.
    """
    url = f"http://127.0.0.1:{components.port}/execution/health/ping"
    with urllib.request.urlopen(url, timeout=_START_TIMEOUT) as response:
        response.read()


def _parsed(components: AirflowComponents) -> bool:
    found = components.api("GET", f"/dags?dag_id_pattern={DAG_ID}")["dags"]
    return any(dag["dag_id"] == DAG_ID for dag in found)


def _run_once(
    components: AirflowComponents, conf: dict[str, Any], logical_date: str, timeout: float, start_seconds: float
) -> SchedulerRun:
    sampler = TreeSampler([process.pid for process in components.processes.values()], _SAMPLE_SECONDS)
    sampler.start()
    try:
        triggered = datetime.now(UTC)
        run = components.api("POST", f"/dags/{DAG_ID}/dagRuns", {"logical_date": logical_date, "conf": conf})
        path = f"/dags/{DAG_ID}/dagRuns/{run['dag_run_id']}"
        finished = components.wait_for(f"{DAG_ID} to finish", lambda: _finished(components, path), timeout, 0.5)
    finally:
        sampler.stop()
    tasks = components.api("GET", f"{path}/taskInstances?limit=1000")["task_instances"]
    _require_alone(components)
    if finished["state"] != "success":
        failed = sorted({task["task_id"] for task in tasks if task["state"] not in ("success", "skipped")})
        raise AirflowComponentError(
            f"{DAG_ID} run {run['dag_run_id']} ended {finished['state']}; tasks not done: {', '.join(failed)}. "
            f"Task logs are under {components.home / 'logs'}"
        )
    ended = datetime.fromisoformat(finished["end_date"])
    seconds = (ended - triggered).total_seconds()
    return SchedulerRun(seconds, sampler.peak, sampler.peak_single, start_seconds, tasks)


def _require_alone(components: AirflowComponents) -> None:
    """Fail if another run of the DAG shared the cores with the benchmark's: its figure would mean nothing."""
    runs = components.api("GET", f"/dags/{DAG_ID}/dagRuns")["dag_runs"]
    others = [run["dag_run_id"] for run in runs if run["run_type"] != "manual"]
    if others:
        raise AirflowComponentError(f"{DAG_ID} also ran {', '.join(others)} beside the benchmark's run")


def _finished(components: AirflowComponents, path: str) -> dict[str, Any] | None:
    run: dict[str, Any] = components.api("GET", path)
    return run if run["state"] in _FINISHED and run.get("end_date") else None
