"""Where the article is: the contiguous run of lines with the highest summed score, anchored on its headline.

Prose adds to a line's score by its length, furniture subtracts by its role. The best run (max-subarray) is
the article's core. A page's dump usually opens with its ``<title>`` and repeats the headline right above
the article; a good run starting just below such a repeat is preferred to the densest run anywhere (which
may be a comment thread, an author box or a teaser list). The core is then widened up to its headline and
over the rest of its last block (a list, a table).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from newsetl.clean.text.captions import find_credit
from newsetl.clean.text.cues import ROLES
from newsetl.clean.text.features import LineFeatures
from newsetl.clean.text.header import BULLET_RE, is_bare_name, looks_like_heading, meta_rule, names_nothing
from newsetl.clean.text.phrases import RIGHTS_RESERVED

_CLAIMS_RIGHTS = re.compile(RIGHTS_RESERVED, re.IGNORECASE)
_TEASER_LINES = 4
_DIGIT = re.compile(r"\d")
_MAX_DATE_WORDS = 6
_ENDING_ROLES = frozenset({"end", "closing"})
_SURROUNDING_ROLES = frozenset({"boundary", "closing"})
_PAGE_ROLES = frozenset({"furniture", "boundary", "closing"})

_TITLE_SPLIT = re.compile(r"\s+[|–—:»·/-]\s+|\s*::\s*|\s*\|\s*")
_MAX_PAGE_TITLE = 300
_MIN_TITLE_PART = 4
_MIN_HEADLINE_PART_WORDS = 4
_MIN_HEADLINE_WORDS = 3
"""Words a headline has at least: in a first line run into the next that is still the page's <title> ("Headline |
Site"), and above a title line of one or two words (``_headline_over``)."""
_MAX_ANCHORS = 6
_ANCHOR_WINDOW = 16
"""The article starts within this many lines (blank ones included) below its headline."""
_ANCHOR_RATIO = 0.35
"""A run below the headline wins unless the densest run elsewhere is far stronger."""
_CHEAP_PREFIX = 12
_ABOVE_AN_END_RATIO = 0.5
# Below a comment heading, a run with this many comments' dated headers is a thread: a run above of this share of
# its weight is the article (a thread of 45 comments outweighs its article three to one). On the devset dumps
# without their title line, shares of 0.1, 0.15 and 0.25 with 3, 4 or 6 headers took back the same three articles.
_THREAD_HEADERS = 4
_ABOVE_A_THREAD_RATIO = 0.15
_MAX_HEADER_WORDS = 8
_RELATIVE_STAMP = re.compile(
    r"\b\d+\s+(?:points?|punkte|votes?)\b|\b\d+\s+\w+\s+ago\b|\bvor\s+\d+\s+\w+", re.IGNORECASE
)
_THREAD_CUES = 3
_ARTICLE_BEFORE_THREAD = 3
"""Paragraphs of prose above the first of a thread's cues: the article, not a comment count under its headline."""
# A headline repeated with other quotes or dashes ("Don’t" / "Don't") is still the same headline.
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_TYPOGRAPHIC = re.compile("[’‘‚“”„–—]")
_NOT_LETTERS = re.compile(r"[\W_]+")
_MIN_HEADLINE_LETTERS = 20
_TOP_WINDOW = 8
"""Non-blank lines searched above the core for a headline (and at the top of the body for meta lines)."""
_BACK_WITHOUT_TITLE = 12
_MIN_NAV_HEADING = 3
_FORWARD_LIMIT = 30
_MIN_BLANK_SHARE = 0.05
"""Blank lines, at least this share of a dump's lines, when it separates its blocks with them."""
_MAX_TITLE_WORDS = 20
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "“", "»", "«")
_ANNOUNCED_GAP = 3
"""Lines looked at below a line ending in a colon for the block it announces (blank lines between)."""


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    """One past the last line of the article."""
    title: int | None
    """The headline's line, if one was found."""
    page_title: int | None = None
    """The page's ``<title>`` line when the headline repeats it."""
    headline: int | None = None
    """A longer headline above a short ``title`` line (see ``_headline_over``): the article's title instead."""

    @property
    def empty(self) -> bool:
        return self.start >= self.end


def find_region(features: LineFeatures) -> Region:
    """The article's lines (widened to its headline) in ``features``."""
    start, end, title, page_title = _locate(features, features.scores)
    if start == end:
        return Region(0, 0, None)
    if title is None:
        title = _heading_on_top(features, start, end)
    headline = (
        _headline_over(features, start, title) if page_title is None and title is not None and title < start else None
    )
    start = _extend_back(features, start, title)
    end = _before_teasers(features, start, _before_a_footer(features, start, _before_a_thread(features, start, end)))
    region = Region(start, _extend_forward(features, end), title, page_title, headline)
    return Region(0, 0, None) if _only_the_page_title(features, region) else region


def _only_the_page_title(features: LineFeatures, region: Region) -> bool:
    """Whether the region is the page's first line alone, and that line reads as a title: a dump starts with the
    page's <title>, and it is all a page shows whose article its scripts would have drawn (below it a notice that
    the browser is out of date, menus, a footer). A dump of one paragraph is an article of one paragraph."""
    inside = nonblank(features, range(region.start, region.end))
    only = next(inside, None)  # the region's lines are read up to its second, not listed: every dump passes here
    if only is None or next(inside, None) is not None or only != next(nonblank(features, range(only + 1)), None):
        return False
    return features.words[only] <= _MAX_TITLE_WORDS and not features.texts[only].strip().endswith(_SENTENCE_ENDS)


def _before_teasers(features: LineFeatures, start: int, end: int) -> int:
    """The run ends where a list of teasers begins below the article's first paragraphs: headlines each with a
    date of its own on the next line (or the line before), two of them or more in a row. An article's own dates
    stand in its sentences; a related-stories box gives each headline its date."""
    kinds = features.kinds
    lines = [index for index in range(start, end) if kinds[index] != "blank"]
    # Short lines with a digit may be dates: the date parser runs only where they alternate with other lines.
    maybe_dated = [features.words[index] <= _MAX_DATE_WORDS and _has_digit(features, index) for index in lines]
    if maybe_dated.count(True) < _TEASER_LINES // 2:  # most dumps: no bare dates in the article
        return end
    prose = 0
    for place, index in enumerate(lines):
        if prose >= _ARTICLE_BEFORE_THREAD and _alternates(features, lines, maybe_dated, place):
            return index
        prose += kinds[index] == "good"
    return end


def _has_digit(features: LineFeatures, index: int) -> bool:
    return _DIGIT.search(features.texts[index]) is not None


def _alternates(features: LineFeatures, lines: Sequence[int], maybe_dated: Sequence[bool], place: int) -> bool:
    """Whether ``_TEASER_LINES`` lines from ``place`` alternate between a bare date and a headline (either first)."""
    window = maybe_dated[place : place + _TEASER_LINES]
    if len(window) < _TEASER_LINES or window[0] == window[1]:
        return False
    if any(window[n] != window[n % 2] for n in range(2, _TEASER_LINES)):
        return False
    first_date = 0 if window[0] else 1
    dates = lines[place + first_date : place + _TEASER_LINES : 2]
    headlines = lines[place + 1 - first_date : place + _TEASER_LINES : 2]
    return all(_is_teaser_headline(features, index) for index in headlines) and all(
        meta_rule(features.texts[index]) == "date" for index in dates
    )


def _is_teaser_headline(features: LineFeatures, index: int) -> bool:
    text = features.texts[index]
    return features.cues[index] is None and 2 <= features.words[index] <= 25 and not text.endswith((".", ":", ","))


def _before_a_footer(features: LineFeatures, start: int, end: int) -> int:
    """The run ends at a copyright line that claims the site's rights ("All rights reserved"), below the article's
    first paragraphs: the page's footer starts there, and whatever prose follows it (a hidden dialog's text, a
    cookie notice) is not the article, however long."""
    cues = features.cues
    if "copyright" not in cues[start:end]:  # most dumps: one scan in C
        return end
    kinds, texts = features.kinds, features.texts
    prose = 0
    for index in range(start, end):
        if kinds[index] == "good":
            prose += 1
        elif cues[index] == "copyright" and prose >= _ARTICLE_BEFORE_THREAD and _CLAIMS_RIGHTS.search(texts[index]):
            return index
    return end


def _before_a_thread(features: LineFeatures, start: int, end: int) -> int:
    """The run ends where a comment thread begins: the first of three comment cues (a heading, each comment's
    header or reply link) below the article's first paragraphs. A thread's prose outweighs its headers when the
    comments are long, and the run went on through all of them."""
    cues = features.cues
    if cues.count("comments") < _THREAD_CUES:  # most dumps: one count in C, no loop
        return end
    kinds = features.kinds
    prose = 0
    for index in range(start, end):
        if kinds[index] == "good":
            prose += 1
        elif cues[index] == "comments" and prose >= _ARTICLE_BEFORE_THREAD:
            # A comment count under the headline is not the thread: three cues from here on, below some prose.
            return index if cues[index:end].count("comments") >= _THREAD_CUES else end
    return end


def whole_region(features: LineFeatures) -> Region:
    """Every line as the article's, headed by its first line when that is a heading: for a text that is an article
    already (a JSON Lines record's), where a page's <title> line and menus are not there to be found."""
    return Region(0, len(features), _heading_on_top(features, 0, len(features)))


def shows_a_page(features: LineFeatures) -> bool:
    """Whether the text holds a page's furniture around an article: a menu (a run of short lines that is not a
    list), or a block that is never inside one (navigation, consent, related stories, footers, author boxes).
    Inline furniture (an ad label, "Story continues below") and a share bar's end do not make a page."""
    for index, cue in enumerate(features.cues):
        if cue is not None and ROLES.get(cue, "inline") in _PAGE_ROLES:
            return True
        if features.nav[index] and not (BULLET_RE.match(features.texts[index]) or features.texts[index].endswith(":")):
            return True
    return False


def surrounds(rule: str | None) -> bool:
    """A cue of a block that is never between a headline and its article (a blog shows its comment count,
    share bar or tags there, but no related stories, newsletter box or author box)."""
    return rule is not None and ROLES.get(rule, "inline") in _SURROUNDING_ROLES


def nonblank(features: LineFeatures, indices: range) -> Iterator[int]:
    kinds = features.kinds
    return (index for index in indices if kinds[index] != "blank")


def _locate(features: LineFeatures, scores: Sequence[float]) -> tuple[int, int, int | None, int | None]:
    start, end, best = _densest_run(scores)
    anchors = _title_repeats(features)
    if anchors:
        runs = _RunIndex(scores)
        found_runs = [(*runs.best_from(anchor + 1, _window_end(features, anchor)), anchor) for anchor in anchors]
        sections = _section_names(features)
        chosen = max(found_runs, key=lambda found: (found[2], *_as_headline(features, found[3], sections)))
        chosen = _headline_opening(features, chosen, found_runs)
        strong = chosen[2] >= _ANCHOR_RATIO * best or _ends_between(features, chosen[1], start)
        if chosen[1] > chosen[0] and strong:
            # A section's or site's name from the <title> places the article as well as its headline does, but it
            # is not the headline: the article's first line may be.
            title = None if _norm(features.texts[chosen[3]]) in sections else chosen[3]
            return chosen[0], chosen[1], title, _first_line(features)
    start, end = _before_an_end(features, scores, start, end, best)
    return start, end, _heading_above(features, start), None


def _before_an_end(
    features: LineFeatures, scores: Sequence[float], start: int, end: int, best: float
) -> tuple[int, int]:
    """Without a headline to anchor it, the densest run below the end of an article (its tags, comments or share
    call) is a promotion or a comment thread when a strong run stands above that end: the article. Below a comment
    heading, a run whose comments show their dated headers is the thread however long its comments are, and a run
    above of a fraction of its weight is the article."""
    ending = next((index for index in range(start - 1, -1, -1) if _ends_article(features.cues[index])), None)
    if ending is None:
        return start, end
    above_start, above_end, above = _densest_run(scores[:ending])
    thread = features.cues[ending] == "comments" and _comment_headers(features, start, end) >= _THREAD_HEADERS
    ratio = _ABOVE_A_THREAD_RATIO if thread else _ABOVE_AN_END_RATIO
    return (above_start, above_end) if above >= ratio * best else (start, end)


def _comment_headers(features: LineFeatures, start: int, end: int) -> int:
    """Short lines of the run that date a comment: "jeuys 11. Dezember 2012 um 12:57", "39 points · 6 years ago"."""
    found = 0
    for index in range(start, end):
        if features.words[index] <= _MAX_HEADER_WORDS and _has_digit(features, index):
            text = features.texts[index]
            found += _RELATIVE_STAMP.search(text) is not None or meta_rule(text) == "date"
    return found


def _headline_opening(
    features: LineFeatures, chosen: tuple[int, int, float, int], found_runs: list[tuple[int, int, float, int]]
) -> tuple[int, int, float, int]:
    """A longer repeat of the <title> that opens the run a shorter one chose (a blog's name over the headline, the
    headline counted as the run's first line) is the headline: its own run, to the same end, places the article."""
    opening = next(nonblank(features, range(chosen[0], chosen[1])), None)
    for found in found_runs:
        start, end, _score, anchor = found
        if (
            anchor == opening
            and end == chosen[1]
            and end > start
            and features.chars[anchor] > features.chars[chosen[3]]
        ):
            return found
    return chosen


def _as_headline(features: LineFeatures, anchor: int, sections: set[str]) -> tuple[bool, int, int]:
    """How an anchor ranks among those over the same run: the site's name in a menu or logo and a breadcrumb's last
    step stand above the headline over the article, and a name is a shorter part of the <title> than a headline.
    So a section's name ranks last, then a longer line first, then the one nearer the article."""
    return _norm(features.texts[anchor]) not in sections, features.chars[anchor], anchor


def _section_names(features: LineFeatures) -> set[str]:
    """The <title>'s parts that name a section or the site (``_minor_parts``), normalised."""
    first = page_title_line(features)
    return _minor_parts(_norm(features.texts[first])) if first is not None else set()


def _window_end(features: LineFeatures, anchor: int) -> int:
    """The article starts within a few lines below its headline, and before any block that surrounds one."""
    for index in range(anchor + 1, min(anchor + 1 + _ANCHOR_WINDOW, len(features))):
        if surrounds(features.cues[index]):
            return index
    return anchor + 1 + _ANCHOR_WINDOW


def _ends_between(features: LineFeatures, anchored_end: int, densest_start: int) -> bool:
    """The densest run lies below an end of the anchored article (comments, share call, tags): it is not the
    article, however long it is."""
    return any(_ends_article(features.cues[index]) for index in range(anchored_end, densest_start))


def _ends_article(rule: str | None) -> bool:
    """A cue of a block that comes after an article (comments, tags, a share call, an author box)."""
    return rule is not None and ROLES.get(rule, "inline") in _ENDING_ROLES


def _densest_run(scores: Sequence[float]) -> tuple[int, int, float]:
    """Max-subarray (Kadane): ``[start, end)`` of the best-scoring contiguous run, and its score."""
    best, best_start, best_end = 0.0, 0, 0
    current, current_start = 0.0, 0
    for index, score in enumerate(scores):
        if current <= 0.0:
            current, current_start = 0.0, index
        current += score
        if current > best:
            best, best_start, best_end = current, current_start, index + 1
    return best_start, best_end, best


class _RunIndex:
    """Prefix sums with, for every k, the j >= k maximising prefix[j]: the best run from a given line in O(1)."""

    def __init__(self, scores: Sequence[float]) -> None:
        prefix = list(accumulate(scores, initial=0.0))
        best_end = list(range(len(prefix)))
        for k in range(len(scores) - 1, -1, -1):
            if prefix[best_end[k + 1]] > prefix[k]:
                best_end[k] = best_end[k + 1]
        self.prefix, self.best_end = prefix, best_end

    def best_from(self, low: int, high: int) -> tuple[int, int, float]:
        """Best run ``[start, end)`` with ``low <= start < high``, and its score."""
        best = (low, low, 0.0)
        for start in range(low, min(high, len(self.prefix) - 1)):
            end = self.best_end[start + 1]
            score = self.prefix[end] - self.prefix[start]
            if score > best[2]:
                best = (start, end, score)
        return best


def _first_line(features: LineFeatures) -> int | None:
    return next(nonblank(features, range(len(features))), None)


def page_title_line(features: LineFeatures) -> int | None:
    """The dump's first line, if it can be the page's ``<title>``: no furniture, and a block of its own (a blank
    line below it), or a headline with its site's name ("Ferry operator cuts sailings | The Courier"), or the first
    line of a dump that sets no line apart (copied without blank lines).

    A page copied from the browser has no <title> line: it opens with whatever the page shows first, often a menu's
    first item run into the next ("S'abonner" / "Menu", "Login Register Logout" / "More"). Taken for the <title>,
    its repeat further down was the "headline" the article hung from. Devset dumps without their title line:
    titles equal to the HTML extractor's 238 -> 252 of 989 by this alone, F 0.8948 -> 0.8961; the dumps with it,
    and those without blank lines, unchanged.
    """
    first = _first_line(features)
    if first is None or features.cues[first] is not None:
        return None
    if first + 1 >= len(features) or features.kinds[first + 1] == "blank" or not _blank_separated(features):
        return first  # a dump copied without blank lines sets no line apart: its first line is taken as before
    parts = _TITLE_SPLIT.split(features.texts[first])
    return first if len(parts) > 1 and max(len(part.split()) for part in parts) >= _MIN_HEADLINE_WORDS else None


def kicker_above(features: LineFeatures, region: Region, headline: int) -> int | None:
    """A kicker on the line above the headline ("Krach vor der VW-Betriebsversammlung:" / "Es knirscht zwischen …"),
    when the page's <title> holds the two as one title: it is the title's first part."""
    above = next(nonblank(features, range(headline - 1, max(headline - 3, -1), -1)), None)
    if above is None or region.page_title is None or not features.texts[above].endswith(":"):
        return None
    joined = _norm(f"{features.texts[above]} {features.texts[headline]}")
    return above if joined in _norm(features.texts[region.page_title]) else None


def without_run_in(title: str | None, page_title: str | None) -> str | None:
    """The headline without what the page runs into it ahead, a trail's steps or a kicker copied without their
    separators ("Start Chronik Österreich Österreich erneut im Spitzenfeld …", "Startseite Kultur Drei Haselnüsse
    für Aschenbrödel: …"), when the page's ``<title>`` line names the headline alone (with or without the site's
    name after it)."""
    if not title or not page_title:
        return title
    # The page's title, and what stands before each of its separators ("Headline | Site", "Headline - Section - Site").
    candidates = [page_title, *(page_title[: found.start()] for found in _TITLE_SPLIT.finditer(page_title))]
    for candidate in sorted(candidates, key=len, reverse=True):
        if len(candidate.split()) >= _MIN_HEADLINE_WORDS and title.endswith(f" {candidate}"):
            # "Segundo viaje oficial: Presidente Boric inicia gira …" is a headline in two parts, not a run-in.
            return title if title[: -len(candidate)].rstrip().endswith(":") else candidate
    return title


def _norm(text: str) -> str:
    return " ".join(text.lower().translate(_TYPOGRAPHY).split())


def _title_repeats(features: LineFeatures) -> list[int]:
    """Lines after the first that repeat the page's ``<title>`` (or one of its parts: "Headline | Site")."""
    first = page_title_line(features)
    if first is None or features.chars[first] > _MAX_PAGE_TITLE:
        return []
    page = _norm(features.texts[first])
    parts = {part for part in map(_norm, _TITLE_SPLIT.split(page)) if len(part) >= _MIN_TITLE_PART}
    longest, head = len(page) + 40, page[:_CHEAP_PREFIX]
    texts, chars, cues = features.texts, features.chars, features.cues
    found: list[int] = []
    for index in range(first + 1, len(features)):
        if not _MIN_TITLE_PART <= chars[index] <= longest or cues[index] is not None:
            continue
        low = texts[index].lower()
        if _TYPOGRAPHIC.search(low):
            low = low.translate(_TYPOGRAPHY)
        if (low[:_CHEAP_PREFIX] in page or head in low) and _repeats_title(low, page, parts):
            found.append(index)
            if len(found) >= _MAX_ANCHORS:
                break
    return found


def _minor_parts(page: str) -> set[str]:
    """The parts of a ``<title>`` ("Headline / Section / Site") that cannot be the headline: all but the longest,
    when under four words. A section's or site's name ("Politik", "top agrar online") repeated on the page is a
    menu item or a logo, not the article's headline."""
    parts = [part for part in map(_norm, _TITLE_SPLIT.split(page)) if len(part) >= _MIN_TITLE_PART]
    if len(parts) <= 1:
        return set()
    longest = max(parts, key=len)
    return {part for part in parts if part != longest and len(part.split()) < _MIN_HEADLINE_PART_WORDS}


def _repeats_title(low: str, page: str, parts: set[str]) -> bool:
    line = " ".join(low.split())
    return (
        line == page
        or line in parts
        or (len(line) >= _CHEAP_PREFIX and line in page)
        or (len(page) >= _CHEAP_PREFIX and page in line and len(line) < len(page) + 40)
        # The same words with other separators: a kicker run into its headline ('Die Zukunft der Arbeit"Wir …"'
        # against the <title>'s 'Die Zukunft der Arbeit - "Wir …"'); a headline's length, not a site's name.
        or _same_letters(line, page)
    )


def _same_letters(line: str, page: str) -> bool:
    letters = _NOT_LETTERS.sub("", line)
    return len(letters) >= _MIN_HEADLINE_LETTERS and letters == _NOT_LETTERS.sub("", page)


def _is_heading(features: LineFeatures, index: int) -> bool:
    return (
        features.cues[index] is None
        and not features.nav[index]
        and looks_like_heading(features.texts[index], features.words[index])
    )


def _heading_on_top(features: LineFeatures, start: int, end: int) -> int | None:
    """A headline long enough to look like prose may open the core itself."""
    first = next(nonblank(features, range(start, end)), None)
    if first is None or not _is_heading(features, first) or meta_rule(features.texts[first]) is not None:
        return None
    return first if next(nonblank(features, range(first + 1, end)), None) is not None else None


def _heading_above(features: LineFeatures, start: int) -> int | None:
    """Without a ``<title>`` repeat: the nearest heading-like line above the core, skipping meta lines."""
    return next(_headings_above(features, start), None)


def title_line(features: LineFeatures, region: Region) -> int | None:
    """The line that titles the article: the headline over its title line, else the title line, unless that
    announces what follows it ("Artikel empfehlen:", a list's heading), which bounds the article's top but titles
    nothing, or names nothing itself (an address, a credited caption: ``names_nothing``)."""
    if region.headline is not None:
        return region.headline
    if region.title is None or _announces(features, region.title) or names_nothing(features.texts[region.title]):
        return None
    return region.title


def _headline_over(features: LineFeatures, start: int, title: int) -> int | None:
    """A headline above a title line that is rather a kicker, a label or a name ("Zum Video", "minute read", "Sara
    Zinnecker": one or two words) or announces what follows it: the nearest heading-like line of three words or more
    further up, before anything else. The title line stays where the article's top ends."""
    if _names_article(features, title):
        return None
    return next((index for index in _headings_above(features, start) if _names_article(features, index)), None)


def _names_article(features: LineFeatures, index: int) -> bool:
    return features.words[index] >= _MIN_HEADLINE_WORDS and not _announces(features, index)


def _announces(features: LineFeatures, index: int) -> bool:
    return features.texts[index].endswith(":")


def _headings_above(features: LineFeatures, start: int) -> Iterator[int]:
    """Heading-like lines above the core, nearest first, skipping meta lines, up to the first line that is none."""
    below_is_date = False
    only_meta = True  # every line seen so far is the article's dateline or byline
    for seen, index in enumerate(nonblank(features, range(start - 1, -1, -1))):
        text = features.texts[index]
        if seen >= _TOP_WINDOW or surrounds(features.cues[index]):
            return
        meta = meta_rule(text)
        # A short headline right above the article, or right above its dateline, can look like the last item of the
        # menu above it (a dateline in the menu's run is skipped as any dateline is).
        if features.nav[index] and meta is None and not (only_meta and features.words[index] >= _MIN_NAV_HEADING):
            return
        # The author's bare name above the dateline ("Thomas Hanke" / "27.04.2020 - 18:50 Uhr") is a byline too.
        byline = below_is_date and is_bare_name(text)
        below_is_date = meta in ("date", "date-meta")
        only_meta = only_meta and (meta is not None or byline)
        if features.cues[index] is not None or meta is not None or byline or BULLET_RE.match(text):
            continue
        if find_credit(text) is not None:
            continue  # a photo's credit ("© AdobeStock / karrastock") between the headline and the article
        words = features.words[index]
        if not (2 <= words <= 25 and not text.endswith((".", ",", ";"))):
            return
        yield index


def _extend_back(features: LineFeatures, start: int, title: int | None) -> int:
    """Up to the title, the lines above the core are the article's (lists, short paragraphs, meta lines);
    without a title only a few plain lines are taken."""
    if title is not None:
        if title >= start:
            return title + 1
        for index in nonblank(features, range(start - 1, title, -1)):
            if surrounds(features.cues[index]):
                return index + 1
        return title + 1
    # The dump's first line is the page's <title>, not the article's first line.
    first = _first_line(features)
    taken = start
    for index in nonblank(features, range(start - 1, max(start - _BACK_WITHOUT_TITLE, first or 0), -1)):
        if features.cues[index] is not None or features.nav[index]:
            break
        taken = index
    return taken


def _blank_separated(features: LineFeatures) -> bool:
    """Whether the dump separates its blocks with blank lines (some are copied with a newline between blocks only)."""
    return features.kinds.count("blank") >= _MIN_BLANK_SHARE * len(features.kinds)


def _extend_forward(features: LineFeatures, end: int) -> int:
    """Plain lines that continue the core's last line without a blank line (the rest of a list or table)
    still belong to it; whatever follows a gap is left out, unless the last line announces it ("In short:",
    "So sieht der Zeitplan aus:"): an article does not end on a colon, and the block below it is what it names."""
    taken = _continue_block(features, end)
    if taken == 0 or not features.texts[taken - 1].endswith(":"):
        return taken
    following = next(nonblank(features, range(taken, min(taken + _ANNOUNCED_GAP, len(features)))), None)
    if following is None or features.cues[following] is not None or features.nav[following]:
        return taken
    return _continue_block(features, following + 1)


def _continue_block(features: LineFeatures, end: int) -> int:
    kinds, cues = features.kinds, features.cues
    if end == 0 or kinds[end - 1] == "blank" or not _blank_separated(features):
        return end  # a dump without blank lines between its blocks has no block to finish: the rest of the page
    taken = end
    for index in range(end, min(end + _FORWARD_LIMIT, len(features))):
        if kinds[index] == "blank" or cues[index] is not None:
            break
        taken = index + 1
    return taken
