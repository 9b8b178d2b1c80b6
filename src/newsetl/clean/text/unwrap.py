"""Hard-wrapped dumps: a page's text cut into lines of a fixed width (``lynx -dump``, ``w3m``, ``html2text``, mail
archives), joined back into the paragraphs it had before any rule reads them.

Cut at 76 columns, the devset's dumps lost an eighth of their article text (F 0.9179 -> 0.8554; 0.9146 with this):
each piece of a paragraph is a short line without a sentence's end, which is what a menu looks like. A dump is taken
as wrapped when no line with a space is longer than ``_MAX_WIDTH`` and many of its lines end close to the longest;
two lines are then one paragraph when the first word of the second would not have fitted on the first. A short
line, a list's item or a menu's entry, is never joined: the next word would have fitted after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsetl.clean.text.captions import find_credit
from newsetl.clean.text.rules import GUARD

_MIN_WIDTH, _MAX_WIDTH = 40, 100
"""Columns wrappers cut at: lynx 79, w3m 80, html2text 78, mail 72; a page copied from a browser has longer lines."""
_SLACK = 15
"""A line cut by the wrapper ends within a long word's length of the width."""
_MIN_FULL_LINES, _MIN_FULL_SHARE = 5, 0.2
"""Lines ending near the width, at least: this many, and this share of the lines of ``_LONGISH`` characters or more."""
_LONGISH = 30
_LONGEST_WORD = 30
"""Characters of the longest word a wrapper moves to the next line ("Rindfleischetikettierungsüberwachung" aside)."""
_CONJUNCTIONS = frozenset({"und", "oder", "bis", "sowie", "and", "or", "to", "et", "ou", "y", "o", "e"})
"""Words after a suspended hyphen ("Vor- und Nachteile", "pre- and post-war")."""


def unwrapped(lines: Sequence[str]) -> tuple[list[str], list[int]] | None:
    """The dump's lines with its wrapped paragraphs joined, each with the number (1-based) of the line it starts on;
    ``None`` when the dump is not hard-wrapped (nearly every dump: a paragraph copied from a page is one line)."""
    width = _wrap_width(lines)
    if width is None:
        return None
    joined: list[str] = []
    numbers: list[int] = []
    previous = ""
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if joined and text and previous and _was_cut(previous, text, width) and not _ends_block(joined[-1], text):
            joined[-1] = _join(joined[-1], text)
        else:
            joined.append(line)
            numbers.append(number)
        previous = line.rstrip()
    return joined, numbers


def _wrap_width(lines: Sequence[str]) -> int | None:
    # Most dumps hold a line too long for any wrapper: one pass in C finds that, and the first such line that is not
    # a link's address (which no wrapper can cut) decides. A line of Chinese or Japanese has no space but is prose.
    if max(map(len, lines), default=0) > _MAX_WIDTH and any(
        len(line) > _MAX_WIDTH and not _is_address(line) for line in lines
    ):
        return None
    lengths = [len(line.rstrip()) for line in lines if " " in line.strip()]  # wrappers cut at spaces
    width = max(lengths, default=0)
    if width < _MIN_WIDTH:
        return None
    longish = [length for length in lengths if length >= _LONGISH]
    full = sum(length > width - _SLACK for length in longish)
    return width if full >= _MIN_FULL_LINES and full >= _MIN_FULL_SHARE * len(longish) else None


def _was_cut(previous: str, text: str, width: int) -> bool:
    """Whether the wrapper broke the line before ``text``: its first word would not have fitted after ``previous``.
    A first "word" longer than any word is a line of a script written without spaces, or an address: never cut."""
    first = len(text.split(maxsplit=1)[0])
    return first <= _LONGEST_WORD and len(previous) + 1 + first > width


def _ends_block(block: str, text: str) -> bool:
    """Whether ``block`` ends where ``text`` begins although the first word of ``text`` would not have fitted: a line a
    built-in rule removes whole ("Advertisement") stands on its own, and a photo's credit ("… Photo: AP") ends its
    caption, even right under a paragraph or above one."""
    return GUARD.first_match(text) is not None or find_credit(block.strip()) is not None


def _is_address(line: str) -> bool:
    text = line.strip()
    return " " not in text and ("://" in text or text.startswith("www."))


def _join(head: str, text: str) -> str:
    # A wrapper breaks after a word's hyphen ("Klima-" / "Bilanz"): the hyphen is the word's own, no space follows;
    # unless the word stands for a later one ("Vor- und Nachteile"), where the wrapper broke at the space.
    if head.endswith("-") and head[-2:-1].isalpha() and text.split(maxsplit=1)[0] not in _CONJUNCTIONS:
        return head + text
    return f"{head.rstrip()} {text}"
