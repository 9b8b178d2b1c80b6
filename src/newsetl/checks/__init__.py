"""Quality checks after a load. A failed check fails the run with a message a person can act on; a warning is
recorded and logged. Verdicts go to ``check_results``, the items behind them to ``check_findings``.

- ``accounting`` (fail): every document the run read is an article, a duplicate of one, or a rejection.
- ``boilerplate_leak`` (fail): no body the run wrote holds a line an active drop rule matches (built-in and
  the source's own patterns).
- ``required_fields`` (fail): per source, articles without a title (or, on larger runs, a date) stay under
  a limit.
- ``duplicate_keys`` (fail): article ids, URL keys per source and raw documents are unique.
- ``history`` (fail): every version number is held once, closed versions precede the current one, and every
  article has a story.
- ``lineage`` (fail): every article links to its raw document and its run.
- ``volume`` (warn): no source read far fewer documents than its trailing average.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from newsetl.checks._model import CheckResult, CheckStatus, Finding
from newsetl.checks.accounting import check_accounting
from newsetl.checks.fields import check_required_fields
from newsetl.checks.keys import check_duplicate_keys, check_history, check_lineage
from newsetl.checks.leaks import active_rules, check_boilerplate_leak
from newsetl.checks.volume import check_volume
from newsetl.config import SourceConfig
from newsetl.warehouse import LoadCounts

__all__ = ["CHECK_NAMES", "CheckResult", "CheckStatus", "Finding", "active_rules", "run_checks"]

CHECK_NAMES = ("accounting", "boilerplate_leak", "required_fields", "duplicate_keys", "history", "lineage", "volume")
"""Every check, in the order they run."""


def run_checks(
    connection: duckdb.DuckDBPyConnection,
    run_id: str,
    counts: LoadCounts,
    sources: Mapping[str, SourceConfig] | None = None,
) -> list[CheckResult]:
    """Every check for ``run_id``; ``sources`` supplies each source's own cleaning patterns."""
    return [
        check_accounting(counts),
        check_boilerplate_leak(connection, run_id, sources or {}),
        check_required_fields(connection, run_id),
        check_duplicate_keys(connection),
        check_history(connection),
        check_lineage(connection),
        check_volume(connection, run_id),
    ]
