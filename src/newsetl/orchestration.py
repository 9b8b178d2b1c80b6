"""What the Airflow tasks do, as plain functions of the task context (the DAG files only wire these).

Kept out of ``dags/`` so the DAG files parse in milliseconds and import nothing heavy; kept free of Airflow
imports so it is testable without a scheduler. XCom carries only paths, ids and counts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsetl.config import Settings, SourceConfig, load_settings
from newsetl.discover import Interval
from newsetl.errors import ConfigError
from newsetl.pipeline import RunSpec, check_run, clean_batch, load_run, plan_run
from newsetl.warehouse import LoadCounts

if TYPE_CHECKING:
    from newsetl.fetch import Credentials

log = logging.getLogger("newsetl.orchestration")

WAREHOUSE_POOL = "newsetl_warehouse"
"""One slot: every task that writes the DuckDB file runs in it, so runs and backfills never collide on the lock."""


def run_spec(context: Mapping[str, Any], settings: Settings) -> RunSpec:
    """The run described by an Airflow context: its run id, and the interval from params or the schedule."""
    params = context.get("params") or {}
    sources = tuple(params.get("sources") or settings.source_names)
    for name in sources:
        settings.source(name)
    return RunSpec(
        run_id=str(context["run_id"]),
        trigger="airflow",
        interval=_interval(params, context),
        sources=sources,
        started_at=datetime.now(UTC),
    )


def _interval(params: Mapping[str, Any], context: Mapping[str, Any]) -> Interval:
    # Params win: a manual run or a reprocess names its days. Otherwise the schedule's data interval,
    # and a manual run without a logical date and without dates reads everything (unbounded).
    if params.get("from_date"):
        first = _as_date(params["from_date"])
        return Interval.of_days(first, _as_date(params.get("to_date") or first))
    start, end = context.get("data_interval_start"), context.get("data_interval_end")
    if start is None or end is None or start == end:
        return Interval.unbounded()
    return Interval(start.astimezone(UTC), end.astimezone(UTC))


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def live_sources_task(context: Mapping[str, Any]) -> list[str]:
    """The run's sources that are fetched over HTTP (one mapped ``fetch`` task each)."""
    settings = load_settings()
    return [name for name in run_spec(context, settings).sources if settings.source(name).live]


def fetch_task(source: str, context: Mapping[str, Any]) -> dict[str, Any]:
    """Fetch one live source for the run's interval into the landing; counts by outcome for XCom."""
    from newsetl.fetch.crawl import fetch_source

    settings = load_settings()
    spec = run_spec(context, settings)
    config = settings.source(source)
    return fetch_source(settings, config, spec.interval, spec.run_id, source_credentials(config)).to_json()


def source_credentials(source: SourceConfig) -> Credentials | None:
    """The login of the Airflow Connection a source names (``options.connection``); never from the YAML.

    Login/password become HTTP Basic auth, ``extra: {"headers": {...}}`` extra request headers (an API key).
    They go only to the connection's host (``schema://host:port``), else the source location's origin.
    """
    conn_id = source.options.get("connection")
    if not conn_id:
        return None
    from airflow.sdk import Connection

    from newsetl.fetch import Credentials, origin_of

    try:
        connection = Connection.get(str(conn_id))
    except Exception as exc:  # Airflow raises its own not-found type, from whichever secrets backend answered
        raise ConfigError(f"source {source.name!r}: Airflow connection {conn_id!r} is not available: {exc}") from exc
    headers = connection.extra_dejson.get("headers") or {}
    if not isinstance(headers, dict):
        raise ConfigError(f"source {source.name!r}: connection {conn_id!r} extra.headers must be a mapping")
    if connection.host:
        host = connection.host if "://" in connection.host else f"{connection.schema or 'https'}://{connection.host}"
        origin = origin_of(host + (f":{connection.port}" if connection.port else ""))
    else:
        origin = origin_of(source.location)
    return Credentials(origin, connection.login or None, connection.password or None, headers)


def plan_task(context: Mapping[str, Any]) -> list[str]:
    settings = load_settings()
    spec = run_spec(context, settings)
    manifests = plan_run(settings, spec)
    log.info(
        "run %s owns %s; %d batches of up to %d documents",
        spec.run_id,
        spec.interval,
        len(manifests),
        settings.batch_size,
    )
    return [str(path) for path in manifests]


def clean_task(manifest: str) -> dict[str, Any]:
    return clean_batch(load_settings(), Path(manifest)).to_json()


def load_task(run_id: str, batches: int) -> dict[str, Any]:
    log.info("loading run %s from %d batches", run_id, batches)
    counts = load_run(load_settings(), run_id)
    for source, per_source in counts.per_source.items():
        log.info("run %s source %s: %s", run_id, source, per_source)
    return {"totals": counts.totals, "per_source": counts.per_source}


def check_task(run_id: str, counts: Mapping[str, Any]) -> list[dict[str, str]]:
    loaded = LoadCounts(totals=dict(counts["totals"]), per_source=dict(counts["per_source"]))
    results = check_run(load_settings(), run_id, loaded)
    return [{"name": r.name, "status": r.status, "detail": r.detail} for r in results]
