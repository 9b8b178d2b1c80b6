"""``accounting``: every document the run read is an article, a duplicate of one, or a rejection (no hole)."""

from __future__ import annotations

from newsetl.checks._model import CheckResult, Finding
from newsetl.warehouse import LoadCounts

_LANDED = ("articles_new", "articles_updated", "articles_unchanged", "documents_rejected", "documents_duplicate")


def check_accounting(counts: LoadCounts) -> CheckResult:
    holes = [
        Finding(f"{source}: {per['documents_read']} read, {sum(per[name] for name in _LANDED)} accounted for", source)
        for source, per in counts.per_source.items()
        if sum(per[name] for name in _LANDED) != per["documents_read"]
    ]
    landed = sum(counts.totals[name] for name in _LANDED)
    if landed != counts.totals["documents_read"] or holes:
        return CheckResult(
            "accounting",
            "fail",
            f"{counts.totals['documents_read']} documents read but {landed} accounted for "
            "(articles + duplicates + rejections): look for lost staged batch files under the run's staging folder",
            tuple(holes),
        )
    return CheckResult("accounting", "pass", f"all {landed} documents accounted for")
