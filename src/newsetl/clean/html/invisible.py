"""Invisible format characters put back into trafilatura's paragraphs where the page has them.

trafilatura drops every character Python does not call printable, so zero-width joiners and non-joiners (which
change how a Persian or Indic word is written) and direction marks (how Arabic or Hebrew text runs) vanish from the
HTML body, while the same page's text dump keeps them. The paragraphs are found again in the page's text, compared
without whitespace and without those characters, and the characters the page has between two visible ones go back
between them; soft hyphens and byte-order marks stay out, as on every path (``UNSEEN_MARKS``). A paragraph not
found as it is (trafilatura joined table cells, say) is kept as trafilatura gave it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from lxml.html import HtmlElement

from newsetl.clean.extraction import without_unseen_marks

# Unicode's format characters (category Cf) of the Latin-1, general-punctuation and specials blocks: what pages
# carry (U+00AD soft hyphen, U+200B-U+200F zero widths and direction marks, U+202A-U+202E and U+2066-U+206F bidi
# controls, U+2060-U+2064 word joiner and invisible operators, U+FEFF).
_FORMAT = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_HAS_FORMAT = re.compile(f"[{_FORMAT}]")
# Hebrew to Sinhala (Arabic and Persian, the Indic scripts), Tibetan, Myanmar, Khmer: where a joiner changes a word
# or a direction mark the order text runs in. Reading every page's text and searching it cost 1.9 ms a devset page
# (4 % of its extraction), for an emoji's joiner at most elsewhere; checking the paragraphs
# for these scripts costs 66 us.
_JOINING_SCRIPT = re.compile("[\u0590-\u0dff\u0f00-\u109f\u1780-\u17ff]")
_VISIBLE_RUN = re.compile(rf"[^\s{_FORMAT}]+")
_FORMAT_RUN = re.compile(f"[{_FORMAT}]+")
_NOT_SPACE = re.compile(r"\S")


class _PageText:
    """The page's text without whitespace or format characters, and where each of its runs starts in the page."""

    def __init__(self, text: str) -> None:
        runs = list(_VISIBLE_RUN.finditer(text))
        self.text = text
        self.visible = "".join(run.group() for run in runs)
        self.run_starts = [run.start() for run in runs]
        self.run_offsets = list(accumulate((len(run.group()) for run in runs), initial=0))
        self.search_from = 0

    def position(self, visible_index: int) -> int:
        """Where the visible character ``visible_index`` stands in the page's text."""
        run = bisect_right(self.run_offsets, visible_index) - 1
        return self.run_starts[run] + visible_index - self.run_offsets[run]

    def visible_before(self, position: int) -> int:
        """How many visible characters stand before ``position`` in the page's text."""
        run = bisect_right(self.run_starts, position) - 1
        if run < 0:
            return 0
        run_length = self.run_offsets[run + 1] - self.run_offsets[run]
        return self.run_offsets[run] + min(position - self.run_starts[run], run_length)

    def find(self, key: str) -> int:
        """Where ``key`` starts among the visible characters, looking on from the last paragraph first."""
        found = self.visible.find(key, self.search_from)
        if found < 0:
            found = self.visible.find(key)
        if found >= 0:
            self.search_from = found + len(key)
        return found


def restore_format_characters(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """``paragraphs`` with the format characters the page has inside each of them, in the scripts that need them."""
    if not any(map(_JOINING_SCRIPT.search, paragraphs)):
        return paragraphs
    text = tree.text_content()
    if not _HAS_FORMAT.search(text):
        return paragraphs
    page = _PageText(text)
    return [_restored(paragraph, page) for paragraph in paragraphs]


def _restored(paragraph: str, page: _PageText) -> str:
    visible_indices = [match.start() for match in _NOT_SPACE.finditer(paragraph)]
    key = "".join(paragraph[index] for index in visible_indices)
    start = page.find(key) if key else -1
    if start < 0:
        return paragraph
    first, last = page.position(start), page.position(start + len(key) - 1)
    pieces, copied = [], 0
    for run in _FORMAT_RUN.finditer(page.text, first, last):
        # The visible characters between the paragraph's start and the run place it in the paragraph.
        marks = without_unseen_marks(run.group())
        if marks:
            place = visible_indices[page.visible_before(run.start()) - start]
            pieces += [paragraph[copied:place], marks]
            copied = place
    return "".join([*pieces, paragraph[copied:]]) if pieces else paragraph
