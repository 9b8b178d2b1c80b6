"""Loading a run (the single writer) and checking what it loaded."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from contextlib import AbstractContextManager, ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsetl.checks import CheckResult, Finding, run_checks
from newsetl.config import Settings
from newsetl.errors import CheckFailedError
from newsetl.pipeline.plan import read_spec
from newsetl.pipeline.stopwatch import Stopwatch
from newsetl.stage import STAGED_TABLES, StagedTable, StagingArea
from newsetl.stage.seen import publish_seen_index
from newsetl.warehouse import (
    LoadCounts,
    finish_run,
    load_staged,
    open_warehouse,
    publish_snapshot,
    record_checks,
    record_findings,
    replace_fetch_log,
    spare_pandas_lookups,
    start_run,
)

log = logging.getLogger("newsetl.pipeline")


def load_run(
    settings: Settings,
    run_id: str,
    stopwatch: Stopwatch | None = None,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> LoadCounts:
    """Merge every staged batch of ``run_id`` into the warehouse and record the run's counts.

    ``stopwatch`` gets the seconds of each part: ``load.open`` (opening and migrating the warehouse, recording the
    run as running, and closing), the load's own parts (``newsetl.warehouse.load.load_staged``),
    ``load.checkpoint`` (what the commit left in the write-ahead log, into the file), ``load.learn`` (the fetch
    log, learned boilerplate, the run's counts) and ``load.seen`` (the seen index). A ``connection``
    (``open_pipeline_warehouse``) is used and left open, for the checks that follow in the same process.
    """
    stopwatch = stopwatch or Stopwatch()
    with ExitStack() as warehouse:
        with stopwatch.phase("load.open"):
            if connection is None:
                connection = warehouse.enter_context(open_pipeline_warehouse(settings))
        counts = _load(connection, settings, run_id, stopwatch)
        with stopwatch.phase("load.open"):  # closing too: a close checkpoints what the WAL holds
            warehouse.close()
    log.info("run %s loaded: %s; time: %s", run_id, counts.totals, load_parts(stopwatch.seconds))
    return counts


def open_pipeline_warehouse(settings: Settings) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    """The single writer's connection, as the load and the checks open it (no fts: see ``open_warehouse``)."""
    spare_pandas_lookups()
    return open_warehouse(settings.warehouse, memory_limit=settings.writer_memory, search=False)


def _load(connection: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, stopwatch: Stopwatch) -> LoadCounts:
    spec = read_spec(settings, run_id)
    staging = StagingArea(settings.staging)
    with stopwatch.phase("load.open"):
        start_run(
            connection,
            run_id=run_id,
            trigger=spec.trigger,
            interval=(spec.interval.start, spec.interval.end),
            sources=spec.sources,
            started_at=spec.started_at,
        )
    files = _staged_files(settings, run_id)
    counts = load_staged(connection, files, search_terms=staging.staged_search_terms(run_id), timed=stopwatch.phase)
    with stopwatch.phase("load.checkpoint"):
        # The load's commit wrote its changes into the file (load_staged); what a commit could not (another
        # transaction open) is written here, where its time is counted, not at the next commit past DuckDB's WAL
        # threshold, the learned lines' (1.37 s at 10,000 articles).
        connection.execute("CHECKPOINT")
    with stopwatch.phase("load.learn"):
        _load_fetch_log(connection, settings, run_id, staging)
        _learn(connection, settings, spec.sources, counts)
        finish_run(connection, run_id=run_id, counts=counts, status="loaded", finished_at=datetime.now(UTC))
    with stopwatch.phase("load.seen"):
        publish_seen_index(connection, staging.seen_index)
    return counts


LOAD_PARTS = ("open", "decide", "write", "clusters", "search", "commit", "checkpoint", "learn", "seen")
"""The parts of a load that ``load_run`` times, in the order they run (``load.<part>`` in the timings)."""
CHECK_PARTS = ("checks", "publish")
"""The parts of the check step that ``check_run`` times (``check.<part>``): the checks with their records, and
the analysts' snapshot, whose copy grows with the warehouse, not with the run."""


def load_parts(timings: Mapping[str, float]) -> str:
    """The load's wall seconds by part, as one line: where a load's time goes."""
    return step_parts(timings, "load", LOAD_PARTS)


def step_parts(timings: Mapping[str, float], step: str, parts: tuple[str, ...]) -> str:
    """A step's wall seconds by part (``<step>.<part>`` in the timings), as one line."""
    return ", ".join(f"{part} {timings[f'{step}.{part}']:.1f} s" for part in parts if f"{step}.{part}" in timings)


def _learn(connection: Any, settings: Settings, sources: tuple[str, ...], counts: LoadCounts) -> None:
    """Recount the learned boilerplate of the run's sources and publish it for the cleaners of later runs."""
    from newsetl.learn import publish
    from newsetl.learn.refresh import active_lines, refresh_learned

    changed = sum(counts.totals.get(name, 0) for name in ("articles_new", "articles_updated", "articles_retired"))
    learn = {name: settings.source(name).cleaning.learn for name in sources}
    refresh_learned(connection, learn, articles_changed=changed > 0)
    publish(settings.staging, active_lines(connection))


def _load_fetch_log(connection: Any, settings: Settings, run_id: str, staging: StagingArea) -> None:
    state = settings.fetch.state
    if state is None or not state.exists():
        return
    from newsetl.fetch import FetchState

    fetch_state = FetchState(state)
    try:
        rows = fetch_state.fetch_log(run_id)
    finally:
        fetch_state.close()
    for row in rows:
        row["headers"] = json.loads(row["headers"] or "{}")
    loaded = replace_fetch_log(connection, run_id, rows, staging.run_dir(run_id) / "fetch_log.jsonl")
    log.info("run %s: %d fetch outcomes recorded in fetch_log", run_id, loaded)


def preview_run(settings: Settings, run_id: str) -> LoadCounts:
    """What loading ``run_id`` would change, computed by the real merge and rolled back (a dry run)."""
    with open_pipeline_warehouse(settings) as connection:
        counts = load_staged(connection, _staged_files(settings, run_id), commit=False)
    log.info("run %s dry run, nothing committed; a load would do: %s", run_id, counts.totals)
    return counts


def _staged_files(settings: Settings, run_id: str) -> dict[StagedTable, list[Path]]:
    staging = StagingArea(settings.staging)
    return {table: staging.staged_files(run_id, table) for table in STAGED_TABLES}


def check_run(
    settings: Settings,
    run_id: str,
    counts: LoadCounts,
    connection: duckdb.DuckDBPyConnection | None = None,
    stopwatch: Stopwatch | None = None,
) -> list[CheckResult]:
    """Run the quality checks, store them, publish the analysts' snapshot, and raise
    :class:`CheckFailedError` if any check failed (the snapshot shows the failure in ``check_results``).

    Without a ``connection`` the warehouse is opened here and closed after. ``stopwatch`` gets the seconds of
    each part (``CHECK_PARTS``).
    """
    timed = (stopwatch or Stopwatch()).phase
    with ExitStack() as warehouse:
        if connection is None:
            connection = warehouse.enter_context(open_pipeline_warehouse(settings))
        with timed("check.checks"):
            results = run_checks(connection, run_id, counts, {source.name: source for source in settings.sources})
            now = datetime.now(UTC)
            record_checks(connection, run_id, [(r.name, r.status, r.detail) for r in results], now)
            record_findings(connection, run_id, [_finding_row(r.name, f) for r in results for f in r.findings])
            failed = [result for result in results if result.status == "fail"]
            status = "failed" if failed else "checked"
            connection.execute("UPDATE runs SET status = ? WHERE run_id = ?", [status, run_id])
        with timed("check.publish"):
            publish_snapshot(
                connection, settings.warehouse, settings.snapshot, run_id=run_id, keep_base=settings.snapshot_base
            )
    for result in results:
        log.log(
            {"fail": logging.ERROR, "warn": logging.WARNING}.get(result.status, logging.INFO),
            "check %s: %s — %s",
            result.name,
            result.status,
            result.detail,
        )
    if failed:
        raise CheckFailedError("; ".join(f"{result.name}: {result.detail}" for result in failed))
    return results


def _finding_row(check_name: str, finding: Finding) -> dict[str, str | None]:
    return {
        "check_name": check_name,
        "source": finding.source,
        "subject": finding.subject,
        "rule_id": finding.rule_id,
        "detail": finding.detail,
    }
