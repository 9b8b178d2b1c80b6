"""What an extractor returns, whatever its input format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from newsetl.records import Caption, Removal

# CJK and similar scripts write words without spaces; each character counts as a word there.
_WORD_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+(?:['’-][^\W_]+)*")
INVISIBLE_IN_WORDS = "\u00ad\u200b\ufeff"
"""Soft hyphen, zero-width space, byte-order mark: formatting inside a word, no letter (word list, search terms)."""
_WITHOUT_INVISIBLE = str.maketrans("", "", INVISIBLE_IN_WORDS)
UNSEEN_MARKS = "\u00ad\ufeff"
"""Soft hyphen and byte-order mark: a hyphenation hint and encoding debris that no reader sees, dropped from every
extracted title, summary and body, so one article read from its HTML, its text dump or a record has one body, and
``body LIKE '%Klimawandel%'`` finds "Klima&shy;wandel". Other invisible characters stay: a zero-width (non-)joiner
changes how a Persian or Indic word is written, a direction mark how Arabic or Hebrew text runs."""
_WITHOUT_UNSEEN = str.maketrans("", "", UNSEEN_MARKS)


@dataclass(frozen=True, slots=True)
class Extraction:
    """An article as extracted from one raw document."""

    body: list[str]
    """Paragraphs of the main text, in order."""
    title: str | None = None
    summary: str | None = None
    """Standfirst or summary bullets (one per line)."""
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    """ISO 8601 in UTC."""
    updated_at: str | None = None
    language: str | None = None
    """ISO 639-1 code."""
    canonical_url: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    reading_time_minutes: int | None = None
    removed: list[Removal] = field(default_factory=list)
    """Text dumps: every line the cleaner removed, with the rule that removed it."""
    extractor: str = "unknown"
    """Which path produced this (``text-rules``, ``html``, ...), for lineage."""

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.body)

    @property
    def word_count(self) -> int:
        return count_words(self.body_text)


def words(text: str) -> list[str]:
    """The words of ``text``, as counted in ``word_count`` (each CJK character is one). A soft hyphen, zero-width
    space or byte-order mark inside a word does not split it: "Klima&shy;wandel" in a text dump is the one word the
    same page's HTML extraction has (trafilatura drops them), and the story's signatures agree."""
    if any(mark in text for mark in INVISIBLE_IN_WORDS):  # three scans in C; most texts hold none
        text = text.translate(_WITHOUT_INVISIBLE)
    return _WORD_RE.findall(text)


def without_unseen_marks(text: str) -> str:
    """``text`` without soft hyphens and byte-order marks (:data:`UNSEEN_MARKS`)."""
    if any(mark in text for mark in UNSEEN_MARKS):  # scans in C; most texts hold none
        return text.translate(_WITHOUT_UNSEEN)
    return text


# Runs of spaces are found by their literal start, and a run between words is told in Python: a pattern opening on a
# lookbehind, "(?<=\S) {2,}(?=\S)", is tried at every character (4.4x slower over 1,002 benchmark dumps, same text).
_SPACE_RUN = re.compile(r" {2,}")
NO_BREAK_SPACES = ("\u00a0", "\u202f", "\u2007")
"""No-break, narrow no-break and figure spaces: a reader sees a space, and the HTML path (trafilatura) writes one."""


def as_read(text: str) -> str:
    """``text`` as a reader sees it: without unseen marks (:data:`UNSEEN_MARKS`), its no-break spaces plain spaces
    (:data:`NO_BREAK_SPACES`) and a run of spaces between words one space, so "Reading&nbsp;Time:  2 minutes" is
    the line a rule knows. A line's indent stays."""
    for space in NO_BREAK_SPACES:
        if space in text:  # a scan in C; str.replace beats one translate of every character by far
            text = text.replace(space, " ")
    if "  " in text:
        text = _SPACE_RUN.sub(partial(_one_space_between_words, text), text)
    return without_unseen_marks(text)


def _one_space_between_words(text: str, run: re.Match[str]) -> str:
    start, end = run.span()
    between_words = start > 0 and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
    return " " if between_words else run.group()


def count_words(text: str) -> int:
    return len(words(text))
