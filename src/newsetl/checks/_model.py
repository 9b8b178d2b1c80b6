"""What a check returns: a verdict with a message a person can act on, and the items behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CheckStatus = Literal["pass", "warn", "fail"]
MAX_FINDINGS = 20
"""Items kept per check in ``check_findings``: enough to act on, never a copy of the table."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One item a check found: the source, what it is about (article id, uri, key), the rule, and what."""

    detail: str
    source: str | None = None
    subject: str | None = None
    rule_id: str | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    status: CheckStatus
    detail: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)


def examples(findings: list[Finding], count: int = 3) -> str:
    return "; ".join(finding.detail for finding in findings[:count])
