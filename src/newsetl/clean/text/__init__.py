"""Text dumps: a whole page copied as plain text, cleaned line by line with auditable rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsetl.clean.text.extract import LineVerdict, classify_lines, drop_leftover_boilerplate, extract_text_dump

__all__ = ["LineVerdict", "classify_lines", "drop_leftover_boilerplate", "extract_text_dump"]


def __getattr__(name: str) -> Any:
    # The extractor is imported when first used: a process that only reads the rules (the checks) skips it.
    if name in __all__:
        from newsetl.clean.text import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
