"""Text dumps: a whole page copied as plain text, cleaned line by line with auditable rules."""

from newsetl.clean.text.extract import (
    LineVerdict,
    classify_lines,
    drop_leftover_boilerplate,
    extract_text_dump,
)

__all__ = ["LineVerdict", "classify_lines", "drop_leftover_boilerplate", "extract_text_dump"]
