"""Recomputing the learned lines of sources from the articles stored (the loader does it, the single writer).

The count is a pure function of the warehouse's content: for each source, every distinct line of its most
recently read text-dump articles (``cleaning.learn.window``) is counted once per article: its body paragraphs,
and the lines cleaning removed for where they stood (a menu run, before the headline, after the article) or as
learned before. Lines a named rule removed ("Advertisement", "Impressum", the source's own patterns) are known
already and stay with their rule.
Lines that stand in enough of the source's documents become ``learned_lines``; loading the same input again
changes no article, so it gives the same table.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from functools import cache

import duckdb

from newsetl.clean.text import POSITIONAL_RULES
from newsetl.config import LearnConfig
from newsetl.warehouse._connect import transaction

log = logging.getLogger("newsetl.learn")

# Whitespace trimmed on both sides, the same characters as `line_key` in Python.
_TRIM = "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)"


def _trimmed(text: str) -> str:
    """SQL for ``text`` trimmed of ``_TRIM``, trimming only a line that starts or ends with one of them.

    DuckDB's ``trim`` with a list of characters costs about 5 µs a paragraph even when there is nothing to trim.
    Refreshing the 10,000-dump benchmark's lines (a window of 2,000 articles) took 0.77-0.80 s, and 0.24-0.26 s
    like this, with the same rows (docs/benchmarks.md).
    """
    return (
        f"CASE WHEN contains({_TRIM}, left({text}, 1)) OR contains({_TRIM}, right({text}, 1)) "
        f"THEN trim({text}, {_TRIM}) ELSE {text} END"
    )


# No source may learn lines longer than this (a cheap filter before the per-source max_chars).
_MAX_CHARS = 1000
# Bump when the counting SQL below changes: the stored settings then differ and the next load counts again.
_COUNT_VERSION = 1
# A line this long that ends like a sentence of eight words or more reads as prose: never learned.
_PROSE_CHARS, _PROSE_WORDS = 80, 8

_DOCUMENTS = """
CREATE OR REPLACE TEMP TABLE learn_documents AS
SELECT source, article_id, title, read_at, article_row FROM (
    SELECT a.source, a.article_id, a.title, r.read_at, a.rowid AS article_row, p.window_size,
           row_number() OVER (PARTITION BY a.source ORDER BY r.read_at DESC, a.article_id) AS recency
    FROM articles a
    JOIN learn_parameters p ON p.source = a.source
    JOIN raw_documents r ON r.source = a.source AND r.uri = a.uri AND r.raw_id = a.raw_id
    WHERE a.extractor = 'text-rules'
)
WHERE recency <= window_size
"""


# Where the window's rows lie in ``articles`` and ``removed_line_lists``: the most recent documents were written last,
# so their rows are near the end of each table. Bounded by rowid, a scan reads only the row groups between, where
# a join on article_id read the body and the removed lines of every stored article to keep the window's. Counting
# the 100,000-dump warehouse after 1,000 new dumps: 0.30-0.34 s, now 0.18-0.20 s (the same 74 lines), of which
# the window itself is 0.07-0.10 s. The bounds take in every row of the window whatever their order, so the count is the
# same; at worst they span the whole table, as the join did.
_ROW_BOUNDS = """
SELECT (SELECT min(article_row) FROM learn_documents), (SELECT max(article_row) FROM learn_documents),
       min(rowid), max(rowid)
FROM removed_line_lists WHERE article_id IN (SELECT article_id FROM learn_documents)
"""


def _window_rows(connection: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    """The least and greatest rowid of the window's rows in ``articles`` and in ``removed_line_lists`` (0, -1: none)."""
    row = connection.execute(_ROW_BOUNDS).fetchone() or (None,) * 4
    first_article, last_article, first_lines, last_lines = (-1 if value is None else int(value) for value in row)
    return max(first_article, 0), last_article, max(first_lines, 0), last_lines


def _candidates(bounds: tuple[int, int, int, int]) -> str:
    first_article, last_article, first_lines, last_lines = bounds
    # Written into the SQL, not bound as parameters: DuckDB prunes row groups by a constant's range.
    return (
        _candidates_template()
        .replace("{lines_rows}", f"l.rowid BETWEEN {first_lines} AND {last_lines}")
        .replace("{article_rows}", f"a.rowid BETWEEN {first_article} AND {last_article}")
    )


@cache
def _candidates_template() -> str:
    positional = ", ".join(f"'{rule}'" for rule in sorted(POSITIONAL_RULES))
    return f"""
CREATE OR REPLACE TEMP TABLE learn_candidates AS
WITH lines AS (
    SELECT article_id, {_trimmed("removed.text")} AS line FROM (
        SELECT l.article_id, unnest(l.lines) AS removed
        FROM removed_line_lists l JOIN learn_documents d ON d.article_id = l.article_id
        WHERE {{lines_rows}}
    ) WHERE (removed.rule IN ({positional}) OR removed.rule LIKE 'learned:%') AND length(removed.text) <= {_MAX_CHARS}
    UNION
    SELECT article_id, {_trimmed("paragraph")} AS line FROM (
        SELECT d.article_id, unnest(string_split(a.body, chr(10) || chr(10))) AS paragraph
        FROM learn_documents d JOIN articles a ON a.article_id = d.article_id
        WHERE {{article_rows}}
    ) WHERE length(paragraph) <= {_MAX_CHARS}
)
SELECT d.source, l.line, count(*) AS documents, min(d.read_at) AS first_seen_at, max(d.read_at) AS last_seen_at
FROM lines l
JOIN learn_documents d ON d.article_id = l.article_id
JOIN learn_parameters p ON p.source = d.source
WHERE l.line <> ''
  AND length(l.line) <= p.max_chars
  AND NOT (length(l.line) > {_PROSE_CHARS}
           AND regexp_matches(l.line, '[.!?…]["''”’»)]*$')
           AND len(string_split(l.line, ' ')) >= {_PROSE_WORDS})
GROUP BY d.source, l.line
"""


_REPLACE = """
INSERT INTO learned_lines
SELECT c.source, c.line, c.documents, t.documents, c.first_seen_at, c.last_seen_at,
       CASE WHEN v.line IS NULL THEN 'active' ELSE 'disabled' END
FROM learn_candidates c
JOIN (SELECT source, count(*) AS documents FROM learn_documents GROUP BY source) t ON t.source = c.source
JOIN learn_parameters p ON p.source = c.source
LEFT JOIN learn_vetoes v ON v.source = c.source AND v.line = c.line
WHERE c.documents >= p.min_documents
  AND c.documents >= p.min_share * t.documents
  -- A headline that other documents list ("Most read") is another article's title, not furniture.
  AND NOT EXISTS (SELECT 1 FROM learn_documents d WHERE d.source = c.source AND d.title = c.line)
"""


def refresh_learned(
    connection: duckdb.DuckDBPyConnection, sources: Mapping[str, LearnConfig], *, articles_changed: bool = True
) -> dict[str, int]:
    """Recompute ``learned_lines`` of ``sources`` (in one transaction); the number of active lines per source.

    With ``articles_changed=False`` (the load wrote, updated and retired no article) and the same settings as the
    last count, the count would give the same table: it is skipped.
    """
    settings = {name: _settings_key(config) for name, config in sources.items()}
    if not articles_changed and _counted_with(connection, settings):
        active = _active_counts(connection, sources)
        log.info("learned boilerplate unchanged (no article changed, same settings): %s active lines", active)
        return active
    with transaction(connection):
        _parameters(connection, sources)
        connection.execute("DELETE FROM learned_lines WHERE source IN (SELECT source FROM learn_sources)")
        connection.execute(_DOCUMENTS)
        connection.execute(_candidates(_window_rows(connection)))
        connection.execute(_REPLACE)
        connection.execute("DELETE FROM learn_counts WHERE source IN (SELECT source FROM learn_sources)")
        connection.executemany(
            "INSERT INTO learn_counts VALUES (?, ?, now())", [[name, key] for name, key in settings.items()]
        )
        active = _active_counts(connection, sources)
    log.info("learned boilerplate refreshed: %s active lines per source", active)
    return active


def _settings_key(config: LearnConfig) -> str:
    fields = {
        "version": _COUNT_VERSION,
        "enabled": config.enabled,
        "min_documents": config.min_documents,
        "min_share": config.min_share,
        "max_chars": config.max_chars,
        "window": config.window,
        "never": sorted(config.never),
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def _counted_with(connection: duckdb.DuckDBPyConnection, settings: Mapping[str, str]) -> bool:
    """Whether every source was last counted with exactly these settings."""
    if not settings:
        return True
    rows = connection.execute(
        "SELECT source, settings FROM learn_counts WHERE source IN (SELECT unnest(?))", [list(settings)]
    ).fetchall()
    return {str(source): str(key) for source, key in rows} == dict(settings)


def _active_counts(connection: duckdb.DuckDBPyConnection, sources: Mapping[str, LearnConfig]) -> dict[str, int]:
    rows = connection.execute(
        "SELECT source, count(*) FILTER (status = 'active') FROM learned_lines "
        "WHERE source IN (SELECT unnest(?)) GROUP BY source",
        [list(sources)],
    ).fetchall()
    return dict.fromkeys(sources, 0) | {str(source): int(count) for source, count in rows}


def active_lines(connection: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every source's active learned lines, sorted (what is published to the cleaners)."""
    found: dict[str, list[str]] = {}
    rows = connection.execute(
        "SELECT source, line FROM learned_lines WHERE status = 'active' ORDER BY source, line"
    ).fetchall()
    for source, line in rows:
        found.setdefault(str(source), []).append(str(line))
    return found


def _parameters(connection: duckdb.DuckDBPyConnection, sources: Mapping[str, LearnConfig]) -> None:
    connection.execute("CREATE OR REPLACE TEMP TABLE learn_sources (source VARCHAR)")
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE learn_parameters "
        "(source VARCHAR, min_documents BIGINT, min_share DOUBLE, max_chars BIGINT, window_size BIGINT)"
    )
    connection.execute("CREATE OR REPLACE TEMP TABLE learn_vetoes (source VARCHAR, line VARCHAR)")
    if not sources:
        return
    connection.executemany("INSERT INTO learn_sources VALUES (?)", [[name] for name in sources])
    enabled = [
        [name, config.min_documents, config.min_share, config.max_chars, config.window]
        for name, config in sources.items()
        if config.enabled
    ]
    if enabled:
        connection.executemany("INSERT INTO learn_parameters VALUES (?, ?, ?, ?, ?)", enabled)
    vetoes = [[name, line] for name, config in sources.items() for line in sorted(config.never)]
    if vetoes:
        connection.executemany("INSERT INTO learn_vetoes VALUES (?, ?)", vetoes)
