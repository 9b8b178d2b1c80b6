"""Article history: ``article_versions`` shows every version, with the time the warehouse held it.

It is a view (``sql/092``): the current version of an article is its row in ``articles``, the closed ones are
rows of ``article_history``. Runs inside the load's transaction, after the load classified the incoming
articles (``article_changes``) and found the ones a document no longer names (``article_retired``), and before
``articles`` is changed: closing a version is copying the current row into the history. One statement whatever
the number of articles; a new article or unchanged content adds nothing.
"""

from __future__ import annotations

from datetime import datetime

import duckdb


def record_versions(connection: duckdb.DuckDBPyConnection, moment: datetime) -> None:
    """Close the current version of updated and retired articles at ``moment``."""
    connection.execute(
        """
        INSERT INTO article_history BY NAME
        SELECT a.* EXCLUDE (first_seen_at, loaded_at), a.loaded_at AS valid_from, $moment AS valid_to,
               CASE WHEN u.article_id IS NULL THEN 'retired' ELSE 'updated' END AS ended_by
        FROM articles a
        LEFT JOIN (SELECT article_id FROM article_changes WHERE change = 'updated') u USING (article_id)
        WHERE u.article_id IS NOT NULL OR a.article_id IN (SELECT article_id FROM article_retired)
        """,
        {"moment": moment},
    )
