"""newsetl_sweep: daily housekeeping of what loaded runs leave behind.

Removes the staging folders of runs loaded more than ``keep_staged_days`` ago (7 by default), and of dry runs
(which are never loaded) planned that long ago, and the landing's
packs that no row names (a batch attempt killed or retried after writing its pack) and temporary files of
killed batches, as ``newsetl sweep --delete`` does (``newsetl.pipeline.sweep``). The landing's documents, and
everything a run that is not loaded still needs, are never touched. When loads have appended more than 30 sorted
runs of search postings, it sorts them into one again (a term's lookup probes every run). It reads the warehouse,
and may write that, so it waits for the warehouse pool like a load.
"""

from __future__ import annotations

from typing import Any

from _newsetl_dags import DEFAULT_ARGS, START_DATE, WAREHOUSE_POOL, daily, guarded
from airflow.sdk import dag, task


@dag(
    dag_id="newsetl_sweep",
    description="Remove loaded and dry runs' staging folders and packs no row names, after keep_staged_days",
    doc_md=__doc__,
    schedule=daily(),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["newsetl", "maintenance"],
)
def newsetl_sweep() -> None:
    @task(pool=WAREHOUSE_POOL)
    def sweep() -> dict[str, Any]:
        from newsetl.orchestration import sweep_task

        return dict(guarded(sweep_task))

    sweep()


newsetl_sweep()
