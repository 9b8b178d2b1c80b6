"""What the Airflow tasks do, as plain functions of the task context (the DAG files only wire these).

Kept out of ``dags/`` so the DAG files parse in milliseconds and import nothing heavy; kept free of Airflow
imports so it is testable without a scheduler. XCom carries only paths, names and counts.

A run's id in newsetl (staging folder, ``runs`` table) is ``<dag id>/<Airflow run id>``: several DAGs (one per
scheduled source) create runs with the same Airflow run id at the same logical date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsetl.config import Settings, SourceConfig, load_settings
from newsetl.discover import Interval
from newsetl.errors import ConfigError
from newsetl.machine import available_cores
from newsetl.pipeline import (
    RunSpec,
    begin_run,
    check_run,
    clean_manifest,
    cut_batches,
    discover_source,
    list_landed,
    load_run,
    preview_run,
    read_spec,
)
from newsetl.pipeline.spec import Mode
from newsetl.warehouse import LoadCounts, open_warehouse

if TYPE_CHECKING:
    from newsetl.fetch import Credentials

log = logging.getLogger("newsetl.orchestration")

WAREHOUSE_POOL = "newsetl_warehouse"
"""One slot: every task that opens the DuckDB file runs in it, so runs and backfills never collide on the lock."""
DEFAULT_SCHEDULE = "@daily"
"""The schedule of ``news_ingest``, which runs every source that has no ``schedule:`` of its own."""
AUTOMATIC_RUN_TYPES = frozenset({"scheduled", "backfill"})
_CHANGES = ("articles_new", "articles_updated", "articles_retired")


def newsetl_run_id(context: Mapping[str, Any]) -> str:
    return f"{context['dag'].dag_id}/{context['run_id']}"


@contextmanager
def step(what: str) -> Iterator[None]:
    """Name what failed (source, batch, document) on any exception, so the task log says it."""
    try:
        yield
    except Exception as exc:
        exc.add_note(what)
        raise


def is_transient(exc: BaseException) -> bool:
    """Worth a retry: only errors newsetl marks transient (a locked warehouse, a timed-out fetch)."""
    return bool(getattr(exc, "transient", False))


def failure_message(exc: BaseException) -> str:
    where = "; ".join(getattr(exc, "__notes__", ()))
    return f"{where}: {type(exc).__name__}: {exc}" if where else f"{type(exc).__name__}: {exc}"


def resolve_task(context: Mapping[str, Any], *, sources: Sequence[str] | None, mode: Mode) -> list[str]:
    """Describe the run (sources, interval, mode) in its staging folder; return the sources to list."""
    settings = load_settings()
    with step(f"run {newsetl_run_id(context)}: resolving params"):
        spec = run_spec(context, settings, fixed_sources=sources, mode=mode)
        begin_run(settings, spec)
    log.info(
        "run %s: %s of %s over %s%s",
        spec.run_id,
        spec.mode,
        ", ".join(spec.sources) or "no source",
        spec.interval,
        " (dry run)" if spec.dry_run else "",
    )
    return list(spec.sources)


def run_spec(
    context: Mapping[str, Any], settings: Settings, *, fixed_sources: Sequence[str] | None = None, mode: Mode = "ingest"
) -> RunSpec:
    """The run an Airflow context describes: sources, the interval from params or the schedule, flags."""
    params = context.get("params") or {}
    names = choose_sources(settings, params.get("sources") or (), fixed_sources, _automatic(context))
    return RunSpec(
        run_id=newsetl_run_id(context),
        trigger="airflow",
        interval=run_interval(params, context),
        sources=names,
        started_at=datetime.now(UTC),
        mode="reprocess" if params.get("reprocess") else mode,
        dry_run=bool(params.get("dry_run")),
    )


def choose_sources(
    settings: Settings, requested: Sequence[str], fixed: Sequence[str] | None, automatic: bool
) -> tuple[str, ...]:
    """A per-source DAG's own source; else the ones named; else, on scheduled and backfill runs, the sources
    without a schedule of their own (their own DAG runs the others); else, on a manual run, every source."""
    if fixed:
        names = tuple(fixed)
    elif requested:
        names = tuple(dict.fromkeys(requested))
    elif automatic:
        names = tuple(source.name for source in settings.sources if source.schedule is None)
    else:
        names = tuple(settings.source_names)
    for name in names:
        settings.source(name)
    return names


def run_interval(params: Mapping[str, Any], context: Mapping[str, Any]) -> Interval:
    """Params win (a manual run or a reprocess names its days); else the run's data interval; a manual run
    without a logical date and without dates covers everything (unbounded)."""
    if params.get("from_date"):
        first = _as_date(params["from_date"])
        last = _as_date(params.get("to_date") or first)
        if last < first:
            raise ConfigError(f"to_date {last} is before from_date {first}")
        return Interval.of_days(first, last)
    if params.get("to_date"):
        raise ConfigError("to_date needs a from_date")
    start, end = context.get("data_interval_start"), context.get("data_interval_end")
    if start is None or end is None or start == end:
        return Interval.unbounded()
    return Interval(start.astimezone(UTC), end.astimezone(UTC))


def _automatic(context: Mapping[str, Any]) -> bool:
    run_type = getattr(context.get("dag_run"), "run_type", "")
    return str(getattr(run_type, "value", run_type)) in AUTOMATIC_RUN_TYPES


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def discover_task(context: Mapping[str, Any], source: str) -> int:
    """List one source's items for the run; a live source (feed, sitemap, URLs) is fetched first, so each
    host's politeness holds across these parallel tasks through the fetch state they share."""
    settings = load_settings()
    run_id = newsetl_run_id(context)
    config = settings.source(source)
    if config.live:
        with step(f"run {run_id} source {source}: fetching"):
            fetch_task(settings, config, run_id)
    with step(f"run {run_id} source {source}: listing items"):
        return discover_source(settings, run_id, source)


def fetch_task(settings: Settings, source: SourceConfig, run_id: str) -> dict[str, Any]:
    """Fetch one live source for the run's interval into the landing; counts by outcome, logged."""
    from newsetl.fetch.crawl import fetch_source

    spec = read_spec(settings, run_id)
    fetched = fetch_source(settings, source, spec.interval, run_id, source_credentials(source)).to_json()
    log.info("run %s source %s fetched: %s", run_id, source.name, fetched)
    return fetched


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


def select_landed_task(context: Mapping[str, Any]) -> int:
    """List the landed documents a reprocess run re-cleans (reads the warehouse: runs in the writer pool)."""
    settings = load_settings()
    run_id = newsetl_run_id(context)
    with step(f"run {run_id}: listing landed documents from {settings.warehouse}"):
        return list_landed(settings, run_id)


def batches_task(context: Mapping[str, Any]) -> list[str]:
    run_id = newsetl_run_id(context)
    settings = load_settings()
    # Without min_batches set, as many batches as the planning machine has cores: the clean tasks of a LocalExecutor
    # deployment run there.
    least = settings.min_batches or available_cores()
    with step(f"run {run_id}: cutting batches"):
        return [str(path) for path in cut_batches(settings, run_id, min_batches=least)]


def clean_task(manifest: str) -> dict[str, Any]:
    path = Path(manifest)
    with step(f"batch {path.stem} of {path.parent.parent.name} ({manifest})"):
        return clean_manifest(load_settings(), path).to_json()


def load_task(context: Mapping[str, Any], batches: int) -> dict[str, Any]:
    """Load the run (or, for a dry run, count what a load would change and commit nothing)."""
    settings = load_settings()
    run_id = newsetl_run_id(context)
    spec = read_spec(settings, run_id)
    log.info("%s run %s from %d batch(es)", "previewing" if spec.dry_run else "loading", run_id, batches)
    with step(f"run {run_id}: loading into {settings.warehouse}"):
        counts = preview_run(settings, run_id) if spec.dry_run else load_run(settings, run_id)
    for source, per_source in counts.per_source.items():
        log.info("run %s source %s: %s", run_id, source, per_source)
    return {
        "run_id": run_id,
        "dry_run": spec.dry_run,
        "interval": [_iso(spec.interval.start), _iso(spec.interval.end)],
        "totals": counts.totals,
        "per_source": counts.per_source,
    }


def check_task(counts: Mapping[str, Any]) -> list[dict[str, str]]:
    run_id = str(counts["run_id"])
    loaded = LoadCounts(totals=dict(counts["totals"]), per_source=dict(counts["per_source"]))
    with step(f"run {run_id}: quality checks"):
        results = check_run(load_settings(), run_id, loaded)
    return [{"name": r.name, "status": r.status, "detail": r.detail} for r in results]


def asset_event_extra(counts: Mapping[str, Any]) -> dict[str, Any] | None:
    """What the articles asset event says about a load, or ``None`` when there is nothing to announce
    (a dry run, or a load that changed no article: downstream DAGs have nothing new to do)."""
    changes = {name: int(counts["totals"].get(name, 0)) for name in _CHANGES}
    if counts["dry_run"] or not any(changes.values()):
        return None
    return {
        "run_id": counts["run_id"],
        "sources": sorted(counts["per_source"]),
        "interval": counts["interval"],
    } | changes


def summarise_task() -> int:
    """Refresh the example consumer's table of articles per source and day; return its row count."""
    from newsetl.warehouse.summary import refresh_daily_summary

    settings = load_settings()
    with (
        step(f"refreshing the daily summary in {settings.warehouse}"),
        open_warehouse(settings.warehouse, memory_limit=settings.writer_memory, search=False) as connection,
    ):
        rows = refresh_daily_summary(connection)
    log.info("daily_source_summary: %d (source, day) rows", rows)
    return rows


def sweep_task() -> dict[str, int]:
    """Remove loaded runs' staging folders and packs no row names, older than ``keep_staged_days``; sort the search
    postings into one run when loads have appended more than ``SORTED_RUNS_LIMIT`` runs."""
    from newsetl.pipeline.sweep import apply_sweep, plan_sweep, sort_search_if_due

    settings = load_settings()
    with step(f"sweeping what loaded runs left in {settings.staging} and {settings.landing}"):
        sweep = plan_sweep(settings, keep_days=settings.keep_staged_days)
        freed = apply_sweep(sweep)
        sorted_postings = sort_search_if_due(settings, sweep)
    for folder in sweep.unloaded_runs:
        log.info("kept %s: its run is not loaded", folder)
    return {
        "staged_runs": len(sweep.staged_runs),
        "orphan_packs": len(sweep.orphan_packs),
        "temporary_files": len(sweep.temporary_files),
        "bytes": freed,
        "search_runs_sorted": sweep.search_runs if sorted_postings is not None else 0,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
