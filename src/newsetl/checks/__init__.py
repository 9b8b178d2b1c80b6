"""Quality checks after a load. A failed check fails the run with a message a person can act on.

- ``accounting``: every document the run read is an article, a duplicate of one, or a rejection (no hole).
- ``boilerplate_leak``: no article this run wrote still holds a line a built-in drop rule matches.
- ``required_fields``: articles without a title stay under a threshold.
- ``duplicate_keys``: article ids are unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from newsetl.clean.text.rules import BUILT_IN
from newsetl.warehouse import LoadCounts

__all__ = ["CheckResult", "run_checks"]

CheckStatus = Literal["pass", "warn", "fail"]
_MISSING_TITLE_SHARE = 0.5
_LEAK_RULES = tuple(rule for rule in BUILT_IN if rule.action == "drop" and rule.id != "share-bar")
_FETCH_SIZE = 1_000


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    status: CheckStatus
    detail: str


def run_checks(connection: duckdb.DuckDBPyConnection, run_id: str, counts: LoadCounts) -> list[CheckResult]:
    return [
        check_accounting(counts),
        check_boilerplate_leak(connection, run_id),
        check_required_fields(connection, run_id),
        check_duplicate_keys(connection),
    ]


def check_accounting(counts: LoadCounts) -> CheckResult:
    totals = counts.totals
    landed = sum(
        totals[name]
        for name in (
            "articles_new",
            "articles_updated",
            "articles_unchanged",
            "documents_rejected",
            "documents_duplicate",
        )
    )
    if landed != totals["documents_read"]:
        return CheckResult(
            "accounting",
            "fail",
            f"{totals['documents_read']} documents read but {landed} accounted for "
            "(articles + duplicates + rejections): look for lost staged batch files",
        )
    return CheckResult("accounting", "pass", f"all {landed} documents accounted for")


def check_boilerplate_leak(connection: duckdb.DuckDBPyConnection, run_id: str) -> CheckResult:
    cursor = connection.execute("SELECT article_id, body FROM articles WHERE run_id = ?", [run_id])
    leaks: list[str] = []
    while rows := cursor.fetchmany(_FETCH_SIZE):
        leaks.extend(f"{article_id} ({rule})" for article_id, body in rows if (rule := _leaking_rule(body)))
    if leaks:
        return CheckResult(
            "boilerplate_leak",
            "fail",
            f"{len(leaks)} article bodies hold a line a drop rule matches, e.g. {', '.join(leaks[:5])}; "
            "the cleaner skipped a rule: reprocess after fixing it",
        )
    return CheckResult("boilerplate_leak", "pass", "no body holds a line a drop rule matches")


def _leaking_rule(body: str) -> str | None:
    for paragraph in body.split("\n\n"):
        for rule in _LEAK_RULES:
            if rule.pattern.search(paragraph):
                return rule.id
    return None


def check_required_fields(connection: duckdb.DuckDBPyConnection, run_id: str) -> CheckResult:
    row = connection.execute(
        "SELECT count(*), count(*) FILTER (title IS NULL OR title = '') FROM articles WHERE run_id = ?", [run_id]
    ).fetchone()
    total, untitled = row if row else (0, 0)
    if total and untitled / total > _MISSING_TITLE_SHARE:
        return CheckResult(
            "required_fields",
            "fail",
            f"{untitled} of {total} articles have no title (over {_MISSING_TITLE_SHARE:.0%}): "
            "the extractor is misreading this source's layout",
        )
    return CheckResult("required_fields", "pass", f"{untitled} of {total} articles without a title")


def check_duplicate_keys(connection: duckdb.DuckDBPyConnection) -> CheckResult:
    row = connection.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()
    duplicates = row[0] if row else 0
    if duplicates:
        return CheckResult("duplicate_keys", "fail", f"{duplicates} duplicate article ids in articles")
    return CheckResult("duplicate_keys", "pass", "article ids are unique")
