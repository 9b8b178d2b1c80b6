"""Reading the warehouse for people: ``newsetl sql`` and ``newsetl report``.

Both read the analysts' snapshot (:mod:`newsetl.warehouse.snapshot`), never the file the loads write, so a
query left open never holds up a scheduled load.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from newsetl.config import Settings
from newsetl.errors import WarehouseError
from newsetl.warehouse import fts_extension_path, open_snapshot

_REPORT_QUERIES = (
    (
        "Articles per source",
        "SELECT source, count(*) AS articles, round(avg(word_count)) AS avg_words, "
        "max(published_at) AS latest_published FROM articles GROUP BY source ORDER BY source",
    ),
    (
        "Last run, per source",
        "SELECT s.source, s.documents_read AS read, s.articles_new AS new, s.articles_updated AS updated, "
        "s.articles_unchanged AS unchanged, s.documents_rejected AS rejected, s.documents_duplicate AS duplicate "
        "FROM run_sources s WHERE s.run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) "
        "ORDER BY s.source",
    ),
    (
        "Last runs",
        "SELECT run_id, status, documents_read AS read, articles_new AS new, articles_updated AS updated, "
        "articles_unchanged AS unchanged, documents_rejected AS rejected FROM runs ORDER BY started_at DESC LIMIT 5",
    ),
    ("Rejected documents", "SELECT source, uri, reason_code, reason FROM rejected_documents ORDER BY source, uri"),
    (
        "Stories with copies in several places",
        "SELECT title, copies, source_names AS sources FROM stories WHERE copies > 1 ORDER BY copies DESC, title",
    ),
    (
        "Latest articles",
        "SELECT source, title, published_at, word_count AS words FROM articles "
        "ORDER BY published_at DESC NULLS LAST, title LIMIT 10",
    ),
)


def print_query(settings: Settings, query: str, *, output: str = "table", max_width: int = 60) -> None:
    columns, rows = run_query(settings, query)
    if output == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=str))
    elif output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        _console().print(_table(columns, rows, max_width))


def run_query(settings: Settings, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with open_snapshot(settings.snapshot) as connection:
        try:
            cursor = connection.execute(query)
        except duckdb.Error as exc:
            raise WarehouseError(f"query failed: {exc}") from exc
        columns = [column[0] for column in cursor.description or []]
        return columns, cursor.fetchall()


def setup_sql(settings: Settings) -> str:
    """SQL that opens the snapshot with search in any DuckDB client of the same version (CLI, DBeaver, Python)."""
    snapshot = str(settings.snapshot).replace("'", "''")
    return f"LOAD '{fts_extension_path()}';\nATTACH '{snapshot}' AS news (READ_ONLY);\nUSE news;"


def print_report(settings: Settings) -> None:
    console = _console()
    console.print(f"analyst snapshot: {settings.snapshot}")
    for title, query in _REPORT_QUERIES:
        columns, rows = run_query(settings, query)
        console.print(_table(columns, rows, 70, title=f"{title} ({len(rows)})"))


def _console() -> Console:
    """A terminal's console; anywhere else (a pipe, a file) one as wide as a table needs.

    Rich draws for 80 columns where it finds no terminal: a query's output sent to a file had its cells cut and wrapped
    well below ``--max-width``.
    """
    console = Console()
    return console if console.is_terminal else Console(width=_UNBOUNDED)


_UNBOUNDED = 100_000
"""Columns: a table keeps its natural width, each cell at most ``--max-width``."""


def _table(columns: list[str], rows: list[tuple[Any, ...]], max_width: int, title: str | None = None) -> Table:
    # Names and values as Text: a title holding "[/b]" stopped the command with rich's MarkupError, and
    # ":fire:" in one printed as an emoji.
    table = Table(*(Column(header=Text(name)) for name in columns), title=title, title_justify="left")
    for row in rows:
        table.add_row(*(Text(_cell(value, max_width)) for value in row))
    return table


def _cell(value: Any, max_width: int) -> str:
    text = "NULL" if value is None else " ".join(str(value).split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
