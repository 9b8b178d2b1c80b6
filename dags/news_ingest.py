"""news_ingest: fetch live sources (mapped over sources) → discover → clean (mapped over batches) → load → checks.

Wiring only: every task calls a function in ``newsetl.orchestration``, imported inside the task so that
parsing this file imports nothing heavy and touches no database, file or network.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable

WAREHOUSE_POOL = "newsetl_warehouse"  # one slot, created by `make airflow-setup`; same name as newsetl.orchestration


@dag(
    dag_id="news_ingest",
    description="Raw news dumps → clean articles → DuckDB",
    # A real interval: the run for day D owns [D, D+1), so date-partitioned sources read that day's files.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 11, 1, tz="UTC"),
    catchup=False,
    max_active_runs=2,
    default_args={"retries": 2, "retry_delay": timedelta(seconds=30), "retry_exponential_backoff": True},
    params={
        "sources": Param(
            [],
            type="array",
            items={"type": "string"},
            description="Sources to run (empty: every source in sources.yaml)",
        ),
        "from_date": Param(
            None,
            type=["null", "string"],
            format="date",
            description="First day to read (manual runs; empty: the run's data interval)",
        ),
        "to_date": Param(
            None, type=["null", "string"], format="date", description="Last day to read, inclusive (empty: from_date)"
        ),
    },
    tags=["newsetl"],
)
def news_ingest() -> None:
    @task
    def live_sources(**context: Any) -> list[str]:
        from newsetl.orchestration import live_sources_task

        return live_sources_task(context)

    # One task per live source (feed, sitemap, URL list). Hosts stay polite across these parallel tasks, and
    # across runs, through the fetch state file they share (newsetl.fetch).
    @task
    def fetch(source: str, **context: Any) -> dict[str, Any]:
        from newsetl.orchestration import fetch_task

        return fetch_task(source, context)

    # none_failed: a run without live sources maps `fetch` over nothing (skipped) and still plans.
    @task(trigger_rule="none_failed")
    def plan(**context: Any) -> list[str]:
        from newsetl.orchestration import plan_task

        return plan_task(context)

    @task
    def clean(manifest: str) -> dict[str, Any]:
        from newsetl.orchestration import clean_task

        return clean_task(manifest)

    # none_failed: a run whose interval holds no documents still loads (zero counts) and is recorded.
    @task(pool=WAREHOUSE_POOL, trigger_rule="none_failed")
    def load(batch_results: list[dict[str, Any]], **context: Any) -> dict[str, Any]:
        from newsetl.orchestration import load_task

        # len() asks Airflow for the count; iterating would fetch every batch's XCom for nothing.
        return load_task(context["run_id"], len(batch_results))

    @task(pool=WAREHOUSE_POOL, retries=0)
    def check(counts: dict[str, Any], **context: Any) -> list[dict[str, str]]:
        from newsetl.orchestration import check_task

        return check_task(context["run_id"], counts)

    manifests = plan()
    fetch.expand(source=live_sources()) >> manifests
    check(load(clean.expand(manifest=manifests)))


news_ingest()
