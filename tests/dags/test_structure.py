"""The shape of every DAG: tasks and their order, mapping, pools, trigger rules, schedules, params, retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

pytestmark = pytest.mark.airflow

INGEST_DAGS = ["news_ingest", "ingest_wire-export", "news_reprocess"]
UPSTREAM = {
    "resolve": set(),
    "route": {"resolve"},
    "discover": {"resolve", "route"},
    "select_landed": {"route"},
    "batches": {"discover", "select_landed"},
    "clean": {"batches"},
    "load": {"clean"},
    "check": {"load"},
    "publish": {"check", "load"},
}


def _scheduler_timetable(dag_bag: Any, dag_id: str) -> Any:
    """The timetable as the scheduler sees it: through the serialized DAG."""
    from airflow.serialization.decoders import decode_timetable
    from airflow.serialization.encoders import encode_timetable

    return decode_timetable(encode_timetable(dag_bag.get_dag(dag_id).timetable))


def _tasks(dag: Any) -> dict[str, Any]:
    return {task.task_id: task for task in dag.tasks}


@pytest.mark.parametrize("dag_id", ["news_ingest", "ingest_wire-export"])
def test_ingest_graph(dag_bag: Any, dag_id: str) -> None:
    tasks = _tasks(dag_bag.get_dag(dag_id))
    assert {task_id: task.upstream_task_ids for task_id, task in tasks.items()} == UPSTREAM
    assert tasks["route"].task_type.startswith("_BranchPython")


def test_reprocess_graph_reads_the_landing_only(dag_bag: Any) -> None:
    tasks = _tasks(dag_bag.get_dag("news_reprocess"))
    expected = {k: v for k, v in UPSTREAM.items() if k not in ("route", "discover")}
    expected["select_landed"] = {"resolve"}
    expected["batches"] = {"select_landed"}
    assert {task_id: task.upstream_task_ids for task_id, task in tasks.items()} == expected


@pytest.mark.parametrize("dag_id", INGEST_DAGS)
def test_mapping_pools_and_trigger_rules(dag_bag: Any, dag_id: str) -> None:
    tasks = _tasks(dag_bag.get_dag(dag_id))
    mapped = {task_id for task_id, task in tasks.items() if type(task).__name__.endswith("MappedOperator")}
    assert mapped == ({"clean"} if dag_id == "news_reprocess" else {"discover", "clean"})
    in_pool = {task_id for task_id, task in tasks.items() if task.pool == "newsetl_warehouse"}
    # Every task that opens the DuckDB file, readers included, and nothing else.
    assert in_pool == {"select_landed", "load", "check"}
    assert tasks["batches"].trigger_rule == tasks["load"].trigger_rule == "none_failed"
    assert [outlet.uri for outlet in tasks["publish"].outlets] == ["newsetl://warehouse/articles"]


@pytest.mark.parametrize("dag_id", INGEST_DAGS)
def test_retries_back_off_and_checks_never_retry(dag_bag: Any, dag_id: str) -> None:
    tasks = _tasks(dag_bag.get_dag(dag_id))
    assert tasks["clean"].partial_kwargs["retries"] == 3
    assert tasks["load"].retries == 3
    assert tasks["load"].retry_exponential_backoff == 2.0
    assert tasks["load"].max_retry_delay == timedelta(minutes=10)
    assert tasks["check"].retries == 0


@pytest.mark.parametrize(
    ("dag_id", "length"),
    [("news_ingest", timedelta(days=1)), ("ingest_wire-export", timedelta(hours=6))],
)
def test_schedules_own_a_real_interval(dag_bag: Any, dag_id: str, length: timedelta) -> None:
    timetable = _scheduler_timetable(dag_bag, dag_id)
    interval = timetable.infer_manual_data_interval(run_after=datetime(2026, 11, 30, 13, tzinfo=UTC))
    assert interval.end - interval.start == length
    assert timetable.periodic  # what `airflow backfill create` requires


def test_reprocess_and_consumer_are_not_on_a_clock(dag_bag: Any) -> None:
    assert not _scheduler_timetable(dag_bag, "news_reprocess").periodic
    consumer = dag_bag.get_dag("articles_daily_summary")
    assert type(consumer.timetable).__name__ == "AssetTriggeredTimetable"
    (summarise,) = consumer.tasks
    assert summarise.pool == "newsetl_warehouse"


@pytest.mark.parametrize(
    ("dag_id", "form"),
    [
        ("news_ingest", ["sources", "from_date", "to_date", "reprocess", "dry_run"]),
        ("ingest_wire-export", ["from_date", "to_date", "reprocess", "dry_run"]),
        ("news_reprocess", ["sources", "from_date", "to_date", "dry_run"]),
    ],
)
def test_trigger_form(dag_bag: Any, dag_id: str, form: list[str]) -> None:
    params = dag_bag.get_dag(dag_id).params
    assert list(params.keys()) == form
    assert params.get_param("from_date").schema["format"] == "date"
    assert params.get_param("dry_run").value is False


@pytest.mark.parametrize(
    ("name", "bad"),
    [("from_date", "14/06/2024"), ("to_date", "2024-13-01"), ("sources", ["Not A Name"]), ("dry_run", "yes")],
)
def test_params_refuse_bad_input(dag_bag: Any, name: str, bad: Any) -> None:
    from airflow.sdk.exceptions import ParamValidationError

    param = dag_bag.get_dag("news_ingest").params.get_param(name)
    with pytest.raises(ParamValidationError):
        param.resolve(bad)
