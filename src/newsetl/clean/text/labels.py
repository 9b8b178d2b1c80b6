"""Verdicts: a label and a rule id for every line, given the article's region.

Inside the region, furniture is removed line by line (ads, video widgets, captions, repeats, an author box
at the end); at its top, byline, dateline and summary bullets are picked out; outside it, every line gets
the rule that explains why it is not article text (its cue, a menu run, or simply its place).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Literal

from newsetl.clean.text.captions import ENLARGE_WORDS, FIGURE_WORDS, enlarge_caption, find_credit, is_figure_caption
from newsetl.clean.text.cues import ROLES
from newsetl.clean.text.features import LineFeatures
from newsetl.clean.text.header import (
    BULLET_RE,
    byline_date,
    dated_meta,
    find_byline,
    is_author_bio,
    is_bare_name,
    looks_like_heading,
    meta_rule,
    split_byline,
)
from newsetl.clean.text.region import Region, kicker_above, nonblank, surrounds, title_line
from newsetl.clean.text.rules import GUARD
from newsetl.clean.text.stopwords import ALL_STOPWORDS

LineLabel = Literal["title", "summary", "byline", "date", "caption", "body", "removed", "blank"]


@dataclass(frozen=True, slots=True)
class LineVerdict:
    label: LineLabel
    rule: str


BLANK = LineVerdict("blank", "blank")
BODY = LineVerdict("body", "body")
TITLE = LineVerdict("title", "title")
_SHARED: dict[tuple[LineLabel, str], LineVerdict] = {}

_MAX_REPEAT = 200
"""Longer lines that recur are prose quoted twice, not a widget."""
_REPEAT_DISTANCE = 6
_MAX_VIDEO_TITLE = 200
_TAIL_WINDOW = 3
"""Last body lines checked for an author box."""
_MAX_BIO = 400
_NAME_ABOVE_BIO = 4
"""Non-blank lines above a biography searched for the author's name on its own."""
_TEASER_PAIR, _MIN_TEASERS, _MAX_TEASER_SUMMARY = 2, 3, 350
_MIN_RELATED_HEADLINES = 2
_LATE_BOUNDARY = 0.8
"""Share of the region's prose above a related-stories, newsletter or footer block that makes it the article's end."""
_MIN_TAIL_HEADLINES = 3
"""Headline-like lines in a row below the last sentence that make a list of other stories."""
_TOP_WINDOW = 8
_LONE_SEPARATORS = frozenset("-–—|·•")
"""A line that is only one of these between a split byline and its date ("By" / "Jane Doe" / "-" / "May 4, 2022")."""
_DATE_AROUND = 6
"""Lines above the headline, or below the article's last paragraph, searched for a dateline."""
_BYLINE_ABOVE, _BYLINE_BELOW = 15, 3
"""Lines above the headline, and below the article's last paragraph, searched for a byline when it has none."""
DATE_RULES = frozenset({"date", "date-meta"})
"""The meta rules that find a date line (a dateline, a short meta line with a date)."""


def verdict(label: LineLabel, rule: str) -> LineVerdict:
    """Verdicts are immutable and few: one shared instance per (label, rule)."""
    found = _SHARED.get((label, rule))
    if found is None:
        found = _SHARED[(label, rule)] = LineVerdict(label, rule)
    return found


def label_region(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Fill in the verdicts of the region's lines, its headline and its top (``None`` = not decided yet)."""
    titled = title_line(features, region)
    if titled is not None and verdicts[titled] is None:
        verdicts[titled] = TITLE
        kicker = kicker_above(features, region, titled)
        if kicker is not None and verdicts[kicker] is None:
            verdicts[kicker] = TITLE
    _mark_video_titles(features, verdicts, region)
    repeats = _near_repeats(features, region)
    for index in nonblank(features, range(region.start, region.end)):
        if verdicts[index] is None:
            verdicts[index] = _inside(features, index, index in repeats)
    _drop_second_copies(features, verdicts, region)
    _trim_author_box(features, verdicts, region)
    _trim_related_lists(features, verdicts, region)
    _trim_teaser_list(features, verdicts, region)
    _end_at_late_boundary(features, verdicts, region)
    _trim_short_tail(features, verdicts, region)
    _trim_headline_tail(features, verdicts, region)
    _label_top(features, verdicts, region)
    _date_around(features, verdicts, region)
    _byline_around(features, verdicts, region)


def label_outside(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Every line not decided yet is outside the article: say why."""
    before = verdict("removed", "before-title" if region.title is not None else "before-body")
    after, menu = verdict("removed", "after-body"), verdict("removed", "nav-run")
    cues, nav = features.cues, features.nav
    for index, current in enumerate(verdicts):
        if current is not None:
            continue
        cue = cues[index]
        if cue is not None:
            verdicts[index] = _SHARED.get(("removed", cue)) or verdict("removed", cue)
        elif index == region.page_title:
            verdicts[index] = verdict("removed", "page-title")
        elif nav[index]:
            verdicts[index] = menu
        else:
            verdicts[index] = before if index < region.start else after


def _inside(features: LineFeatures, index: int, repeated: bool) -> LineVerdict:
    cue = features.cues[index]
    if cue is not None:
        return verdict("removed", cue)
    text = features.texts[index]
    if find_credit(text) is not None:
        return verdict("caption", "caption-credit")
    if text.startswith(ENLARGE_WORDS) and enlarge_caption(text):
        return verdict("caption", "caption-enlarge")
    if text.startswith(FIGURE_WORDS) and is_figure_caption(text):
        return verdict("caption", "caption-figure")
    if repeated:
        return verdict("removed", "repeated-line")
    # The built-in rules are also the warehouse's leak check: no body line may match one.
    guard = GUARD.first_match(text)
    return BODY if guard is None else verdict("removed", guard)


def _mark_video_titles(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """A video player shows its duration, then its title: the line after a duration is the video's."""
    lines = list(nonblank(features, range(region.start, region.end)))
    for position, index in enumerate(lines[:-1]):
        following = lines[position + 1]
        if (
            features.cues[index] == "video-duration"
            and verdicts[following] is None
            and features.cues[following] is None
            and features.chars[following] <= _MAX_VIDEO_TITLE
        ):
            verdicts[following] = verdict("removed", "video-title")


def _near_repeats(features: LineFeatures, region: Region) -> set[int]:
    """Short lines that recur within a few lines (video titles, teaser widgets) are widget furniture."""
    last_seen: dict[str, tuple[int, int]] = {}
    found: set[int] = set()
    for order, index in enumerate(nonblank(features, range(region.start, region.end))):
        if features.chars[index] > _MAX_REPEAT:
            continue
        text = features.texts[index]
        previous = last_seen.get(text)
        if previous is not None and order - previous[1] <= _REPEAT_DISTANCE:
            found.update((previous[0], index))
        last_seen[text] = (index, order)
    return found


def _drop_second_copies(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """A paragraph the body already holds, said again (a pull quote, a teaser of itself), is said once."""
    kept: set[str] = set()
    for index in range(region.start, region.end):
        if verdicts[index] is not BODY:
            continue
        text = features.texts[index]
        if text in kept:
            verdicts[index] = verdict("removed", "repeated-line")
        kept.add(text)


def _trim_author_box(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """A short biography among the last body lines, and everything after it, is the author box; not before the
    article's first paragraph, which a short article's tail window reaches ("Jane Doe is a ferry captain who …")."""
    body = [index for index in range(region.end - 1, region.start - 1, -1) if verdicts[index] is BODY]
    first_prose = next((index for index in reversed(body) if features.kinds[index] == "good"), region.end)
    body = [index for index in body if index > first_prose]
    # The box may open with the name on its own line: "Jane Doe" / "Jane is a reporter …".
    pairs = zip(body[1 : _TAIL_WINDOW + 1], body[:_TAIL_WINDOW], strict=False)
    start = next((name for name, bio in pairs if _name_then_bio(features, name, bio)), None)
    if start is None:
        bios = (index for index in body[:_TAIL_WINDOW] if features.chars[index] <= _MAX_BIO)
        start = next((index for index in bios if is_author_bio(features.texts[index])), None)
    if start is not None:
        _remove_body(verdicts, range(start, region.end), "author-bio")


def _name_then_bio(features: LineFeatures, name: int, bio: int) -> bool:
    """A person's name alone on a line, then a short text about them that starts with the name and a verb
    ("Jane Doe" / "Jane is a reporter …") or goes on from it in lower case ("Dr. Max Muster" / "ist Partner
    der Kanzlei …"). The verb is a stop word in every list ("is", "ist", "est"), which a product feature
    ("Remote Access" / "Remote access to your Mac") does not have after its name."""
    text = features.texts[name]
    if not is_bare_name(text) or features.ends[name] or features.chars[bio] > _MAX_BIO:
        return False
    parts = text.split()
    following = features.texts[bio]
    if following[0].islower():
        return features.ends[bio]
    # "Dr. Max Muster": the first name is the first word that is not a title.
    first = next((part for part in parts if len(part) > 2 and not part.endswith(".")), parts[0])
    lead = next((lead for lead in (text + " ", first + " ") if following.startswith(lead)), None)
    return lead is not None and following[len(lead) :].split(" ", 1)[0].lower() in ALL_STOPWORDS


def _remove_body(verdicts: list[LineVerdict | None], indices: range, rule: str) -> None:
    removed = verdict("removed", rule)
    for index in indices:
        if verdicts[index] is BODY:
            verdicts[index] = removed


def _trim_related_lists(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Under a related-stories heading ("Mehr zum Thema", "Temas relacionados"), the headlines of other stories:
    two or more lines in a row that are not sentences (or are clipped teasers, "…"). A single heading-like line
    after it is the article's next subheading, and is kept."""
    for index in range(region.start, region.end):
        if features.cues[index] == "related":
            listed = _headline_run(features, verdicts, index + 1, region.end)
            if len(listed) >= _MIN_RELATED_HEADLINES:
                for line in listed:
                    verdicts[line] = verdict("removed", "related-list")


def _headline_run(features: LineFeatures, verdicts: list[LineVerdict | None], start: int, end: int) -> list[int]:
    run: list[int] = []
    for index in nonblank(features, range(start, end)):
        current = verdicts[index]
        if current is not BODY:
            if current is not None and current.label == "removed":
                continue  # an ad slot or a repeated line inside the list
            break
        text = features.texts[index]
        if meta_rule(text) is not None:
            break  # a dateline: the next post of a blog page starts
        teaser = text.endswith(("…", "...")) and features.chars[index] <= _MAX_TEASER_SUMMARY
        if not (teaser or looks_like_heading(text, features.words[index])):
            break
        run.append(index)
    return run


def _trim_teaser_list(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Headline, one-sentence summary, headline, summary …: other stories' teasers after the article. Three or
    more such pairs ending the body are cut; an article's sections have paragraphs of their own."""
    body = [index for index in range(region.start, region.end) if verdicts[index] is BODY]
    teasers: list[int] = []
    position = len(body)
    while position >= _TEASER_PAIR:
        heading, summary = body[position - 2], body[position - 1]
        if not (_is_teaser_heading(features, heading) and _is_teaser_summary(features, summary)):
            break
        teasers += [heading, summary]
        position -= _TEASER_PAIR
    if len(teasers) >= _MIN_TEASERS * _TEASER_PAIR and position > 0:
        for index in teasers:
            verdicts[index] = verdict("removed", "teaser-list")


def _is_teaser_heading(features: LineFeatures, index: int) -> bool:
    text = features.texts[index]
    return text[0].isupper() and not features.ends[index] and looks_like_heading(text, features.words[index])


def _is_teaser_summary(features: LineFeatures, index: int) -> bool:
    # A sentence (or a clipped one: "…"), not the next line of hard-wrapped prose.
    text = features.texts[index]
    return (
        features.chars[index] <= _MAX_TEASER_SUMMARY
        and text[0].isupper()
        and (features.ends[index] or text.endswith("..."))
        and not _is_teaser_heading(features, index)
    )


def _label_top(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Byline and date lines at the top leave the body; bullets there, before any body line, are the summary.
    A prose standfirst stays in the body: it is article text, and cannot be told from a first paragraph."""
    top = list(nonblank(features, range(region.start, region.end)))[:_TOP_WINDOW]
    for index in top:
        current = verdicts[index]
        if current is not None and current.label in ("body", "removed"):
            rule = meta_rule(features.texts[index])
            if rule is not None:
                verdicts[index] = verdict("byline" if rule == "byline" else "date", rule)
    _split_bylines(features, verdicts, top)
    for index, below in pairwise(top):
        # The author's bare name above the dateline ("Thomas Hanke" / "27.04.2020 - 18:50 Uhr").
        dated = (found := verdicts[below]) is not None and found.label == "date"
        if verdicts[index] is BODY and dated and is_bare_name(features.texts[index]):
            verdicts[index] = verdict("byline", "byline")
    for index in top:
        if verdicts[index] is BODY and _bio_under_its_name(features, index):
            verdicts[index] = verdict("removed", "author-bio")
    seen_body = False
    for index in top:
        if verdicts[index] is BODY:
            if not seen_body and BULLET_RE.match(features.texts[index]):
                verdicts[index] = verdict("summary", "summary-bullet")
            else:
                seen_body = True


def _split_bylines(features: LineFeatures, verdicts: list[LineVerdict | None], top: list[int]) -> None:
    """A byline's lead over the name ("By" / "James Whittaker"), and a lone dash after them ("-" / "May 4, 2022"):
    the byline's parts, each on a line of its own."""
    texts = features.texts
    for place, (lead, name) in enumerate(pairwise(top)):
        if verdicts[lead] is not BODY or verdicts[name] is not BODY:
            continue
        after = top[place + 2] if place + 2 < len(top) else None
        dash = after is not None and verdicts[after] is BODY and texts[after] in _LONE_SEPARATORS
        closed = dash or (after is not None and (found := verdicts[after]) is not None and found.label == "date")
        if split_byline(texts[lead], texts[name], closed=closed) is not None:
            verdicts[lead] = verdicts[name] = verdict("byline", "byline")
            if dash and after is not None:
                verdicts[after] = verdict("removed", "byline")


def _bio_under_its_name(features: LineFeatures, index: int) -> bool:
    """An author box under the headline: the author's name on a line of its own, then a short biography that opens
    with it ("Jacob Wade" / "Jacob Wade is a personal finance expert …"), as the author box at the end has them."""
    if not is_author_bio(features.texts[index]):
        return False
    above = list(nonblank(features, range(index - 1, max(index - 2 * _NAME_ABOVE_BIO, -1), -1)))[:_NAME_ABOVE_BIO]
    return any(_name_then_bio(features, name, index) for name in above)


def _date_around(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Without a dateline at the article's top, one just above its headline dates it ("31.10.2023 14:08" over
    the headline, in a menu's last line or a kicker's), else one just below its last paragraph (a blog's
    "Veröffentlicht am: 6. August 2009" under the post): the nearest within a few lines, before any block that
    surrounds articles, and below the article before a comment thread, whose every comment has a date. A byline
    with a date ("By Jane Doe 10. Februar 2019 in Allgemein") is one too."""
    if any(_dates(features, verdicts, index) for index in range(region.start, region.end)):
        return
    top = region.start if region.title is None else min(region.title, region.start)
    first = next(nonblank(features, range(len(features))), 0)
    # Down to the line after the page's first, its <title>, which names the article when no headline does.
    if _date_in(features, verdicts, nonblank(features, range(top - 1, first, -1))):
        return
    last = max((index for index in range(region.start, region.end) if verdicts[index] is BODY), default=None)
    if last is not None:
        _date_in(features, verdicts, nonblank(features, range(last + 1, len(features))), below=True)


def _byline_around(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Without a byline in the article, one a few lines above its headline names its authors ("By Celia Parbey",
    "von Birgit Posselt" in the block over the headline, which reads as a menu), else one just below its last
    paragraph ("Text: Ursula Eggers", "Posted by Ned Deily at 5:11 AM"), but not past a block that surrounds articles
    (comments, related stories). Only a byline's lead with names counts there: a bare name beside the article may be
    anyone's."""
    if any(found is not None and found.label == "byline" for found in verdicts):
        return
    top = region.start if region.title is None else min(region.title, region.start)
    if _byline_in(features, verdicts, islice(nonblank(features, range(top - 1, -1, -1)), _BYLINE_ABOVE)):
        return
    last = max((index for index in range(region.start, region.end) if verdicts[index] is BODY), default=None)
    if last is not None:
        below = islice(nonblank(features, range(last + 1, len(features))), _BYLINE_BELOW)
        _byline_in(features, verdicts, below, below=True)


def _byline_in(
    features: LineFeatures, verdicts: list[LineVerdict | None], lines: Iterator[int], *, below: bool = False
) -> bool:
    for index in lines:
        if below and surrounds(features.cues[index]):
            return False  # a comment's or another story's author
        found = verdicts[index]
        if (found is None or found.label == "removed") and find_byline(features.texts[index]):
            verdicts[index] = verdict("byline", "byline")
            return True
    return False


def _date_in(
    features: LineFeatures, verdicts: list[LineVerdict | None], lines: Iterator[int], *, below: bool = False
) -> bool:
    """Label the first date or dated byline among the first ``_DATE_AROUND`` of ``lines``; whether one was found."""
    for seen, index in enumerate(lines):
        cue = features.cues[index]
        if seen >= _DATE_AROUND or surrounds(cue) or (below and cue == "comments"):
            return False
        if verdicts[index] is not None:
            continue
        rule = meta_rule(features.texts[index])
        # Below the article a bare date may be another story's or an event's: a meta word must say it is the post's.
        if rule in DATE_RULES and (not below or dated_meta(features.texts[index]) is not None):
            verdicts[index] = verdict("date", rule)
            return True
        if rule == "byline" and byline_date(features.texts[index]) is not None:
            verdicts[index] = verdict("byline", rule)
            return True
    return False


def _dates(features: LineFeatures, verdicts: list[LineVerdict | None], index: int) -> bool:
    """A line labelled a date, or a byline that holds one."""
    found = verdicts[index]
    if found is None or found.label not in ("date", "byline"):
        return False
    return found.label == "date" or byline_date(features.texts[index]) is not None


def _end_at_late_boundary(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """A block that surrounds articles (related stories, newsletter box, footer) below most of the region's
    prose ends the article: what follows it is other stories' teasers and the page's furniture, even when its
    sentences outweigh the block's penalty in the region search."""
    lines = range(region.start, region.end)
    prose = [features.chars[index] if _is_prose(features, verdicts, index) else 0 for index in lines]
    total, seen = sum(prose), 0
    for index, chars in zip(lines, prose, strict=True):
        seen += chars
        cue = features.cues[index]
        if cue is not None and ROLES.get(cue) == "boundary" and 0 < total * _LATE_BOUNDARY <= seen:
            _remove_body(verdicts, range(index, region.end), "after-boundary")
            return


def _trim_short_tail(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Below the article's last paragraph of prose, short lines without a sentence are labels, links and
    names (a share prompt, a source's name, "All news"), not the article."""
    last = next(
        (index for index in range(region.end - 1, region.start - 1, -1) if _is_prose(features, verdicts, index)), None
    )
    if last is None or features.texts[last].endswith(":"):
        return  # the lines below are what the paragraph announces: "Die Termine:" over dates, "Quellen:" over links
    removed = verdict("removed", "short-tail")
    for index in range(last + 1, region.end):
        if verdicts[index] is BODY and features.kinds[index] == "short":
            verdicts[index] = removed


def _trim_headline_tail(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Three or more headline-like lines ending the body, below its last sentence, are other stories'
    headlines (a related list whose heading was not recognised). Below a line ending in a colon they are the
    items it announces, and stay; one or two may be the article's last subheading and a credit."""
    body = [index for index in range(region.start, region.end) if verdicts[index] is BODY]
    run = headlines = 0
    while run < len(body) and (
        _is_tail_headline(features, body[-1 - run]) or features.kinds[body[-1 - run]] == "short"
    ):
        headlines += features.kinds[body[-1 - run]] != "short"
        run += 1
    above = body[-1 - run] if run < len(body) else None
    if headlines < _MIN_TAIL_HEADLINES or above is None or features.texts[above].endswith(":"):
        return
    for index in body[len(body) - run :]:
        verdicts[index] = verdict("removed", "headline-tail")


def _is_tail_headline(features: LineFeatures, index: int) -> bool:
    return not features.ends[index] and looks_like_heading(features.texts[index], features.words[index])


def _is_prose(features: LineFeatures, verdicts: list[LineVerdict | None], index: int) -> bool:
    return verdicts[index] is BODY and features.kinds[index] == "good"
