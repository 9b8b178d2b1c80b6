"""Loading a run (the single writer) and checking what it loaded."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from newsetl.checks import CheckResult, run_checks
from newsetl.config import Settings
from newsetl.errors import CheckFailedError
from newsetl.pipeline.plan import read_spec
from newsetl.stage import STAGED_TABLES, StagingArea
from newsetl.warehouse import (
    LoadCounts,
    finish_run,
    load_staged,
    open_warehouse,
    record_checks,
    start_run,
)

log = logging.getLogger("newsetl.pipeline")


def load_run(settings: Settings, run_id: str) -> LoadCounts:
    """Merge every staged batch of ``run_id`` into the warehouse and record the run's counts."""
    spec = read_spec(settings, run_id)
    staging = StagingArea(settings.staging)
    files = {table: staging.staged_files(run_id, table) for table in STAGED_TABLES}
    with open_warehouse(settings.warehouse) as connection:
        start_run(
            connection,
            run_id=run_id,
            trigger=spec.trigger,
            interval=(spec.interval.start, spec.interval.end),
            sources=spec.sources,
            started_at=spec.started_at,
        )
        counts = load_staged(connection, files)
        finish_run(connection, run_id=run_id, counts=counts, status="loaded", finished_at=datetime.now(UTC))
    log.info("run %s loaded: %s", run_id, counts.totals)
    return counts


def check_run(settings: Settings, run_id: str, counts: LoadCounts) -> list[CheckResult]:
    """Run the quality checks, store them, and raise :class:`CheckFailedError` if any failed."""
    with open_warehouse(settings.warehouse) as connection:
        results = run_checks(connection, run_id, counts)
        now = datetime.now(UTC)
        record_checks(connection, run_id, [(r.name, r.status, r.detail) for r in results], now)
        failed = [result for result in results if result.status == "fail"]
        connection.execute("UPDATE runs SET status = ? WHERE run_id = ?", ["failed" if failed else "checked", run_id])
    for result in results:
        log.log(
            logging.ERROR if result.status == "fail" else logging.INFO,
            "check %s: %s — %s",
            result.name,
            result.status,
            result.detail,
        )
    if failed:
        raise CheckFailedError("; ".join(f"{result.name}: {result.detail}" for result in failed))
    return results
