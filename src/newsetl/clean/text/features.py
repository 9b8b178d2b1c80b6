"""Per-line features of a dump, as columns: length, words, stop-word density, sentence end, cue, class.

This is the hot loop of text-dump cleaning (every line of every document passes through it once), so it
keeps to a few C-level string operations a line and stores plain lists instead of an object per line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsetl.clean.text.cues import ROLES, WORD_RE, long_cue, short_cue
from newsetl.clean.text.header import meta_rule
from newsetl.clean.text.phrases import SHORT_LINE, CueRole
from newsetl.clean.text.stopwords import CJK_LANGUAGES, stopwords_for

LineKind = Literal["good", "near", "short", "bad", "blank"]
"""jusText-like class: ``good`` prose, ``near`` (prose-like), ``short``, ``bad`` (a cue), ``blank``."""

# Sentence ends, also CJK and Arabic full stops, after closing quotes and brackets.
_CLOSERS = "\"'”’»«)]"
_ENDERS = frozenset(".!?…。！？؟:;")
# Chars of a long line used for its stop-word density: enough to tell prose, cheap to split.
_PROSE_SAMPLE = 200
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_STOPS = "，。、"
# Class thresholds (words, chars, density), as jusText sets them for paragraphs, tuned for lines.
_GOOD_WORDS, _GOOD_CHARS, _GOOD_DENSITY = 8, 60, 0.18
_LONG_GOOD_CHARS, _LONG_GOOD_DENSITY = 200, 0.10
_NEAR_WORDS, _NEAR_DENSITY = 5, 0.12
# Hand-set weights: prose adds by its length, furniture subtracts by its role. A "closing" block (author
# box, feedback form) is never inside an article: no run crosses it.
ROLE_WEIGHTS: dict[CueRole, float] = {
    "inline": -0.5,
    "furniture": -4.0,
    "boundary": -8.0,
    "end": -12.0,
    "closing": -1000.0,
}
_W_GOOD_BASE, _W_GOOD_PER_100, _W_GOOD_CAP = 1.0, 0.01, 700
# A wordy line that does not end like a sentence, under 200 characters, is a headline or a link's text more often
# than prose: it weighs half, so a page's list of other stories' headlines no longer outweighs its article.
# Devset text F 0.8901 -> 0.8924 (even 0.9005 -> 0.9022, odd 0.8799 -> 0.8828); 0.8924-0.8930 for limits of
# 120-300 characters, 0.8907 at 0.7 and 0.8915 at 0.3 of the weight.
_HEADLINE_CHARS, _W_HEADLINE_SHARE = 200, 0.5
_W_NEAR_END, _W_NEAR = 0.8, 0.0
_W_SHORT_END, _W_SHORT, _W_NAV = -0.1, -0.6, -1.0
_MIN_SHORT_SENTENCE_WORDS = 3
# A menu: this many short lines in a row without a sentence (blank lines do not break it), of few words each.
_NAV_RUN, _NAV_WORDS = 5, 6
_MIN_HEADLINE_WORDS = 4
_MENU_KINDS = frozenset({"short", "bad"})
# "350 g Zucker", "1 Pck. Vanillezucker", "½ TL Salz", "2-3 Zwiebeln": a number, then a word.
_QUANTITY_RE = re.compile(r"^(?:\d+(?:[.,/-]\d+)?|[½¼¾⅓⅔])[^\S\n]*[^\W\d_]", re.MULTILINE)
_PROMPT_CUES = frozenset({"newsletter", "support-call"})
# A commenter's name, then the verb a comment system puts after it: "Jane Doe says:", "Anna sagt:", "Paul dit :".
_SAYS_RE = re.compile(
    r"^\S.{0,60} (?:says|said|writes|wrote|sagt|schreibt|meint|dit|écrit|dice|escribe|escribió|scrive|zegt|schreef|"
    r"disse|diz|napisał|napisała|pisze)\s?:$",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\b")


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
    scores: list[float]
    """How article-like the line is: prose adds by its length, furniture subtracts by its role."""

    def __len__(self) -> int:
        return len(self.texts)


_Row = tuple[str, int, int, float, bool, str | None, LineKind, float]
_BLANK_ROW: _Row = ("", 0, 0, 0.0, False, None, "blank", 0.0)
_ROW_MEMO: dict[str | None, dict[str, _Row]] = {}
"""Features of short lines already seen by this process, per page language (the stop words differ)."""
_MEMO_LIMIT = 20_000
"""Short lines a language's memo holds before it starts afresh: about 5 MiB at most (20,000 benchmark lines: 2.9 MiB
of rows, 2.4 MiB of the lines), whatever the run's size."""


def forget_seen_lines() -> None:
    """Forget the short lines this process has seen (a benchmark reading the same documents twice)."""
    _ROW_MEMO.clear()


def line_features(
    lines: Sequence[str], language: str | None, forced: Mapping[int, str], learned: Mapping[int, str] | None = None
) -> LineFeatures:
    """Features of ``lines``. ``forced`` gives lines whose rule the source's patterns decided; ``learned`` lines
    of the source's learned boilerplate, which keep a built-in cue when they have one (its role weighs more)."""
    stopwords = stopwords_for(language)
    cjk = language in CJK_LANGUAGES
    texts = list(map(str.strip, lines))
    distinct, colon_lines = _distinct_rows(texts, language, stopwords, cjk)
    rows = list(map(distinct.__getitem__, texts))
    if colon_lines:
        _comment_headers(texts, rows, colon_lines)
    for index, rule in forced.items():
        rows[index] = _row(texts[index], stopwords, cjk, rule)
    for index, rule in (learned or {}).items():
        if rows[index][5] is None and index not in forced:
            rows[index] = _row(texts[index], stopwords, cjk, rule)
    return _columns(rows)


def _distinct_rows(
    texts: list[str], language: str | None, stopwords: frozenset[str], cjk: bool
) -> tuple[dict[str, _Row], list[str]]:
    """Each distinct line's row, and the lines ending in a colon (candidates for a comment's header, below).

    Each distinct line once: a quarter of a dump's lines recur within it ("Reply" under every comment, blank lines,
    menus at top and bottom). Short lines are also remembered across documents: a source's pages share their menus,
    banners and footers (three in four of the benchmark dumps' distinct short lines were seen in an earlier dump),
    and a short line's row costs 2.9-3.3 µs to make against 0.05-0.12 µs to look up. Long lines are mostly prose,
    seen once: remembering them would only grow the memo (a memo of every line, tried before, measured slower).
    """
    distinct: dict[str, _Row] = dict.fromkeys(texts, _BLANK_ROW)
    colon_lines = []  # few lines end in a colon
    memo = _ROW_MEMO.get(language)
    if memo is None or len(memo) > _MEMO_LIMIT:
        memo = _ROW_MEMO[language] = {}
    for text in distinct:
        if text:
            row = memo.get(text)
            if row is None:
                row = _row(text, stopwords, cjk, None)
                if len(text) <= SHORT_LINE:
                    memo[text] = row
            distinct[text] = row
            if text[-1] == ":":
                colon_lines.append(text)
    return distinct, colon_lines


def _comment_headers(texts: list[str], rows: list[_Row], colon_lines: list[str]) -> None:
    """A comment's header, "Anna Muster sagt:" / "Jane says:" over the comment's timestamp ("3. November 2023 um
    20:14 Uhr"): both lines are the comment thread's, which ends an article (a thread's prose outweighed the -12 of
    its heading, and the article ran on through every comment). The timestamp is what tells it from a quote's
    introduction ("Der Minister sagt:" over a paragraph)."""
    headers = frozenset(filter(_SAYS_RE.search, colon_lines))
    if not headers:
        return
    for index in [index for index, text in enumerate(texts) if text in headers]:
        stamp = next((line for line in range(index + 1, min(index + 3, len(texts))) if texts[line]), None)
        if stamp is not None and _TIME_RE.search(texts[stamp]) and meta_rule(texts[stamp]) == "date":
            for line in (index, stamp):
                rows[line] = (*rows[line][:5], "comments", "bad", ROLE_WEIGHTS["end"])


def _columns(rows: list[_Row]) -> LineFeatures:
    if not rows:
        return LineFeatures([], [], [], [], [], [], [], [], [])
    texts, chars, words, density, ends, cues, kinds, scores = (list(column) for column in zip(*rows, strict=True))
    _inline_read_also(words, ends, cues, kinds, scores)
    _inline_prompts(ends, cues, kinds, scores)
    nav = _nav_runs(texts, kinds, ends, words, scores)
    return LineFeatures(texts, chars, words, density, ends, cues, kinds, nav, scores)


def _inline_read_also(
    words: list[int], ends: list[bool], cues: list[str | None], kinds: list[LineKind], scores: list[float]
) -> None:
    """A related-stories heading over one headline, then the article's prose again ("Lea también" / a link /
    paragraphs), is a link inside the article: both lines weigh as an interruption, not as the article's end.
    Under a list of other stories the line after the first headline is another headline or its teaser; a
    headline has a few words at least ("HOUSE RULES" over a comment policy is a section's heading)."""
    if "related" not in cues:  # most dumps: one scan in C, no loop
        return
    for index in [index for index, cue in enumerate(cues) if cue == "related"]:
        following = _nonblank(kinds, range(index + 1, min(index + 12, len(kinds))), 3)
        if len(following) < 3:
            continue
        headline, *prose = following
        is_headline = cues[headline] is None and not ends[headline] and words[headline] >= _MIN_HEADLINE_WORDS
        if is_headline and all(_is_paragraph(ends, kinds, line) for line in prose):
            for line in (index, headline):
                cues[line], kinds[line], scores[line] = "read-also", "bad", ROLE_WEIGHTS["inline"]


def _inline_prompts(ends: list[bool], cues: list[str | None], kinds: list[LineKind], scores: list[float]) -> None:
    """A newsletter or support prompt between the article's paragraphs ("Sign up for our daily newsletter for
    more airline news!", then the story goes on) interrupts it: it weighs as an ad slot does, not as the edge of
    a box around the article. Two paragraphs must follow, one must precede."""
    if not _PROMPT_CUES.intersection(cues):  # most dumps: one pass in C, no loop
        return
    for index in [index for index, cue in enumerate(cues) if cue in _PROMPT_CUES]:
        before = _nonblank(kinds, range(index - 1, max(index - 4, -1), -1), 1)
        after = _nonblank(kinds, range(index + 1, min(index + 8, len(kinds))), 2)
        if len(before) == 1 and len(after) == 2 and all(_is_paragraph(ends, kinds, line) for line in before + after):
            kinds[index], scores[index] = "bad", ROLE_WEIGHTS["inline"]


def _nonblank(kinds: list[LineKind], lines: range, count: int) -> list[int]:
    """The first ``count`` non-blank lines of ``lines`` (a few lines either side of a cue)."""
    return [line for line in lines if kinds[line] != "blank"][:count]


def _is_paragraph(ends: list[bool], kinds: list[LineKind], index: int) -> bool:
    return kinds[index] == "good" and ends[index]


def _row(text: str, stopwords: frozenset[str], cjk: bool, forced: str | None) -> _Row:
    """The features of a non-blank line."""
    chars = len(text)
    if chars <= SHORT_LINE:
        low = text.lower()
        # Plain-word lines (most menu items) need no regex to be split into words.
        tokens = low.split() if low.replace(" ", "").isalnum() else WORD_RE.findall(low)
        words = len(tokens)
        cue = forced or short_cue(text, low, tokens)
    else:
        # Long lines are prose or a banner: a sample's words are enough for the density.
        tokens = text[:_PROSE_SAMPLE].lower().split()
        words = text.count(" ") + 1
        cue = forced or long_cue(text.lower())
    # Under five words a line is "short" whatever its density: counting its stop words would be wasted.
    count = len(tokens)
    hits = sum(map(stopwords.__contains__, tokens)) if count >= _NEAR_WORDS or cjk else 0
    if cjk:
        chars, words, hits, count = _cjk_counts(text, chars, words, hits, count)
    density = hits / count if count else 0.0
    ends = text.rstrip(_CLOSERS)[-1:] in _ENDERS
    # The class (jusText-like, from length and density) and the score, inline: this runs for every distinct
    # line of every document.
    if cue is not None:
        return text, chars, words, density, ends, cue, "bad", ROLE_WEIGHTS[ROLES.get(cue, "inline")]
    if (words >= _GOOD_WORDS and chars >= _GOOD_CHARS and density >= _GOOD_DENSITY) or (
        chars >= _LONG_GOOD_CHARS and density >= _LONG_GOOD_DENSITY
    ):
        weight = _W_GOOD_BASE + _W_GOOD_PER_100 * min(chars, _W_GOOD_CAP)
        if not ends and chars < _HEADLINE_CHARS:
            weight *= _W_HEADLINE_SHARE
        return text, chars, words, density, ends, cue, "good", weight
    if words >= _NEAR_WORDS and (density >= _NEAR_DENSITY or ends):
        return text, chars, words, density, ends, cue, "near", _W_NEAR_END if ends else _W_NEAR
    short = _W_SHORT_END if ends and words >= _MIN_SHORT_SENTENCE_WORDS else _W_SHORT
    return text, chars, words, density, ends, cue, "short", short


def _cjk_counts(text: str, chars: int, words: int, hits: int, count: int) -> tuple[int, int, int, int]:
    """CJK writes no spaces: ideographs count as words (two per word) and as extra length, and sentence
    punctuation stands in for stop words."""
    ideographs = len(_CJK_CHARS.findall(text))
    if not ideographs:
        return chars, words, hits, count
    stops = sum(text.count(mark) for mark in _CJK_STOPS) * 3
    return chars + ideographs, max(words, ideographs // 2), max(hits, stops), max(count, ideographs // 2)


def _nav_runs(
    texts: Sequence[str], kinds: Sequence[LineKind], ends: Sequence[bool], words: Sequence[int], scores: list[float]
) -> list[bool]:
    """Flags the lines of menus; a short line in one weighs ``_W_NAV`` (``scores`` is updated). A run that is
    mostly quantities ("350 g Zucker", "1 Pck. Backpulver") is a recipe's list, not a menu."""
    nav = [False] * len(kinds)
    run: list[int] = []
    for index, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if kind in _MENU_KINDS and not ends[index] and words[index] <= _NAV_WORDS:
            run.append(index)
            continue
        if len(run) >= _NAV_RUN and not _quantities(texts, run):
            _flag(run, kinds, nav, scores)
        run = []
    if len(run) >= _NAV_RUN and not _quantities(texts, run):
        _flag(run, kinds, nav, scores)
    return nav


def _quantities(texts: Sequence[str], run: list[int]) -> bool:
    # One search over the run's lines joined, not a match a line: menus are long and every dump has some.
    return 2 * len(_QUANTITY_RE.findall("\n".join(map(texts.__getitem__, run)))) >= len(run)


def _flag(run: list[int], kinds: Sequence[LineKind], nav: list[bool], scores: list[float]) -> None:
    for index in run:
        nav[index] = True
        if kinds[index] == "short":
            scores[index] = _W_NAV
