"""The example asset consumer's work: ``daily_source_summary``, articles per source and publication day.

Rebuilt whole in one transaction: a set-based GROUP BY over ``articles`` is cheap next to a load, and a full
rebuild is trivially idempotent (a rerun, or two asset events in a row, give the same table).
"""

from __future__ import annotations

import duckdb

from newsetl.warehouse._connect import transaction


def refresh_daily_summary(connection: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the table from the current articles; return its row count."""
    with transaction(connection):
        connection.execute("DELETE FROM daily_source_summary")
        connection.execute(
            """
            INSERT INTO daily_source_summary
            SELECT source, CAST(published_at AT TIME ZONE 'UTC' AS DATE) AS day, count(*), sum(word_count),
                   count(*) FILTER (title IS NOT NULL AND title <> ''),
                   list_sort(list_distinct(list(language) FILTER (language IS NOT NULL))), current_timestamp
            FROM articles GROUP BY ALL
            """
        )
    row = connection.execute("SELECT count(*) FROM daily_source_summary").fetchone()
    return int(row[0]) if row else 0
