"""The ``runs`` ledger: one row per run with its interval, counts and status; per-source counts beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb

from newsetl.warehouse.load import COUNT_NAMES, LoadCounts


def start_run(
    connection: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    trigger: str,
    interval: tuple[datetime | None, datetime | None],
    sources: Sequence[str],
    started_at: datetime,
) -> None:
    """Record (or, for a rerun of the same id, reset) a run as running."""
    connection.execute(
        """
        INSERT OR REPLACE INTO runs (run_id, trigger, interval_start, interval_end, sources, started_at, status)
        VALUES (?, ?, ?, ?, ?, ?, 'running')
        """,
        [run_id, trigger, interval[0], interval[1], list(sources), started_at],
    )


def finish_run(
    connection: duckdb.DuckDBPyConnection, *, run_id: str, counts: LoadCounts, status: str, finished_at: datetime
) -> None:
    assignments = ", ".join(f"{name} = ${name}" for name in COUNT_NAMES)
    connection.execute(
        f"UPDATE runs SET {assignments}, status = $status, finished_at = $finished_at WHERE run_id = $run_id",
        {
            **{name: counts.totals.get(name, 0) for name in COUNT_NAMES},
            "status": status,
            "finished_at": finished_at,
            "run_id": run_id,
        },
    )
    connection.execute("DELETE FROM run_sources WHERE run_id = ?", [run_id])
    rows = [{"run_id": run_id, "source": source, **per} for source, per in counts.per_source.items()]
    if rows:
        connection.execute("INSERT INTO run_sources BY NAME SELECT unnest(?, recursive := true)", [rows])


def record_checks(
    connection: duckdb.DuckDBPyConnection, run_id: str, results: Sequence[tuple[str, str, str]], checked_at: datetime
) -> None:
    """Store ``(check_name, status, detail)`` for a run, replacing an earlier check of the same run."""
    connection.execute("DELETE FROM check_results WHERE run_id = ?", [run_id])
    rows = [
        {"run_id": run_id, "check_name": name, "status": status, "detail": detail, "checked_at": checked_at}
        for name, status, detail in results
    ]
    if rows:
        connection.execute("INSERT INTO check_results BY NAME SELECT unnest(?, recursive := true)", [rows])


def record_findings(connection: duckdb.DuckDBPyConnection, run_id: str, findings: Sequence[Mapping[str, Any]]) -> None:
    """Store the items behind a run's checks (``check_name``, ``source``, ``subject``, ``rule_id``, ``detail``)."""
    connection.execute("DELETE FROM check_findings WHERE run_id = ?", [run_id])
    if findings:
        rows = [{"run_id": run_id, **finding} for finding in findings]
        connection.execute("INSERT INTO check_findings BY NAME SELECT unnest(?, recursive := true)", [rows])
