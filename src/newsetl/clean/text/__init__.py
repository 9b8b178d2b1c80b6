"""Text dumps: a whole page copied as plain text, cleaned line by line with auditable rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsetl.clean.text.extract import LineVerdict, classify_lines, drop_leftover_boilerplate, extract_text_dump

__all__ = ["POSITIONAL_RULES", "LineVerdict", "classify_lines", "drop_leftover_boilerplate", "extract_text_dump"]
_EXTRACTOR_NAMES = frozenset(__all__) - {"POSITIONAL_RULES"}

# Named here, not in the labels module that gives them: the loader needs the names to count learned lines, and
# importing the labels module imports most of the text cleaner (0.13 s in a loading process that never cleans).
POSITIONAL_RULES = frozenset(
    {
        "before-title",
        "before-body",
        "after-body",
        "after-boundary",
        "short-tail",
        "headline-tail",
        "nav-run",
        "page-title",
        "repeated-line",
    }
)
"""Rules that remove a line for where it stands, not for what it says: such lines are what learning can name."""


def __getattr__(name: str) -> Any:
    # The extractor is imported when first used: a process that only reads the rules (the checks) skips it.
    if name in _EXTRACTOR_NAMES:
        from newsetl.clean.text import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
