"""``required_fields``: per source, the share of articles this run wrote without a field stays under a limit."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from newsetl.checks._model import CheckResult, Finding, examples


@dataclass(frozen=True, slots=True)
class FieldRule:
    column: str
    max_missing: float
    """Largest share of a source's articles in one run that may lack the field."""
    min_articles: int
    """Judge a source only when the run wrote at least this many of its articles (a share of 1 says little)."""
    cause: str
    usual_share: float = 0.0
    """Judge a source only if at least this share of its earlier articles had the field (0: always judge)."""


REQUIRED_FIELDS = (
    FieldRule("title", 0.5, 1, "the extractor is misreading this source's layout"),
    # Many text dumps carry no dateline at all; a source whose articles used to have dates and now (nearly)
    # never do has changed its date format.
    FieldRule("published_at", 0.9, 10, "the dates of this source are not recognised any more", usual_share=0.5),
)
_ACTION = "look at one with `newsetl extract <file>`, fix the extraction or the source's options, then reprocess"


def check_required_fields(connection: duckdb.DuckDBPyConnection, run_id: str) -> CheckResult:
    failures = [finding for rule in REQUIRED_FIELDS for finding in _missing(connection, run_id, rule)]
    if failures:
        return CheckResult("required_fields", "fail", f"{examples(failures)}: {_ACTION}", tuple(failures))
    row = connection.execute("SELECT count(*) FROM articles WHERE run_id = ?", [run_id]).fetchone()
    limits = ", ".join(f"{rule.column} ≤ {rule.max_missing:.0%}" for rule in REQUIRED_FIELDS)
    return CheckResult("required_fields", "pass", f"{row[0] if row else 0} articles within limits ({limits})")


def _missing(connection: duckdb.DuckDBPyConnection, run_id: str, rule: FieldRule) -> list[Finding]:
    blank = f"{rule.column} IS NULL" + (" OR trim(title) = ''" if rule.column == "title" else "")
    rows = connection.execute(
        f"""
        SELECT source, count(*) AS total, count(*) FILTER ({blank}) AS missing,
               any_value(uri) FILTER ({blank}) AS example
        FROM articles a WHERE run_id = $run_id GROUP BY source
        HAVING count(*) >= $min_articles AND missing > $max_missing * total
           AND coalesce((SELECT avg(CASE WHEN {blank} THEN 0 ELSE 1 END) FROM articles o
                         WHERE o.source = a.source AND o.run_id <> $run_id), 0) >= $usual_share
        ORDER BY source
        """,
        {
            "run_id": run_id,
            "min_articles": rule.min_articles,
            "max_missing": rule.max_missing,
            "usual_share": rule.usual_share,
        },
    ).fetchall()
    return [
        Finding(
            f"source {source}: {missing} of {total} articles have no {rule.column} "
            f"(limit {rule.max_missing:.0%}; e.g. {example}): {rule.cause}",
            source,
            example,
            rule.column,
        )
        for source, total, missing, example in rows
    ]
