"""Applying learned boilerplate: lines the source repeats in many documents (see :mod:`newsetl.learn`)."""

from __future__ import annotations

from collections.abc import Container, Sequence

from newsetl.config import LearnedLines

_WHITESPACE = " \t\n\r\x0b\x0c"


def line_key(line: str) -> str:
    """A line as learned lines are stored: surrounding whitespace trimmed (the same characters as in SQL)."""
    return line.strip(_WHITESPACE)


def learned_lines(lines: Sequence[str], learned: LearnedLines | None, decided: Container[int]) -> dict[int, str]:
    """Index → rule id of the lines that are learned boilerplate (lines already ``decided`` aside)."""
    if learned is None or not learned.lines:
        return {}
    known = learned.lines
    return {
        index: learned.rule
        for index, line in enumerate(lines)
        if index not in decided and line_key(line) in known and line.strip()
    }
