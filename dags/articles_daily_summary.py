"""articles_daily_summary: an example consumer of the articles asset.

Scheduled on the asset, not on a clock: it runs after a checked load has added or changed articles, and
rebuilds ``daily_source_summary`` (articles, words and languages per source and publication day).
"""

from __future__ import annotations

import logging
from typing import Any

from _newsetl_dags import ARTICLES, DEFAULT_ARGS, START_DATE, WAREHOUSE_POOL, guarded
from airflow.sdk import dag, task

log = logging.getLogger("newsetl.dags")


@dag(
    dag_id="articles_daily_summary",
    description="Articles per source and day, refreshed when the articles asset changes",
    doc_md=__doc__,
    schedule=[ARTICLES],
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["newsetl", "consumer"],
)
def articles_daily_summary() -> None:
    @task(pool=WAREHOUSE_POOL)
    def summarise(**context: Any) -> int:
        from newsetl.orchestration import summarise_task

        for event in context["triggering_asset_events"].get(ARTICLES, []):
            log.info("triggered by %s: %s", event.source_dag_id, event.extra)
        return guarded(summarise_task)

    summarise()


articles_daily_summary()
