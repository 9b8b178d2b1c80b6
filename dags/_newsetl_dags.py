"""Wiring shared by the newsetl DAG files: the ingest graph, its params form, retries, the articles asset.

Not a DAG file itself (``.airflowignore`` skips it); the DAG files import it from the DAGs folder, which
Airflow's dag-processor and task runner put on ``sys.path`` (``BundleDagBag``). A DAG file that only calls
the builder must still say "Airflow" somewhere: Airflow's safe-mode discovery skips files without that word.
Nothing heavy is imported here: every task imports its body from ``newsetl.orchestration`` when it runs.

The graph of every ingest DAG (``news_ingest``, one ``ingest_<source>`` per scheduled source, and
``news_reprocess``)::

    resolve ─► route ─┬─► discover (mapped over sources) ─┬─► batches ─► clean (mapped over batches)
                      └─► select_landed (writer pool) ────┘        ─► load (writer pool) ─► check (writer pool)
                                                                    ─► publish (outlet: the articles asset)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import pendulum
from airflow.sdk import DAG, Asset, CronDataIntervalTimetable, Param, dag, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

if TYPE_CHECKING:
    from newsetl.pipeline.spec import Mode

log = logging.getLogger("newsetl.dags")

T = TypeVar("T")

WAREHOUSE_POOL = "newsetl_warehouse"
"""One slot, created by set-up (``make airflow-setup``, the compose init service): the one DuckDB writer."""

ARTICLES = Asset(name="newsetl_articles", uri="newsetl://warehouse/articles", group="newsetl")
"""The warehouse's ``articles`` table. Updated after a checked load that added or changed articles."""

START_DATE = pendulum.datetime(2024, 1, 1, tz="UTC")
"""The earliest interval a backfill can ask for."""

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "newsetl",
    # Only transient errors reach Airflow's retry (see `guarded`): 30 s, 1 min, 2 min, at most 10 min apart.
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=10),
}

_SOURCE_NAME = r"^[a-z0-9][a-z0-9_.-]{0,62}$"


def guarded(call: Callable[[], T]) -> T:
    """Run a task body: transient errors propagate (Airflow retries them with backoff), every other error
    fails the task at once with a message naming what failed (source, batch, document)."""
    from newsetl.orchestration import failure_message, is_transient

    try:
        return call()
    except Exception as exc:
        if is_transient(exc):
            log.warning("transient failure, Airflow retries with backoff: %s", failure_message(exc))
            raise
        raise AirflowFailException(failure_message(exc)) from exc


def daily() -> CronDataIntervalTimetable:
    return cron("@daily")


def cron(expression: str, *, what: str = "schedule") -> CronDataIntervalTimetable:
    """A schedule whose runs own a real interval: the run for ``[D, D+1)`` starts after D+1 begins.

    Airflow 3's plain ``schedule="@daily"`` gives a run whose interval starts and ends at the same instant.
    The expression is checked here, so a bad one is reported with ``what`` it belongs to.
    """
    from airflow.exceptions import AirflowTimetableInvalid
    from airflow.timetables.interval import CronDataIntervalTimetable as Checked

    try:
        Checked(expression, timezone="UTC").validate()
    except AirflowTimetableInvalid as exc:
        raise ValueError(f"{what}: {expression!r} is not a cron expression or preset: {exc}") from exc
    return CronDataIntervalTimetable(expression, timezone="UTC")


def run_params(*, choose_sources: bool, reprocess: bool | None) -> dict[str, Param]:
    """The trigger form. ``reprocess=None`` leaves the flag out (the reprocess DAG always re-cleans)."""
    params: dict[str, Param] = {}
    if choose_sources:
        params["sources"] = Param(
            [],
            type="array",
            items={"type": "string", "pattern": _SOURCE_NAME},
            uniqueItems=True,
            title="Sources",
            description="Source names from sources.yaml. Empty: every source (scheduled and backfill runs of "
            "news_ingest take the sources without a schedule of their own).",
        )
    params["from_date"] = _day(
        "From date", "First UTC day to read, YYYY-MM-DD. Empty: the run's data interval (no logical date: all days)."
    )
    params["to_date"] = _day("To date", "Last UTC day to read, inclusive. Empty: the from date.")
    if reprocess is not None:
        params["reprocess"] = Param(
            reprocess,
            type="boolean",
            title="Reprocess from raw",
            description="Re-clean what the raw landing holds for these days with the current rules; no refetch.",
        )
    params["dry_run"] = Param(
        False,
        type="boolean",
        title="Dry run",
        description="Read and clean, log what the load would change, and commit nothing to the warehouse.",
    )
    return params


def _day(title: str, description: str) -> Param:
    return Param(None, type=["null", "string"], format="date", title=title, description=description)


@task
def resolve(fixed_sources: list[str] | None, mode: str, **context: Any) -> list[str]:
    from newsetl.orchestration import resolve_task

    chosen: Mode = "reprocess" if mode == "reprocess" else "ingest"
    return guarded(lambda: resolve_task(context, sources=fixed_sources, mode=chosen))


@task.branch
def route(**context: Any) -> str:
    return "select_landed" if context["params"].get("reprocess") else "discover"


@task
def discover(source: str, **context: Any) -> int:
    from newsetl.orchestration import discover_task

    return guarded(lambda: discover_task(context, source))


# Reads the warehouse: even a reader must not open the file while a load holds it.
@task(pool=WAREHOUSE_POOL)
def select_landed(**context: Any) -> int:
    from newsetl.orchestration import select_landed_task

    return guarded(lambda: select_landed_task(context))


# none_failed: exactly one of discover / select_landed runs, the branch skips the other.
@task(trigger_rule="none_failed")
def batches(**context: Any) -> list[str]:
    from newsetl.orchestration import batches_task

    return guarded(lambda: batches_task(context))


@task
def clean(manifest: str) -> dict[str, Any]:
    from newsetl.orchestration import clean_task

    return guarded(lambda: clean_task(manifest))


# none_failed: a run whose interval holds no documents still loads (zero counts) and is recorded.
@task(pool=WAREHOUSE_POOL, trigger_rule="none_failed")
def load(batch_results: Sequence[dict[str, Any]], **context: Any) -> dict[str, Any]:
    from newsetl.orchestration import load_task

    # len() asks Airflow for the count; iterating would fetch every batch's XCom for nothing.
    return guarded(lambda: load_task(context, len(batch_results)))


@task(pool=WAREHOUSE_POOL, retries=0)
def check(counts: dict[str, Any]) -> list[dict[str, str]]:
    from newsetl.orchestration import check_task

    if counts["dry_run"]:
        raise AirflowSkipException("dry run: nothing was loaded, nothing to check")
    return guarded(lambda: check_task(counts))


@task(outlets=[ARTICLES])
def publish(counts: dict[str, Any], **context: Any) -> dict[str, Any]:
    from newsetl.orchestration import asset_event_extra

    extra = asset_event_extra(counts)
    if extra is None:
        raise AirflowSkipException("no article was added or changed: no asset event")
    context["outlet_events"][ARTICLES].extra = extra
    return extra


def ingest_dag(
    dag_id: str,
    *,
    schedule: CronDataIntervalTimetable | None,
    sources: Sequence[str] | None = None,
    mode: str = "ingest",
    description: str,
    doc_md: str | None = None,
) -> DAG:
    """Build one ingest (or reprocess) DAG; ``sources`` fixes its sources (a per-source DAG)."""
    reprocessing = mode == "reprocess"

    @dag(
        dag_id=dag_id,
        description=description,
        doc_md=doc_md,
        schedule=schedule,
        start_date=START_DATE,
        catchup=False,
        max_active_runs=3,
        default_args=DEFAULT_ARGS,
        params=run_params(choose_sources=sources is None, reprocess=None if reprocessing else False),
        tags=["newsetl", mode],
    )
    def graph() -> None:
        names = resolve(list(sources) if sources else None, mode)
        landed = select_landed()
        cut = batches()
        if reprocessing:
            names >> landed >> cut
        else:
            listed = discover.expand(source=names)
            names >> route() >> [listed, landed]
            [listed, landed] >> cut
        counts = load(clean.expand(manifest=cut))
        check(counts) >> publish(counts)

    built: DAG = graph()
    return built
