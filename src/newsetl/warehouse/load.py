"""Loading a run's staged batches into the warehouse: one transaction, set-based, idempotent.

Every table is written by key (MERGE / ON CONFLICT), never blind INSERT, so loading the same staged run
twice leaves the same rows. Articles are compared by content hash: unchanged content is not rewritten, so
its row (and the run that wrote it) stays as it was and no version is added. A changed article gets a new
version (its row in ``articles``) and the old one is closed into ``article_history`` (both seen through the
``article_versions`` view); story clusters and the search index follow, for the articles the load wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsetl.errors import WarehouseError
from newsetl.stage import STAGED_TABLES, StagedTable
from newsetl.warehouse._connect import quoted
from newsetl.warehouse.clusters import update_clusters
from newsetl.warehouse.history import record_versions
from newsetl.warehouse.search import update_search_index

log = logging.getLogger("newsetl.warehouse")

# Staged rejections carry one timestamp; the table keeps the first and the last.
_REJECTED_STAGED_COLUMNS = {
    "source": "VARCHAR",
    "uri": "VARCHAR",
    "raw_id": "VARCHAR",
    "reason_code": "VARCHAR",
    "reason": "VARCHAR",
    "run_id": "VARCHAR",
    "rejected_at": "TIMESTAMPTZ",
}
# A skipped document: its bytes and rules match the article the warehouse holds (see newsetl.stage.seen).
_SKIPPED_STAGED_COLUMNS = {
    "source": "VARCHAR",
    "uri": "VARCHAR",
    "raw_id": "VARCHAR",
    "article_id": "VARCHAR",
    "run_id": "VARCHAR",
}
# One row a document, its removed lines in a list (see records.RemovedLinesRow).
_REMOVED_STAGED_COLUMNS = {
    "article_id": "VARCHAR",
    "raw_id": "VARCHAR",
    "source": "VARCHAR",
    "uri": "VARCHAR",
    "run_id": "VARCHAR",
    "lines": "STRUCT(line INTEGER, rule VARCHAR, text VARCHAR)[]",
}
_FIXED_STAGED_COLUMNS: dict[str, dict[str, str]] = {
    "rejected_documents": _REJECTED_STAGED_COLUMNS,
    "skipped_documents": _SKIPPED_STAGED_COLUMNS,
    "removed_lines": _REMOVED_STAGED_COLUMNS,
}
# Read once, straight into the table: streamed from the files, never held in memory as a whole.
_STREAMED_TABLES = frozenset({"removed_lines"})
# Staged with an article but kept in tables of their own.
_ARTICLE_EXTRA_COLUMNS = {"minhash": "UINTEGER[]"}
# What deciding, counting and indexing an incoming article need; the rest is read when it is written.
_ARTICLE_KEY_COLUMNS = frozenset(
    {"article_id", "source", "uri", "raw_id", "content_hash", "run_id", "rules_version", "minhash"}
)
# Derived by the cleaning rules beside the content (which ``content_hash`` covers): refreshed in place when an
# article is cleaned again under other rules and its content is unchanged.
_DERIVED_COLUMNS = (
    "updated_at",
    "language",
    "section",
    "tags",
    "captions",
    "reading_time_minutes",
    "word_count",
    "extractor",
)
_DERIVED_UPDATE = ", ".join(f"{column} = r.{column}" for column in _DERIVED_COLUMNS)
# Set by the load itself, never staged.
_ARTICLE_LOAD_COLUMNS = ("version", "first_seen_at", "loaded_at")
PhaseTimer = Callable[[str], AbstractContextManager[None]]
"""Times a named part of the load (``Stopwatch.phase``)."""
COUNT_NAMES = (
    "documents_read",
    "articles_new",
    "articles_updated",
    "articles_unchanged",
    "documents_rejected",
    "documents_duplicate",
    "articles_retired",
)


@dataclass(frozen=True, slots=True)
class LoadCounts:
    """What one load did, in total and per source."""

    totals: dict[str, int]
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)


def load_staged(
    connection: duckdb.DuckDBPyConnection,
    files: Mapping[StagedTable, Sequence[Path]],
    *,
    search_terms: Sequence[Path] = (),
    loaded_at: datetime | None = None,
    commit: bool = True,
    timed: PhaseTimer | None = None,
) -> LoadCounts:
    """Merge staged batch files into the warehouse in one transaction and count what changed.

    ``search_terms`` are the run's staged search terms files (see ``newsetl.warehouse.terms``).
    ``loaded_at`` is the system time recorded on new versions (default: now); it never decides what is loaded.
    With ``commit=False`` (a dry run) the same merge runs and is rolled back: the counts say what a load
    would change, and the warehouse is left as it was. ``timed`` (a ``Stopwatch``'s ``phase``) times each part
    of the load: ``load.decide``, ``load.write``, ``load.clusters``, ``load.search``, ``load.commit``.
    """
    moment = loaded_at or datetime.now(UTC)
    phase = timed or _untimed
    connection.execute("BEGIN")
    try:
        with phase("load.decide"):  # what is new, changed, unchanged, rejected: on keys only
            for table in STAGED_TABLES:
                _stage_incoming(connection, table, files.get(table, ()))
            cleaned = _add_skipped(connection)
            _classify_articles(connection, moment)
            counts = _count(connection)
        with phase("load.write"):
            _write_rows(connection, counts, moment, cleaned=cleaned)
        if not commit:
            connection.execute("ROLLBACK")  # a dry run: counted, nothing kept (clusters and search follow a load)
            return counts
        with phase("load.clusters"):
            if _signatures_may_change(connection, counts):
                update_clusters(connection)
            if counts.totals["articles_new"] + counts.totals["articles_updated"]:
                _check_one_row_an_article(connection, "article_signatures")
        with phase("load.search"):
            if counts.totals["articles_new"] + counts.totals["articles_updated"] + counts.totals["articles_retired"]:
                update_search_index(connection, search_terms)
        with phase("load.commit"):
            _commit_into_file(connection)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        # Temporary views outlive the transaction; the connection may serve an analyst's queries next.
        for view in ("article_changes", "incoming_removed_lines", "incoming_article_rows"):
            connection.execute(f"DROP VIEW IF EXISTS {view}")
    return counts


def _untimed(name: str) -> AbstractContextManager[None]:
    return nullcontext()


def _commit_into_file(connection: duckdb.DuckDBPyConnection) -> None:
    """Commit the load with a checkpoint, so DuckDB writes its rows into the database file once.

    A commit that DuckDB expects to fill its write-ahead log past ``checkpoint_threshold`` checkpoints instead of
    writing the log. It underestimates a load: 9,971 articles wrote 87 MB of log (their tables hold less than a
    row group, which DuckDB would have written to the file at once), which the checkpoint after the load then
    wrote into the file again. With the threshold at zero for this commit, the commit and that checkpoint took
    0.41-0.56 s instead of 0.58-0.81 s (six replays each, alternated). Where a checkpoint cannot run (another
    transaction open), DuckDB writes the log as before, and the caller's checkpoint writes the file.
    """
    connection.execute("SET checkpoint_threshold = '0B'")
    try:
        connection.execute("COMMIT")
    finally:
        connection.execute("RESET checkpoint_threshold")


def _signatures_may_change(connection: duckdb.DuckDBPyConnection, counts: LoadCounts) -> bool:
    """Whether the load wrote or retired an article, or staged a signature (an unchanged article cleaned again may
    bring one made another way): else no signature, edge or story can change, and clustering is skipped (18 ms of
    a re-run of 10,000 unchanged files, whose skipped documents stage none)."""
    if counts.totals["articles_new"] + counts.totals["articles_updated"] + counts.totals["articles_retired"]:
        return True
    return connection.execute("SELECT 1 FROM article_changes WHERE minhash IS NOT NULL LIMIT 1").fetchone() is not None


def _write_rows(connection: duckdb.DuckDBPyConnection, counts: LoadCounts, moment: datetime, *, cleaned: int) -> None:
    """The ledger, the versions, the articles, their removed lines and the quarantine, as decided."""
    _merge_raw_documents(connection)
    if counts.totals["articles_updated"] + counts.totals["articles_retired"]:
        record_versions(connection, moment)  # reads every article to find the few it closes
    as_staged = _written_as_staged(connection)
    _merge_articles(connection, counts, cleaned=cleaned, as_staged=as_staged)
    if counts.totals["articles_new"] + counts.totals["articles_updated"]:
        _check_one_row_an_article(connection, "articles")
    _replace_removed_lines(connection, as_staged=as_staged)
    _merge_rejections(connection)


@dataclass(frozen=True, slots=True)
class _AsStaged:
    """What the load may write as it was staged, without joining each staged row to what was decided for it.

    The join costs most where it filters nothing: on a 99,705-article first load it made the removed lines' insert
    6.5 s instead of 3.7 s, the articles' 4.9 s instead of 4.1 s (the same staged files, fresh warehouse files).
    """

    every_row: bool
    """Every document this run cleaned won its article and changed it (a first load, a run of new documents)."""
    first_versions: bool
    """... and each of those articles is new, in its first version: its version and dates are the load's."""


def _written_as_staged(connection: duckdb.DuckDBPyConnection) -> _AsStaged:
    # A winner is one cleaned row of its article (skipped documents are always unchanged): as many changed winners
    # as cleaned rows means every cleaned row is one, none repeated.
    row = connection.execute(
        """
        SELECT (SELECT count(*) FROM incoming_articles WHERE NOT _skipped) = count(*) FILTER (change <> 'unchanged'),
               count(*) FILTER (change <> 'unchanged' AND (change <> 'new' OR version <> 1)) = 0
        FROM article_winners
        """
    ).fetchone()
    every_row = bool(row and row[0])
    return _AsStaged(every_row=every_row, first_versions=every_row and bool(row and row[1]))


def _stage_incoming(connection: duckdb.DuckDBPyConnection, table: StagedTable, paths: Sequence[Path]) -> None:
    columns = _staged_columns(connection, table)
    target = f"incoming_{table}"
    if table == "articles":
        _stage_article_rows(connection, columns, paths)
        columns = {name: kind for name, kind in columns.items() if name in _ARTICLE_KEY_COLUMNS}
    if not paths and table in _STREAMED_TABLES:
        nothing = ", ".join(f'NULL::{kind} AS "{name}"' for name, kind in columns.items())
        connection.execute(f"CREATE OR REPLACE TEMP VIEW {target} AS SELECT {nothing} WHERE false")
        return
    if not paths:
        definition = ", ".join(f'"{name}" {kind}' for name, kind in columns.items())
        file_column = ", _file VARCHAR" if table == "articles" else ""
        connection.execute(f"CREATE OR REPLACE TEMP TABLE {target} ({definition}{file_column}, _seq BIGINT)")
        return
    if table in _STREAMED_TABLES:
        connection.execute(f"CREATE OR REPLACE TEMP VIEW {target} AS SELECT * FROM {_read_json(paths, columns)}")
        return
    # _seq keeps file and line order, so "the last document wins" is well defined when a key repeats. An article
    # keeps its file (_file), where its row is read again to be written.
    file_column = "filename AS _file, " if table == "articles" else ""
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE {target} AS SELECT * EXCLUDE (filename), {file_column}"
        f"row_number() OVER () AS _seq FROM {_read_json(paths, columns)}"
    )


def _stage_article_rows(
    connection: duckdb.DuckDBPyConnection, columns: Mapping[str, str], paths: Sequence[Path]
) -> None:
    """``incoming_article_rows``: the staged articles in full, read from their files when they are written.

    ``incoming_articles`` holds only what deciding and counting need (``_ARTICLE_KEY_COLUMNS``); the bodies are
    read once, by the insert, instead of being copied into a temporary table first (spilled past the memory limit,
    4.8-9.1 s of a 99,705-article load).
    """
    if not paths:
        nothing = ", ".join(f'NULL::{kind} AS "{name}"' for name, kind in columns.items())
        connection.execute(
            f"CREATE OR REPLACE TEMP VIEW incoming_article_rows AS SELECT {nothing}, NULL AS filename WHERE false"
        )
        return
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW incoming_article_rows AS SELECT * FROM {_read_json(paths, columns)}"
    )


def staged_source(connection: duckdb.DuckDBPyConnection, table: StagedTable, paths: Sequence[Path]) -> str:
    """SQL reading a staged table's files as the load reads them: its columns typed, and each row's ``filename``."""
    return _read_json(paths, _staged_columns(connection, table))


def _read_json(paths: Sequence[Path], columns: Mapping[str, str]) -> str:
    # Paths are written into the SQL because a view cannot take parameters.
    struct = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"
    listed = ", ".join(f"'{quoted(path)}'" for path in paths)
    return f"read_json([{listed}], format = 'newline_delimited', columns = {struct}, filename = true)"


def _staged_columns(connection: duckdb.DuckDBPyConnection, table: StagedTable) -> dict[str, str]:
    if table in _FIXED_STAGED_COLUMNS:
        return _FIXED_STAGED_COLUMNS[table]
    columns = _table_columns(connection, table)
    if table == "articles":
        columns = {name: kind for name, kind in columns.items() if name not in _ARTICLE_LOAD_COLUMNS}
        columns.update(_ARTICLE_EXTRA_COLUMNS)
    return columns


def _table_columns(connection: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    # pragma_table_info looks at the one table; duckdb_columns() lists every column of every database (and the
    # information_schema view over it, more). A replayed re-run load of 10,000 files: 97-101 -> 90-92 ms.
    rows = connection.execute("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", [table]).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _add_skipped(connection: duckdb.DuckDBPyConnection) -> int:
    """Skipped documents become candidates that stand for the stored article, in document order; the number of
    articles cleaned (the candidates staged before them).

    Every candidate is ordered by its document's place in the run (the raw documents' order), so "the last
    document of an article wins" holds across cleaned and skipped documents alike. A skipped candidate carries
    keys only and is always unchanged; if its article has since been replaced or removed by another run's load,
    it is still counted unchanged (its bytes are what the warehouse last loaded from that place).
    """
    connection.execute("ALTER TABLE incoming_articles ADD COLUMN _skipped BOOLEAN DEFAULT false")
    row = connection.execute(
        "SELECT (SELECT count(*) FROM incoming_articles), (SELECT count(*) FROM incoming_skipped_documents)"
    ).fetchone()
    cleaned, skipped = (int(row[0]), int(row[1])) if row else (0, 0)
    if not skipped:
        return cleaned
    if cleaned:  # a re-run of unchanged files cleans none
        connection.execute(
            """
            UPDATE incoming_articles i SET _seq = r._seq FROM incoming_raw_documents r
            WHERE r.source = i.source AND r.uri = i.uri AND r.raw_id = i.raw_id
            """
        )
    connection.execute(
        """
        INSERT INTO incoming_articles BY NAME
        SELECT s.article_id, s.source, s.uri, s.raw_id, s.run_id, a.content_hash, r._seq, true AS _skipped
        FROM incoming_skipped_documents s
        JOIN incoming_raw_documents r USING (source, uri, raw_id)
        LEFT JOIN articles a ON a.article_id = s.article_id
        """
    )
    return cleaned


def _classify_articles(connection: duckdb.DuckDBPyConnection, moment: datetime) -> None:
    # The last staged document of each article wins; version, first_seen_at and loaded_at are what the
    # articles row will hold if this load writes it (only new and updated articles are written). An article
    # retired earlier that a document names again continues its numbering after its closed versions.
    # Decided on keys only (a few bytes an article), so memory does not grow with the bodies of a big run.
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE article_winners AS
        SELECT i.article_id, i._seq,
               CASE WHEN i._skipped THEN 'unchanged'
                    WHEN a.article_id IS NULL THEN 'new'
                    WHEN a.content_hash <> i.content_hash THEN 'updated'
                    ELSE 'unchanged' END AS change,
               coalesce(a.version, h.closed, 0) + 1 AS version,
               coalesce(a.first_seen_at, $moment) AS first_seen_at,
               $moment::TIMESTAMPTZ AS loaded_at
        FROM (SELECT article_id, _seq, content_hash, _skipped FROM incoming_articles
              QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY _seq DESC) = 1) AS i
        LEFT JOIN articles a USING (article_id)
        LEFT JOIN (SELECT article_id, max(version) AS closed FROM article_history GROUP BY article_id) h
          USING (article_id)
        """,
        {"moment": moment},
    )
    # The winning documents' keys with what the load decided. It does not read `articles`, so it says the same
    # before and after the merge.
    connection.execute(
        """
        CREATE OR REPLACE TEMP VIEW article_changes AS
        SELECT i.* EXCLUDE (_seq, _skipped), w.change, w.version, w.first_seen_at, w.loaded_at
        FROM incoming_articles i JOIN article_winners w ON w.article_id = i.article_id AND w._seq = i._seq
        """
    )
    # A document that now names another article (its canonical link changed, or the URL key rules did)
    # retires the article it used to be.
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE article_retired AS
        SELECT a.article_id, a.source FROM articles a
        WHERE EXISTS (SELECT 1 FROM incoming_articles i WHERE i.source = a.source AND i.uri = a.uri)
          AND a.article_id NOT IN (SELECT article_id FROM incoming_articles)
        """
    )


def _count(connection: duckdb.DuckDBPyConnection) -> LoadCounts:
    rows = connection.execute(
        """
        WITH read AS (
            SELECT source, count(*) AS n FROM (
                SELECT source FROM incoming_raw_documents
                UNION ALL SELECT source FROM incoming_rejected_documents WHERE raw_id = ''
            ) GROUP BY source),
        changes AS (
            SELECT source, count(*) FILTER (change = 'new') AS new, count(*) FILTER (change = 'updated') AS updated,
                   count(*) FILTER (change = 'unchanged') AS unchanged
            FROM article_changes GROUP BY source),
        staged AS (SELECT source, count(*) - count(DISTINCT article_id) AS duplicate
                   FROM incoming_articles GROUP BY source),
        rejected AS (SELECT source, count(*) AS n FROM incoming_rejected_documents GROUP BY source),
        retired AS (SELECT source, count(*) AS n FROM article_retired GROUP BY source)
        SELECT r.source, r.n, coalesce(c.new, 0), coalesce(c.updated, 0), coalesce(c.unchanged, 0),
               coalesce(j.n, 0), coalesce(s.duplicate, 0), coalesce(t.n, 0)
        FROM read r
        LEFT JOIN changes c USING (source) LEFT JOIN staged s USING (source) LEFT JOIN rejected j USING (source)
        LEFT JOIN retired t USING (source)
        ORDER BY r.source
        """
    ).fetchall()
    per_source = {str(row[0]): dict(zip(COUNT_NAMES, map(int, row[1:]), strict=True)) for row in rows}
    totals = {name: sum(counts[name] for counts in per_source.values()) for name in COUNT_NAMES}
    return LoadCounts(totals=totals, per_source=per_source)


def _merge_raw_documents(connection: duckdb.DuckDBPyConnection) -> None:
    # The ledger keeps when and by which run bytes were first read from a place. Only the file identity follows
    # the file: the same bytes found at a new identity (touched, copied back) record it, so the next run can skip
    # the file unread. A file skipped unread stages no landing path and no identity: the ledger holds its row (the
    # seen index took its format and size from it), so it is left out, and a re-run of 10,000 unchanged files
    # probes the key for none of them.
    connection.execute(
        """
        INSERT INTO raw_documents BY NAME
        SELECT * EXCLUDE (_seq) FROM incoming_raw_documents
        WHERE landing_path <> '' OR file_stat IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY source, uri, raw_id ORDER BY _seq) = 1
        ON CONFLICT (source, uri, raw_id) DO UPDATE SET file_stat = excluded.file_stat
        WHERE excluded.file_stat IS NOT NULL AND excluded.file_stat IS DISTINCT FROM raw_documents.file_stat
        """
    )


def _merge_articles(
    connection: duckdb.DuckDBPyConnection, counts: LoadCounts, *, cleaned: int, as_staged: _AsStaged
) -> None:
    if cleaned:  # only a cleaned document makes an article new or updated, or brings its rules (a skipped one not)
        _write_cleaned(connection, counts, as_staged)
    connection.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM article_retired)")


def _write_cleaned(connection: duckdb.DuckDBPyConnection, counts: LoadCounts, as_staged: _AsStaged) -> None:
    """Append the new articles, replace the updated ones, take the rules of those cleaned again and unchanged.

    Each statement reads the staged bodies whole, so one with nothing to write is not run: the refresh of unchanged
    articles, run for none, read a 99,705-article first load's files again (2.5 s) and once ran out of memory there
    at the default ``writer_memory``.
    """
    if counts.totals["articles_new"] + counts.totals["articles_updated"]:
        written = _first_versions_as_staged() if as_staged.first_versions else _written_rows(connection)
        _append_and_replace(connection, counts, written)
    if _cleaned_under_other_rules(connection):
        _refresh_unchanged(connection)


def _append_and_replace(connection: duckdb.DuckDBPyConnection, counts: LoadCounts, written: str) -> None:
    if counts.totals["articles_new"]:  # appended: a MERGE would probe the key index for each of them first
        connection.execute(
            f"INSERT INTO articles BY NAME SELECT * EXCLUDE (change) FROM ({written}) WHERE change = 'new'"
        )
    if counts.totals["articles_updated"]:
        connection.execute(
            f"""
            MERGE INTO articles AS a
            USING (SELECT * EXCLUDE (change) FROM ({written}) WHERE change = 'updated') AS c
            ON a.article_id = c.article_id
            WHEN MATCHED THEN UPDATE
            """
        )


def _cleaned_under_other_rules(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether a document cleaned in this run found its article unchanged but stored under other rules (keys only)."""
    row = connection.execute(
        """
        SELECT 1 FROM article_changes c JOIN articles a USING (article_id)
        WHERE c.change = 'unchanged' AND c.rules_version IS NOT NULL AND a.rules_version <> c.rules_version
        LIMIT 1
        """
    ).fetchone()
    return row is not None


def _refresh_unchanged(connection: duckdb.DuckDBPyConnection) -> None:
    # Content cleaned again under newer rules (learned lines, a source pattern, a new release) and found unchanged
    # records those rules: the seen index then lets the next run skip it instead of cleaning it again on every run.
    # What the rules derive beside the content (the word count, language, update date, captions, tags…) is taken
    # from the new cleaning too, in place: it is no new version of the article, whose content did not change.
    connection.execute(
        f"""
        UPDATE articles AS a SET rules_version = r.rules_version, {_DERIVED_UPDATE}
        FROM (SELECT r.* FROM incoming_article_rows r
              JOIN article_changes c
                ON c._file = r.filename AND c.article_id = r.article_id AND c.source = r.source AND c.uri = r.uri
                   AND c.raw_id = r.raw_id
              WHERE c.change = 'unchanged' AND c.rules_version IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY r.article_id) = 1) AS r
        WHERE a.article_id = r.article_id AND a.rules_version <> r.rules_version
        """
    )


def _check_one_row_an_article(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    """Fail the load, before it commits, if an article it wrote stands in ``table`` more than once.

    ``articles`` and ``article_signatures`` have no key index (``sql/072``, ``sql/073``): the load keeps
    ``article_id`` unique by deciding new articles on it, and this is the guard the index was. It looks only at
    the articles this load wrote.
    """
    row = connection.execute(
        f"""
        SELECT article_id FROM {table}
        WHERE article_id IN (SELECT article_id FROM article_winners WHERE change <> 'unchanged')
        GROUP BY article_id HAVING count(*) > 1
        LIMIT 1
        """
    ).fetchone()
    if row:
        raise WarehouseError(
            f"the load would leave article {row[0]} in {table} more than once; nothing was committed. "
            f"Find the rows with `SELECT * FROM {table} WHERE article_id = '...'` and keep one"
        )


def _written_rows(connection: duckdb.DuckDBPyConnection) -> str:
    """The staged rows of the new and updated articles, read from their files by the statement that writes them."""
    repeated = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM incoming_articles WHERE _file IS NOT NULL "
        "GROUP BY _file, article_id, source, uri, raw_id HAVING count(*) > 1)"
    ).fetchone()
    # A file holding the same document twice (an export that repeats a record) holds the same bytes cleaned twice
    # in one batch, so one copy is kept; numbering the rows holds them all, so only then.
    once = "QUALIFY row_number() OVER (PARTITION BY r.article_id) = 1" if repeated and repeated[0] else ""
    return f"""
        SELECT r.* EXCLUDE (filename, minhash), c.change, c.version, c.first_seen_at, c.loaded_at
        FROM incoming_article_rows r
        JOIN article_changes c
          ON c._file = r.filename AND c.article_id = r.article_id AND c.source = r.source AND c.uri = r.uri
             AND c.raw_id = r.raw_id
        WHERE c.change IN ('new', 'updated') {once}"""


def _first_versions_as_staged() -> str:
    """Every staged article row, each a new article's first version (``_AsStaged.first_versions``)."""
    return """
        SELECT r.* EXCLUDE (filename, minhash), 'new' AS change, 1 AS version, w.moment AS first_seen_at,
               w.moment AS loaded_at
        FROM incoming_article_rows r, (SELECT any_value(loaded_at) AS moment FROM article_winners) w"""


def _replace_removed_lines(connection: duckdb.DuckDBPyConnection, *, as_staged: _AsStaged) -> None:
    # Lines belong to one version of an article: a changed article gets its new list, an unchanged one keeps its own.
    connection.execute(
        "DELETE FROM removed_line_lists WHERE article_id IN "
        "(SELECT article_id FROM article_changes WHERE change <> 'unchanged' "
        "UNION ALL SELECT article_id FROM article_retired)"
    )
    # The list of the document that won its article (by its place: source, uri and bytes), as it was staged: one row
    # an article, never a row a line (the `removed_lines` view unnests them, sql/093).
    if as_staged.every_row:  # every staged list is a winner's (a document's lines are staged with its article)
        connection.execute(
            "INSERT INTO removed_line_lists (article_id, raw_id, source, run_id, lines) "
            "SELECT article_id, raw_id, source, run_id, lines FROM incoming_removed_lines WHERE len(lines) > 0"
        )
        return
    connection.execute(
        """
        INSERT INTO removed_line_lists (article_id, raw_id, source, run_id, lines)
        SELECT l.article_id, l.raw_id, l.source, l.run_id, l.lines
        FROM incoming_removed_lines l
        JOIN article_changes c
          ON c.article_id = l.article_id AND c.source = l.source AND c.uri = l.uri AND c.raw_id = l.raw_id
        WHERE c.change <> 'unchanged' AND len(l.lines) > 0
        """
    )


def _merge_rejections(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(
        """
        MERGE INTO rejected_documents AS r
        USING (SELECT * FROM incoming_rejected_documents
               QUALIFY row_number() OVER (PARTITION BY source, uri, raw_id ORDER BY _seq DESC) = 1) AS i
        ON r.source = i.source AND r.uri = i.uri AND r.raw_id = i.raw_id
        WHEN MATCHED THEN UPDATE SET reason_code = i.reason_code, reason = i.reason,
             last_rejected_at = i.rejected_at, run_id = i.run_id
        WHEN NOT MATCHED THEN INSERT
             (source, uri, raw_id, reason_code, reason, first_rejected_at, last_rejected_at, run_id)
             VALUES (i.source, i.uri, i.raw_id, i.reason_code, i.reason, i.rejected_at, i.rejected_at, i.run_id)
        """
    )
    # A document that cleans now (after a rules fix and a reprocess, or a fetch that succeeds at last) is no
    # longer in quarantine; raw_id '' is the rejection of a document whose bytes could not be had.
    connection.execute(
        """
        DELETE FROM rejected_documents r USING article_changes c
        WHERE r.source = c.source AND r.uri = c.uri AND (r.raw_id = c.raw_id OR r.raw_id = '')
        """
    )
