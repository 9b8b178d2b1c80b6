"""Per-line features of a dump, as columns: length, words, stop-word density, sentence end, cue, class.

This is the hot loop of text-dump cleaning (every line of every document passes through it once), so it
keeps to a few C-level string operations a line and stores plain lists instead of an object per line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsetl.clean.text.cues import WORD_RE, long_cue, short_cue
from newsetl.clean.text.phrases import SHORT_LINE
from newsetl.clean.text.stopwords import CJK_LANGUAGES, stopwords_for

LineKind = Literal["good", "near", "short", "bad", "blank"]
"""jusText-like class: ``good`` prose, ``near`` (prose-like), ``short``, ``bad`` (a cue), ``blank``."""

# Sentence ends, also CJK and Arabic full stops, after closing quotes and brackets.
_CLOSERS = "\"'”’»«)]"
_ENDERS = frozenset(".!?…。！？؟:;")
# Chars of a long line used for its stop-word density: enough to tell prose, cheap to split.
_PROSE_SAMPLE = 400
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_STOPS = "，。、"
# Class thresholds (words, chars, density), as jusText sets them for paragraphs, tuned for lines.
_GOOD_WORDS, _GOOD_CHARS, _GOOD_DENSITY = 8, 60, 0.18
_LONG_GOOD_CHARS, _LONG_GOOD_DENSITY = 200, 0.10
_NEAR_WORDS, _NEAR_DENSITY = 5, 0.12
# A menu: this many short lines in a row without a sentence (blank lines do not break it), of few words each.
_NAV_RUN, _NAV_WORDS = 5, 6


@dataclass(slots=True)
class LineFeatures:
    """One entry per line of the dump, blank lines included."""

    texts: list[str]
    """The line without surrounding whitespace."""
    chars: list[int]
    words: list[int]
    density: list[float]
    """Share of stop words among the line's words."""
    ends: list[bool]
    """Ends like a sentence."""
    cues: list[str | None]
    """Rule id of the boilerplate family (or source pattern) the line matches."""
    kinds: list[LineKind]
    nav: list[bool]
    """Part of a run of short lines without sentences: a menu, link list or tag cloud."""
    blocks: list[int]
    """Number of the run of non-blank lines the line belongs to."""

    def __len__(self) -> int:
        return len(self.texts)


_Row = tuple[str, int, int, float, bool, str | None, LineKind, int]


def line_features(lines: Sequence[str], language: str | None, forced: Mapping[int, str]) -> LineFeatures:
    """Features of ``lines``; ``forced`` gives lines whose rule is already known (source and learned patterns)."""
    stopwords = stopwords_for(language)
    cjk = language in CJK_LANGUAGES
    rows: list[_Row] = []
    block, previous_blank = 0, True
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            rows.append(("", 0, 0, 0.0, False, None, "blank", block))
            previous_blank = True
            continue
        if previous_blank:
            block, previous_blank = block + 1, False
        chars, words, density, ends, cue = _line(text, stopwords, forced.get(index), cjk)
        rows.append((text, chars, words, density, ends, cue, _kind(chars, words, density, ends, cue), block))
    return _columns(rows)


def _columns(rows: list[_Row]) -> LineFeatures:
    if not rows:
        return LineFeatures([], [], [], [], [], [], [], [], [])
    texts, chars, words, density, ends, cues, kinds, blocks = (list(column) for column in zip(*rows, strict=True))
    columns = LineFeatures(texts, chars, words, density, ends, cues, kinds, [], blocks)
    columns.nav = _nav_runs(columns)
    return columns


def _line(
    text: str, stopwords: frozenset[str], forced: str | None, cjk: bool
) -> tuple[int, int, float, bool, str | None]:
    """(chars, words, stop-word density, sentence end, cue) of a non-blank line."""
    chars = len(text)
    if chars <= SHORT_LINE:
        low = text.lower()
        # Plain-word lines (most menu items) need no regex to be split into words.
        tokens = low.split() if low.replace(" ", "").isalpha() else WORD_RE.findall(low)
        words = len(tokens)
        cue = forced or short_cue(text, low, tokens)
    else:
        # Long lines are prose or a banner: a sample's words are enough for the density.
        tokens = text[:_PROSE_SAMPLE].lower().split()
        words = text.count(" ") + 1
        cue = forced or long_cue(text.lower())
    hits, count = sum(map(stopwords.__contains__, tokens)), len(tokens)
    if cjk:
        chars, words, hits, count = _cjk_counts(text, chars, words, hits, count)
    ends = text.rstrip(_CLOSERS)[-1:] in _ENDERS
    return chars, words, hits / count if count else 0.0, ends, cue


def _kind(chars: int, words: int, density: float, ends: bool, cue: str | None) -> LineKind:
    if cue is not None:
        return "bad"
    if words >= _GOOD_WORDS and chars >= _GOOD_CHARS and density >= _GOOD_DENSITY:
        return "good"
    if chars >= _LONG_GOOD_CHARS and density >= _LONG_GOOD_DENSITY:
        return "good"
    if words >= _NEAR_WORDS and (density >= _NEAR_DENSITY or ends):
        return "near"
    return "short"


def _cjk_counts(text: str, chars: int, words: int, hits: int, count: int) -> tuple[int, int, int, int]:
    """CJK writes no spaces: ideographs count as words (two per word) and as extra length, and sentence
    punctuation stands in for stop words."""
    ideographs = len(_CJK_CHARS.findall(text))
    if not ideographs:
        return chars, words, hits, count
    stops = sum(text.count(mark) for mark in _CJK_STOPS) * 3
    return chars + ideographs, max(words, ideographs // 2), max(hits, stops), max(count, ideographs // 2)


def _nav_runs(features: LineFeatures) -> list[bool]:
    nav = [False] * len(features)
    run: list[int] = []
    for index, kind in enumerate(features.kinds):
        if kind == "blank":
            continue
        if kind in ("short", "bad") and not features.ends[index] and features.words[index] <= _NAV_WORDS:
            run.append(index)
            continue
        _flag(nav, run)
        run = []
    _flag(nav, run)
    return nav


def _flag(nav: list[bool], run: list[int]) -> None:
    if len(run) >= _NAV_RUN:
        for index in run:
            nav[index] = True
