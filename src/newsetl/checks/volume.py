"""``volume``: warn when a source read far fewer documents than its trailing average (a feed that broke, a
dumps folder that was not delivered, a site that changed)."""

from __future__ import annotations

import duckdb

from newsetl.checks._model import CheckResult, Finding, examples

TRAILING_RUNS = 7
"""How many earlier runs of the source make its average."""
MIN_HISTORY = 3
"""Fewer earlier runs than this and the source is not judged."""
DROP_RATIO = 0.25
"""Warn when a run reads less than this share of the trailing average."""


def check_volume(connection: duckdb.DuckDBPyConnection, run_id: str) -> CheckResult:
    rows = connection.execute(
        """
        WITH this AS (SELECT started_at, unnest(sources) AS source FROM runs WHERE run_id = $run_id),
        earlier AS (
            SELECT t.source, coalesce(s.documents_read, 0) AS read,
                   row_number() OVER (PARTITION BY t.source ORDER BY r.started_at DESC) AS age
            FROM this t
            JOIN runs r ON list_contains(r.sources, t.source) AND r.started_at < t.started_at
                        AND r.run_id <> $run_id AND r.status <> 'running'
            LEFT JOIN run_sources s ON s.run_id = r.run_id AND s.source = t.source),
        history AS (SELECT source, avg(read) AS average, count(*) AS runs FROM earlier
                     WHERE age <= $window GROUP BY source)
        SELECT t.source, coalesce(s.documents_read, 0) AS read, tr.average, tr.runs
        FROM this t JOIN history tr USING (source)
        LEFT JOIN run_sources s ON s.run_id = $run_id AND s.source = t.source
        WHERE tr.runs >= $min_history AND coalesce(s.documents_read, 0) < $ratio * tr.average
        ORDER BY t.source
        """,
        {"run_id": run_id, "window": TRAILING_RUNS, "min_history": MIN_HISTORY, "ratio": DROP_RATIO},
    ).fetchall()
    drops = [
        Finding(f"source {source} read {read} documents against an average of {average:.1f} over {runs} runs", source)
        for source, read, average, runs in rows
    ]
    if drops:
        return CheckResult(
            "volume",
            "warn",
            f"{examples(drops)} (under {DROP_RATIO:.0%}): check that the source still delivers — its folder, feed "
            "or site — before the gap reaches the analysts' daily counts",
            tuple(drops),
        )
    return CheckResult("volume", "pass", f"no source under {DROP_RATIO:.0%} of its trailing average")
