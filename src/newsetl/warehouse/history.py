"""Article history: ``article_versions`` keeps every version, with the time the warehouse held it.

Runs inside the load's transaction, after the load classified the incoming articles (``article_changes``)
and found the ones a document no longer names (``article_retired``). Set-based: three statements whatever
the number of articles. Unchanged content adds nothing.
"""

from __future__ import annotations

from datetime import datetime

import duckdb


def record_versions(connection: duckdb.DuckDBPyConnection, moment: datetime) -> None:
    """Close the current version of updated and retired articles at ``moment``; open the new versions."""
    connection.execute(
        """
        UPDATE article_versions AS v
        SET valid_to = $moment, ended_by = 'updated'
        FROM article_changes AS c
        WHERE v.article_id = c.article_id AND c.change = 'updated' AND v.valid_to IS NULL
        """,
        {"moment": moment},
    )
    connection.execute(
        """
        UPDATE article_versions SET valid_to = $moment, ended_by = 'retired'
        WHERE valid_to IS NULL AND article_id IN (SELECT article_id FROM article_retired)
        """,
        {"moment": moment},
    )
    connection.execute(
        """
        INSERT INTO article_versions BY NAME
        SELECT * EXCLUDE (change, minhash, first_seen_at, loaded_at), loaded_at AS valid_from
        FROM article_changes WHERE change <> 'unchanged'
        """
    )
