"""Text-dump extraction: classify every line, then assemble the article from the verdicts.

A text dump is a page copied as plain text, one paragraph per line: menus, banners, captions, ads, footers
and, somewhere, the article. Every line gets a verdict (a label and the id of the rule that decided it), so
every removed line can be audited. In order:

1. the source's own patterns decide the lines they match (they win over everything built in);
2. per-line features: length, stop-word density in the page's language, sentence end, boilerplate cue;
3. the article's region: the best-scoring contiguous run of lines, anchored on its headline;
4. labels inside the region (body, captions, ads, video widgets, repeats, author box; byline, dateline and
   summary at its top) and outside it (why each line is not article text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import tzinfo
from itertools import chain, pairwise
from typing import cast

from newsetl.clean.extraction import Extraction, as_read
from newsetl.clean.language import detect_language
from newsetl.clean.text.authorbox import authors_in, remove_author_boxes
from newsetl.clean.text.captions import FIGURE_WORDS, find_credit, is_figure_caption, split_caption
from newsetl.clean.text.cues import line_cue
from newsetl.clean.text.features import LineFeatures, line_features
from newsetl.clean.text.header import (
    find_line_date,
    find_update,
    looks_like_title,
    meta_rule,
    names_nothing,
    split_byline,
    strip_breadcrumb,
    strip_bullet,
    strip_site_name,
)
from newsetl.clean.text.labels import (
    BLANK,
    DATE_RULES,
    TITLE,
    LineLabel,
    LineVerdict,
    label_outside,
    label_region,
    verdict,
)
from newsetl.clean.text.learned import learned_lines
from newsetl.clean.text.region import (
    Region,
    find_region,
    page_title_line,
    shows_a_page,
    title_line,
    whole_region,
    without_run_in,
)
from newsetl.clean.text.rules import GUARD, READING_TIME
from newsetl.clean.text.stopwords import guess_language
from newsetl.clean.text.unwrap import unwrapped
from newsetl.config import CleaningConfig
from newsetl.records import Caption, Removal

__all__ = ["LineLabel", "LineVerdict", "classify_lines", "drop_leftover_boilerplate", "extract_text_dump"]

_NUMBER_RE = re.compile(r"\d+")
_MODEL_SAMPLE = 600
# A one-word first line is a site name or a menu item, not the page's title.
_MIN_PAGE_TITLE_WORDS = 2
# Lines that leave the body: a caption is also kept, as a caption.
_REMOVED = frozenset({"removed", "caption"})
# Another extractor's first paragraphs, where a dateline stands (a text dump's top window is 8 lines).
_TOP_PARAGRAPHS = 3
_CAPTION_RULES = frozenset({"caption-credit", "caption-figure"})
_ONE_CELL_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|$")


def extract_text_dump(text: str, cleaning: CleaningConfig | None = None, *, article: bool = False) -> Extraction:
    """The article in a text dump, with every removed line accounted for.

    ``article``: the text is an article already, not a whole page (a JSON Lines record's ``text``). Unless it
    shows a page's furniture (menus, consent banners, footers), every line is then in the article's region and
    only furniture inside it is removed: the page's search for the article, which takes the first line for the
    page's <title>, lost a record's first paragraph and a list after it.
    """
    cleaning = cleaning or CleaningConfig()
    # The rules, the learned lines and the audit see a line as a reader does: "Face&shy;book Twit&shy;ter" is the
    # share bar the body would show once its soft hyphens are gone (they never reach a body, see UNSEEN_MARKS), and
    # "Reading&nbsp;Time" the reading time its rule knows.
    lines = as_read(text).splitlines()
    numbers = None  # a line's number in the dump is its place, unless wrapped lines were joined
    if (paragraphs := unwrapped(lines)) is not None:
        lines, numbers = paragraphs
    language = guess_language(lines)
    verdicts = _classify(lines, cleaning, language, article=article)
    extraction = _assemble(lines, verdicts, cleaning, language, numbers)
    if language is None and extraction.body:
        # A language without a stop-word list here: the model decides, on a sample (it costs ~0.5 µs a char).
        extraction = replace(extraction, language=detect_language(extraction.body_text[:_MODEL_SAMPLE]))
    return extraction


def classify_lines(lines: Sequence[str], cleaning: CleaningConfig) -> list[LineVerdict]:
    """One verdict per line (blank lines get ``blank``), each line as read (``as_read``)."""
    seen = [as_read(line) for line in lines]
    return _classify(seen, cleaning, guess_language(seen))


def drop_leftover_boilerplate(extraction: Extraction) -> Extraction:
    """Hold the paragraphs another extractor produced to the rules a text dump's lines inside the article meet.

    Each paragraph a built-in drop rule or a boilerplate family matches is removed (ad labels, newsletter prompts,
    comment headers and related-stories headings survive HTML extraction too); one ending in a photo credit
    ("… Foto: dpa") becomes a caption; a dateline or a dated meta line ("Posted: Thursday, April 21, 2022") among
    the first paragraphs or as the last one left leaves the body (the page's metadata dates the article). A table row of
    one cell is held to the rules as the line it shows. Devset HTML: F 0.9419 -> 0.9453 for the families,
    0.9476 -> 0.9489 for captions and datelines, 0.9557 -> 0.9560 for the last paragraph's datelines, 0.9562 ->
    0.9565 for dated meta lines and one-cell rows.
    """
    body = extraction.body
    # A dateline leaves the body among the first paragraphs, and as the last one left ("Aktualisiert: 30.12.2016",
    # "Erstellt am: 01.11.2023", also above a permalink and a copyright line that go), unless it is a table's row.
    rules = [_leftover_rule(paragraph, top=place < _TOP_PARAGRAPHS) for place, paragraph in enumerate(body)]
    left = [place for place, rule in enumerate(rules) if rule is None]
    if left and not body[left[-1]].startswith("|"):
        # The other rules found nothing in it already: only its date is left to ask about.
        rules[left[-1]] = _dateline_rule(body[left[-1]].strip())
    if not any(rules):
        return extraction
    removed, captions = list(extraction.removed), list(extraction.captions)
    for number, (paragraph, rule) in enumerate(zip(body, rules, strict=True), start=1):
        if rule is not None:
            removed.append(Removal(line=number, rule=rule, text=paragraph))
            if rule in _CAPTION_RULES:
                captions.append(split_caption(paragraph))
    kept = [paragraph for paragraph, rule in zip(body, rules, strict=True) if rule is None]
    return replace(extraction, body=kept, removed=removed, captions=captions)


def _leftover_rule(paragraph: str, *, top: bool) -> str | None:
    text = paragraph.strip()
    cell = _ONE_CELL_ROW.match(text)
    # A table row of one cell is a line in a box ("| Weitere Artikel zum Thema |"): its text is held to the rules.
    built_in = GUARD.first_match(cell[1] if cell else text)  # one regex for the first word, not one a rule
    if built_in is not None:
        return built_in
    cue = line_cue(cell[1] if cell else text)
    if cue is not None:
        return cue
    if find_credit(text) is not None:
        return "caption-credit"
    if text.startswith(FIGURE_WORDS) and is_figure_caption(text):
        return "caption-figure"
    return _dateline_rule(text) if top else None


def _dateline_rule(text: str) -> str | None:
    return "date" if meta_rule(text) in DATE_RULES else None


def _classify(
    lines: Sequence[str], cleaning: CleaningConfig, language: str | None, *, article: bool = False
) -> list[LineVerdict]:
    forced = _source_verdicts(lines, cleaning)
    learned = learned_lines(lines, cleaning.learned, forced)
    features = line_features(lines, language, {index: found.rule for index, found in forced.items()}, learned)
    verdicts: list[LineVerdict | None] = [BLANK if kind == "blank" else None for kind in features.kinds]
    for index, found in forced.items():
        verdicts[index] = found
    for index, rule in learned.items():
        verdicts[index] = verdict("removed", rule)
    region = whole_region(features) if article and not shows_a_page(features) else find_region(features)
    if region.empty:
        return [found or verdict("removed", "no-article") for found in verdicts]
    label_region(features, verdicts, region)
    remove_author_boxes(features, verdicts, region)
    if title_line(features, region) is None:
        _title_from_page(features, verdicts, region)
    label_outside(features, verdicts, region)
    # label_outside decided every line left.
    return cast("list[LineVerdict]", verdicts)


def _source_verdicts(lines: Sequence[str], cleaning: CleaningConfig) -> dict[int, LineVerdict]:
    """Lines the source's own patterns decide: a person who wrote one meant it to win over built-in guesses."""
    rules = [(rule.pattern.search, verdict("removed", rule.id)) for rule in cleaning.drop]
    rules += [(rule.pattern.search, verdict("caption", rule.id)) for rule in cleaning.captions]
    if not rules:
        return {}
    forced: dict[int, LineVerdict] = {}
    # Plain loops, blank lines skipped once: a generator per line cost twice as much (68-91 against 35-42 µs a
    # dump, one source pattern, 2,000 benchmark dumps).
    for index, line in enumerate(lines):
        if not line or line.isspace():
            continue
        for search, decided in rules:
            if search(line):
                forced[index] = decided
                break
    return forced


def _title_from_page(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Without a headline next to the article, the page's own title line (its first line) names it."""
    first = page_title_line(features)
    if (
        first is not None
        and first < region.start
        and verdicts[first] is None
        and features.cues[first] is None
        and features.words[first] >= _MIN_PAGE_TITLE_WORDS
        and looks_like_title(features.texts[first])
    ):
        verdicts[first] = TITLE


def _assemble(
    lines: Sequence[str],
    verdicts: Sequence[LineVerdict],
    cleaning: CleaningConfig,
    language: str | None,
    numbers: Sequence[int] | None = None,
) -> Extraction:
    by_label: dict[LineLabel, list[str]] = {}
    removed: list[Removal] = []
    for index, found in enumerate(verdicts):
        label = found.label
        if label == "blank":
            continue
        if label in _REMOVED:
            number = numbers[index] if numbers else index + 1
            removed.append({"line": number, "rule": found.rule, "text": lines[index]})
            if label == "removed":
                continue
        by_label.setdefault(label, []).append(lines[index].strip())
    bylines, datelines = by_label.get("byline", []), by_label.get("date", [])
    published_at, updated_at = _dates(datelines + bylines, cleaning)
    page_title = next((item["text"].strip() for item in removed if item["rule"] == "page-title"), None)
    headline = strip_site_name(strip_breadcrumb(" ".join(by_label.get("title", [])) or None))
    title = without_run_in(headline, page_title)
    return Extraction(
        # What is left of a <title> without its site's name may name nothing: "www.ekbo.de | Detail".
        title=None if title and names_nothing(title) else title,
        summary="\n".join(strip_bullet(line) for line in by_label.get("summary", [])) or None,
        body=by_label.get("body", []),
        authors=_authors(bylines, datelines),
        published_at=published_at,
        updated_at=updated_at,
        captions=_captions(by_label.get("caption", [])),
        reading_time_minutes=_reading_time(lines, verdicts),
        language=language,
        removed=removed,
        extractor="text-rules",
    )


def _dates(lines: Sequence[str], cleaning: CleaningConfig) -> tuple[str | None, str | None]:
    """When the article was published and when it last changed.

    Published: the first date the date lines give, else a byline's ("Von Anna Schmidt am 3. März 2021"); a
    change's date ("Updated 3 May 2024", "Actualizado …" above "Creado …") only when no line gives another.
    Changed: the first change's date, on a line of its own or after the publication's ("Published 2 May 2024 |
    Updated 3 May 2024").
    """
    dates = [found for line in lines for found in _line_dates(line, cleaning.zone, cleaning.month_first)]
    published = next((found for update, found in dates if not update), None)
    updated = next((found for update, found in dates if update), None)
    return published or updated, updated


def _line_dates(line: str, zone: tzinfo | None, month_first: bool) -> list[tuple[bool, str]]:
    """The dates a line gives, each with whether it dates a change."""
    change = find_update(line)
    if change is None or change == 0:
        found = find_line_date(line, zone, month_first=month_first)
        return [] if found is None else [(change == 0, found)]
    before, after = line[:change], line[change:]
    parts = (
        (False, find_line_date(before, zone, month_first=month_first)),
        (True, find_line_date(after, zone, month_first=month_first)),
    )
    return [(update, found) for update, found in parts if found is not None]


def _captions(lines: Sequence[str]) -> list[Caption]:
    captions: list[Caption] = []
    for line in lines:
        found = find_credit(line)
        if found is not None and not found[0] and captions and captions[-1]["credit"] is None:
            # A credit on its own line belongs to the caption just above it.
            captions[-1] = Caption(text=captions[-1]["text"], credit=found[1])
        else:
            captions.append(split_caption(line))
    return captions


def _authors(bylines: list[str], datelines: list[str]) -> list[str]:
    """The first names a byline or a dateline gives. A byline split over lines with a name of one word ("Von" /
    "Robert") names it only with its lead: the labelling took the pair as a byline for the dash or date after it."""
    split = (split_byline(lead, name, closed=True) for lead, name in pairwise(bylines))
    return next(filter(None, chain(split, map(authors_in, bylines + datelines))), [])


def _reading_time(lines: Sequence[str], verdicts: Sequence[LineVerdict]) -> int | None:
    for index, found in enumerate(verdicts):
        if found.rule == "reading-time":
            match = READING_TIME.pattern.match(lines[index])
            minutes = (match.group("minutes") or match.group("minutes2")) if match else None
            number = minutes or next(iter(_NUMBER_RE.findall(lines[index])), None)
            if number is not None:
                return int(number)
    return None
