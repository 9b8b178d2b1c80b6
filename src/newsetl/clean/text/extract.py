"""Text-dump extraction: classify every line, then assemble the article from the verdicts.

A text dump is a page copied as plain text, one paragraph per line. Each line gets a verdict (a label and
the id of the rule that decided it), so every removed line can be audited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Literal

from newsetl.clean.extraction import Extraction
from newsetl.clean.text.captions import split_caption
from newsetl.clean.text.header import (
    find_byline,
    find_dateline,
    looks_like_title,
    strip_site_name,
)
from newsetl.clean.text.rules import BUILT_IN, CAPTION_CREDIT, READING_TIME, LineRule
from newsetl.config import CleaningConfig
from newsetl.records import Caption, Removal

LineLabel = Literal["title", "summary", "byline", "date", "caption", "body", "removed", "blank"]

_BULLET_RE = re.compile(r"^\s*[•·▪●◦‣∙*–-]\s+(?P<text>\S.*)$")
# How far below a page's opening <title> line the bare headline may repeat, and how much of it it must be.
_TITLE_REPEAT_WINDOW = 80
_MIN_TITLE_SHARE = 0.5
# A video widget repeats its title right after the duration; longer lines are prose, not titles.
_MAX_VIDEO_TITLE = 200


@dataclass(frozen=True, slots=True)
class LineVerdict:
    label: LineLabel
    rule: str


def extract_text_dump(text: str, cleaning: CleaningConfig | None = None) -> Extraction:
    """The article in a text dump, with every removed line accounted for."""
    lines = [line.rstrip() for line in text.splitlines()]
    verdicts = classify_lines(lines, cleaning or CleaningConfig())
    return _assemble(lines, verdicts, (cleaning or CleaningConfig()).zone)


def classify_lines(lines: Sequence[str], cleaning: CleaningConfig) -> list[LineVerdict]:
    rules = _rules_for(cleaning)
    verdicts: list[LineVerdict | None] = [_verdict_by_rules(line, rules) for line in lines]
    _mark_video_titles(lines, verdicts)
    _mark_repeats(lines, verdicts)
    _mark_header(lines, verdicts)
    return [verdict or LineVerdict("body", "body") for verdict in verdicts]


def drop_leftover_boilerplate(extraction: Extraction) -> Extraction:
    """Apply the built-in drop rules to paragraphs another extractor produced (ad labels survive HTML too)."""
    kept: list[str] = []
    removed = list(extraction.removed)
    for number, paragraph in enumerate(extraction.body, start=1):
        rule = next((rule for rule in BUILT_IN if rule.action == "drop" and rule.pattern.search(paragraph)), None)
        if rule is None:
            kept.append(paragraph)
        else:
            removed.append(Removal(line=number, rule=rule.id, text=paragraph))
    return replace(extraction, body=kept, removed=removed) if len(kept) < len(extraction.body) else extraction


def _rules_for(cleaning: CleaningConfig) -> tuple[LineRule, ...]:
    # Source patterns run first: a person who wrote one meant it to win over the built-in guesses.
    drops = tuple(LineRule(rule.id, rule.pattern, "drop") for rule in cleaning.drop)
    captions = tuple(LineRule(rule.id, rule.pattern, "caption") for rule in cleaning.captions)
    return drops + captions + BUILT_IN


def _verdict_by_rules(line: str, rules: tuple[LineRule, ...]) -> LineVerdict | None:
    if not line.strip():
        return LineVerdict("blank", "blank")
    for rule in rules:
        if rule.pattern.search(line):
            label: LineLabel = "caption" if rule.action == "caption" else "removed"
            return LineVerdict(label, rule.id)
    return None


def _mark_video_titles(lines: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    for index, verdict in enumerate(verdicts):
        if verdict is None or verdict.rule != "video-duration":
            continue
        following = _next_content(verdicts, index + 1)
        if following is not None and verdicts[following] is None and len(lines[following]) <= _MAX_VIDEO_TITLE:
            verdicts[following] = LineVerdict("removed", "video-title")


def _mark_repeats(lines: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = " ".join(line.split()).casefold()
        if not key:
            continue
        if key in seen and verdicts[index] is None:
            verdicts[index] = LineVerdict("removed", "repeated-line")
        seen.add(key)


def _mark_header(lines: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """Title, then summary bullets, byline and dateline until the first paragraph of prose."""
    title_at = _find_title(lines, verdicts)
    if title_at is None:
        return
    for index in range(title_at):
        if verdicts[index] is None:
            verdicts[index] = LineVerdict("removed", "before-title")
    verdicts[title_at] = LineVerdict("title", "title")
    position = _next_content(verdicts, title_at + 1, include_decided=True)
    while position is not None:
        header = _header_verdict(lines[position]) if verdicts[position] is None else verdicts[position]
        if header is None:
            return
        verdicts[position] = header
        position = _next_content(verdicts, position + 1, include_decided=True)


def _find_title(lines: Sequence[str], verdicts: Sequence[LineVerdict | None]) -> int | None:
    first = next((i for i, v in enumerate(verdicts) if v is None and looks_like_title(lines[i])), None)
    if first is None:
        return None
    # Pages often open with their <title> ("Headline | Site") and repeat the bare headline below the menus;
    # the repeat is where the article starts.
    opening = _normalise(lines[first])
    for index in range(first + 1, min(len(lines), first + _TITLE_REPEAT_WINDOW)):
        candidate = _normalise(lines[index])
        if len(candidate) >= _MIN_TITLE_SHARE * len(opening) and opening.startswith(candidate):
            return index
    return first


def _normalise(line: str) -> str:
    return " ".join(line.split()).casefold()


def _header_verdict(line: str) -> LineVerdict | None:
    if _BULLET_RE.match(line):
        return LineVerdict("summary", "summary-bullet")
    if find_byline(line) is not None:
        return LineVerdict("byline", "byline")
    if find_dateline(line) is not None:
        return LineVerdict("date", "dateline")
    return None


def _next_content(verdicts: Sequence[LineVerdict | None], start: int, include_decided: bool = False) -> int | None:
    for index in range(start, len(verdicts)):
        verdict = verdicts[index]
        if verdict is None or (include_decided and verdict.label != "blank"):
            return index
    return None


def _assemble(lines: Sequence[str], verdicts: Sequence[LineVerdict], zone: tzinfo | None) -> Extraction:
    def texts(label: LineLabel) -> list[str]:
        return [lines[i].strip() for i, v in enumerate(verdicts) if v.label == label]

    summary = [_strip_bullet(line) for line in texts("summary")]
    bylines = texts("byline")
    datelines = texts("date")
    return Extraction(
        title=strip_site_name(next(iter(texts("title")), None)),
        summary="\n".join(summary) or None,
        body=texts("body"),
        authors=find_byline(bylines[0]) or [] if bylines else [],
        published_at=find_dateline(datelines[0], zone) if datelines else None,
        captions=_captions(lines, verdicts),
        reading_time_minutes=_reading_time(lines, verdicts),
        removed=_removals(lines, verdicts),
        extractor="text-rules",
    )


def _strip_bullet(line: str) -> str:
    match = _BULLET_RE.match(line)
    return match.group("text").strip() if match else line.strip()


def _captions(lines: Sequence[str], verdicts: Sequence[LineVerdict]) -> list[Caption]:
    captions: list[Caption] = []
    for index, verdict in enumerate(verdicts):
        if verdict.label != "caption":
            continue
        caption = split_caption(lines[index])
        match = CAPTION_CREDIT.pattern.match(lines[index].strip())
        if match is not None and not match.group("text").strip() and captions and captions[-1]["credit"] is None:
            # A credit on its own line belongs to the caption just above it.
            captions[-1] = Caption(text=captions[-1]["text"], credit=match.group("credit").strip())
        else:
            captions.append(caption)
    return captions


def _reading_time(lines: Sequence[str], verdicts: Sequence[LineVerdict]) -> int | None:
    for index, verdict in enumerate(verdicts):
        if verdict.rule == READING_TIME.id:
            match = READING_TIME.pattern.match(lines[index])
            if match:
                return int(match.group("minutes") or match.group("minutes2"))
    return None


def _removals(lines: Sequence[str], verdicts: Sequence[LineVerdict]) -> list[Removal]:
    return [
        Removal(line=index + 1, rule=verdict.rule, text=lines[index])
        for index, verdict in enumerate(verdicts)
        if verdict.label in ("removed", "caption")
    ]
